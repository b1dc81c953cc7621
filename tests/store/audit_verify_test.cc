// VerifyAudit on a real store, then on tampered copies of its file. Each kind of tampering
// must be reported as an integrity failure naming the organization and the entry or item.
#include "store/audit_verify.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "audit/chain.h"
#include "store/sqlite_store.h"
#include "store_test_util.h"

namespace docket {
namespace {

using testing::Act;
using testing::At;
using testing::CreateItem;
using testing::OpenOrDie;
using testing::Refuse;
using testing::TempDir;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// school-a's chain:  1 create item 1, 2 create item 2, 3 submit item 1, 4 refused on item 2,
//                    5 submit item 2, 6 approve item 1 (clears a field)
// school-b's chain:  1 create item 3, 2 submit item 3
class AuditVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenOrDie(original_);
    ASSERT_NE(store, nullptr);
    Store& s = *store;
    ASSERT_TRUE(CreateItem(s, "school-a", "matter", "draft",
                           {{"title", Value("采购教学设备")},
                            {"amount", Value("1200.00")},
                            {"note", Value("初稿")}},
                           "wang.li", At(1))
                    .ok());
    ASSERT_TRUE(CreateItem(s, "school-a", "meeting", "planned",
                           {{"attendees", Value(List{Value("wang.li"), Value("zhao.min")})}},
                           "wang.li", At(1, 10))
                    .ok());
    ASSERT_TRUE(
        CreateItem(s, "school-b", "matter", "draft", {{"seats", Value(40)}}, "li.qiang", At(1, 11))
            .ok());
    ASSERT_TRUE(
        Act(s, 1, "submit", "submitted", {{"amount", Value("1500.00")}}, "wang.li", At(2)).ok());
    ASSERT_TRUE(Refuse(s, 2, "hold", "zhao.min", "quorum not reached: 3 of 7 present", At(3)).ok());
    ASSERT_TRUE(Act(s, 2, "hold", "held", {{"present", Value(5)}}, "wang.li", At(4)).ok());
    ASSERT_TRUE(Act(s, 3, "submit", "submitted", {}, "li.qiang", At(4)).ok());
    ASSERT_TRUE(Act(s, 1, "approve", "approved", {{"note", Value()}}, "chen.hua", At(5)).ok());
    store.reset();  // closes the file, checkpointing the WAL into it
    std::filesystem::copy_file(original_, tampered_);
  }

  // Runs `sql` on the copy with a plain connection, as a tamperer would.
  void Tamper(const std::string& sql) {
    SQLite::Database raw(tampered_, SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;");
    raw.exec(sql);
  }

  Status VerifyCopy(const std::optional<std::string>& org = std::nullopt) {
    auto store = OpenOrDie(tampered_);
    if (!store) return Status::Storage("cannot open copy");
    return VerifyAudit(*store, org).status();
  }

  void ExpectIntegrity(const Status& st, const std::vector<std::string>& parts) {
    EXPECT_EQ(st.code(), Code::kIntegrity) << st.ToString();
    for (const std::string& p : parts) EXPECT_TRUE(Contains(st.message(), p)) << st.message();
  }

  TempDir dir_;
  std::string original_ = dir_.File("docket.db");
  std::string tampered_ = dir_.File("tampered.db");
};

TEST_F(AuditVerifyTest, AnUntouchedStoreVerifies) {
  auto store = OpenOrDie(tampered_);
  ASSERT_NE(store, nullptr);
  auto report = VerifyAudit(*store, std::nullopt);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->orgs, (std::vector<std::string>{"school-a", "school-b"}));
  EXPECT_EQ(report->entries, 8);
  EXPECT_EQ(report->items, 3);

  auto one = VerifyAudit(*store, std::string("school-b"));
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->entries, 2);
  EXPECT_EQ(one->items, 1);
  EXPECT_EQ(VerifyAudit(*store, std::string("school-z")).status().code(), Code::kNotFound);
}

TEST_F(AuditVerifyTest, ChangedFieldInAnEntry) {
  Tamper("UPDATE audit SET actor='mallory' WHERE org='school-a' AND seq=3");
  ExpectIntegrity(VerifyCopy(), {"organization 'school-a'", "entry 3", "hash does not match"});
}

TEST_F(AuditVerifyTest, ChangedValueInAnEntrysChanges) {
  Tamper(
      "UPDATE audit SET changes=replace(changes, '1500.00', '15000.00') "
      "WHERE org='school-a' AND seq=3");
  ExpectIntegrity(VerifyCopy(), {"organization 'school-a'", "entry 3", "hash does not match"});
}

TEST_F(AuditVerifyTest, DeletedEntry) {
  Tamper("DELETE FROM audit WHERE org='school-a' AND seq=4");
  ExpectIntegrity(VerifyCopy(),
                  {"organization 'school-a'", "entry 5", "jumps from 3 to 5", "entry 4 missing"});
}

TEST_F(AuditVerifyTest, DeletedLastEntryShowsInTheReplay) {
  Tamper("DELETE FROM audit WHERE org='school-a' AND seq=6");
  ExpectIntegrity(VerifyCopy(), {"organization 'school-a'", "item 1", "state is 'approved'"});
}

