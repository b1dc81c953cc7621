// The semester report (R14, R16) derived from one semester driven through the application,
// on SQLite and in memory: each section counts what the record holds; submitting records
// the report's content hash in the audit chain, and that hash is the hash of the report
// regenerated as of the moment of submission and of the copy kept; the roll-up shows each
// school's status; accept and return go through Act.
#include <gmock/gmock.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "app/report_source.h"
#include "audit/chain.h"
#include "report_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

// SQLite only: these cases read the file's index list, or change a kept document with raw
// SQL behind the store's back (the store's only write of a document keeps the first copy).
class ReportSqliteTest : public ReportFixture {};

TEST_P(ReportTest, EverySectionCountsWhatTheRecordHolds) {
  Semester();
  At("2026-07-15T09:00:00Z");
  auto doc = docket_->Report("semester", "school-a", "2026-spring");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->generated_at, "2026-07-15T17:00:00+08:00");  // on the school's clock
  EXPECT_EQ(doc->term_start, "2026-02-23");
  EXPECT_EQ(doc->term_end, "2026-07-10");

  // Meetings per body: held, attendance present/members, quorum.
  const ReportTable* meetings = TableOf(*doc, "meetings", "summary");
  ASSERT_NE(meetings, nullptr);
  ASSERT_EQ(meetings->rows.size(), 3u);  // party, office, total
  EXPECT_EQ(CellOf(meetings, 0, "body", Lang::kZh), "党委会");
  EXPECT_EQ(CellOf(meetings, 0, "held"), "1");
  EXPECT_EQ(CellOf(meetings, 0, "attendance"), "5/7 (71.4%)");
  EXPECT_EQ(CellOf(meetings, 0, "quorum"), "1");
  EXPECT_EQ(CellOf(meetings, 1, "body", Lang::kEn), "Principal's office meeting");
  EXPECT_EQ(CellOf(meetings, 1, "attendance"), "3/3 (100.0%)");
  EXPECT_EQ(CellOf(meetings, -1, "body"), "Total");
  EXPECT_EQ(CellOf(meetings, -1, "attendance"), "8/10 (80.0%)");
  EXPECT_TRUE(meetings->total);

  // Matters per body and category, the 三重一大 ones set apart.
  const ReportTable* apart = TableOf(*doc, "matters", "apart");
  ASSERT_NE(apart, nullptr);
  ASSERT_EQ(apart->rows.size(), 4u);  // cadre (deferred), project (rejected), spending (adopted), total
  EXPECT_EQ(CellOf(apart, 0, "category", Lang::kZh), "重要干部任免");
  EXPECT_EQ(CellOf(apart, 0, "deferred"), "1");
  EXPECT_EQ(CellOf(apart, 0, "decided"), "0");
  EXPECT_EQ(CellOf(apart, 1, "rejected"), "1");
  EXPECT_EQ(CellOf(apart, 2, "category"), "Large-sum spending");
  EXPECT_EQ(CellOf(apart, 2, "adopted"), "1");
  EXPECT_EQ(CellOf(apart, -1, "decided"), "2");
  const ReportTable* others = TableOf(*doc, "matters", "others");
  ASSERT_NE(others, nullptr);
  ASSERT_EQ(others->rows.size(), 2u);
  EXPECT_EQ(CellOf(others, 0, "meeting.body", Lang::kZh), "校长办公会议");
  EXPECT_EQ(CellOf(others, 0, "category"), "Routine matter");
  EXPECT_EQ(CellOf(others, 0, "adopted"), "1");

  // Decisions with their execution: the canteen done 10 days late, the exams one overdue.
  const ReportTable* decisions = TableOf(*doc, "decisions", "items");
  ASSERT_NE(decisions, nullptr);
  ASSERT_EQ(decisions->rows.size(), 2u);
  EXPECT_EQ(CellOf(decisions, 0, "item"), "#" + std::to_string(canteen_decision_));
  EXPECT_EQ(CellOf(decisions, 0, "status"), "Done late");
  EXPECT_EQ(CellOf(decisions, 0, "days_overdue"), "10");
  EXPECT_EQ(CellOf(decisions, 0, "state", Lang::kZh), "已办结");
  EXPECT_EQ(CellOf(decisions, 1, "status", Lang::kZh), "逾期未完成");
  EXPECT_EQ(CellOf(decisions, 1, "days_overdue"), "76");  // 2026-04-30 to 2026-07-15
  // $progress: the roll-up over all of each decision's tasks (core/progress.h): both of the
  // canteen's tasks reached 100 %; tang's one exams task reported nothing, so 0 %.
  EXPECT_EQ(CellOf(decisions, 0, "progress"), "100%");
  EXPECT_EQ(CellOf(decisions, 1, "progress", Lang::kZh), "0%");
  const ReportTable* dsum = TableOf(*doc, "decisions", "summary");
  EXPECT_EQ(CellOf(dsum, 0, "total"), "2");
  EXPECT_EQ(CellOf(dsum, 0, "open"), "1");
  EXPECT_EQ(CellOf(dsum, 0, "closed"), "1");
  EXPECT_EQ(CellOf(dsum, 0, "overdue"), "2");

  // Tasks due this term: li on time, chen late, tang overdue.
  const ReportTable* tasks = TableOf(*doc, "tasks", "summary");
  EXPECT_EQ(CellOf(tasks, 0, "total"), "3");
  EXPECT_EQ(CellOf(tasks, 0, "on_time"), "1");
  EXPECT_EQ(CellOf(tasks, 0, "late"), "1");
  EXPECT_EQ(CellOf(tasks, 0, "overdue"), "1");
  EXPECT_EQ(CellOf(tasks, 0, "open"), "0");

  // Temporary actions and whether they were explained.
  const ReportTable* temporary = TableOf(*doc, "temporary", "items");
  ASSERT_EQ(temporary->rows.size(), 2u);
  EXPECT_EQ(CellOf(temporary, 0, "taken_by", Lang::kZh), "李华");
  EXPECT_EQ(CellOf(temporary, 0, "state"), "Explained");
  EXPECT_EQ(CellOf(temporary, 0, "meeting.held_at"), "2026-03-10 17:00 +08:00");
  EXPECT_EQ(CellOf(temporary, 1, "state", Lang::kZh), "已处置待说明");
  EXPECT_EQ(CellOf(temporary, 1, "meeting.held_at"), "—");
  EXPECT_EQ(CellOf(TableOf(*doc, "temporary", "summary"), 0, "explained"), "1");

  // The weekly communication: three weeks of twenty, and the weeks without one listed.
  const ReportTable* cadence = TableOf(*doc, "communication", "summary");
  EXPECT_EQ(CellOf(cadence, 0, "periods_with"), "3");
  EXPECT_EQ(CellOf(cadence, 0, "periods"), "20");
  EXPECT_EQ(CellOf(cadence, 0, "actions"), "3");
  const ReportTable* missed = TableOf(*doc, "communication", "missed");
  ASSERT_EQ(missed->rows.size(), 17u);
  EXPECT_EQ(CellOf(missed, 0, "from"), "2026-02-23");
  EXPECT_EQ(CellOf(missed, 1, "period"), "5");  // weeks 2-4 had one
  EXPECT_EQ(CellOf(missed, -1, "to"), "2026-07-10");

  // The chain head at generation time.
  auto head = store_->GetAuditHead("school-a");
  ASSERT_TRUE(head.ok());
  const ReportTable* chain = TableOf(*doc, "chain", "head");
  EXPECT_EQ(CellOf(chain, 0, "seq"), std::to_string(head->seq));
  EXPECT_EQ(CellOf(chain, 0, "hash"), head->hash);
}

