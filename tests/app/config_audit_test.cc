// Configuration loads in the audit log (docs/AUDIT.md, "Configuration entries"): org, table
// and calendar loads append one entry per organization whose configuration changed, in the
// load's transaction, with [before, after] per key; unchanged reloads and refused loads
// append nothing; and every reader of the chain (verify, export, history) accepts them.
#include <SQLiteCpp/SQLiteCpp.h>

#include <gmock/gmock.h>

#include <fstream>
#include <sstream>

#include "app/history.h"
#include "app_fixture.h"
#include "audit/chain.h"
#include "audit/json_value.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

const char* const kOrgs[] = {"district", "school-a", "school-b", "school-c"};

// Replaces the one occurrence of `from` in `text` (fails the test when there is none).
std::string Edited(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// "key: before -> after" per change, as JSON, for readable comparisons.
std::vector<std::string> Changes(const AuditEntry& e) {
  std::vector<std::string> out;
  for (const FieldChange& c : e.changes) {
    out.push_back(c.field + ": " + DumpJson(ValueToJson(c.before)) + " -> " + DumpJson(ValueToJson(c.after)));
  }
  return out;
}

class ConfigAuditFixture : public AppFixture {
 protected:
  std::map<std::string, std::int64_t> Heads() {
    std::map<std::string, std::int64_t> out;
    for (const char* org : kOrgs) out[org] = static_cast<std::int64_t>(Chain(org).size());
    return out;
  }
  std::string OrgYaml() const { return std::string(FindShipped("workflows/examples/org.yaml")->text); }
  std::string TableYaml() const { return std::string(FindShipped("workflows/lists/decision-matters.yaml")->text); }
  std::string CalendarYaml() const { return std::string(FindShipped("workflows/examples/calendar.yaml")->text); }

  // Loads `yaml` as an org file one minute later; returns how many entries it wrote.
  int LoadOrgs(const std::string& yaml) {
    clock_.Advance(std::chrono::minutes(1));
    auto r = docket_->LoadOrgs(yaml, "/some/folder/org.yaml");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->audit_entries : -1;
  }
  int LoadTable(const std::string& yaml) {
    clock_.Advance(std::chrono::minutes(1));
    auto r = docket_->LoadTable(yaml, "decision-matters.yaml");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->audit_entries : -1;
  }
  void LoadCalendar(const std::string& yaml) {
    clock_.Advance(std::chrono::minutes(1));
    Status st = docket_->LoadCalendar(yaml, "calendar.yaml");
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  void ExpectVerifies() {
    auto v = docket_->Verify(std::nullopt);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
  }
};

using ConfigAuditTest = OnEachStore<ConfigAuditFixture>;
// SQLite only: these cases change the stored record with raw SQL behind the store's back,
// which no store interface can do (the audit log has no update).
class ConfigAuditSqliteTest : public ConfigAuditFixture {};

TEST_P(ConfigAuditTest, AFirstLoadWritesOneEntryPerOrganizationWithEverythingFromNull) {
  for (const char* org : kOrgs) {
    SCOPED_TRACE(org);
    auto chain = Chain(org);
    ASSERT_EQ(chain.size(), 1u);
    const AuditEntry& e = chain[0];
    EXPECT_EQ(e.seq, 1);
    EXPECT_EQ(e.action, "config-org");
    EXPECT_EQ(e.outcome, "ok");
    EXPECT_EQ(e.item_id, 0);
    EXPECT_EQ(e.workflow, "");
    EXPECT_EQ(e.actor, "");
    EXPECT_EQ(e.reason, "loaded from org.yaml");
    EXPECT_EQ(e.time, "2026-03-02T09:00:00Z");  // the injected clock
    for (const FieldChange& c : e.changes) EXPECT_TRUE(c.before.is_null()) << c.field;
  }
  const auto changes = Changes(Chain("school-a")[0]);
  for (const char* expected : {
           R"(bodies: null -> ["party-meeting","office-meeting","staff-congress"])",
           R"(bodies.party-meeting.members: null -> ["wang","li","chen","gao","ma","he","xu"])",
           R"(bodies.party-meeting.attendees: null -> ["liu"])",
           R"(bodies.office-meeting.name.zh: null -> "校长办公会议")",
           R"(roles.wang: null -> ["committee_member","secretary"])",
           R"(roles.liu: null -> ["clerk"])",
           R"(parent: null -> "district")",
           R"(attrs.secretary_principal: null -> "separate")"}) {
    EXPECT_THAT(changes, ::testing::Contains(std::string(expected)));
  }
  // Only school-a's own role holders: sun is school-b's secretary.
  for (const std::string& c : changes) EXPECT_EQ(c.find("roles.sun"), std::string::npos) << c;
  EXPECT_THAT(Changes(Chain("school-b")[0]), ::testing::Contains(std::string(
                                                 R"(roles.sun: null -> ["principal","secretary"])")));
  ExpectVerifies();
}

TEST_P(ConfigAuditTest, ReloadingTheSameFileWritesNothing) {
  const auto heads = Heads();
  EXPECT_EQ(LoadOrgs(OrgYaml()), 0);
  EXPECT_EQ(Heads(), heads);
}

TEST_P(ConfigAuditTest, AChangedBodyMembershipWritesOneEntryWithBeforeAndAfter) {
  auto heads = Heads();
  EXPECT_EQ(LoadOrgs(Edited(OrgYaml(), "members: [wang, li, chen, gao, ma, he, xu]", "members: [wang, li, chen, gao, ma, he]")), 1);
  ++heads["school-a"];
  EXPECT_EQ(Heads(), heads);
  auto chain = Chain("school-a");
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(chain[1].action, "config-org");
  EXPECT_EQ(chain[1].time, "2026-03-02T09:01:00Z");
  EXPECT_THAT(Changes(chain[1]), ::testing::ElementsAre(std::string(
                                     R"(bodies.party-meeting.members: ["wang","li","chen","gao","ma","he","xu"] -> ["wang","li","chen","gao","ma","he"])")));
  EXPECT_EQ(chain[1].prev_hash, chain[0].hash);
  ExpectVerifies();
}

TEST_P(ConfigAuditTest, AChangedRoleWritesOneEntryInTheOrganizationOfTheRole) {
  // liu, school-a's clerk, becomes school-b's clerk as well: school-a's holders are as before.
  const std::string liu = "  - id: liu\n    name: {zh: 刘洋, en: Liu Yang}\n    roles:\n      - {org: school-a, role: clerk}\n";
  ASSERT_NE(OrgYaml().find(liu), std::string::npos);
  EXPECT_EQ(LoadOrgs(Edited(OrgYaml(), liu, liu + "      - {org: school-b, role: clerk}\n")), 1);
  EXPECT_EQ(Chain("school-a").size(), 1u);
  auto b = Chain("school-b");
  ASSERT_EQ(b.size(), 2u);
  EXPECT_THAT(Changes(b[1]), ::testing::ElementsAre(std::string(R"(roles.liu: null -> ["clerk"])")));

  // A file with only liu in it replaces liu's roles whole: school-b, which the file does not
  // name, loses its new clerk, and school-a gets a different role for liu.
  EXPECT_EQ(LoadOrgs("people:\n  - id: liu\n    name: {zh: 刘洋, en: Liu Yang}\n    roles:\n"
                     "      - {org: school-a, role: vice_principal}\n"),
            2);
  auto a = Chain("school-a");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_THAT(Changes(a[1]), ::testing::ElementsAre(std::string(R"(roles.liu: ["clerk"] -> ["vice_principal"])")));
  b = Chain("school-b");
  ASSERT_EQ(b.size(), 3u);
  EXPECT_THAT(Changes(b[2]), ::testing::ElementsAre(std::string(R"(roles.liu: ["clerk"] -> null)")));
  EXPECT_EQ(Chain("district").size(), 1u);
  ExpectVerifies();
}

TEST_P(ConfigAuditTest, ATableGoesIntoEveryChainWhenItsContentChanges) {
  EXPECT_EQ(LoadTable(TableYaml()), 4);
  for (const char* org : kOrgs) {
    SCOPED_TRACE(org);
    auto chain = Chain(org);
    ASSERT_EQ(chain.size(), 2u);
    EXPECT_EQ(chain[1].action, "config-table");
    EXPECT_EQ(chain[1].reason, "loaded from decision-matters.yaml");
    EXPECT_EQ(chain[1].changes.size(), 8u);
    EXPECT_THAT(Changes(chain[1]), ::testing::Contains(std::string(
                                       R"(tables.decision-matters.large-spending: null -> "party-meeting")")));
  }
  EXPECT_EQ(LoadTable(TableYaml()), 0);
  EXPECT_EQ(LoadTable(TableYaml() + "# a comment changes nothing\n"), 0);
  EXPECT_EQ(LoadTable(Edited(TableYaml(), "routine: office-meeting", "routine: party-meeting")), 4);
  for (const char* org : kOrgs) {
    auto chain = Chain(org);
    ASSERT_EQ(chain.size(), 3u) << org;
    EXPECT_THAT(Changes(chain[2]), ::testing::ElementsAre(std::string(
                                       R"(tables.decision-matters.routine: "office-meeting" -> "party-meeting")")));
  }
  ExpectVerifies();
}

TEST_P(ConfigAuditTest, TheCalendarGoesIntoEveryChainWhenItsContentChanges) {
  LoadCalendar(CalendarYaml());
  for (const char* org : kOrgs) {
    SCOPED_TRACE(org);
    auto chain = Chain(org);
    ASSERT_EQ(chain.size(), 2u);
    EXPECT_EQ(chain[1].action, "config-calendar");
    const auto changes = Changes(chain[1]);
    EXPECT_THAT(changes, ::testing::Contains(std::string(R"(semesters: null -> ["2026-spring","2026-autumn"])")));
    EXPECT_THAT(changes, ::testing::Contains(std::string(R"(semesters.2026-spring.end: null -> "2026-07-10")")));
    EXPECT_THAT(changes, ::testing::Contains(std::string(
                             R"(on_semester_end: null -> [["semester-report","school","semester"]])")));
    EXPECT_THAT(changes, ::testing::Contains(std::string(
                             R"(holidays: null -> [["2026-04-04","2026-04-06","清明节","Qingming Festival"],["2026-05-01","2026-05-05","劳动节","Labour Day"],["2026-10-01","2026-10-07","国庆节","National Day"]])")));
  }
  const auto heads = Heads();
  LoadCalendar(CalendarYaml() + "# only a comment\n");
  EXPECT_EQ(Heads(), heads);
  LoadCalendar(Edited(CalendarYaml(), "end: 2026-07-10", "end: 2026-07-17"));
  for (const char* org : kOrgs) {
    auto chain = Chain(org);
    ASSERT_EQ(chain.size(), 3u) << org;
    EXPECT_THAT(Changes(chain[2]),
                ::testing::ElementsAre(std::string(R"(semesters.2026-spring.end: "2026-07-10" -> "2026-07-17")")));
  }
  ExpectVerifies();
}

// A stored calendar that no longer parses does not block the load that repairs it, nor new
// organizations meanwhile; the repair is recorded in full, from nothing.
TEST_P(ConfigAuditTest, AStoredCalendarThatNoLongerParsesCanBeReplacedAndIsRecordedInFull) {
  ASSERT_TRUE(store_->PutCalendar("semesters: [unclosed", "2026-03-02T09:00:00Z").ok());
  std::string yaml = OrgYaml();
  yaml.replace(yaml.find("  - id: school-c"), 0, "  - id: school-d\n    parent: district\n    name: {zh: 第四中学, en: No. 4 School}\n    kind: school\n");
  EXPECT_GE(LoadOrgs(yaml), 1);
  const auto before = Heads();
  ConfigRecorded recorded;
  clock_.Advance(std::chrono::minutes(1));
  Status st = docket_->LoadCalendar(CalendarYaml(), "calendar.yaml", &recorded);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_TRUE(recorded.changed);
  EXPECT_EQ(recorded.audit_entries, static_cast<int>(std::size(kOrgs)) + 1);  // and school-d
  for (const char* org : kOrgs) {
    auto chain = Chain(org);
    ASSERT_EQ(static_cast<std::int64_t>(chain.size()), before.at(org) + 1) << org;
    EXPECT_EQ(chain.back().action, "config-calendar");
    for (const FieldChange& c : chain.back().changes) EXPECT_TRUE(c.before.is_null()) << c.field;
  }
  ExpectVerifies();
}

// A recorded calendar that stops parsing (changed in the database file) and is then repaired
// by a load of another calendar: each chain records the change from the calendar it recorded
// last — removals included — so that verification still adds up.
TEST_P(ConfigAuditTest, ARepairedCalendarIsRecordedFromTheCalendarTheChainsRecordedLast) {
  LoadCalendar(CalendarYaml());
  ASSERT_TRUE(store_->PutCalendar("semesters: [unclosed", "2026-03-02T09:00:00Z").ok());
  auto broken = docket_->Verify(std::nullopt);
  EXPECT_EQ(broken.status().code(), Code::kIntegrity);
  EXPECT_THAT(broken.status().message(), HasSubstr("its audit log records the calendar, but"));
  const auto heads = Heads();
  std::string yaml = CalendarYaml();
  yaml = yaml.substr(0, yaml.find("holidays:")) + "\n";  // no holidays, no semester-end rules
  ConfigRecorded recorded;
  clock_.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(docket_->LoadCalendar(yaml, "calendar.yaml", &recorded).ok());
  EXPECT_TRUE(recorded.changed);
  EXPECT_EQ(recorded.audit_entries, static_cast<int>(std::size(kOrgs)));
  for (const char* org : kOrgs) {
    auto chain = Chain(org);
    ASSERT_EQ(static_cast<std::int64_t>(chain.size()), heads.at(org) + 1) << org;
    const auto changes = Changes(chain.back());
    EXPECT_THAT(changes, ::testing::Contains(::testing::StartsWith("holidays: [[")));
    EXPECT_THAT(changes, ::testing::Contains(::testing::StartsWith("on_semester_end: [[")));
    for (const std::string& c : changes) EXPECT_THAT(c, ::testing::EndsWith("-> null")) << org;
  }
  ExpectVerifies();
}

TEST_P(ConfigAuditTest, ANewOrganizationsChainStartsWithTheTablesAndCalendarInForce) {
  ASSERT_EQ(LoadTable(TableYaml()), 4);
  LoadCalendar(CalendarYaml());
  const auto heads = Heads();
  EXPECT_EQ(LoadOrgs("organizations:\n  - id: school-d\n    parent: district\n"
                     "    name: {zh: 第四中学, en: No. 4 Middle School}\n    kind: school\n"),
            4);  // its three, and its registration in the installation's chain
  auto d = Chain("school-d");
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].action, "config-org");
  EXPECT_EQ(d[1].action, "config-table");
  EXPECT_EQ(d[1].changes.size(), 8u);
  EXPECT_EQ(d[2].action, "config-calendar");
  for (const AuditEntry& e : d) {
    for (const FieldChange& c : e.changes) EXPECT_TRUE(c.before.is_null()) << e.action << " " << c.field;
  }
  EXPECT_EQ(Heads(), heads);  // a new school below the district changes no other chain
  ExpectVerifies();
}

