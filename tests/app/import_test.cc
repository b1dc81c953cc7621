// The audited import of records from before Docket (app/import.h), on SQLite and in memory:
// the records come in marked, each with an "import" entry in the organization's chain that
// `audit verify` replays; only the secretary or the clerk may import; a bad record names
// where it is and changes nothing; the replay refuses an import entry that is not a creation
// or does not carry its marks, and any other entry that touches the marks; findings list
// imported records instead of judging them; the semester report counts them apart.
#include <gmock/gmock.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "audit/replay.h"
#include "report_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class ImportFixture : public ReportFixture {
 protected:
  Result<ImportReport> Import(const std::string& text, const std::string& who, const std::string& org = "school-a") {
    return docket_->ImportItems({text, "import.yaml", org, who});
  }
  std::string Example() { return std::string(FindShipped("workflows/examples/import.yaml")->text); }
  std::int64_t Head(const std::string& org = "school-a") {
    auto head = store_->GetAuditHead(org);
    EXPECT_TRUE(head.ok());
    return head.ok() ? head->seq : -1;
  }
  std::size_t ItemCount() {
    auto items = docket_->ListItems({});
    EXPECT_TRUE(items.ok());
    return items.ok() ? items->size() : 0;
  }
};

using ImportTest = OnEachStore<ImportFixture>;

TEST_P(ImportTest, RecordsComeInMarkedAndAudited) {
  const std::int64_t before = Head();
  auto r = Import(Example(), "wang");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->records.size(), 4u);
  EXPECT_EQ(r->role, "secretary");
  const ImportedRecord& meeting = r->records[0];
  const ImportedRecord& decision = r->records[1];
  EXPECT_EQ(meeting.key, "meeting-0905");
  EXPECT_EQ(meeting.state, "archived");

  auto d = docket_->GetItem(decision.id);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->workflow, "decision");
  EXPECT_EQ(d->state, "in_execution");
  EXPECT_TRUE(IsImported(*d));
  EXPECT_EQ(d->fields.at(kImportedField), Value(std::string("党委会会议记录本第3册第13页")));
  EXPECT_EQ(d->fields.at(kRecordedOnField), Value(std::string("2025-09-05")));
  EXPECT_EQ(d->fields.at("meeting"), Value(meeting.id));  // the key, resolved
  EXPECT_EQ(d->fields.at("due_date"), Value(std::string("2025-12-31")));
  EXPECT_EQ(FormatTime(d->created_at), "2026-03-02T09:00:00Z");  // the real time of the import
  for (int i : {2, 3}) {
    auto task = docket_->GetItem(r->records[i].id);
    ASSERT_TRUE(task.ok());
    EXPECT_EQ(task->parent, decision.id);
    EXPECT_TRUE(IsImported(*task));
  }
  EXPECT_EQ(docket_->GetItem(r->records[2].id)->fields.at("evidence"),
            Value(List{Value(std::string("招标公告")), Value(std::string("中标通知书"))}));

  // One "import" entry each, at the real time, naming the file; the marks in its changes.
  auto h = docket_->History(decision.id);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->size(), 1u);
  const AuditEntry& e = h->front();
  EXPECT_EQ(e.action, "import");
  EXPECT_EQ(e.actor, "wang");
  EXPECT_EQ(e.role, "secretary");
  EXPECT_EQ(e.outcome, "ok");
  EXPECT_EQ(e.from_state, "");
  EXPECT_EQ(e.to_state, "in_execution");
  EXPECT_EQ(e.time, "2026-03-02T09:00:00Z");
  EXPECT_EQ(e.reason, "imported from import.yaml");
  EXPECT_EQ(e.seq, decision.seq);
  bool marked = false;
  for (const FieldChange& c : e.changes) marked = marked || (c.field == kImportedField && c.before.is_null());
  EXPECT_TRUE(marked);
  EXPECT_EQ(Head(), before + 4);

  auto verified = docket_->Verify(std::string("school-a"));
  EXPECT_TRUE(verified.ok()) << verified.status().ToString();

  // The imported decision goes on like any other.
  Ok(decision.id, "add_tasks", {{"owners", "tang"}}, "wang");
  EXPECT_TRUE(docket_->Verify(std::string("school-a")).ok());
}

TEST_P(ImportTest, ItemCreateDecisionStaysRefused) {
  auto r = docket_->CreateItem({"decision", "school-a", std::nullopt, {{"title", "t"}}, "wang"});
  EXPECT_EQ(r.status().code(), Code::kForbidden) << r.status().ToString();
}

