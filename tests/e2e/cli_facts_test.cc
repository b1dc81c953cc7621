// Facts beside the chain that `audit verify` checks against it (docs/AUDIT.md, "What is
// inside the chain"): an item's parent and times, the stored workflow definitions and their
// loads, and the stored changes text in the form the export copies. Each tamper is made in
// the database file with plain SQL, as a tamperer would, and must fail verification (exit 7).
#include <SQLiteCpp/SQLiteCpp.h>

#include "cli_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class CliFactsTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    AllowLoneDecisions();
    auto r = As("wang", {"item", "create", "decision", "--org", "school-a", "--set", "title=食堂改造", "--set",
                         "category=major-project", "--set", "content=暑期完工"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    decision_ = r.out.substr(0, r.out.find('\n'));
    r = As("wang", {"item", "act", decision_, "assign", "--set", "owners=li", "--set", "due_date=2026-04-30"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    SQLite::Database db(db_, SQLite::OPEN_READONLY);
    task_ = db.execAndGet("SELECT id FROM items WHERE parent = " + decision_).getString();
    ASSERT_EQ(Docket({"audit", "verify"}).exit_code, 0);
  }
  void Tamper(const std::string& sql) {
    SQLite::Database db(db_, SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;");
    db.exec(sql);
  }
  void ExpectFails(const std::string& what) {
    auto r = Docket({"--lang", "en", "audit", "verify"});
    EXPECT_EQ(r.exit_code, 7) << r.out;
    EXPECT_THAT(r.err, HasSubstr(what));
  }
  std::string decision_, task_;
};

// The child's creation entry records its parent ("$parent"): a parent cleared in the file (a
// decision could then close with its task open) or moved is found.
TEST_F(CliFactsTest, ParentClearedOrMovedInTheFile) {
  SQLite::Database db(db_, SQLite::OPEN_READONLY);
  EXPECT_THAT(db.execAndGet("SELECT changes FROM audit WHERE item_id = " + task_ + " AND action = 'create'").getString(),
              HasSubstr("\"$parent\":[null," + decision_ + "]"));
  Tamper("UPDATE items SET parent = NULL WHERE id = " + task_);
  ExpectFails("organization 'school-a', item " + task_ + ": parent is none but its audit log gives item " + decision_);
  Tamper("UPDATE items SET parent = " + task_ + " WHERE id = " + decision_);
  ExpectFails("item " + decision_ + ": parent is item " + task_ + " but its audit log gives none");
}

TEST_F(CliFactsTest, CreationOrChangeTimeMovedInTheFile) {
  Tamper("UPDATE items SET created_at = '2025-01-01T00:00:00Z' WHERE id = " + task_);
  ExpectFails("item " + task_ + ": created at 2025-01-01T00:00:00Z but its audit log gives 2026-03-02T09:00:00Z");
  Tamper("UPDATE items SET created_at = '2026-03-02T09:00:00Z', updated_at = '2027-01-01T00:00:00Z' WHERE id = " + task_);
  ExpectFails("item " + task_ + ": last changed at 2027-01-01T00:00:00Z but its audit log gives 2026-03-02T09:00:00Z");
}

// A parent in another organization is refused when the item is created.
TEST_F(CliFactsTest, ParentInAnotherOrganizationIsRefused) {
  auto other = As("zhou", {"item", "create", "matter", "--org", "school-b", "--set", "title=t", "--set", "category=routine"});
  ASSERT_EQ(other.exit_code, 0) << other.err;
  const std::string id = other.out.substr(0, other.out.find('\n'));
  auto r = As("wang", {"--lang", "en", "item", "create", "task", "--org", "school-a", "--parent", id, "--set",
                       "title=t", "--set", "owner=li", "--set", "due_date=2026-06-30"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("parent item #" + id + " belongs to organization 'school-b', not to 'school-a'"));
}

// A stored source altered with its hash kept; or altered with its hash recomputed, which no
// load recorded.
TEST_F(CliFactsTest, DefinitionAlteredInTheFile) {
  SQLite::Database db(db_, SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM audit WHERE org = '$installation' AND action = 'config-workflow' AND "
                          "changes LIKE '%\"workflows.decision.99\":[null,%'")
                .getInt(),
            1);
  Tamper("UPDATE definitions SET source = source || '#' WHERE workflow = 'task'");
  ExpectFails("workflow 'task' version 3: the stored text does not match its content hash");
}

TEST_F(CliFactsTest, DefinitionLoadedWithoutItsEntry) {
  Tamper("INSERT INTO definitions SELECT workflow, 7, content_hash, source, loaded_at FROM definitions "
         "WHERE workflow = 'task' AND version = 3");
  ExpectFails("the installation's chain, configuration 'workflows.task.7': stored");
}

// A changes text reformatted (equivalent JSON) with the entry's hash kept: the export would
// copy these bytes and fail; so does the database's verification.
TEST_F(CliFactsTest, ChangesNotInCanonicalForm) {
  Tamper("UPDATE audit SET changes = replace(changes, ':[', ': [') WHERE org = 'school-a' AND item_id = " + task_);
  ExpectFails("changes are not in canonical form");
}

// Each firing's entry records its key and whom it told: the firings `tick` keeps to take each
// step once, and the notifications it sent, are checked against the chain.
TEST_F(CliFactsTest, TimerFiringsAndNotificationsRemovedInTheFile) {
  now_ = "2026-05-20T09:00:00Z";
  auto tick = Docket({"tick"});
  ASSERT_EQ(tick.exit_code, 0) << tick.err;
  SQLite::Database db(db_, SQLite::OPEN_READONLY);
  ASSERT_GT(db.execAndGet("SELECT count(*) FROM timer_firings").getInt(), 0);
  ASSERT_GT(db.execAndGet("SELECT count(*) FROM notifications").getInt(), 0);
  EXPECT_GT(db.execAndGet("SELECT count(*) FROM audit WHERE changes LIKE '%\"$firing\":[null,%'").getInt(), 0);
  ASSERT_EQ(Docket({"audit", "verify"}).exit_code, 0);

  Tamper("DELETE FROM notifications WHERE id = (SELECT min(id) FROM notifications)");
  ExpectFails("its notifications do not go to the people entry");
  Tamper("DELETE FROM timer_firings");
  ExpectFails("but not kept (removed? `tick` would take it again)");
}

// The installation's chain registers every organization: one removed whole — its row, its
// chain and its items — is found.
TEST_F(CliFactsTest, OrganizationRemovedWhole) {
  Tamper("DELETE FROM audit WHERE org = 'school-b'; DELETE FROM items WHERE org = 'school-b'; "
         "DELETE FROM bodies WHERE org = 'school-b'; DELETE FROM person_roles WHERE org = 'school-b'; "
         "DELETE FROM orgs WHERE id = 'school-b'");
  ExpectFails("organization 'school-b': registered in the installation's chain, but not stored (removed?)");
}

TEST_F(CliFactsTest, OrganizationChainRemoved) {
  Tamper("DELETE FROM audit WHERE org = 'school-b'; DELETE FROM items WHERE org = 'school-b'");
  ExpectFails("organization 'school-b': registered in the installation's chain, but its audit chain is missing (removed?)");
}

TEST_F(CliFactsTest, InstallationChainRemoved) {
  Tamper("DELETE FROM audit WHERE org = '$installation'");
  ExpectFails("its chain records its creation, but the installation's chain does not register it");
}

}  // namespace
}  // namespace docket::testing