TEST_P(ConfigAuditTest, ARefusedLoadWritesNoEntryAndChangesNothing) {
  ASSERT_EQ(LoadTable(TableYaml()), 4);
  const auto heads = Heads();
  const auto orgs = docket_->ListOrgs();
  // A changed body naming a person nobody loaded: refused after the org was written.
  auto r = docket_->LoadOrgs(Edited(OrgYaml(), "members: [li, chen, tang]", "members: [li, chen, tang, nobody]"), "org.yaml");
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  // A role in an organization nobody loaded, for a person whose roles would change.
  r = docket_->LoadOrgs("people:\n  - id: liu\n    name: {zh: 刘洋, en: Liu Yang}\n    roles:\n"
                        "      - {org: nowhere, role: clerk}\n",
                        "org.yaml");
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ(docket_->LoadTable("table: decision-matters\nentries: {routine: [not, an, id]}\n", "t.yaml").status().code(),
            Code::kInvalid);
  EXPECT_EQ(Heads(), heads);
  auto now = docket_->ListOrgs();
  ASSERT_TRUE(now.ok() && orgs.ok());
  EXPECT_EQ(now->size(), orgs->size());
  EXPECT_EQ(now->at(1).bodies.at(1).members, orgs->at(1).bodies.at(1).members);
  EXPECT_EQ(docket_->GetTable("decision-matters")->at("routine"), "office-meeting");
}

