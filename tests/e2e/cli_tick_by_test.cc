// `tick` records who ran it: every entry it writes — a timer's notify, a transition, a
// refused transition, the child a transition spawns, an item opened at a semester's end —
// carries "$run_by" (core/item.h), and `audit verify` requires it, naming an administrator
// of the whole installation at the entry's time (on a real database; a simulation needs
// none). Forged firing entries without it, or naming a person who was not an
// administrator, are reported as the first unlawful entry.
#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <set>

#include "cli_fixture.h"
#include "core/clock.h"
#include <nlohmann/json.hpp>

#include "forge.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

// The entries `tick` wrote to `db` (actor "system"): action, outcome, workflow, changes.
struct EngineEntry {
  std::string org, action, outcome, workflow, changes;
};
std::vector<EngineEntry> EngineEntries(const std::string& db) {
  SQLite::Database file(db, SQLite::OPEN_READONLY);
  SQLite::Statement q(file, "SELECT org, action, outcome, workflow, changes FROM audit WHERE actor = 'system' ORDER BY org, seq");
  std::vector<EngineEntry> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                   q.getColumn(3).getString(), q.getColumn(4).getString()});
  }
  return out;
}

TEST_F(CliTest, EveryEntryATickWritesRecordsWhoRanIt) {
  ASSERT_EQ(Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}).exit_code, 0);
  // school-a's weekly communication: reminded, then missed by the engine (a finding spawned).
  ASSERT_EQ(As("wang", {"item", "create", "communication", "--org", "school-a"}).exit_code, 0);
  // school-b's runs on a version whose `miss` the rules refuse: a refused firing.
  std::string text = FileText(SourcePath("workflows/communication.yaml"));
  for (auto [from, to] : {std::pair<std::string, std::string>{"\nversion: 2\n", "\nversion: 99\n"},
                          {"    roles_above: [supervisor]\n    effects:",
                           "    roles_above: [supervisor]\n    when: {compare: {field: topic, op: equals, value: never}}\n    effects:"}}) {
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  }
  WriteFile(dir_.File("communication.yaml"), text);
  auto load = Docket({"workflow", "load", dir_.File("communication.yaml")});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  ASSERT_EQ(As("sun", {"item", "create", "communication", "--org", "school-b"}).exit_code, 0);
  now_ = "2026-07-11T09:00:00Z";  // spring 2026 is over: each school's semester report opens
  auto tick = As("zhao", {"tick"});
  ASSERT_EQ(tick.exit_code, 0) << tick.err;

  std::set<std::string> kinds;
  for (const EngineEntry& e : EngineEntries(db_)) {
    SCOPED_TRACE(e.org + " " + e.action + " " + e.outcome);
    EXPECT_THAT(e.changes, HasSubstr("\"$run_by\":[null,\"zhao\"]"));
    if (e.action.rfind("timer:", 0) == 0) kinds.insert("notify");
    if (e.action == "miss") kinds.insert(e.outcome == "ok" ? "transition" : "refused");
    if (e.action == "create") kinds.insert(e.workflow == "finding" ? "spawned" : "opened");
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"notify", "transition", "refused", "spawned", "opened"}));
  auto verify = Docket({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;

  // A simulation ticked by no one named records no one.
  now_ = "2026-07-20T09:00:00Z";
  ASSERT_EQ(Docket({"tick"}).exit_code, 0);
  int by_no_one = 0;
  for (const EngineEntry& e : EngineEntries(db_)) by_no_one += e.changes.find("\"$run_by\":[null,\"\"]") != std::string::npos;
  EXPECT_GT(by_no_one, 0);
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

// A real database: writes happen at the time they are made, a tick needs an administrator.
class RealTickTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("real.db");
    ASSERT_EQ(Run({"init"}).exit_code, 0);
    ASSERT_EQ(Run({"org", "load", SourcePath("workflows/examples/org.yaml")}).exit_code, 0);
    ASSERT_EQ(Run({"workflow", "load"}).exit_code, 0);
    // Due long ago: its reminders and escalation are all due at the first tick.
    auto r = Run({"--as", "wang", "item", "create", "task", "--org", "school-a", "--set", "title=t", "--set", "owner=li",
                  "--set", "due_date=2020-01-06"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    task_ = std::stoll(r.out);
    auto tick = Run({"--as", "zhao", "tick"});
    ASSERT_EQ(tick.exit_code, 0) << tick.err;
  }
  RunResult Run(std::vector<std::string> args) {
    std::vector<std::string> full{"--db", db_, "--lang", "en"};
    full.insert(full.end(), args.begin(), args.end());
    return RunProcess(DOCKET_BINARY, full, dir_.path());
  }
  // A firing entry of the task's deadline timer, as a forger would append it now.
  void ForgeFiring(std::vector<FieldChange> changes, const std::string& actor = "system") {
    const std::string now = FormatTime(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
    ForgeAppend(db_, {task_, now, actor, actor == "system" ? "system" : "principal",
                      actor == "system" ? "timer:deadline:notify" : "acknowledge", actor == "system" ? "" : "acknowledged",
                      std::move(changes)});
  }
  // `audit verify` on the database names the forged entry with `words`; so does the offline
  // verifier of an export when `offline`.
  void ExpectCaught(const std::string& words, bool offline) {
    auto v = Run({"audit", "verify"});
    EXPECT_EQ(v.exit_code, 7) << v.err;
    EXPECT_THAT(v.err, HasSubstr("the rules do not allow it: " + words));
    auto zh = RunProcess(DOCKET_BINARY, {"--db", db_, "--lang", "zh", "audit", "verify"}, dir_.path());
    EXPECT_TRUE(HasChinese(zh.err)) << zh.err;
    const std::string file = dir_.File("school-a.jsonl");
    ASSERT_EQ(Run({"audit", "export", "--org", "school-a", "--out", file}).exit_code, 0);
    auto off = Run({"audit", "verify", "--file", file});
    if (offline) {
      EXPECT_EQ(off.exit_code, 7) << off.err;
      EXPECT_THAT(off.err, HasSubstr("the rules do not allow it: " + words));
    } else {
      EXPECT_EQ(off.exit_code, 0) << off.err;
    }
  }
  TempDir dir_;
  std::string db_;
  std::int64_t task_ = 0;
};

TEST_F(RealTickTest, TheAdministratorAndTheFilesOwnerAreRecordedAndVerify) {
  std::vector<EngineEntry> entries = EngineEntries(db_);
  ASSERT_EQ(entries.size(), 3u);  // two reminders and the escalation
  for (const EngineEntry& e : entries) EXPECT_THAT(e.changes, HasSubstr("\"$run_by\":[null,\"zhao\"]"));
  auto r = Run({"--as", "wang", "item", "create", "task", "--org", "school-a", "--set", "title=t2", "--set", "owner=li",
                "--set", "due_date=2020-01-06"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(Run({"tick"}).exit_code, 0);  // the file's owner, on the local command line
  entries = EngineEntries(db_);
  ASSERT_EQ(entries.size(), 6u);
  EXPECT_THAT(entries.back().changes, HasSubstr("\"$run_by\":[null,\"os:"));
  auto v = Run({"audit", "verify"});
  EXPECT_EQ(v.exit_code, 0) << v.err;
}

TEST_F(RealTickTest, AFiringThatDoesNotSayWhoRanTheTickIsCaught) {
  ForgeFiring({});
  ExpectCaught("the engine's entry does not record who ran the tick that wrote it ('$run_by': [null, PERSON])", true);
}

// Offline, the file holds one chain: whether the person held admin in a root organization
// is not known from it (docs/AUDIT.md), so only the database's verifier says so.
TEST_F(RealTickTest, AFiringRunByANonAdministratorIsCaught) {
  ForgeFiring({{"$run_by", Value(), Value(std::string("liu"))}});
  ExpectCaught("the tick that wrote it was run by 'liu', who was not then an administrator of the whole installation", false);
}

TEST_F(RealTickTest, APersonsEntryCarriesNoRunByMark) {
  ForgeFiring({{"$run_by", Value(), Value(std::string("zhao"))}}, "li");
  ExpectCaught("only an entry the engine writes on its own records who ran the tick ('$run_by'); this one is by 'li'", true);
}

// "$via" (how a person was established: a session, a token, the command line's user) is
// judged by its form, and only a person's entry carries it.
TEST_F(RealTickTest, AMalformedViaMarkIsCaught) {
  ForgeFiring({{"$via", Value(), Value(std::string("session:not-hex"))}}, "li");
  ExpectCaught("'$via' must appear once as [null, \"session:ID\", \"token:ID\" (ID 16 lower-case hex digits) or \"os:NAME\"]", true);
}

TEST_F(RealTickTest, TheEnginesEntryCarriesNoViaMark) {
  ForgeFiring({{"$run_by", Value(), Value(std::string("zhao"))}, {"$via", Value(), Value(std::string("os:root"))}});
  ExpectCaught("'$via' records how a person signed in; this entry's actor 'system' is not a person", true);
}

TEST_F(RealTickTest, TheCommandLineRecordsItsOperatingSystemUser) {
  auto acted = Run({"--as", "li", "--json", "item", "act", std::to_string(task_), "acknowledge"});
  ASSERT_EQ(acted.exit_code, 0) << acted.err;
  const auto via = nlohmann::json::parse(acted.out)["entry"]["changes"]["$via"];
  ASSERT_TRUE(via.is_array()) << acted.out;
  EXPECT_THAT(via[1].get<std::string>(), ::testing::StartsWith("os:"));
  EXPECT_EQ(Run({"audit", "verify"}).exit_code, 0);
}

}  // namespace
}  // namespace docket::testing