TEST_P(ReportTest, ATermIsTheCalendarsAndItsItemsOnly) {
  Semester();
  At("2026-09-20T09:00:00Z");
  auto autumn = docket_->Report("semester", "school-a", "2026-autumn");
  ASSERT_TRUE(autumn.ok()) << autumn.status().ToString();
  EXPECT_TRUE(TableOf(*autumn, "meetings", "summary")->rows.empty());
  EXPECT_TRUE(TableOf(*autumn, "decisions", "items")->rows.empty());
  EXPECT_EQ(CellOf(TableOf(*autumn, "communication", "summary"), 0, "periods"), "2");  // 09-01 .. 09-20

  auto unknown = docket_->Report("semester", "school-a", "2031-spring");
  EXPECT_EQ(unknown.status().code(), Code::kInvalid);
  EXPECT_THAT(unknown.status().message(), HasSubstr("2026-spring"));
  EXPECT_EQ(docket_->Report("semester", "nowhere", "2026-spring").status().code(), Code::kNotFound);
  EXPECT_EQ(docket_->Report("quarterly", "school-a", "2026-spring").status().code(), Code::kNotFound);
}

// The indexes a report reads a term's items by are made when the workflows are loaded, not
// by the first report (which took seconds on a district of 2 million items): building the
// reports then makes none.
TEST_F(ReportSqliteTest, TheTermIndexesExistOnceTheWorkflowsAreLoaded) {
  auto indexes = [&] {
    std::set<std::string> out;
    SQLite::Database raw(dir_.File("app.db"), SQLite::OPEN_READONLY);
    SQLite::Statement q(raw, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'items_by_%'");
    while (q.executeStep()) out.insert(q.getColumn(0).getString());
    return out;
  };
  const std::set<std::string> loaded = indexes();
  std::size_t wanted = 0;
  for (const std::string& id : ShippedReportIds()) {
    auto r = ResolveReport(*store_, id);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    wanted += TermIndexes(*docket_, *r->def).size();
  }
  EXPECT_GE(wanted, 3u);
  EXPECT_GE(loaded.size(), 3u);
  EXPECT_LE(loaded.size(), wanted);  // a pair two reports share is one index
  Semester();
  ASSERT_TRUE(docket_->Report("semester", "school-a", "2026-spring").ok());
  ASSERT_TRUE(docket_->Rollup("semester", "district", "2026-spring").ok());
  EXPECT_EQ(indexes(), loaded);
}

TEST_P(ReportTest, TheSameRecordAndTimeGiveTheSameDocument) {
  Semester();
  At("2026-07-15T09:00:00Z");
  auto a = docket_->Report("semester", "school-a", "2026-spring");
  auto b = docket_->Report("semester", "school-a", "2026-spring");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(CanonicalReport(*a), CanonicalReport(*b));
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    EXPECT_EQ(RenderMarkdown(*a, lang), RenderMarkdown(*b, lang));
    EXPECT_EQ(RenderHtml(*a, lang), RenderHtml(*b, lang));
    EXPECT_EQ(RenderCsv(*a, lang), RenderCsv(*b, lang));
  }
  // The json form reads back to the same document.
  auto back = ReportFromJson(ReportToJson(*a));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(CanonicalReport(*back), CanonicalReport(*a));
}

