// Configuration entries (audit/config_entries.h) in the chain's readers: the replay skips
// exactly them and refuses every other "ok" entry without an item; VerifyAudit and the
// export verify a chain that holds them, and find one that was changed.
#include "audit/config_entries.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "audit/export_verify.h"
#include "audit/replay.h"
#include "store/audit_export.h"
#include "store/audit_verify.h"
#include "store_test_util.h"

namespace docket {
namespace {

using testing::At;
using testing::CreateItem;
using testing::OpenOrDie;
using testing::TempDir;

AuditEntry OrgEntry() {
  return ConfigEntry("school-a", kConfigOrgAction,
                     {{"bodies.party-meeting.members", Value(), Value(List{Value("wang"), Value("li")})},
                      {"roles.wang", Value(), Value(List{Value("secretary")})}},
                     "2026-03-01T09:00:00Z", "org.yaml");
}

TEST(AuditConfigTest, AConfigurationEntryNamesNothingButItsOrganizationAndFile) {
  const AuditEntry e = OrgEntry();
  EXPECT_TRUE(IsConfigEntry(e));
  EXPECT_EQ(e.outcome, "ok");
  EXPECT_EQ(e.item_id, 0);
  EXPECT_EQ(e.actor, "");
  EXPECT_EQ(e.role, "");
  EXPECT_EQ(e.reason, "loaded from org.yaml");
  for (std::string_view action : {kConfigOrgAction, kConfigTableAction, kConfigCalendarAction}) {
    EXPECT_TRUE(IsConfigEntry(ConfigEntry("x", action, {}, "2026-03-01T09:00:00Z", "f")));
  }
}

TEST(AuditConfigTest, TheReplaySkipsConfigurationEntriesAndNothingElseWithoutAnItem) {
  AuditReplay replay;
  EXPECT_TRUE(replay.Apply(OrgEntry()).ok());
  EXPECT_TRUE(replay.items().empty());

  struct Case {
    const char* what;
    void (*change)(AuditEntry&);
    const char* message;
  } cases[] = {
      {"an item action", [](AuditEntry& e) { e.action = "create"; }, "an ok entry names no item"},
      {"an unknown config action", [](AuditEntry& e) { e.action = "config-people"; }, "an ok entry names no item"},
      {"a negative item", [](AuditEntry& e) { e.item_id = -1; }, "an ok entry names no item"},
      {"a workflow", [](AuditEntry& e) { e.workflow = "matter"; }, "configuration entry 'config-org' names"},
      {"a workflow version", [](AuditEntry& e) { e.workflow_version = 1; }, "configuration entry"},
      {"a from state", [](AuditEntry& e) { e.from_state = "drafted"; }, "configuration entry"},
      {"a to state", [](AuditEntry& e) { e.to_state = "drafted"; }, "configuration entry"},
      {"an item version", [](AuditEntry& e) { e.item_version = 1; }, "configuration entry"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    AuditEntry e = OrgEntry();
    c.change(e);
    EXPECT_FALSE(IsConfigEntry(e));
    AuditReplay fresh;
    Status st = fresh.Apply(e);
    EXPECT_EQ(st.code(), Code::kIntegrity);
    EXPECT_NE(st.message().find(c.message), std::string::npos) << st.message();
  }
  // A refused entry without an item is a refused creation: fine, whatever its action.
  AuditEntry refused = OrgEntry();
  refused.outcome = "refused";
  refused.action = "create";
  EXPECT_FALSE(IsConfigEntry(refused));
  EXPECT_TRUE(AuditReplay().Apply(refused).ok());
}

class AuditConfigStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrDie(dir_.File("docket.db"));
    ASSERT_NE(store_, nullptr);
    Org org;
    org.id = "school-a";
    ASSERT_TRUE(store_->UpsertOrg(org).ok());
    ASSERT_TRUE(store_->PutDefinition({"matter", 1, "", "id: matter\nversion: 1\n", "2026-03-01T08:00:00Z"}).ok());
    // school-a: 1 config-org, 2 create item 1, 3 config-table.
    Append(OrgEntry());
    ASSERT_TRUE(CreateItem(*store_, "school-a", "matter", "draft", {{"title", Value("t")}}, "wang", At(1, 10)).ok());
    Append(ConfigEntry("school-a", kConfigTableAction,
                       {{"tables.decision-matters.routine", Value(), Value("office-meeting")}},
                       "2026-03-01T11:00:00Z", "decision-matters.yaml"));
  }
  void Append(const AuditEntry& e) {
    Status st = store_->Transact([&] { return store_->AppendAudit(e).status(); });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(AuditConfigStoreTest, AChainWithConfigurationEntriesVerifies) {
  auto v = VerifyAudit(*store_, std::nullopt);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->entries, 3);
  EXPECT_EQ(v->items, 1);
}

TEST_F(AuditConfigStoreTest, AnOkEntryWithoutAnItemThatIsNotConfigurationFailsVerification) {
  AuditEntry forged = OrgEntry();
  forged.action = "approve";  // well-formed and hashed, but about no item
  forged.time = "2026-03-01T12:00:00Z";  // after entry 3: the chain moves forward
  Append(forged);
  auto v = VerifyAudit(*store_, std::nullopt);
  EXPECT_EQ(v.status().code(), Code::kIntegrity);
  EXPECT_NE(v.status().message().find("organization 'school-a', entry 4: an ok entry names no item"),
            std::string::npos)
      << v.status().message();
}

TEST_F(AuditConfigStoreTest, AChangedConfigurationEntryFailsVerification) {
  store_.reset();
  {
    SQLite::Database raw(dir_.File("docket.db"), SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER IF EXISTS audit_no_update");
    raw.exec("UPDATE audit SET changes = replace(changes, 'office-meeting', 'party-meeting') WHERE seq = 3");
    ASSERT_EQ(raw.getChanges(), 1);
  }
  store_ = OpenOrDie(dir_.File("docket.db"));
  auto v = VerifyAudit(*store_, std::nullopt);
  EXPECT_EQ(v.status().code(), Code::kIntegrity);
  EXPECT_NE(v.status().message().find("entry 3: hash does not match its content"), std::string::npos)
      << v.status().message();
}

TEST_F(AuditConfigStoreTest, TheExportListsNoDefinitionForConfigurationEntriesAndVerifies) {
  ExportOptions o{"school-a", dir_.File("school-a.jsonl"), false, "2026-03-10T12:00:00Z"};
  auto r = ExportAudit(*store_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->header.entries, 3);
  ASSERT_EQ(r->definitions.size(), 1u);
  EXPECT_EQ(r->definitions[0].workflow, "matter");
  auto v = VerifyExportFile(o.path);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->definitions.size(), 1u);
}

}  // namespace
}  // namespace docket
