// `docket audit verify` on a database changed behind the engine's back: exit 7, naming the
// organization and the entry (or item) that does not match.
#include <SQLiteCpp/SQLiteCpp.h>

#include "cli_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class CliTamperTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    id_ = StartedTask();  // entries 1..3 of school-a's chain
    ASSERT_EQ(Docket({"audit", "verify"}).exit_code, 0);
  }
  void Tamper(const std::string& sql) {
    SQLite::Database db(db_, SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;");
    db.exec(sql);
  }
  std::string id_;
};

TEST_F(CliTamperTest, ChangedEntryField) {
  Tamper("UPDATE audit SET actor = 'chen' WHERE org = 'school-a' AND seq = 3");
  auto r = Docket({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_THAT(r.err, HasSubstr("school-a"));
  EXPECT_THAT(r.err, HasSubstr("3"));
}

TEST_F(CliTamperTest, DeletedEntry) {
  Tamper("DELETE FROM audit WHERE org = 'school-a' AND seq = 2");
  auto r = Docket({"audit", "verify", "--org", "school-a"});
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_THAT(r.err, HasSubstr("school-a"));
  EXPECT_THAT(r.err, HasSubstr("2"));
}

TEST_F(CliTamperTest, ItemStateChangedWithoutEntry) {
  Tamper("UPDATE items SET state = 'closed' WHERE id = " + id_);
  auto r = Docket({"--lang", "en", "audit", "verify"});
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_THAT(r.err, HasSubstr("item " + id_));
  EXPECT_THAT(r.err, HasSubstr("state"));
}

// A role granted in the database file, not by `org load`: the chain of school-a recorded
// its creation and never this role.
TEST_F(CliTamperTest, RoleGrantedWithoutALoad) {
  Tamper("INSERT INTO person_roles VALUES ('liu', 'school-a', 'secretary')");
  auto r = Docket({"--lang", "en", "audit", "verify", "--org", "school-a"});
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_THAT(r.err, HasSubstr("organization 'school-a', configuration 'roles.liu': stored [\"clerk\",\"secretary\"] "
                               "but its audit log gives [\"clerk\"] (changed without a load?)"));
  EXPECT_EQ(r.out, "");
}

TEST_F(CliTamperTest, TamperedDefinitionIsAnIntegrityFailure) {
  Tamper("UPDATE definitions SET source = replace(source, 'roles: [secretary]', 'roles: [clerk]')");
  auto r = As("li", {"--lang", "en", "item", "act", id_, "report", "--set", "progress=10"});
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_THAT(r.err, HasSubstr("content hash"));
}

}  // namespace
}  // namespace docket::testing
