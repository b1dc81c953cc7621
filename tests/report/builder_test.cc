// The report builder over a ReportSource made here, with no store and no use case: the term
// comes from the source's calendar, the findings and the chain head from the source.
#include <gmock/gmock.h>

#include <fstream>
#include <sstream>

#include "core/catalog.h"
#include "definition/report_loader.h"
#include "definition/workflow_loader.h"
#include "report/builder.h"
#include "report/values.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

constexpr const char* kCalendar = R"(semesters:
  - id: 2026-spring
    labels: {zh: 2026年春季学期, en: Spring 2026}
    start: 2026-02-23
    end: 2026-07-10
)";

constexpr const char* kReport = R"(report: audit-only
version: 1
labels: {zh: 审计, en: Audit}
sections:
  - id: findings
    labels: {zh: 问题, en: Findings}
    findings: {}
  - id: chain
    labels: {zh: 审计链, en: Audit chain}
    chain_head: {}
)";

// Answers what the two sections above read; everything else is not there.
class FakeSource final : public ReportSource {
 public:
  std::optional<std::string> calendar = kCalendar;
  std::vector<Finding> findings;
  bool findings_fail = false;

  std::map<std::string, std::shared_ptr<const Definition>> workflows;

  Result<std::shared_ptr<const Definition>> Workflow(const std::string& id) override {
    auto it = workflows.find(id);
    if (it == workflows.end()) return Status::NotFound("no workflow " + id);
    return it->second;
  }
  Result<std::optional<std::string>> CalendarText() override { return calendar; }
  Result<TimeZone> Zone(const std::string& name) override {
    if (name == "Asia/Shanghai" && beijing) return TimeZone::Fixed(name, std::chrono::hours(8));
    return TimeZone();  // UTC
  }
  bool beijing = false;
  Result<Org> GetOrg(const std::string& id) override { return Org{id, std::nullopt, {"一中", "No. 1"}, "school", {}}; }
  Result<std::vector<Org>> ListOrgs() override { return std::vector<Org>{}; }
  Result<Person> GetPerson(const std::string& id) override { return Status::NotFound(id); }
  Result<std::vector<Item>> ItemsInTerm(const TermItemsQuery&) override { return std::vector<Item>{}; }
  Result<std::vector<Item>> ItemsOf(const std::string&, const std::string&) override { return std::vector<Item>{}; }
  Result<Item> GetItem(std::int64_t id) override { return Status::NotFound(std::to_string(id)); }
  Result<std::map<std::int64_t, std::string>> EnteredStates(const std::vector<std::int64_t>&,
                                                            const std::vector<std::string>&) override {
    return std::map<std::int64_t, std::string>{};
  }
  Result<std::vector<ItemAction>> ItemActions(std::int64_t) override { return std::vector<ItemAction>{}; }
  Result<Item> ItemAsOf(std::int64_t id, TimePoint) override { return GetItem(id); }
  Result<bool> EnsureFieldIndex(const std::string&, const std::string&) override { return false; }
  Result<Progress> ProgressOf(std::int64_t) override { return Progress{}; }
  Result<ChainHead> AuditHead(const std::string&) override { return ChainHead{7, std::string(64, 'c')}; }
  Result<std::vector<Finding>> Findings(const std::string&, const std::string& term, TimePoint) override {
    terms.push_back(term);
    if (findings_fail) return Status::Storage("disk full");
    return findings;
  }

  std::vector<std::string> terms;  // the terms findings were asked for
};

ResolvedReport Resolved() {
  std::vector<Diagnostic> diags;
  auto def = ParseReportFile(kReport, "audit-only.yaml", &diags);
  EXPECT_TRUE(def.has_value()) << FormatErrors(diags).English();
  return {std::make_shared<const ReportDefinition>(std::move(*def)), std::string(64, 'a')};
}

TEST(ReportBuilderOverASource, ReadsTheTermFindingsAndChainHeadThroughTheSource) {
  FakeSource source;
  Finding f;
  f.rule = "R3";
  f.severity = "high";
  f.org = "school-a";
  f.item = 12;
  f.workflow = "meeting";
  f.check = "quorum";
  f.message = {"不足法定人数", "No quorum"};
  source.findings = {f, f};
  source.findings[1].org = "school-b";  // below: not this org's
  ReportBuilder b(source, *ParseTime("2026-07-15T09:00:00Z"));
  ASSERT_TRUE(b.UseTerm("2026-spring").ok());
  auto doc = b.Build(Resolved(), Org{"school-a", std::nullopt, {"一中", "No. 1"}, "school", {}});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->term_start, "2026-02-23");
  EXPECT_EQ(doc->term_end, "2026-07-10");
  EXPECT_EQ(doc->generated_at, "2026-07-15T09:00:00Z");
  EXPECT_EQ(source.terms, std::vector<std::string>{"2026-spring"});
  ASSERT_EQ(doc->sections.size(), 2u);
  const ReportTable& by_rule = doc->sections[0].tables[0];
  ASSERT_EQ(by_rule.rows.size(), 1u);
  EXPECT_EQ(by_rule.rows[0][0].value, Value("R3"));
  EXPECT_EQ(by_rule.rows[0][1].value, Value(std::int64_t{1}));
  // A workflow the source does not know is shown by its id.
  EXPECT_EQ(doc->sections[0].tables[1].rows[0][2].Text(Lang::kEn), "meeting #12");
  const ReportTable& head = doc->sections[1].tables[0];
  EXPECT_EQ(head.rows[0][1].value, Value(std::int64_t{7}));
  EXPECT_EQ(head.rows[0][2].value, Value(std::string(64, 'c')));
}