TEST_P(ReportTest, SubmittingRecordsTheHashOfTheReportAsOfThatMoment) {
  const std::int64_t report = Semester();
  At("2026-07-15T09:00:00Z");
  // The report regenerated as of the moment of submission: nothing happens in between.
  auto before = docket_->Report("semester", "school-a", "2026-spring");
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  const std::string expected = ReportHash(*before);
  auto submitted = Act(report, "submit", {}, "wang");
  ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  EXPECT_EQ(submitted->item.fields.at("report_hash"), Value(expected));
  // The hash is in the submission's audit entry, so in the chain.
  bool in_entry = false;
  for (const auto& c : submitted->entry.changes) in_entry = in_entry || (c.field == "report_hash" && c.after == Value(expected));
  EXPECT_TRUE(in_entry);
  EXPECT_EQ(submitted->entry.hash, EntryHash(submitted->entry));
  // The kept copy is that document.
  At("2026-07-20T09:00:00Z");
  auto kept = docket_->SubmittedReport("semester", "school-a", "2026-spring");
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(CanonicalReport(*kept), CanonicalReport(*before));
  // Regenerated later, the report differs (time, chain head): the proof is the kept copy.
  EXPECT_NE(ReportHash(*docket_->Report("semester", "school-a", "2026-spring")), expected);

  auto check = docket_->VerifySubmission("semester", "school-a", "2026-spring", RenderJson(*before));
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  ASSERT_EQ(check->submissions.size(), 1u);
  EXPECT_EQ(check->submissions[0].hash, expected);
  EXPECT_EQ(check->submissions[0].seq, submitted->entry.seq);
  EXPECT_EQ(check->file_matches, std::optional<std::size_t>(0));
  ExpectVerifies();
}