TEST_P(ImportTest, TheClerkMayImportOthersMayNot) {
  auto clerk = Import(Example(), "liu");
  ASSERT_TRUE(clerk.ok()) << clerk.status().ToString();
  EXPECT_EQ(clerk->role, "clerk");

  const std::size_t items = ItemCount();
  for (const char* who : {"li", "chen", "zhao", "sun"}) {
    SCOPED_TRACE(who);
    const std::int64_t head = Head();
    auto r = Import(Example(), who);
    ASSERT_EQ(r.status().code(), Code::kForbidden) << r.status().ToString();
    EXPECT_EQ(ItemCount(), items);
    // The refusal is in the chain, and nothing else.
    EXPECT_EQ(Head(), head + 1);
    auto last = store_->ScanAudit("school-a", head + 1, head + 1, [](const AuditEntry& e) {
      EXPECT_EQ(e.action, "import");
      EXPECT_EQ(e.outcome, "refused");
      EXPECT_EQ(e.item_id, 0);
      return Status::Ok();
    });
    EXPECT_TRUE(last.ok());
  }
  EXPECT_EQ(Import(Example(), "nobody").status().code(), Code::kNotFound);
  EXPECT_EQ(Import(Example(), "").status().code(), Code::kInvalid);
  EXPECT_EQ(Import(Example(), "wang", "no-such-school").status().code(), Code::kNotFound);
  EXPECT_TRUE(docket_->Verify(std::nullopt).ok());
}

TEST_P(ImportTest, ABadRecordNamesWhereAndChangesNothing) {
  const std::string good =
      "records:\n"
      "  - key: m\n"                               // line 2
      "    workflow: meeting\n"
      "    state: archived\n"
      "    recorded_on: 2025-09-05\n"
      "    source: 记录本第1页\n"
      "    fields: {title: 第一次党委会, body: party-meeting}\n";
  struct Case {
    std::string record;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"  - {workflow: task, state: assigned, recorded_on: 2025-09-06, source: s, fields: {due_date: 2025-13-40}}\n",
       "import.yaml:8:94: record 2 (task): field 'due_date'"},
      {"  - {workflow: nope, state: x, recorded_on: 2025-09-06, source: s}\n", "record 2 (nope): no workflow 'nope'"},
      {"  - {workflow: task, state: dreaming, recorded_on: 2025-09-06, source: s}\n",
       "record 2 (task): workflow 'task' has no state 'dreaming'"},
      {"  - {workflow: task, state: assigned, recorded_on: 2025-09-06, source: s, fields: {colour: red}}\n",
       "record 2 (task): workflow 'task' has no field 'colour'"},
      {"  - {workflow: task, state: assigned, recorded_on: 2025-09-06, source: s, fields: {progress: lots}}\n",
       "field 'progress'"},
      {"  - {workflow: task, state: assigned, recorded_on: 2025-09-06, source: s, fields: {owner: [li, chen]}}\n",
       "field 'owner' is a person, not a list"},
      {"  - {workflow: task, state: assigned, recorded_on: 2030-01-01, source: s}\n",
       "import.yaml:8:52: record 2 (task): recorded_on 2030-01-01 is not before now"},
      {"  - {workflow: task, state: assigned, recorded_on: 2025-09-06}\n", "record 2 (task) needs 'source'"},
      {"  - {workflow: task, state: assigned, recorded_on: 5 Sept, source: s}\n", "recorded_on must be a date"},
      {"  - {workflow: task, parent: later, state: assigned, recorded_on: 2025-09-06, source: s}\n",
       "parent 'later' is neither an item id nor the key of an earlier record"},
      {"  - {workflow: task, parent: 9999, state: assigned, recorded_on: 2025-09-06, source: s}\n",
       "parent item #9999 does not exist"},
      {"  - {workflow: decision, state: adopted, recorded_on: 2025-09-06, source: s, fields: {title: t, meeting: 9999}}\n",
       "field 'meeting': item #9999 does not exist"},
      {"  - {workflow: decision, state: adopted, recorded_on: 2025-09-06, source: s, fields: {title: t, meeting: gone}}\n",
       "field 'meeting'"},
      {"  - {workflow: task, state: assigned, recorded_on: 2025-09-06, source: s, colour: red}\n", "colour"},
      {"  - {key: m, workflow: task, state: assigned, recorded_on: 2025-09-06, source: s}\n",
       "key 'm' is already the key of record 1"},
      {"  - [not, a, record]\n", "record 2"},
      {"  - {workflow: task, state: assigned: recorded_on\n", "import.yaml:8"},
  };
  // An item of another school, which no record of school-a may name.
  auto other = docket_->CreateItem({"meeting", "school-b", std::nullopt,
                                    {{"title", "t"}, {"body", "party-meeting"}, {"scheduled_at", "2026-03-09T09:00:00Z"}},
                                    "sun"});
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  std::vector<Case> all = cases;
  all.push_back({"  - {workflow: task, parent: " + std::to_string(other->item.id) +
                     ", state: assigned, recorded_on: 2025-09-06, source: s}\n",
                 "belongs to organization 'school-b'"});
  all.push_back({"  - {workflow: decision, state: adopted, recorded_on: 2025-09-06, source: s, fields: {title: t, meeting: " +
                     std::to_string(other->item.id) + "}}\n",
                 "belongs to organization 'school-b'"});

  const std::size_t items = ItemCount();
  const std::int64_t head = Head();
  for (const Case& c : all) {
    SCOPED_TRACE(c.record);
    auto r = Import(good + c.record, "wang");
    ASSERT_EQ(r.status().code(), Code::kInvalid) << r.status().ToString();
    EXPECT_THAT(r.status().message(), HasSubstr(c.says));
    EXPECT_EQ(ItemCount(), items);
    EXPECT_EQ(Head(), head);
  }
  for (const std::string& text : {std::string(""), std::string("records: []\n"), std::string("- a\n"),
                                  std::string("records:\n  - workflow: task\n    state: assigned\n") + "    recorded_on: 2025-09-06\n    source: \"\"\n"}) {
    auto r = Import(text, "wang");
    EXPECT_EQ(r.status().code(), Code::kInvalid) << text;
    EXPECT_EQ(Head(), head);
  }
  // The good record alone goes in.
  ASSERT_TRUE(Import(good, "wang").ok());
  EXPECT_EQ(ItemCount(), items + 1);
}

