// The real `docket` binary on PostgreSQL: `--db postgresql://…` (or DOCKET_DB) opens a
// PgStore through the application's one door. The demo's whole cycle runs on a fresh
// database of the test run's cluster (support/pg_database.h) and its chain verifies.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "support/paths.h"
#include "support/pg_database.h"
#include "support/process.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

TEST(CliPostgres, TheDemoRunsOnPostgresqlAndItsChainVerifies) {
  DOCKET_REQUIRE_PG();
  PgTestDatabase db;
  ASSERT_FALSE(db.url().empty()) << db.error();
  TempDir dir;
  auto demo = RunProcess(DOCKET_BINARY, {"--lang", "en", "demo", "--db", db.url()}, dir.path());
  ASSERT_EQ(demo.exit_code, 0) << demo.err << demo.out;
  EXPECT_THAT(demo.out, HasSubstr("audit verify passed"));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "nothing is written beside the database";

  // Opened again by another process, through DOCKET_DB: the chain verifies, the decision
  // (#7) rolls up its two tasks, as on SQLite (cli_commands_test.cc, CliDemo).
  const std::map<std::string, std::string> env = {{"DOCKET_DB", db.url()}};
  auto verify = RunProcess(DOCKET_BINARY, {"--lang", "en", "--json", "audit", "verify"}, dir.path(), env);
  ASSERT_EQ(verify.exit_code, 0) << verify.err << verify.out;
  auto v = nlohmann::json::parse(verify.out);
  EXPECT_GT(v["entries"].get<int>(), 50) << verify.out;
  auto j = nlohmann::json::parse(RunProcess(DOCKET_BINARY, {"--json", "item", "show", "7"}, dir.path(), env).out);
  EXPECT_EQ(j["workflow"], "decision");
  EXPECT_EQ(j["progress"]["percent"], 100);

  // An export of one school's chain verifies offline, without the database.
  auto exported = RunProcess(DOCKET_BINARY, {"audit", "export", "--org", "school-a", "--out", dir.File("a.jsonl")},
                             dir.path(), env);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  auto offline = RunProcess(DOCKET_BINARY, {"audit", "verify", "--file", dir.File("a.jsonl")}, dir.path());
  EXPECT_EQ(offline.exit_code, 0) << offline.err << offline.out;
}

TEST(CliPostgres, AServerThatCannotBeReachedIsAStorageError) {
  TempDir dir;
  // Port 1 on loopback: nothing listens there.
  auto r = RunProcess(DOCKET_BINARY, {"--lang", "en", "--db", "postgresql://docket@127.0.0.1:1/none", "org", "list"},
                      dir.path());
  EXPECT_EQ(r.exit_code, 8) << r.err;
  EXPECT_THAT(r.err, HasSubstr("database 'postgresql://docket@127.0.0.1:1/none': open failed"));
}

TEST(CliPostgres, AMessageNeverShowsThePassword) {
  TempDir dir;
  auto r = RunProcess(DOCKET_BINARY, {"--lang", "en", "--db", "postgresql://docket:s3cret@127.0.0.1:1/none", "org", "list"},
                      dir.path());
  EXPECT_EQ(r.exit_code, 8) << r.err;
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("s3cret")));
}

}  // namespace
}  // namespace docket::testing
