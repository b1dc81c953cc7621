// Administration and time through the real binary: a real database refuses --now for writes
// and needs an administrator for loads and ticks (recorded as the entries' actor), every
// chain moves forward only, a person removed from the organization file loses their roles,
// and a parent cycle through the stored organizations is refused.
#include <SQLiteCpp/SQLiteCpp.h>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

std::string OrgFile() { return SourcePath("workflows/examples/org.yaml"); }

// The actor of the latest configuration entry in `org`'s chain.
std::string LastConfigActor(const std::string& db, const std::string& org) {
  SQLite::Database d(db);
  SQLite::Statement q(d, "SELECT actor FROM audit WHERE org=? AND action LIKE 'config-%' ORDER BY seq DESC LIMIT 1");
  q.bind(1, org);
  return q.executeStep() ? q.getColumn(0).getString() : "<none>";
}

std::int64_t Entries(const std::string& db) {
  SQLite::Database d(db);
  return d.execAndGet("SELECT count(*) FROM audit").getInt64();
}

// A database made by plain `docket init`: real. No --now unless a test gives one.
class RealDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("real.db");
    auto init = Run({"init"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    EXPECT_THAT(init.out, HasSubstr("(real)"));
  }
  RunResult Run(std::vector<std::string> args) {
    std::vector<std::string> full{"--db", db_, "--lang", "en"};
    full.insert(full.end(), args.begin(), args.end());
    return RunProcess(DOCKET_BINARY, full, dir_.path());
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(RealDatabaseTest, RefusesAFixedTimeForEveryWriteButNotForReads) {
  auto org = Run({"--now", "2026-03-02T09:00:00Z", "org", "load", OrgFile()});
  EXPECT_EQ(org.exit_code, 2) << org.out;
  EXPECT_THAT(org.err, HasSubstr("this database is real"));
  EXPECT_EQ(Entries(db_), 0);
  ASSERT_EQ(Run({"org", "load", OrgFile()}).exit_code, 0);
  ASSERT_EQ(Run({"workflow", "load"}).exit_code, 0);
  const std::int64_t before = Entries(db_);
  for (std::vector<std::string> write :
       {std::vector<std::string>{"--as", "liu", "item", "create", "matter", "--org", "school-a", "--set", "title=t"},
        {"tick"},
        {"workflow", "load"},
        {"audit", "checkpoint", "--org", "school-a"}}) {
    write.insert(write.begin(), {"--now", "2020-01-01T00:00:00Z"});
    auto r = Run(write);
    EXPECT_EQ(r.exit_code, 2) << write.back() << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr("--now"));
  }
  EXPECT_EQ(Entries(db_), before);
  auto read = Run({"--now", "2030-01-01T00:00:00Z", "item", "list", "--as-of", "2026-01-01T00:00:00Z"});
  EXPECT_EQ(read.exit_code, 0) << read.err;
  // A real database never becomes a simulation.
  EXPECT_EQ(Run({"init", "--simulation"}).exit_code, 6);
}

TEST_F(RealDatabaseTest, LoadsNeedAnAdministratorAndRecordWhoRanThem) {
  // The first load: the operating-system user who owns the file.
  ASSERT_EQ(Run({"org", "load", OrgFile()}).exit_code, 0);
  EXPECT_EQ(LastConfigActor(db_, "school-a").rfind("os:", 0), 0u) << LastConfigActor(db_, "school-a");
  // A clerk making themselves secretary and supervisor is refused, and nothing changes.
  std::string text = FileText(OrgFile());
  const std::string liu = "      - {org: school-a, role: clerk}\n";
  auto at = text.find(liu);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, liu.size(), liu + "      - {org: school-a, role: secretary}\n      - {org: district, role: supervisor}\n");
  WriteFile(dir_.File("grab.yaml"), text);
  const std::int64_t before = Entries(db_);
  auto grab = Run({"--as", "liu", "org", "load", dir_.File("grab.yaml")});
  EXPECT_EQ(grab.exit_code, 4) << grab.err;
  EXPECT_THAT(grab.err, HasSubstr("'liu' is not an administrator"));
  EXPECT_EQ(Entries(db_), before);
  for (std::vector<std::string> load : {std::vector<std::string>{"workflow", "load"}, {"tick"},
                                        {"table", "load", SourcePath("workflows/lists/decision-matters.yaml")}}) {
    load.insert(load.begin(), {"--as", "liu"});
    EXPECT_EQ(Run(load).exit_code, 4) << load[2];
  }
  // An administrator of the organization file (zhao holds admin in the district) may, and is recorded.
  auto admin = Run({"--as", "zhao", "org", "load", dir_.File("grab.yaml")});
  ASSERT_EQ(admin.exit_code, 0) << admin.err;
  EXPECT_EQ(LastConfigActor(db_, "school-a"), "zhao");
  EXPECT_EQ(Run({"--as", "zhao", "tick"}).exit_code, 0);
}

TEST_F(CliTest, OnASimulationTheLoadRecordsTheGivenPerson) {
  ASSERT_EQ(As("wang", {"table", "load", SourcePath("workflows/lists/decision-matters.yaml")}).exit_code, 0);
  auto text = FileText(SourcePath("workflows/examples/org.yaml"));
  text.replace(text.find("Wang Ming"), 9, "Wang Ming2");
  WriteFile(dir_.File("org2.yaml"), text);
  ASSERT_EQ(As("wang", {"org", "load", dir_.File("org2.yaml")}).exit_code, 0);
  EXPECT_EQ(LastConfigActor(db_, "school-a"), "wang");
}

TEST_F(CliTest, EachChainMovesForwardOnly) {
  std::string id = NewMatter();
  const std::string last = now_;
  const std::int64_t before = Entries(db_);
  now_ = "2025-01-01T00:00:00Z";
  auto back = Docket({"--lang", "en", "--as", "liu", "item", "act", id, "submit"});
  EXPECT_EQ(back.exit_code, 2) << back.err;
  EXPECT_THAT(back.err, HasSubstr("organization 'school-a'"));
  EXPECT_THAT(back.err, HasSubstr(last));
  EXPECT_THAT(back.err, HasSubstr("2025-01-01T00:00:00Z"));
  EXPECT_EQ(Entries(db_), before);
  now_ = "2026-03-03T09:00:00Z";
  EXPECT_EQ(Docket({"--as", "liu", "item", "act", id, "submit"}).exit_code, 0);
}

TEST_F(CliTest, APersonRemovedFromTheOrganizationFileLosesTheirRoles) {
  std::string text = FileText(SourcePath("workflows/examples/org.yaml"));
  const std::string liu_start = "  - id: liu\n";
  auto from = text.find(liu_start);
  ASSERT_NE(from, std::string::npos);
  auto to = text.find("  - id: ", from + liu_start.size());
  text.erase(from, to - from);
  WriteFile(dir_.File("without-liu.yaml"), text);
  auto load = Docket({"org", "load", dir_.File("without-liu.yaml")});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  auto r = Docket({"--lang", "en", "--as", "liu", "item", "create", "matter", "--org", "school-a", "--set", "title=t"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_THAT(r.err, HasSubstr("'liu' holds no role"));
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

TEST_F(CliTest, AParentCycleThroughStoredOrganizationsIsRefused) {
  WriteFile(dir_.File("cycle.yaml"),
            "organizations:\n"
            "  - id: district\n"
            "    name: {zh: 区, en: District}\n"
            "    kind: supervisor\n"
            "    parent: school-a\n");
  auto r = Docket({"--lang", "en", "org", "load", dir_.File("cycle.yaml")});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("would be above itself"));
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

}  // namespace
}  // namespace docket::testing
