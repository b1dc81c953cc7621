// `audit verify` on a chain long enough that its hashes are recomputed on other threads
// (audit_hash_check.h) while one pass checks the links: the first problem reported is the
// one a single pass reports, whichever thread finds it.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "audit/chain.h"
#include "store/audit_hash_check.h"
#include "store/audit_verify.h"
#include "store_test_util.h"

namespace docket::testing {
namespace {

constexpr std::int64_t kEntries = 2 * kHashCheckChunk + 5000;

class AuditVerifyParallelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    SqliteOptions fast;
    fast.synchronous = "OFF";
    auto store = OpenOrDie(dir_->File("long.db"), fast);
    Org org;
    org.id = "school-a";
    ASSERT_TRUE(store->UpsertOrg(org).ok());
    // Refused attempts that name no item: a long chain with nothing to replay.
    ASSERT_TRUE(store->Transact([&]() -> Status {
      for (std::int64_t i = 0; i < kEntries; ++i) {
        AuditEntry e;
        e.org = "school-a";
        e.time = "2026-03-01T09:00:00Z";
        e.actor = "p" + std::to_string(i % 97);
        e.action = "create";
        e.outcome = "refused";
        e.workflow = "matter";
        e.workflow_version = 1;
        e.reason = "refused: " + std::to_string(i);
        DOCKET_RETURN_IF_ERROR(store->AppendAudit(e).status());
      }
      return Status::Ok();
    }).ok());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  // A copy of the long chain with `sql` applied (triggers dropped); verify's message, or "".
  std::string VerifyAfter(const std::string& sql) {
    const std::string path = copy_.File("copy.db");
    std::filesystem::copy_file(dir_->File("long.db"), path, std::filesystem::copy_options::overwrite_existing);
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      db.exec("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;");
      if (!sql.empty()) db.exec(sql);
    }
    auto store = OpenOrDie(path);
    auto r = VerifyAudit(*store, std::string("school-a"));
    if (r.ok()) {
      EXPECT_EQ(r->entries, kEntries);
      return "";
    }
    EXPECT_EQ(r.status().code(), Code::kIntegrity);
    return r.status().message();
  }

  // The new hash of entry `seq` after setting its actor, so that only the next link breaks.
  std::string RehashedWithActor(std::int64_t seq, const std::string& actor) {
    auto store = OpenOrDie(dir_->File("long.db"));
    std::string hash;
    EXPECT_TRUE(store->ScanAudit("school-a", seq, seq, [&](const AuditEntry& e) {
      AuditEntry changed = e;
      changed.actor = actor;
      hash = EntryHash(changed);
      return Status::Ok();
    }).ok());
    return hash;
  }

  static TempDir* dir_;
  TempDir copy_;
};

TempDir* AuditVerifyParallelTest::dir_ = nullptr;

TEST_F(AuditVerifyParallelTest, IntactLongChainVerifies) { EXPECT_EQ(VerifyAfter(""), ""); }

TEST_F(AuditVerifyParallelTest, ChangedEntryDeepInTheChainIsNamed) {
  EXPECT_EQ(VerifyAfter("UPDATE audit SET actor='x' WHERE seq=50000"),
            "organization 'school-a', entry 50000: hash does not match its content");
  EXPECT_EQ(VerifyAfter("UPDATE audit SET actor='x' WHERE seq IN (1, 70000)"),
            "organization 'school-a', entry 1: hash does not match its content");
  EXPECT_EQ(VerifyAfter("UPDATE audit SET actor='x' WHERE seq=" + std::to_string(kEntries)),
            "organization 'school-a', entry " + std::to_string(kEntries) + ": hash does not match its content");
}

TEST_F(AuditVerifyParallelTest, TheEarlierProblemWinsWhicheverThreadFindsIt) {
  // A gap before a changed entry: the gap.
  EXPECT_EQ(VerifyAfter("UPDATE audit SET actor='x' WHERE seq=40000; DELETE FROM audit WHERE seq=30000"),
            "organization 'school-a', entry 30001: sequence jumps from 29999 to 30001 (entry 30000 missing)");
  // A changed entry before a gap: the changed entry.
  EXPECT_EQ(VerifyAfter("UPDATE audit SET actor='x' WHERE seq=20000; DELETE FROM audit WHERE seq=30000"),
            "organization 'school-a', entry 20000: hash does not match its content");
  // One entry re-hashed after a change: the next one's link breaks.
  const std::string h = RehashedWithActor(45000, "x");
  EXPECT_EQ(VerifyAfter("UPDATE audit SET actor='x', hash='" + h + "' WHERE seq=45000"),
            "organization 'school-a', entry 45001: prev_hash does not link to entry 45000");
  // ... and if that next one was changed as well, its own hash is reported first.
  EXPECT_EQ(VerifyAfter("UPDATE audit SET actor='x', hash='" + h + "' WHERE seq=45000; "
                        "UPDATE audit SET actor='y' WHERE seq=45001"),
            "organization 'school-a', entry 45001: hash does not match its content");
  // An entry moved below 1 is still seen.
  EXPECT_EQ(VerifyAfter("UPDATE audit SET seq=0 WHERE seq=60000"),
            "organization 'school-a', entry 0: sequence goes back from 0");
}

}  // namespace
}  // namespace docket::testing
