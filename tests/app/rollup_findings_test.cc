// The roll-up's findings, started ahead (FindingUseCases::Start, ReportSource::FindingsAhead)
// on connections of their own while the totals are read: the same findings, in the same
// order, as Findings computes on the caller's connection; asked for another scope, that
// scope's own; and on a store that opens no reader (in memory), nothing started.
#include <gmock/gmock.h>

#include <spdlog/sinks/null_sink.h>

#include "app/app_context.h"
#include "app/findings.h"
#include "app/report_source.h"
#include "report_fixture.h"

namespace docket::testing {
namespace {

// Each finding as one line: everything the roll-up and the findings listing show of it.
std::vector<std::string> Lines(const std::vector<Finding>& found) {
  std::vector<std::string> out;
  for (const Finding& f : found) {
    std::string line = f.org + " #" + std::to_string(f.item) + " " + f.workflow + " " + f.rule + " " + f.check + " " +
                       f.severity + " " + f.state + ": " + f.detail.English();
    for (const auto& [field, value] : f.evidence) line += " " + field + "=" + value;
    out.push_back(std::move(line));
  }
  return out;
}

class FindingsAheadTest : public OnEachStore<ReportFixture> {
 protected:
  void SetUp() override {
    OnEachStore<ReportFixture>::SetUp();
    const std::int64_t report = Semester();
    At("2026-07-15T09:00:00Z");
    ASSERT_TRUE(Act(report, "submit", {}, "wang").ok());
    At("2026-08-12T09:00:00Z");  // school-b's and school-c's reports are missing by now
    ctx_ = std::make_unique<AppContext>(*store_, clock_,
                                        std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_st>()));
  }
  std::unique_ptr<AppContext> ctx_;
};

TEST_P(FindingsAheadTest, StartedAheadTheyAreTheFindings) {
  FindingUseCases findings(*ctx_);
  const TimePoint now = clock_.Now();
  auto direct = findings.Findings("district", "2026-spring", now);
  ASSERT_TRUE(direct.ok()) << direct.status().ToString();
  ASSERT_GE(direct->size(), 3u);  // school-a's overdue decision, school-b's and school-c's missing reports
  auto pending = findings.Start("district", "2026-spring", now);
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  if (Backend() == "memory") {
    EXPECT_EQ(*pending, nullptr);  // no second connection sees an in-memory database
    return;
  }
  if (Backend() == "sqlite") {
    ASSERT_NE(*pending, nullptr);  // a file: readers of their own
  }
  if (*pending == nullptr) return;
  auto ahead = (*pending)->Wait();
  ASSERT_TRUE(ahead.ok()) << ahead.status().ToString();
  EXPECT_EQ(Lines(*ahead), Lines(*direct));
  EXPECT_FALSE((*pending)->Wait().ok());  // taken once
}

TEST_P(FindingsAheadTest, ASourceAnswersTheScopeAskedNotTheOneStarted) {
  FindingUseCases findings(*ctx_);
  const TimePoint now = clock_.Now();
  DocketReportSource source(*ctx_, findings);
  auto district = findings.Findings("district", "2026-spring", now);
  auto school = findings.Findings("school-b", "2026-spring", now);
  ASSERT_TRUE(district.ok() && school.ok());
  ASSERT_NE(Lines(*district), Lines(*school));

  ASSERT_TRUE(source.FindingsAhead("district", "2026-spring", now).ok());
  auto other = source.Findings("school-b", "2026-spring", now);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_EQ(Lines(*other), Lines(*school));
  // Another moment is another question too.
  ASSERT_TRUE(source.FindingsAhead("district", "2026-spring", now).ok());
  auto earlier = source.Findings("district", "2026-spring", *ParseTime("2026-04-01T00:00:00Z"));
  auto earlier_direct = findings.Findings("district", "2026-spring", *ParseTime("2026-04-01T00:00:00Z"));
  ASSERT_TRUE(earlier.ok() && earlier_direct.ok());
  EXPECT_EQ(Lines(*earlier), Lines(*earlier_direct));
  EXPECT_NE(Lines(*earlier), Lines(*district));
  // The one started, asked for: the district's.
  ASSERT_TRUE(source.FindingsAhead("district", "2026-spring", now).ok());
  auto same = source.Findings("district", "2026-spring", now);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(Lines(*same), Lines(*district));
}

TEST_P(FindingsAheadTest, AScopeFindingsRefuseIsRefusedAhead) {
  FindingUseCases findings(*ctx_);
  const TimePoint now = clock_.Now();
  EXPECT_EQ(findings.Findings("nowhere", "2026-spring", now).status().code(), Code::kNotFound);
  // Refused when started (the scope is read first, on the caller's connection), or else
  // when asked for (nothing started: a store without readers).
  DocketReportSource source(*ctx_, findings);
  auto refused = [&](const std::string& org, const std::string& term) {
    Status ahead = source.FindingsAhead(org, term, now);
    if (!ahead.ok()) return ahead.code();
    return source.Findings(org, term, now).status().code();
  };
  EXPECT_EQ(refused("nowhere", "2026-spring"), Code::kNotFound);
  EXPECT_EQ(refused("district", "1999-spring"), Code::kInvalid);
  if (Backend() == "sqlite") {
    EXPECT_EQ(source.FindingsAhead("nowhere", "2026-spring", now).code(), Code::kNotFound);
  }
}

// The roll-up counts the findings started ahead: per school and rule, as listed.
TEST_P(FindingsAheadTest, TheRollupCountsEachSchoolsFindings) {
  auto rollup = docket_->Rollup("semester", "district", "2026-spring");
  ASSERT_TRUE(rollup.ok()) << rollup.status().ToString();
  auto listed = docket_->Findings("district", "2026-spring");
  ASSERT_TRUE(listed.ok());
  const ReportTable* orgs = TableOf(*rollup, "orgs", "orgs");
  ASSERT_NE(orgs, nullptr);
  ASSERT_EQ(orgs->rows.size(), 4u);  // three schools and the total
  for (int row = 0; row < 3; ++row) {
    const std::string org = orgs->rows[row][0].value.as_string();
    std::int64_t counted = 0;
    for (const Finding& f : *listed) counted += f.org == org && f.rule != kImportedRule ? 1 : 0;
    EXPECT_EQ(CellOf(orgs, row, "findings"), std::to_string(counted)) << org;
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, FindingsAheadTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
