// `audit verify` judges the chain by the rules (audit/rule_replay.h): an entry appended
// with correct hashes, its item changed to match, but for an action the workflow does not
// allow or by a person without the role, is named — on the database, against a checkpoint
// made before it, and in an export file verified offline — in the rule's words.
#include "cli_fixture.h"
#include "forge.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class CliRuleReplayTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    id_ = NewTask();  // school-a: entry 1 the org load, entry 2 the task's creation (assigned)
    export_ = dir_.File("school-a.jsonl");
    checkpoint_ = dir_.File("school-a.checkpoint.json");
    ASSERT_EQ(Docket({"audit", "verify"}).exit_code, 0);
    auto cp = Docket({"audit", "checkpoint", "--org", "school-a", "--out", checkpoint_});
    ASSERT_EQ(cp.exit_code, 0) << cp.err;
  }

  // Appends, as the engine would write it (hashes by the audit module), an "ok" entry of
  // `actor` as `role` taking `action` on the task to `to`, and moves the task there.
  void Forge(const std::string& actor, const std::string& role, const std::string& action, const std::string& to) {
    ForgeAppend(db_, {std::stoll(id_), "2026-03-02T09:00:00Z", actor, role, action, to});
  }

  // Every verifier names entry 3 of school-a with `words`.
  void ExpectCaught(const std::string& words) {
    auto db = Docket({"--lang", "en", "audit", "verify"});
    EXPECT_EQ(db.exit_code, 7);
    EXPECT_THAT(db.err, HasSubstr("organization 'school-a', entry 3: the rules do not allow it: " + words));
    auto against = Docket({"--lang", "en", "audit", "verify", "--against", checkpoint_});
    EXPECT_EQ(against.exit_code, 7);
    EXPECT_THAT(against.err, HasSubstr("entry 3: the rules do not allow it: " + words));
    auto ex = Docket({"audit", "export", "--org", "school-a", "--out", export_});
    ASSERT_EQ(ex.exit_code, 0) << ex.err;
    auto off = RunProcess(DOCKET_BINARY, {"--lang", "en", "audit", "verify", "--file", export_}, dir_.path());
    EXPECT_EQ(off.exit_code, 7);
    EXPECT_THAT(off.err, HasSubstr("line 4 (entry 3): the rules do not allow it: " + words));
    auto zh = Docket({"audit", "verify"});
    EXPECT_EQ(zh.exit_code, 7);
    EXPECT_TRUE(HasChinese(zh.err)) << zh.err;
  }

  std::string id_;
  std::string export_;
  std::string checkpoint_;
};

TEST_F(CliRuleReplayTest, AnActionTheStateDoesNotAllowIsCaught) {
  Forge("li", "principal", "start", "in_progress");  // start is taken from acknowledged only
  ExpectCaught("action 'start' is not possible from state 'assigned' (item #" + id_ + "); possible there: ");
}

TEST_F(CliRuleReplayTest, AnActionByAPersonWithoutTheRoleIsCaught) {
  Forge("liu", "principal", "acknowledge", "acknowledged");  // liu is the clerk
  ExpectCaught("'liu' may not take action 'acknowledge': it needs one of the roles ");
}

TEST_F(CliRuleReplayTest, ARoleTheActorDidNotActInIsCaught) {
  Forge("li", "vice_principal", "acknowledge", "acknowledged");  // li acknowledges as principal
  ExpectCaught("'li' takes action 'acknowledge' as 'principal', not as 'vice_principal'");
}

TEST_F(CliRuleReplayTest, TheEngineTakesNoActionWithoutATimer) {
  Forge("system", "system", "acknowledge", "acknowledged");
  ExpectCaught("the engine takes action 'acknowledge' only when a timer of state 'assigned' takes it");
}

TEST_F(CliRuleReplayTest, ALawfulAppendVerifies) {
  Forge("li", "principal", "acknowledge", "acknowledged");
  auto db = Docket({"audit", "verify"});
  EXPECT_EQ(db.exit_code, 0) << db.err;
  EXPECT_EQ(Docket({"audit", "verify", "--against", checkpoint_}).exit_code, 0);
  ASSERT_EQ(Docket({"audit", "export", "--org", "school-a", "--out", export_}).exit_code, 0);
  auto off = RunProcess(DOCKET_BINARY, {"audit", "verify", "--file", export_}, dir_.path());
  EXPECT_EQ(off.exit_code, 0) << off.err;
}

// A role taken away by a later load does not make an earlier action unlawful: the roles
// are those the actor held at the entry.
TEST_F(CliRuleReplayTest, RolesAreThoseHeldAtTheEntry) {
  ASSERT_EQ(As("li", {"item", "act", id_, "acknowledge"}).exit_code, 0);
  std::string org = FileText(SourcePath("workflows/examples/org.yaml"));
  const std::string grant = "      - {org: school-a, role: principal}\n";
  ASSERT_NE(org.find(grant), std::string::npos);
  org.replace(org.find(grant), grant.size(), "      - {org: school-a, role: teacher}\n");
  WriteFile(dir_.File("org.yaml"), org);
  ASSERT_EQ(Docket({"org", "load", dir_.File("org.yaml")}).exit_code, 0);
  auto r = Docket({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace docket::testing