TEST_F(ReportSqliteTest, AnAlteredDocumentOrKeptCopyIsCaught) {
  const std::int64_t report = Semester();
  At("2026-07-15T09:00:00Z");
  ASSERT_TRUE(Act(report, "submit", {}, "wang").ok());
  auto doc = docket_->SubmittedReport("semester", "school-a", "2026-spring");
  ASSERT_TRUE(doc.ok());
  // One number changed in the document the school hands over.
  ReportDoc forged = *doc;
  forged.sections[0].tables[0].rows[0][1] = ReportCell{Value(std::int64_t{2}), {}};
  auto check = docket_->VerifySubmission("semester", "school-a", "2026-spring", RenderJson(forged));
  EXPECT_EQ(check.status().code(), Code::kIntegrity);
  EXPECT_THAT(check.status().message(), HasSubstr("matches no submission"));
  EXPECT_EQ(docket_->VerifySubmission("semester", "school-a", "2026-spring", std::string("{\"x\": 1}")).status().code(),
            Code::kInvalid);
  // The kept copy changed in the database file.
  const std::string hash = docket_->GetItem(report)->fields.at("report_hash").as_string();
  {
    SQLite::Database db(dir_.File("app.db"), SQLite::OPEN_READWRITE);
    SQLite::Statement q(db, "UPDATE documents SET content = replace(content, '\"held\"', '\"held \"') WHERE hash = ?");
    q.bind(1, hash);
    ASSERT_EQ(q.exec(), 1);
  }
  auto altered = docket_->VerifySubmission("semester", "school-a", "2026-spring", std::nullopt);
  EXPECT_EQ(altered.status().code(), Code::kIntegrity);
  EXPECT_THAT(altered.status().message(), HasSubstr("was altered"));
  EXPECT_EQ(docket_->SubmittedReport("semester", "school-a", "2026-spring").status().code(), Code::kIntegrity);
}

TEST_P(ReportTest, ResubmittingRecordsTheNewVersionToo) {
  const std::int64_t report = Semester();
  At("2026-07-15T09:00:00Z");
  ASSERT_TRUE(Act(report, "submit", {}, "wang").ok());
  auto first = docket_->SubmittedReport("semester", "school-a", "2026-spring");
  At("2026-07-16T09:00:00Z");
  auto returned = docket_->ReviewReport("semester", "school-a", "2026-spring", false, "请补充督办情况", "zhao");
  ASSERT_TRUE(returned.ok()) << returned.status().ToString();
  EXPECT_EQ(returned->item.state, "returned");
  EXPECT_EQ(returned->item.fields.at("comment"), Value("请补充督办情况"));
  At("2026-07-18T09:00:00Z");
  ASSERT_TRUE(Act(report, "resubmit", {{"summary", "已补充"}}, "wang").ok());
  auto check = docket_->VerifySubmission("semester", "school-a", "2026-spring", RenderJson(*first));
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  ASSERT_EQ(check->submissions.size(), 2u);
  EXPECT_EQ(check->submissions[1].action, "resubmit");
  EXPECT_NE(check->submissions[0].hash, check->submissions[1].hash);
  EXPECT_EQ(check->file_matches, std::optional<std::size_t>(0));  // the first version, not the standing one
  auto accepted = docket_->ReviewReport("semester", "school-a", "2026-spring", true, "", "zhao");
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->item.state, "accepted");
  ExpectVerifies();
}