// The headings and words a section writes hold both languages, from the catalog; a word whose
// English reads otherwise elsewhere (the CLI's "Evidence", 证据) keeps the report's Chinese.
TEST(ReportBuilderOverASource, SectionsWriteTheirWordsInBothLanguages) {
  FakeSource source;
  Finding f;
  f.rule = "R3";
  f.severity = "high";
  f.org = "school-a";
  f.item = 12;
  f.workflow = "meeting";
  f.check = "quorum";
  f.message = {"不足法定人数", "No quorum"};
  f.evidence = {{"found_at", "2026-03-10"}, {"present", "4"}};
  source.findings = {f};
  ReportBuilder b(source, *ParseTime("2026-07-15T09:00:00Z"));
  ASSERT_TRUE(b.UseTerm("2026-spring").ok());
  auto doc = b.Build(Resolved(), Org{"school-a", std::nullopt, {"一中", "No. 1"}, "school", {}});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  const ReportTable& list = doc->sections[0].tables[1];
  EXPECT_EQ(list.labels.zh, "问题清单");
  EXPECT_EQ(list.labels.en, "The findings");
  ASSERT_EQ(list.columns.size(), 5u);
  EXPECT_EQ(list.columns[4].labels.zh, "依据");
  EXPECT_EQ(list.columns[4].labels.en, "Evidence");
  EXPECT_EQ(Text(Msg("Evidence"), Lang::kZh), "证据");
  EXPECT_EQ(list.rows[0][1].shown.zh, "高");
  EXPECT_EQ(list.rows[0][1].shown.en, "high");
  EXPECT_EQ(list.rows[0][4].shown.zh, "found_at：2026-03-10；present：4");
  EXPECT_EQ(list.rows[0][4].shown.en, "found_at: 2026-03-10; present: 4");
  EXPECT_EQ(doc->sections[0].tables[0].columns[1].labels.zh, "问题数");
  const ReportTable& head = doc->sections[1].tables[0];
  EXPECT_EQ(head.columns[2].labels.zh, "链头哈希（SHA-256）");
  EXPECT_EQ(head.columns[2].labels.en, "Head hash (SHA-256)");
  // A section that cannot be read names the report and the section, in the reader's language.
  source.findings_fail = true;
  auto failed = b.Build(Resolved(), Org{"school-a", std::nullopt, {"一中", "No. 1"}, "school", {}});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), Code::kStorage);
  EXPECT_EQ(Text(failed.status().msg(), Lang::kZh), "报告“audit-only”，章节“findings”：disk full");
  EXPECT_EQ(failed.status().message(), "report 'audit-only', section 'findings': disk full");
}

TEST(ReportBuilderOverASource, WithoutACalendarOrTermThereIsNoReport) {
  FakeSource source;
  ReportBuilder b(source, *ParseTime("2026-07-15T09:00:00Z"));
  EXPECT_EQ(b.UseTerm("2019-spring").code(), Code::kInvalid);
  source.calendar.reset();
  EXPECT_EQ(b.UseTerm("2026-spring").code(), Code::kInvalid);
}

