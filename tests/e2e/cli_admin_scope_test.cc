// The administrator's scope on a real database, through the real binary: the role admin
// reaches the organization that holds it and those below it. An organization file or a
// table load needs it in every organization the load changes (or above each); a workflow,
// calendar or report load and a tick, which every organization runs under, need it in a
// root organization. The operating-system user who owns the database file may load
// everything. A refusal is Forbidden (exit 4), names the person and the organization, and
// writes nothing.
#include <SQLiteCpp/SQLiteCpp.h>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class AdminScopeTest : public ::testing::Test {
 protected:
  // A real database loaded by its owner, where wang also holds admin in school-a and zhao
  // holds it in the district (a root).
  void SetUp() override {
    db_ = dir_.File("real.db");
    ASSERT_EQ(Run({"init"}).exit_code, 0);
    std::string text = FileText(SourcePath("workflows/examples/org.yaml"));
    const std::string wang = "      - {org: school-a, role: secretary}\n";
    auto at = text.find(wang);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, wang.size(), wang + "      - {org: school-a, role: admin}\n");
    org_file_ = dir_.File("org.yaml");
    WriteFile(org_file_, text);
    auto r = Run({"org", "load", org_file_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = Run({"workflow", "load"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  RunResult Run(std::vector<std::string> args) {
    std::vector<std::string> full{"--db", db_, "--lang", "en"};
    full.insert(full.end(), args.begin(), args.end());
    return RunProcess(DOCKET_BINARY, full, dir_.path());
  }
  std::int64_t Entries() {
    SQLite::Database d(db_);
    return d.execAndGet("SELECT count(*) FROM audit").getInt64();
  }
  // An organization file listing one person with `roles` (YAML flow items).
  std::string PersonFile(const std::string& person, const std::vector<std::string>& roles) {
    std::string text = "people:\n  - id: " + person + "\n    name: {zh: 某人, en: Someone}\n    roles:\n";
    for (const std::string& role : roles) text += "      - " + role + "\n";
    const std::string path = dir_.File(person + "-roles.yaml");
    WriteFile(path, text);
    return path;
  }
  // Expects `args`, run as `who`, to be refused naming `words`, with nothing written.
  void ExpectRefused(const std::string& who, std::vector<std::string> args, const std::string& words) {
    const std::int64_t before = Entries();
    args.insert(args.begin(), {"--as", who});
    auto r = Run(args);
    EXPECT_EQ(r.exit_code, 4) << args[2] << ": " << r.out;
    EXPECT_THAT(r.err, HasSubstr(words)) << args[2];
    EXPECT_EQ(Entries(), before) << args[2];
  }

  TempDir dir_;
  std::string db_;
  std::string org_file_;
};

TEST_F(AdminScopeTest, AnOrganizationsAdministratorChangesItAndWhatIsBelowItOnly) {
  // school-a's administrator changes a role in school-a and adds an organization below it.
  auto r = Run({"--as", "wang", "org", "load",
                PersonFile("liu", {"{org: school-a, role: clerk}", "{org: school-a, role: staff_representative}"})});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  WriteFile(dir_.File("annex.yaml"),
            "organizations:\n  - id: school-a-annex\n    parent: school-a\n    name: {zh: 分校, en: Annex}\n"
            "    kind: school\n");
  r = Run({"--as", "wang", "org", "load", dir_.File("annex.yaml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Not another school, not the district above, not the whole organization file.
  ExpectRefused("wang", {"org", "load", PersonFile("zhou", {"{org: school-b, role: clerk}", "{org: school-b, role: staff_representative}"})},
                "'wang' is not an administrator of organization 'school-b'");
  ExpectRefused("wang", {"org", "load", org_file_}, "'wang' is not an administrator of organization 'district'");
  // A new organization placed under another school is that school's to make.
  WriteFile(dir_.File("annex-b.yaml"),
            "organizations:\n  - id: school-b-annex\n    parent: school-b\n    name: {zh: 分校, en: Annex}\n"
            "    kind: school\n");
  ExpectRefused("wang", {"org", "load", dir_.File("annex-b.yaml")},
                "'wang' is not an administrator of organization 'school-b-annex'");
  // A table changes what every organization reads.
  ExpectRefused("wang", {"table", "load", SourcePath("workflows/lists/decision-matters.yaml")},
                "'wang' is not an administrator of organization 'district'");
  // Installation-wide: workflows, the calendar, reports, ticks.
  for (std::vector<std::string> load : {std::vector<std::string>{"workflow", "load"},
                                        {"calendar", "load", SourcePath("workflows/examples/calendar.yaml")},
                                        {"report", "load", SourcePath("workflows/reports/semester.yaml")},
                                        {"tick"}}) {
    ExpectRefused("wang", load, "'wang' is not an administrator of the whole installation");
  }
  // Accounts are an administrator's too: no one invites themselves or mints their own token
  // from the command line; school-a's administrator invites school-a's people only.
  ExpectRefused("li", {"user", "invite", "li"}, "'li' is not an administrator");
  ExpectRefused("wang", {"user", "invite", "sun"}, "'wang' is not an administrator of organization 'school-b'");
  EXPECT_EQ(Run({"--as", "wang", "user", "invite", "li"}).exit_code, 0);
  // Refused in Chinese too.
  auto zh = RunProcess(DOCKET_BINARY, {"--db", db_, "--lang", "zh", "--as", "wang", "tick"}, dir_.path());
  EXPECT_EQ(zh.exit_code, 4);
  EXPECT_TRUE(HasChinese(zh.err)) << zh.err;
  EXPECT_EQ(Run({"audit", "verify"}).exit_code, 0);
}

TEST_F(AdminScopeTest, ARootsAdministratorAndTheOwnerChangeEverything) {
  for (std::vector<std::string> load : {std::vector<std::string>{"org", "load", "ORG"},
                                        {"table", "load", SourcePath("workflows/lists/decision-matters.yaml")},
                                        {"workflow", "load"},
                                        {"calendar", "load", SourcePath("workflows/examples/calendar.yaml")},
                                        {"report", "load", SourcePath("workflows/reports/semester.yaml")},
                                        {"tick"}}) {
    if (load.back() == "ORG") load.back() = org_file_;
    std::vector<std::string> as_zhao = load;
    as_zhao.insert(as_zhao.begin(), {"--as", "zhao"});
    auto r = Run(as_zhao);
    EXPECT_EQ(r.exit_code, 0) << load[0] << ": " << r.err;
    r = Run(load);  // the owner of the file
    EXPECT_EQ(r.exit_code, 0) << load[0] << ": " << r.err;
  }
  EXPECT_EQ(Run({"audit", "verify"}).exit_code, 0);
}

}  // namespace
}  // namespace docket::testing