// The replay (audit verify, history as of a date) accepts an import only as a creation with
// its marks, and refuses any other entry that sets or changes them.
TEST(ImportReplay, ImportEntriesAreCreationsWithTheirMarksAndNothingElseTouchesThem) {
  auto entry = [](std::int64_t seq, const std::string& action, const std::string& from, std::int64_t version,
                  std::vector<FieldChange> changes) {
    AuditEntry e;
    e.org = "school-a";
    e.seq = seq;
    e.action = action;
    e.outcome = "ok";
    e.item_id = 1;
    e.workflow = "decision";
    e.workflow_version = 2;
    e.from_state = from;
    e.to_state = "adopted";
    e.item_version = version;
    e.changes = std::move(changes);
    return e;
  };
  const FieldChange source{kImportedField, Value(), Value(std::string("记录本"))};
  const FieldChange day{kRecordedOnField, Value(), Value(std::string("2025-09-05"))};
  const FieldChange title{"title", Value(), Value(std::string("t"))};
  {
    AuditReplay r;
    EXPECT_TRUE(r.Apply(entry(1, "import", "", 1, {source, day, title})).ok());
    EXPECT_EQ(r.Find(1)->state, "adopted");
    // A later import of the same item, an action re-marking it, one removing the mark.
    EXPECT_THAT(r.Apply(entry(2, "import", "adopted", 2, {})).message(), HasSubstr("not its creation"));
  }
  {
    AuditReplay r;
    ASSERT_TRUE(r.Apply(entry(1, "import", "", 1, {source, day, title})).ok());
    const FieldChange unmark{kImportedField, Value(std::string("记录本")), Value()};
    EXPECT_THAT(r.Apply(entry(2, "assign", "adopted", 2, {unmark})).message(), HasSubstr("only an import sets it"));
  }
  {
    AuditReplay r;
    EXPECT_THAT(r.Apply(entry(1, "create", "", 1, {source, day, title})).message(), HasSubstr("only an import sets it"));
  }
  {
    AuditReplay r;
    EXPECT_THAT(r.Apply(entry(1, "import", "", 1, {title})).message(),
                HasSubstr("does not carry its source note and original date"));
  }
}

// SQLite only: the import entry and the imported item changed behind the engine's back.
class ImportTamperTest : public ImportFixture {};