// A section's in_term as the report and the findings read it (InTermRangeOf): the field that
// holds the moment, followed through a reference, with the span as dates for a date field
// and as times otherwise, and the indexes that read it.
TEST(ReportBuilderOverASource, InTermFollowsTheReferenceToTheFieldThatHoldsTheMoment) {
  FakeSource source;
  auto workflow = [](const std::string& id, std::vector<FieldDef> fields) {
    auto d = std::make_shared<Definition>();
    d->id = id;
    d->fields = std::move(fields);
    return std::shared_ptr<const Definition>(std::move(d));
  };
  auto field = [](const std::string& name, FieldType type) {
    FieldDef f;
    f.name = name;
    f.type = type;
    return f;
  };
  FieldDef held = field("held_on", FieldType::kDate);
  FieldDef meeting = field("meeting", FieldType::kItem);
  meeting.workflow = "meeting";
  FieldDef due = field("due_at", FieldType::kDateTime);
  source.workflows["meeting"] = workflow("meeting", {held});
  source.workflows["matter"] = workflow("matter", {meeting, due});
  const TermSpan span{*ParseTime("2026-02-22T16:00:00Z"), *ParseTime("2026-08-31T16:00:00Z"),
                      *ParseDate("2026-02-23"), *ParseDate("2026-09-01")};  // Beijing's days

  ReportSection s;
  s.id = "matters";
  s.workflow = "matter";
  s.in_term = {TermMembership::By::kRef, "held_on", "meeting", {}};
  auto r = InTermRangeOf(source, s, span);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->query.workflow, "matter");
  EXPECT_EQ(r->query.field, "held_on");
  EXPECT_EQ(r->query.ref, "meeting");
  EXPECT_EQ(r->query.ref_workflow, "meeting");
  EXPECT_EQ(r->query.from, "2026-02-23");  // a date field: compared as dates
  EXPECT_EQ(r->query.to, "2026-09-01");
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(r->indexes, (Pairs{{"meeting", "held_on"}, {"matter", "meeting"}}));

  s.in_term = {TermMembership::By::kField, "due_at", "", {}};
  r = InTermRangeOf(source, s, span);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->query.from, "2026-02-22T16:00:00Z");  // a datetime: compared as instants
  EXPECT_EQ(r->indexes, (Pairs{{"matter", "due_at"}}));

  s.in_term = {TermMembership::By::kRef, "held_on", "due_at", {}};  // not an item field
  EXPECT_EQ(InTermRangeOf(source, s, span).status().code(), Code::kInvalid);
  source.workflows.erase("meeting");
  s.in_term = {TermMembership::By::kRef, "held_on", "meeting", {}};
  EXPECT_EQ(InTermRangeOf(source, s, span).status().code(), Code::kNotFound);
  s.in_term = {};  // by creation: no field, and no workflow needed
  source.workflows.clear();
  r = InTermRangeOf(source, s, span);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->query.field, "");
  EXPECT_EQ(r->query.from, "2026-02-22T16:00:00Z");
  EXPECT_TRUE(r->indexes.empty());
}

// A report judges a task against the deadline its timers see: the shipped task workflow
// moves a due date on a day without school to the next school day (on_holiday).
TEST(ReportBuilderOverASource, ExecutionUsesTheDeadlineTheTimersUse) {
  FakeSource source;
  source.calendar = std::string(kCalendar) + "holidays:\n  - {start: 2026-03-09, end: 2026-03-09, labels: {zh: 调休, en: Day off}}\n";
  std::ifstream in(std::string(DOCKET_SOURCE_DIR) + "/workflows/task.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::vector<Diagnostic> diags;
  auto task = ParseWorkflow(text.str(), "task.yaml", &diags);
  ASSERT_TRUE(task.has_value()) << FormatErrors(diags).English();
  ReportDefinition def;
  ReportSection s;
  s.id = "tasks";
  s.workflow = "task";
  s.execution = ExecutionRule{"due_date", {"completed", "closed"}, {"cancelled"}, {}};
  const Org org{"school-a", std::nullopt, {"一中", "No. 1"}, "school", {}};
  auto status = [&](const std::string& now, const std::string& state, const std::string& done_at) {
    ReportBuilder b(source, *ParseTime(now));
    EXPECT_TRUE(b.UseTerm("2026-spring").ok());
    SectionValues values(b, def, s, org, *task, true);
    Item item;
    item.id = 1;
    item.state = state;
    item.fields["due_date"] = Value(std::string("2026-03-08"));  // a Sunday; Monday the 9th is a holiday
    values.SetDoneTimes({{1, done_at}});
    auto ex = values.ExecutionOf(item);
    EXPECT_TRUE(ex.ok()) << ex.status().ToString();
    return ex.ok() ? ex->status + (ex->days ? " " + std::to_string(*ex->days) : "") : "";
  };
  // The timers' deadline is the end of Tuesday the 10th.
  EXPECT_EQ(status("2026-03-12T09:00:00Z", "completed", "2026-03-10T16:00:00Z"), "on_time");
  EXPECT_EQ(status("2026-03-12T09:00:00Z", "completed", "2026-03-11T08:00:00Z"), "late 1");
  EXPECT_EQ(status("2026-03-10T20:00:00Z", "in_progress", ""), "open");
  EXPECT_EQ(status("2026-03-13T09:00:00Z", "in_progress", ""), "overdue 3");
  // Without the holiday, Monday the 9th.
  source.calendar = kCalendar;
  EXPECT_EQ(status("2026-03-12T09:00:00Z", "completed", "2026-03-10T08:00:00Z"), "late 1");
  // On Beijing's clock Monday the 9th ends at 16:00 UTC, and days late are Beijing's days.
  source.beijing = true;
  EXPECT_EQ(status("2026-03-12T09:00:00Z", "completed", "2026-03-09T15:59:59Z"), "on_time");
  EXPECT_EQ(status("2026-03-12T09:00:00Z", "completed", "2026-03-09T16:00:00Z"), "late 1");
  EXPECT_EQ(status("2026-03-09T17:00:00Z", "in_progress", ""), "overdue 1");
}

}  // namespace
}  // namespace docket::testing