TEST_P(ConfigAuditTest, AStorageFailureAfterTheEntryLeavesNeitherTheChangeNorTheEntry) {
  const auto heads = Heads();
  SqliteOptions faulty;
  faulty.fault_hook = [](const char* at) {
    return std::string(at) == "after_audit_append" ? Status::Storage("injected") : Status::Ok();
  };
  Open(faulty);
  auto r = docket_->LoadOrgs(Edited(OrgYaml(), "members: [li, chen, tang]", "members: [li, chen]"), "org.yaml");
  EXPECT_EQ(r.status().code(), Code::kStorage);
  Open({});
  EXPECT_EQ(Heads(), heads);
  auto a = store_->GetOrg("school-a");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->bodies.at(1).members, (std::vector<std::string>{"li", "chen", "tang"}));
}

TEST_P(ConfigAuditTest, VerifyExportAndHistoryAcceptConfigurationEntriesAmongItems) {
  std::int64_t id = NewMatter();
  clock_.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(docket_->Act({id, "submit", {}, std::nullopt, "liu"}).ok());
  ASSERT_EQ(LoadTable(TableYaml()), 4);
  ASSERT_EQ(LoadOrgs(Edited(OrgYaml(), "members: [li, chen, tang]", "members: [li, chen]")), 1);
  // school-a: config-org, create, submit, config-table, config-org.
  auto chain = Chain("school-a");
  ASSERT_EQ(chain.size(), 5u);
  auto v = docket_->Verify(std::string("school-a"));
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->entries, 5);
  EXPECT_EQ(v->items, 1);

  const std::string path = dir_.File("school-a.jsonl");
  auto exported = docket_->ExportAudit("school-a", path, false);
  ASSERT_TRUE(exported.ok()) << exported.status().ToString();
  ASSERT_EQ(exported->definitions.size(), 1u);  // matter's: configuration entries name none
  EXPECT_EQ(exported->definitions[0].workflow, "matter");
  auto proof = Docket::VerifyExport(path, std::nullopt, "");
  ASSERT_TRUE(proof.ok()) << proof.status().ToString();
  EXPECT_EQ(proof->file.header.entries, 5);

  // History replays the item past the configuration entries, before and after them.
  for (const char* t : {"2026-03-02T09:00:30Z", "2026-03-02T09:10:00Z"}) {
    ItemFilter school_a;
    school_a.org = "school-a";
    auto items = ItemsAsOf(*store_, school_a, *ParseTime(t));
    ASSERT_TRUE(items.ok()) << items.status().ToString();
    ASSERT_EQ(items->size(), 1u);
    EXPECT_EQ(items->at(0).id, id);
  }
  auto item = ItemAsOf(*store_, id, clock_.Now());
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(item->state, "submitted");
  auto findings = docket_->Findings("district");
  EXPECT_TRUE(findings.ok()) << findings.status().ToString();
}

