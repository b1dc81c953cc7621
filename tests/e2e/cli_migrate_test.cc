// `docket migrate` through the real binary: the demo on SQLite copied to a fresh
// PostgreSQL database and back to a new SQLite file — `audit verify` and the semester
// report read the same on every copy; a target that is not empty is refused and left as it
// was; a name that is no database is bad usage (exit 2).
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

// What must read the same on every copy of the record: the verification and the report.
struct Readings {
  std::string verify;
  std::string report;
};

Readings Read(const std::string& db, const TempDir& dir) {
  auto verify = RunProcess(DOCKET_BINARY, {"--lang", "en", "--json", "--db", db, "audit", "verify"}, dir.path());
  EXPECT_EQ(verify.exit_code, 0) << db << ": " << verify.err << verify.out;
  auto report = RunProcess(DOCKET_BINARY,
                           {"--lang", "en", "--db", db, "--now", "2026-07-01T00:00:00Z", "report", "semester", "--org",
                            "school-a", "--term", "2026-spring"},
                           dir.path());
  EXPECT_EQ(report.exit_code, 0) << db << ": " << report.err << report.out;
  return {verify.out, report.out};
}

RunResult Migrate(const std::string& from, const std::string& to, const TempDir& dir) {
  return RunProcess(DOCKET_BINARY, {"--lang", "en", "--json", "migrate", "--from", from, "--to", to}, dir.path());
}

TEST(CliMigrate, TheDemoGoesToPostgresqlAndBackWithItsChainsAndReportUnchanged) {
  DOCKET_REQUIRE_PG();
  PgTestDatabase pg;
  ASSERT_FALSE(pg.url().empty()) << pg.error();
  TempDir dir;
  const std::string first = dir.File("school.db");
  auto demo = RunProcess(DOCKET_BINARY, {"--lang", "en", "demo", "--db", first}, dir.path());
  ASSERT_EQ(demo.exit_code, 0) << demo.err << demo.out;
  const Readings original = Read(first, dir);
  EXPECT_THAT(original.report, HasSubstr("school-a"));

  auto there = Migrate("sqlite:" + first, pg.url(), dir);
  ASSERT_EQ(there.exit_code, 0) << there.err << there.out;
  auto summary = nlohmann::json::parse(there.out);
  EXPECT_GT(summary["items"].get<int>(), 5) << there.out;
  ASSERT_FALSE(summary["chains"].empty()) << there.out;
  const Readings on_pg = Read(pg.url(), dir);
  EXPECT_EQ(on_pg.verify, original.verify);
  EXPECT_EQ(on_pg.report, original.report);

  const std::string back = dir.File("back.db");
  auto returned = Migrate(pg.url(), back, dir);
  ASSERT_EQ(returned.exit_code, 0) << returned.err << returned.out;
  EXPECT_EQ(nlohmann::json::parse(returned.out)["chains"], summary["chains"]) << "the same heads both ways";
  const Readings on_sqlite = Read(back, dir);
  EXPECT_EQ(on_sqlite.verify, original.verify);
  EXPECT_EQ(on_sqlite.report, original.report);

  // Items keep their ids, and new ones come after them on the copy.
  auto item = RunProcess(DOCKET_BINARY, {"--json", "--db", pg.url(), "item", "show", "7"}, dir.path());
  EXPECT_EQ(nlohmann::json::parse(item.out)["workflow"], "decision") << item.out;
}

TEST(CliMigrate, ATargetThatIsNotEmptyIsRefusedAndLeftAsItWas) {
  TempDir dir;
  const std::string a = dir.File("a.db");
  const std::string b = dir.File("b.db");
  ASSERT_EQ(RunProcess(DOCKET_BINARY, {"demo", "--db", a}, dir.path()).exit_code, 0);
  ASSERT_EQ(RunProcess(DOCKET_BINARY, {"demo", "--db", b}, dir.path()).exit_code, 0);
  const Readings before = Read(b, dir);
  auto r = Migrate(a, "sqlite:" + b, dir);
  EXPECT_EQ(r.exit_code, 6) << r.err << r.out;
  EXPECT_THAT(r.err, HasSubstr("database '" + b + "' is not empty"));
  const Readings after = Read(b, dir);
  EXPECT_EQ(after.verify, before.verify);
  EXPECT_EQ(after.report, before.report);

  // In Chinese too.
  auto zh = RunProcess(DOCKET_BINARY, {"migrate", "--from", a, "--to", b}, dir.path());
  EXPECT_EQ(zh.exit_code, 6);
  EXPECT_THAT(zh.err, HasSubstr("不是空的"));
}

TEST(CliMigrate, ANameThatIsNoDatabaseIsBadUsage) {
  TempDir dir;
  const std::string a = dir.File("a.db");
  ASSERT_EQ(RunProcess(DOCKET_BINARY, {"demo", "--db", a}, dir.path()).exit_code, 0);
  for (const std::string& to : {std::string("mysql://x/y"), std::string("sqlite:"), a}) {
    auto r = Migrate(a, to, dir);
    EXPECT_EQ(r.exit_code, 2) << to << ": " << r.err;
  }
  EXPECT_THAT(Migrate(a, "mysql://x/y", dir).err, HasSubstr("'mysql://x/y' names no database"));
  EXPECT_FALSE(std::filesystem::exists(dir.File("y"))) << "nothing is made";
  // A source that does not exist: not found, and no target made.
  auto missing = Migrate(dir.File("none.db"), dir.File("new.db"), dir);
  EXPECT_EQ(missing.exit_code, 3) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(dir.File("new.db")));
}

}  // namespace
}  // namespace docket::testing