TEST_P(ReportTest, OnlyASupervisorAcceptsAndTheRefusalIsAudited) {
  const std::int64_t report = Semester();
  At("2026-07-15T09:00:00Z");
  ASSERT_TRUE(Act(report, "submit", {}, "wang").ok());
  const int before = Entries(report);
  auto self = docket_->ReviewReport("semester", "school-a", "2026-spring", true, "", "li");
  EXPECT_EQ(self.status().code(), Code::kForbidden);
  EXPECT_EQ(Entries(report), before + 1);
  EXPECT_EQ(docket_->History(report)->back().outcome, "refused");
  EXPECT_EQ(docket_->ReviewReport("semester", "school-a", "2026-autumn", true, "", "zhao").status().code(),
            Code::kNotFound);
  auto no_comment = docket_->ReviewReport("semester", "school-a", "2026-spring", false, "", "zhao");
  EXPECT_EQ(no_comment.status().code(), Code::kInvalid);
  EXPECT_EQ(docket_->GetItem(report)->state, "submitted");
}

TEST_P(ReportTest, TheRollupShowsEverySchoolBelowWithItsStatus) {
  const std::int64_t report = Semester();
  At("2026-07-15T09:00:00Z");
  ASSERT_TRUE(Act(report, "submit", {}, "wang").ok());
  At("2026-08-12T09:00:00Z");  // after 2026-08-10: the others' drafts are late
  auto rollup = docket_->Rollup("semester", "district", "2026-spring");
  ASSERT_TRUE(rollup.ok()) << rollup.status().ToString();
  EXPECT_EQ(rollup->kind, "rollup");
  const ReportTable* orgs = TableOf(*rollup, "orgs", "orgs");
  ASSERT_NE(orgs, nullptr);
  ASSERT_EQ(orgs->rows.size(), 4u);  // three schools and the total
  EXPECT_EQ(orgs->rows[0][0].value, Value("school-a"));
  EXPECT_EQ(CellOf(orgs, 0, "status"), "Submitted");
  EXPECT_EQ(CellOf(orgs, 0, "hash"), docket_->GetItem(report)->fields.at("report_hash").as_string().substr(0, 16));
  EXPECT_EQ(CellOf(orgs, 0, "meetings.held"), "2");
  EXPECT_EQ(CellOf(orgs, 0, "matters.decided"), "3");
  EXPECT_EQ(CellOf(orgs, 0, "decisions.open"), "1");
  EXPECT_EQ(CellOf(orgs, 0, "decisions.closed"), "1");
  EXPECT_EQ(CellOf(orgs, 0, "tasks.overdue"), "1");
  EXPECT_EQ(CellOf(orgs, 1, "status", Lang::kZh), "逾期未报");
  EXPECT_EQ(CellOf(orgs, 2, "status"), "Late");
  EXPECT_EQ(CellOf(orgs, -1, "meetings.held"), "2");
  const ReportTable* statuses = TableOf(*rollup, "statuses", "statuses");
  ASSERT_NE(statuses, nullptr);
  for (const auto& row : statuses->rows) {
    const std::string s = row[0].value.as_string();
    EXPECT_EQ(row[1].value, Value(std::int64_t{s == "submitted" ? 1 : s == "late" ? 2 : 0})) << s;
  }
  // Seen from a school, the roll-up is that school alone; an unknown org is not found.
  auto one = docket_->Rollup("semester", "school-b", "2026-spring");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(TableOf(*one, "orgs", "orgs")->rows.size(), 2u);
  EXPECT_EQ(docket_->Rollup("semester", "nowhere", "2026-spring").status().code(), Code::kNotFound);
}