TEST_F(ConfigAuditSqliteTest, ATamperedConfigurationEntryIsFound) {
  ASSERT_EQ(LoadTable(TableYaml()), 4);
  const std::string path = dir_.File("school-a.jsonl");
  ASSERT_TRUE(docket_->ExportAudit("school-a", path, false).ok());
  store_.reset();
  docket_.reset();
  {
    // Someone adds a member to the Party meeting in the record of the first load.
    SQLite::Database raw(dir_.File("app.db"), SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;");
    raw.exec("UPDATE audit SET changes = replace(changes, '\"he\",\"xu\"]', '\"he\",\"xu\",\"zhao\"]') "
             "WHERE org = 'school-a' AND seq = 1");
    ASSERT_EQ(raw.getChanges(), 1);
  }
  Open({});
  auto v = docket_->Verify(std::nullopt);
  EXPECT_EQ(v.status().code(), Code::kIntegrity);
  EXPECT_THAT(v.status().message(), HasSubstr("organization 'school-a', entry 1: hash does not match its content"));

  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  // Someone changes the table as the export records it (entry 2 of school-a's chain).
  std::ofstream(path, std::ios::trunc) << Edited(text.str(), ".routine\":[null,\"office-meeting\"]",
                                                 ".routine\":[null,\"party-meeting\"]");
  auto file = Docket::VerifyExport(path, std::nullopt, "");
  EXPECT_EQ(file.status().code(), Code::kIntegrity);
  EXPECT_THAT(file.status().message(), HasSubstr("line 3 (entry 2): hash does not match"));
}

// Configuration changed in the database without a load: `audit verify` compares the stored
// configuration with what each chain's configuration entries say, and names the first key
// that differs — one the chain recorded, or, for an organization whose chain holds its
// creation, one it never recorded.
struct ConfigEdit {
  const char* name;
  const char* sql;
  const char* message;
};

// SQLite only, as ConfigAuditSqliteTest: each edit is raw SQL.
class ConfigChangedWithoutALoadTest : public ConfigAuditFixture, public ::testing::WithParamInterface<ConfigEdit> {};

TEST_P(ConfigChangedWithoutALoadTest, VerifyNamesTheOrganizationAndTheKey) {
  ASSERT_EQ(LoadTable(TableYaml()), 4);
  LoadCalendar(CalendarYaml());
  ExpectVerifies();
  store_.reset();
  docket_.reset();
  {
    SQLite::Database raw(dir_.File("app.db"), SQLite::OPEN_READWRITE);
    raw.exec(GetParam().sql);
    ASSERT_GE(raw.getChanges(), 1);
  }
  Open({});
  auto all = docket_->Verify(std::nullopt);
  EXPECT_EQ(all.status().code(), Code::kIntegrity) << all.status().ToString();
  EXPECT_THAT(all.status().message(), HasSubstr(GetParam().message));
  auto one = docket_->Verify("school-a");
  EXPECT_EQ(one.status().code(), Code::kIntegrity) << one.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Edits, ConfigChangedWithoutALoadTest,
    ::testing::Values(
        ConfigEdit{"OrgName", "UPDATE orgs SET name_zh = '某中学' WHERE id = 'school-a'",
                   "organization 'school-a', configuration 'name.zh': stored \"某中学\" but its audit log gives \""},
        ConfigEdit{"AttrRemoved", "UPDATE orgs SET attrs = '{\"party_org\":\"committee\"}' WHERE id = 'school-a'",
                   "organization 'school-a', configuration 'attrs.secretary_principal': stored absent but its "
                   "audit log gives \"separate\" (changed without a load?)"},
        ConfigEdit{"RoleAdded", "INSERT INTO person_roles VALUES ('liu', 'school-a', 'secretary')",
                   "organization 'school-a', configuration 'roles.liu': stored [\"clerk\",\"secretary\"] but its "
                   "audit log gives [\"clerk\"]"},
        ConfigEdit{"RoleOfSomeoneTheChainNeverNamed",
                   "INSERT INTO person_roles VALUES ('sun', 'school-a', 'committee_member')",
                   "organization 'school-a', configuration 'roles.sun': stored [\"committee_member\"] but its "
                   "audit log gives absent"},
        ConfigEdit{"BodyMembers",
                   "UPDATE bodies SET members = '[\"wang\",\"li\"]' WHERE org = 'school-a' AND id = 'party-meeting'",
                   "organization 'school-a', configuration 'bodies.party-meeting.members': stored [\"wang\",\"li\"]"},
        ConfigEdit{"Table",
                   "UPDATE lookup_tables SET value = 'party-meeting' WHERE name = 'decision-matters' AND key = "
                   "'routine'",
                   "organization 'district', configuration 'tables.decision-matters.routine': stored "
                   "\"party-meeting\" but its audit log gives \"office-meeting\""},
        ConfigEdit{"Calendar", "UPDATE calendar SET source = replace(source, 'end: 2026-07-10', 'end: 2026-07-17')",
                   "organization 'district', configuration 'semesters.2026-spring.end': stored \"2026-07-17\" but "
                   "its audit log gives \"2026-07-10\""},
        ConfigEdit{"CalendarUnreadable", "UPDATE calendar SET source = 'semesters: [unclosed'",
                   "organization 'district': its audit log records the calendar, but"}),
    [](const ::testing::TestParamInfo<ConfigEdit>& info) { return std::string(info.param.name); });

// An organization stored before loads were recorded (here: written straight into the store)
// has no creation in its chain: the keys a later load records are checked, and no others.
TEST_F(ConfigAuditSqliteTest, AnOrganizationStoredBeforeLoadsWereRecordedHasItsRecordedKeysChecked) {
  Org old;
  old.id = "school-old";
  old.parent = "district";
  old.name.zh = "老学校";
  old.kind = "school";
  old.attrs["party_org"] = "branch";
  ASSERT_TRUE(store_->UpsertOrg(old).ok());
  ExpectVerifies();
  EXPECT_EQ(LoadOrgs("organizations:\n  - id: school-old\n    parent: district\n"
                     "    name: {zh: 老学校, en: Old School}\n    kind: school\n    attrs: {party_org: branch}\n"),
            1);
  auto chain = Chain("school-old");
  ASSERT_EQ(chain.size(), 1u);
  EXPECT_THAT(Changes(chain[0]), ::testing::ElementsAre(std::string(R"(name.en: null -> "Old School")")));
  ExpectVerifies();
  store_.reset();
  docket_.reset();
  {
    SQLite::Database raw(dir_.File("app.db"), SQLite::OPEN_READWRITE);
    raw.exec("UPDATE orgs SET kind = 'district', name_en = 'Renamed' WHERE id = 'school-old'");
  }
  Open({});
  auto v = docket_->Verify("school-old");
  EXPECT_EQ(v.status().code(), Code::kIntegrity);
  // The name the chain recorded is checked; the kind it never recorded cannot be.
  EXPECT_THAT(v.status().message(), HasSubstr("configuration 'name.en': stored \"Renamed\" but its audit log gives "
                                              "\"Old School\""));
}

// The example in docs/AUDIT.md ("Configuration entries") is what the engine writes: the
// first line in full, the second up to where the document cuts it short.
TEST(ConfigAuditDocsTest, TheDocumentedExampleIsWhatALoadWrites) {
  TempDir dir;
  auto store = SqliteStore::Open(dir.File("docs.db"));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  FixedClock clock(*ParseTime("2026-03-01T09:00:00Z"));
  Docket docket(**store, clock, std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_st>()));
  ASSERT_TRUE(docket.InitMode(/*simulation=*/true).ok());  // the clock is fixed
  ASSERT_TRUE(docket.LoadOrgs("organizations:\n  - {id: district, name: {zh: 示例区教育工委, en: District}, kind: supervisor}\n",
                              "district.yaml")
                  .ok());
  const std::string school =
      "organizations:\n"
      "  - id: school-a\n    parent: district\n    name: {zh: 第一中学, en: No. 1 Middle School}\n    kind: school\n"
      "    bodies:\n      - {id: party-meeting, members: [wang, li, xu]}\n      - {id: office-meeting, members: [li, tang]}\n"
      "people:\n"
      "  - {id: wang, name: {zh: 王明, en: Wang Ming}, roles: [{org: school-a, role: secretary}]}\n"
      "  - {id: li, name: {zh: 李华, en: Li Hua}, roles: [{org: school-a, role: principal}]}\n"
      "  - {id: xu, name: {zh: 徐文博, en: Xu Wenbo}}\n"
      "  - {id: tang, name: {zh: 唐晓东, en: Tang Xiaodong}}\n";
  ASSERT_TRUE(docket.LoadOrgs(school, "/home/admin/config/org.yaml").ok());
  clock.Advance(std::chrono::hours(24));
  std::string moved = school;
  moved.replace(moved.find("[wang, li, xu]"), 14, "[wang, li]");
  moved.replace(moved.find("[li, tang]"), 10, "[li, tang, xu]");
  moved.replace(moved.find("Xu Wenbo}}"), 10, "Xu Wenbo}, roles: [{org: school-a, role: vice_principal}]}");
  ASSERT_EQ(docket.LoadOrgs(moved, "org.yaml")->audit_entries, 1);

  std::vector<std::string> written;
  ASSERT_TRUE((*store)->ForEachAuditEntry("school-a", [&](const AuditEntry& e) {
    written.push_back(CanonicalJson(e));
    return Status::Ok();
  }).ok());
  ASSERT_EQ(written.size(), 2u);
  std::ifstream in(std::string(DOCKET_SOURCE_DIR) + "/docs/AUDIT.md");
  std::vector<std::string> documented;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("{\"action\":\"config-org\"", 0) == 0) documented.push_back(line);
  }
  ASSERT_EQ(documented.size(), 2u) << "docs/AUDIT.md lost its configuration entry example";
  EXPECT_EQ(documented[0], written[0]);
  const std::string shown = documented[1].substr(0, documented[1].find(",…"));
  EXPECT_EQ(written[1].substr(0, shown.size()), shown) << written[1];
  EXPECT_NE(documented[1].find("\"seq\":2"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Stores, ConfigAuditTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