TEST_F(AuditVerifyTest, SwappedEntriesKeepingSeq) {
  Tamper(R"(
    CREATE TEMP TABLE a AS SELECT * FROM audit WHERE org='school-a' AND seq=2;
    CREATE TEMP TABLE b AS SELECT * FROM audit WHERE org='school-a' AND seq=5;
    DELETE FROM audit WHERE org='school-a' AND seq IN (2, 5);
    INSERT INTO audit SELECT org, 2, time, actor, role, action, outcome, item_id, workflow,
      workflow_version, from_state, to_state, changes, item_version, reason, prev_hash, hash
      FROM b;
    INSERT INTO audit SELECT org, 5, time, actor, role, action, outcome, item_id, workflow,
      workflow_version, from_state, to_state, changes, item_version, reason, prev_hash, hash
      FROM a;
  )");
  ExpectIntegrity(VerifyCopy(), {"organization 'school-a'", "entry 2"});
}

TEST_F(AuditVerifyTest, ItemStateChangedWithoutAnEntry) {
  Tamper("UPDATE items SET state='rejected' WHERE id=1");
  ExpectIntegrity(VerifyCopy(), {"organization 'school-a'", "item 1", "state is 'rejected'",
                                 "audit log gives 'approved'"});
}

TEST_F(AuditVerifyTest, ItemFieldsChangedWithoutAnEntry) {
  Tamper("UPDATE items SET fields=json_set(fields, '$.amount', '99999.00') WHERE id=1");
  ExpectIntegrity(VerifyCopy(),
                  {"organization 'school-a'", "item 1", "field 'amount'", "99999.00", "1500.00"});
}

TEST_F(AuditVerifyTest, ItemFieldAddedWithoutAnEntry) {
  Tamper("UPDATE items SET fields=json_set(fields, '$.seats', 41) WHERE id=3");
  ExpectIntegrity(VerifyCopy(), {"organization 'school-b'", "item 3", "field 'seats'"});
}

TEST_F(AuditVerifyTest, ItemVersionChangedWithoutAnEntry) {
  Tamper("UPDATE items SET version=9 WHERE id=2");
  ExpectIntegrity(VerifyCopy(), {"organization 'school-a'", "item 2", "version is 9"});
}

TEST_F(AuditVerifyTest, ForgedEntryAtTheEndWithAWrongHash) {
  Tamper(R"(
    INSERT INTO audit SELECT org, 7, '2026-03-06T09:00:00Z', 'mallory', 'principal', 'reject',
      'ok', 1, workflow, workflow_version, 'approved', 'rejected', '{}', 4, '', hash,
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
      FROM audit WHERE org='school-a' AND seq=6;
  )");
  ExpectIntegrity(VerifyCopy(), {"organization 'school-a'", "entry 7", "hash does not match"});
}

TEST_F(AuditVerifyTest, ForgedEntryWithAValidHashButAnItemLeftBehind) {
  // A tamperer who knows the format can append a well-formed entry; the replay then shows
  // the item does not match its log.
  AuditEntry forged;
  {
    auto store = OpenOrDie(tampered_);
    ASSERT_NE(store, nullptr);
    forged.org = "school-a";
    forged.time = "2026-03-06T09:00:00Z";
    forged.actor = "mallory";
    forged.role = "principal";
    forged.action = "reject";
    forged.outcome = "ok";
    forged.item_id = 1;
    forged.workflow = "matter";
    forged.workflow_version = 1;
    forged.from_state = "approved";
    forged.to_state = "rejected";
    forged.item_version = 4;
    ASSERT_TRUE(store->AppendAudit(forged).ok());
  }
  ExpectIntegrity(VerifyCopy(), {"organization 'school-a'", "item 1", "state is 'approved'",
                                 "audit log gives 'rejected'"});
}

TEST_F(AuditVerifyTest, EntryLinkBroken) {
  // Re-hash entry 3 after changing it, so only the link from entry 4 breaks.
  AuditEntry e3;
  {
    auto store = OpenOrDie(tampered_);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store
                    ->ForEachAuditEntry("school-a",
                                        [&](const AuditEntry& e) {
                                          if (e.seq == 3) e3 = e;
                                          return Status::Ok();
                                        })
                    .ok());
  }
  e3.actor = "mallory";
  e3.hash = EntryHash(e3);
  Tamper("UPDATE audit SET actor='mallory', hash='" + e3.hash + "' WHERE org='school-a' AND seq=3");
  ExpectIntegrity(VerifyCopy(),
                  {"organization 'school-a'", "entry 4", "prev_hash does not link to entry 3"});
}

TEST_F(AuditVerifyTest, EntryReferencingAMissingItem) {
  Tamper("DELETE FROM items WHERE id=2");
  ExpectIntegrity(VerifyCopy(), {"organization 'school-a'", "entry 2", "item 2", "does not exist"});
}

TEST_F(AuditVerifyTest, ItemWithoutEntries) {
  Tamper(
      "INSERT INTO items(org, workflow, workflow_version, state, fields, version, "
      "created_at, updated_at) VALUES ('school-c', 'matter', 1, 'approved', '{}', 1, "
      "'2026-03-01T09:00:00Z', '2026-03-01T09:00:00Z')");
  ExpectIntegrity(VerifyCopy(), {"organization 'school-c'", "item 4", "no audit entries"});
}

TEST_F(AuditVerifyTest, UndecodableEntry) {
  Tamper("UPDATE audit SET changes='{broken' WHERE org='school-b' AND seq=2");
  ExpectIntegrity(VerifyCopy(), {"organization 'school-b'", "entry 2"});
}

TEST_F(AuditVerifyTest, VerifyingOneOrganizationIgnoresAnother) {
  Tamper("UPDATE audit SET actor='mallory' WHERE org='school-a' AND seq=1");
  EXPECT_TRUE(VerifyCopy(std::string("school-b")).ok());
  ExpectIntegrity(VerifyCopy(std::string("school-a")), {"organization 'school-a'", "entry 1"});
}

}  // namespace
}  // namespace docket