// The roll-up reads each section, the report items and the findings' items once for all
// the schools, not school by school: on PostgreSQL (a round trip per statement) five more
// schools cost not one statement more. On every store the new schools are listed, not
// opened, and count nothing.
TEST_P(ReportTest, TheRollupReadsBySectionNotSchoolBySchool) {
  const std::int64_t report = Semester();
  At("2026-07-15T09:00:00Z");
  ASSERT_TRUE(Act(report, "submit", {}, "wang").ok());
  At("2026-08-12T09:00:00Z");
  auto* pg = dynamic_cast<PgStore*>(store_.get());
  auto sent = [&]() -> std::int64_t { return pg != nullptr ? pg->StatementsSent() : 0; };
  ASSERT_TRUE(docket_->Rollup("semester", "district", "2026-spring").ok());  // definitions and indexes read once
  std::int64_t before = sent();
  auto three = docket_->Rollup("semester", "district", "2026-spring");
  ASSERT_TRUE(three.ok()) << three.status().ToString();
  const std::int64_t with_three = sent() - before;

  auto a = store_->GetOrg("school-a");
  ASSERT_TRUE(a.ok());
  for (int i = 1; i <= 5; ++i) {
    Org more;
    more.id = "school-z" + std::to_string(i);
    more.parent = a->parent;
    more.name = Labels("新学校", "New school");
    more.kind = "school";
    more.time_zone = a->time_zone;
    ASSERT_TRUE(store_->UpsertOrg(more).ok());
  }
  before = sent();
  auto eight = docket_->Rollup("semester", "district", "2026-spring");
  ASSERT_TRUE(eight.ok()) << eight.status().ToString();
  const std::int64_t with_eight = sent() - before;

  const ReportTable* orgs = TableOf(*eight, "orgs", "orgs");
  ASSERT_NE(orgs, nullptr);
  ASSERT_EQ(orgs->rows.size(), 9u);  // eight schools and the total
  EXPECT_EQ(orgs->rows[0][0].value, Value("school-a"));
  EXPECT_EQ(CellOf(orgs, 0, "status"), "Submitted");
  EXPECT_EQ(CellOf(orgs, 0, "meetings.held"), "2");
  EXPECT_EQ(CellOf(orgs, 0, "tasks.overdue"), "1");
  for (int row = 3; row < 8; ++row) {
    EXPECT_EQ(orgs->rows[row][0].value, Value("school-z" + std::to_string(row - 2)));
    EXPECT_EQ(CellOf(orgs, row, "status"), "Not opened");
    EXPECT_EQ(CellOf(orgs, row, "meetings.held"), "0");
    EXPECT_EQ(CellOf(orgs, row, "findings"), "1");  // its semester report is missing
  }
  EXPECT_EQ(CellOf(orgs, -1, "meetings.held"), "2");
  EXPECT_EQ(CellOf(orgs, -1, "tasks.overdue"), CellOf(TableOf(*three, "orgs", "orgs"), -1, "tasks.overdue"));
  if (pg != nullptr) {
    EXPECT_GT(with_three, 0);
    EXPECT_EQ(with_eight, with_three) << "statements for three schools: " << with_three;
  }
}

TEST_P(ReportTest, WithoutACalendarTheSubmissionGoesThroughWithoutAHash) {
  const std::int64_t report = Semester();
  // A report item naming a term the calendar does not have (an import, say).
  auto odd = docket_->CreateItem({"semester-report", "school-b", std::nullopt, {{"semester", "2019-spring"}}, "sun"});
  ASSERT_TRUE(odd.ok()) << odd.status().ToString();
  Ok(odd->item.id, "approve", {{"summary", "s"}, {"approved_at_meeting", "2019-07-01"}}, "sun");
  auto r = Act(odd->item.id, "submit", {}, "sun");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->item.fields.count("report_hash"), 0u);
  EXPECT_EQ(docket_->VerifySubmission("semester", "school-b", "2019-spring", std::nullopt).status().code(),
            Code::kNotFound);
  (void)report;
}

INSTANTIATE_TEST_SUITE_P(Stores, ReportTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
