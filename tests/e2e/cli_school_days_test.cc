// School days through `docket tick` on a simulation database, with the shipped task and
// communication workflows and a calendar whose autumn break (2026-09-28 .. 10-09) spans two
// weeks: a task deadline inside the break moves to the next school day, the weekly cadence
// skips the weeks without school, and each reminder says the time left when it fires.
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kCalendar = R"(semesters:
  - {id: 2026-autumn, labels: {zh: 2026年秋季学期, en: Autumn 2026}, start: 2026-09-01, end: 2027-01-22}
holidays:
  - {start: 2026-09-28, end: 2026-10-09, labels: {zh: 秋假, en: Autumn break}}
)";

class CliSchoolDaysTest : public CliTest {
 protected:
  void SetUp() override {
    db_ = dir_.File("school-days.db");
    ASSERT_EQ(Docket({"init", "--simulation"}).exit_code, 0);
    ASSERT_EQ(Docket({"org", "load", SourcePath("workflows/examples/org.yaml")}).exit_code, 0);
    for (const char* wf : {"workflows/task.yaml", "workflows/finding.yaml", "workflows/communication.yaml"}) {
      auto r = Docket({"workflow", "load", SourcePath(wf)});
      ASSERT_EQ(r.exit_code, 0) << wf << ": " << r.err;
    }
    std::ofstream(dir_.File("calendar.yaml")) << kCalendar;
    auto cal = Docket({"calendar", "load", dir_.File("calendar.yaml")});
    ASSERT_EQ(cal.exit_code, 0) << cal.err;
  }

  nlohmann::json Tick(const std::string& now) {
    now_ = now;
    auto r = Docket({"--json", "tick"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }

  // The messages in `who`'s inbox, newest last, in language `lang`.
  std::vector<std::string> Inbox(const std::string& who, const std::string& lang) {
    auto r = As(who, {"--json", "inbox"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> out;
    for (const auto& n : nlohmann::json::parse(r.out)) out.push_back(n["message"][lang].get<std::string>());
    return out;
  }
};

TEST_F(CliSchoolDaysTest, ADeadlineInTheBreakMovesToTheNextSchoolDayAndRemindersSayTheTimeLeft) {
  // Due Saturday 2026-10-03, inside the break: the next school day is Monday 10-12, so the
  // task is due at its end in Beijing, 2026-10-12T16:00Z; -2d reminds the owner at 10-10T16:00Z.
  auto made = As("wang", {"item", "create", "task", "--org", "school-a", "--set", "title=食堂改造", "--set",
                          "owner=li", "--set", "due_date=2026-10-03"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_EQ(Tick("2026-10-02T00:00:00Z")["fired"].size(), 0u);  // the unmoved date's reminder time
  EXPECT_EQ(Tick("2026-10-10T15:59:59Z")["fired"].size(), 0u);

  auto remind = Tick("2026-10-10T16:00:00Z")["fired"];
  ASSERT_EQ(remind.size(), 1u);
  EXPECT_EQ(remind[0]["kind"], "notify");
  EXPECT_THAT(remind[0].dump(), HasSubstr("deadline@2026-10-12T16:00:00Z:-2d:notify"));
  // Fired late, 3 days after the moved due time: the +1d step says how late it really is.
  auto late = Tick("2026-10-15T16:00:00Z")["fired"];
  ASSERT_EQ(late.size(), 1u);
  EXPECT_THAT(late[0].dump(), HasSubstr("deadline@2026-10-12T16:00:00Z:+1d:notify"));

  auto en = Inbox("li", "en");
  auto zh = Inbox("li", "zh");
  ASSERT_EQ(en.size(), 2u);
  ASSERT_EQ(zh.size(), 2u);
  std::string all_en = en[0] + "\n" + en[1];
  std::string all_zh = zh[0] + "\n" + zh[1];
  EXPECT_THAT(all_en, HasSubstr("The task is due soon; due in 2 days"));
  EXPECT_THAT(all_zh, HasSubstr("督办事项即将到期；距截止还有 2 天"));
  EXPECT_THAT(all_en, HasSubstr("The task is overdue; overdue by 3 days"));
  EXPECT_THAT(all_zh, HasSubstr("督办事项已逾期；已逾期 3 天"));
  EXPECT_THAT(As("li", {"--lang", "en", "inbox"}).out, HasSubstr("overdue by 3 days"));

  auto verify = Docket({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(CliSchoolDaysTest, TheWeeklyCadenceSkipsWeeksWithoutSchool) {
  now_ = "2026-09-21T08:00:00Z";
  auto made = As("wang", {"item", "create", "communication", "--org", "school-a"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::string id = made.out;  // `item create` prints the new id
  while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
  // Met on Friday 09-25 10:00: the next 7 days hold no whole school day (the weekend, then the
  // break), nor the 7 after them; the week to Friday 10-16 10:00 holds 10-12 .. 10-15.
  now_ = "2026-09-25T10:00:00Z";
  auto met = As("li", {"item", "act", id, "record", "--set", "topic=安全工作"});
  ASSERT_EQ(met.exit_code, 0) << met.err;

  EXPECT_EQ(Tick("2026-10-02T10:00:00Z")["fired"].size(), 0u);  // not missed: a holiday week
  EXPECT_EQ(Tick("2026-10-09T10:00:00Z")["fired"].size(), 0u);  // nor the next
  auto remind = Tick("2026-10-15T12:00:00Z")["fired"];
  ASSERT_EQ(remind.size(), 1u);
  EXPECT_EQ(remind[0]["kind"], "notify");
  EXPECT_THAT(remind[0].dump(), HasSubstr("weekly@2026-10-16T10:00:00Z:-1d:notify"));
  EXPECT_THAT(Inbox("li", "en").back(), HasSubstr("due in 22 hours"));
  EXPECT_THAT(Inbox("li", "zh").back(), HasSubstr("距截止还有 22 小时"));

  auto missed = Tick("2026-10-16T10:00:00Z")["fired"];
  ASSERT_EQ(missed.size(), 1u);
  EXPECT_EQ(missed[0]["kind"], "transition");
  EXPECT_EQ(missed[0]["action"], "miss");

  auto verify = Docket({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace docket::testing