TEST_F(ImportTamperTest, ATamperedImportFailsVerification) {
  auto r = Import(Example(), "wang");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::string seq = std::to_string(r->records[1].seq), id = std::to_string(r->records[1].id);
  ASSERT_TRUE(docket_->Verify(std::nullopt).ok());
  auto tamper = [&](const std::string& sql) {
    SQLite::Database db(dir_.File("app.db"), SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;");
    db.exec(sql);
  };
  // The source note in the entry.
  tamper("UPDATE audit SET changes = replace(changes, '第3册第13页', '第9册第99页') WHERE org = 'school-a' AND seq = " + seq);
  Open({});
  auto v = docket_->Verify(std::string("school-a"));
  ASSERT_EQ(v.status().code(), Code::kIntegrity);
  EXPECT_THAT(v.status().message(), HasSubstr("entry " + seq));
  tamper("UPDATE audit SET changes = replace(changes, '第9册第99页', '第3册第13页') WHERE org = 'school-a' AND seq = " + seq);
  Open({});
  ASSERT_TRUE(docket_->Verify(std::string("school-a")).ok());
  // The mark taken off the item: it would pass for an ordinary decision.
  tamper("UPDATE items SET fields = json_remove(fields, '$.\"$imported\"') WHERE id = " + id);
  Open({});
  v = docket_->Verify(std::string("school-a"));
  ASSERT_EQ(v.status().code(), Code::kIntegrity);
  EXPECT_THAT(v.status().message(), HasSubstr("item " + id + ": field '$imported'"));
}

// Findings do not judge an imported record retroactively; they list it as imported.
TEST_P(ImportTest, FindingsListImportedRecordsInsteadOfJudgingThem) {
  const std::string text =
      "records:\n"
      "  - {key: m, workflow: meeting, state: archived, recorded_on: 2025-09-05, source: 记录本第1页,\n"
      "     fields: {title: 党委会, body: party-meeting, scheduled_at: 2025-09-05T07:00:00Z}}\n"
      "  - {workflow: task, state: in_progress, recorded_on: 2025-09-08, source: 台账第7号,\n"
      "     fields: {title: 施工, owner: chen, due_date: 2025-12-31}}\n";
  auto r = Import(text, "wang");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto found = docket_->Findings("school-a");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  int imported = 0;
  for (const Finding& f : *found) {
    if (f.item != r->records[0].id && f.item != r->records[1].id) continue;
    EXPECT_EQ(f.rule, "imported");
    EXPECT_EQ(f.severity, "info");
    EXPECT_EQ(f.check, "import");
    ++imported;
    if (f.item == r->records[0].id) {
      EXPECT_THAT(f.detail.English(), HasSubstr("R2 held_with_quorum"));
    }
    if (f.item == r->records[1].id) {
      EXPECT_THAT(f.detail.English(), HasSubstr("R12 overdue"));
    }
    EXPECT_THAT(f.detail.English(), HasSubstr("imported from '"));
  }
  EXPECT_EQ(imported, 2);
}

// The semester report counts imported records like the rest of the record, and apart.
TEST_P(ImportTest, TheReportCountsImportedRecordsApart) {
  Semester();
  At("2026-07-15T09:00:00Z");
  const std::string text =
      "records:\n"
      "  - {key: m, workflow: meeting, state: archived, recorded_on: 2026-02-27, source: 记录本第2页,\n"
      "     fields: {title: 开学党委会, body: party-meeting, scheduled_at: 2026-02-27T07:00:00Z,\n"
      "              held_at: 2026-02-27T07:00:00Z, present: [wang, li, chen, gao, ma, he]}}\n"
      "  - {key: d, workflow: decision, state: in_execution, recorded_on: 2026-02-27, source: 记录本第3页,\n"
      "     fields: {title: 校舍维修, category: routine, meeting: m, due_date: 2026-06-30}}\n"
      "  - {workflow: task, parent: d, state: closed, recorded_on: 2026-03-01, source: 台账第1号,\n"
      "     fields: {title: 维修, owner: tang, due_date: 2026-04-30, progress: 100}}\n";
  ASSERT_TRUE(Import(text, "liu").ok());
  auto doc = docket_->Report("semester", "school-a", "2026-spring");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  const ReportTable* meetings = TableOf(*doc, "meetings", "summary");
  EXPECT_EQ(CellOf(meetings, 0, "held"), "2");  // the imported one counts as held
  EXPECT_EQ(CellOf(meetings, 0, "imported"), "1");
  EXPECT_EQ(CellOf(meetings, 1, "imported"), "0");
  EXPECT_EQ(CellOf(meetings, -1, "imported"), "1");
  EXPECT_EQ(CellOf(TableOf(*doc, "decisions", "summary"), 0, "total"), "3");
  EXPECT_EQ(CellOf(TableOf(*doc, "decisions", "summary"), 0, "imported"), "1");
  EXPECT_EQ(CellOf(TableOf(*doc, "tasks", "summary"), 0, "imported"), "1");

  auto rollup = docket_->Rollup("semester", "district", "2026-spring");
  ASSERT_TRUE(rollup.ok()) << rollup.status().ToString();
  const ReportTable* orgs = TableOf(*rollup, "orgs", "orgs");
  EXPECT_EQ(CellOf(orgs, 0, "org"), "Example District No. 1 Middle School");
  EXPECT_EQ(CellOf(orgs, 0, "decisions.imported"), "1");
  EXPECT_EQ(CellOf(orgs, 1, "decisions.imported"), "0");
}

INSTANTIATE_TEST_SUITE_P(Stores, ImportTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
