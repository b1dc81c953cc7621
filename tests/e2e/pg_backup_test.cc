// Backups, point-in-time recovery and a streaming replica of a Docket database on
// PostgreSQL 15 (docs/DEPLOY.md, "Backups, point-in-time recovery and a streaming
// replica"). Each test starts its own primary with scripts/pg-cluster, its WAL archived,
// writes to it with the real `docket` binary, copies it with pg_basebackup, and reads the
// copies back with the binary: the chain verifies on every copy and reads the same as the
// primary did at the copy's moment. Without PostgreSQL 15 the tests skip (fail under
// CI=true). Every cluster is stopped and its folder removed, also when a test fails.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include "cli_fixture.h"
#include "support/paths.h"
#include "support/pg_database.h"
#include "support/process.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

const std::string kPsql = "/usr/lib/postgresql/15/bin/psql";
const std::string kNow = "2026-03-02T09:00:00Z";

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// A cluster of scripts/pg-cluster in a folder of its own: started by one of the script's
// commands, stopped and its folder removed when the object dies.
class Cluster {
 public:
  explicit Cluster(std::filesystem::path dir) : dir_(std::move(dir)) {}
  ~Cluster() {
    if (!started_) return;
    RunProcess(SourcePath("scripts/pg-cluster"), {"stop", dir_.string()});
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // `pg-cluster COMMAND ARGS...`, where this cluster's folder is one of ARGS; "" when it
  // started, else what the script said.
  std::string Run(const std::vector<std::string>& args) {
    started_ = true;
    RunResult r = RunProcess(SourcePath("scripts/pg-cluster"), args);
    if (r.exit_code != 0) return "pg-cluster exit " + std::to_string(r.exit_code) + ": " + r.err + r.out;
    url_ = Trimmed(FileText((dir_ / "url").string()));
    return url_.empty() ? "pg-cluster wrote no URL: " + r.err : "";
  }
  const std::string& url() const { return url_; }
  std::string path() const { return dir_.string(); }

 private:
  std::filesystem::path dir_;
  std::string url_;
  bool started_ = false;
};

class PgBackup : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!PgInstalled()) {
      if (PgRequired()) FAIL() << "PostgreSQL 15 is not installed (CI=true)";
      GTEST_SKIP() << "PostgreSQL 15 is not installed (install postgresql-15)";
    }
    ASSERT_EQ(primary_.Run({"start", primary_.path(), "--archive"}), "");
    ASSERT_EQ(Ok(primary_, {"init", "--simulation"}), "");
    ASSERT_EQ(Ok(primary_, {"org", "load", SourcePath("workflows/examples/org.yaml")}), "");
    ASSERT_EQ(Ok(primary_, {"workflow", "load"}), "");
    ASSERT_EQ(Ok(primary_, {"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}), "");
    // Item 1: a task assigned by the secretary (wang) to the principal (li), acknowledged.
    ASSERT_EQ(NewTask(primary_), "1");
    ASSERT_EQ(Ok(primary_, {"--as", "li", "item", "act", "1", "acknowledge"}), "");
  }

  RunResult Docket(const Cluster& c, std::vector<std::string> args) {
    std::vector<std::string> full{"--lang", "en", "--db", c.url(), "--now", kNow};
    full.insert(full.end(), args.begin(), args.end());
    return RunProcess(DOCKET_BINARY, full, dir_.path());
  }
  // "" when the command succeeds, else what it said.
  std::string Ok(const Cluster& c, std::vector<std::string> args) {
    RunResult r = Docket(c, std::move(args));
    return r.exit_code == 0 ? "" : "exit " + std::to_string(r.exit_code) + ": " + r.err;
  }
  std::string NewTask(const Cluster& c) {
    RunResult r = Docket(c, {"--as", "wang", "item", "create", "task", "--org", "school-a", "--set", "title=食堂改造",
                             "--set", "owner=li", "--set", "due_date=2026-06-30"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Trimmed(r.out);
  }
  // The item's state, or "exit N" when `item show` fails (3: there is no such item).
  std::string State(const Cluster& c, const std::string& id) {
    RunResult r = Docket(c, {"--json", "item", "show", id});
    if (r.exit_code != 0) return "exit " + std::to_string(r.exit_code);
    return nlohmann::json::parse(r.out)["state"].get<std::string>();
  }
  // `audit verify --json`: what every copy must read as the primary did at its moment.
  std::string Verify(const Cluster& c) {
    RunResult r = Docket(c, {"--json", "audit", "verify"});
    EXPECT_EQ(r.exit_code, 0) << c.url() << ": " << r.err << r.out;
    return r.out;
  }
  std::string Sql(const Cluster& c, const std::string& sql) {
    RunResult r = RunProcess(kPsql, {c.url(), "-X", "-A", "-t", "-c", sql});
    EXPECT_EQ(r.exit_code, 0) << sql << ": " << r.err;
    return Trimmed(r.out);
  }

  TempDir dir_;
  Cluster primary_{dir_.path() / "primary"};
};

// The base backup restored into a new data folder, on another port: the items written
// before the backup are there, nothing after, and the chain verifies as it did.
TEST_F(PgBackup, ABaseBackupRestoresToTheMomentItWasTaken) {
  const std::string at_backup = Verify(primary_);
  const std::string backup = dir_.File("base");
  ASSERT_EQ(primary_.Run({"basebackup", primary_.path(), backup}), "");
  ASSERT_EQ(Ok(primary_, {"--as", "li", "item", "act", "1", "start"}), "");
  ASSERT_EQ(NewTask(primary_), "2");

  Cluster restored(dir_.path() / "restored");
  ASSERT_EQ(restored.Run({"restore", backup, restored.path()}), "");
  EXPECT_NE(restored.url(), primary_.url()) << "another port";
  EXPECT_EQ(Verify(restored), at_backup);
  EXPECT_EQ(State(restored, "1"), "acknowledged");
  EXPECT_EQ(State(restored, "2"), "exit 3") << "written after the backup";
  EXPECT_EQ(State(primary_, "1"), "in_progress");
}

// Point-in-time recovery: the base backup and the WAL archive replayed up to a time
// between two batches of writes: the first batch is there, the second is not, the chain
// verifies as it did at that time, and the recovered database takes writes again.
TEST_F(PgBackup, TheArchiveRecoversTheDatabaseToAPointInTime) {
  const std::string backup = dir_.File("base");
  ASSERT_EQ(primary_.Run({"basebackup", primary_.path(), backup}), "");
  // First batch: item 1 started, item 2 created.
  ASSERT_EQ(Ok(primary_, {"--as", "li", "item", "act", "1", "start"}), "");
  ASSERT_EQ(NewTask(primary_), "2");
  const std::string at_target = Verify(primary_);
  const std::string target = Sql(primary_, "SELECT clock_timestamp()");
  // Second batch: item 2 acknowledged, item 3 created; its WAL archived.
  ASSERT_EQ(Ok(primary_, {"--as", "li", "item", "act", "2", "acknowledge"}), "");
  ASSERT_EQ(NewTask(primary_), "3");
  ASSERT_NE(Verify(primary_), at_target);
  ASSERT_EQ(primary_.Run({"switch-wal", primary_.path()}), "");

  Cluster recovered(dir_.path() / "recovered");
  ASSERT_EQ(recovered.Run({"restore", backup, recovered.path(), "--archive", primary_.path() + "/archive",
                           "--target-time", target}),
            "");
  EXPECT_EQ(Sql(recovered, "SELECT pg_is_in_recovery()"), "f") << "promoted";
  EXPECT_EQ(Verify(recovered), at_target);
  EXPECT_EQ(State(recovered, "1"), "in_progress");
  EXPECT_EQ(State(recovered, "2"), "assigned") << "acknowledged after the target";
  EXPECT_EQ(State(recovered, "3"), "exit 3") << "created after the target";

  // The recovered database is a primary: its chain goes on from where it stopped.
  EXPECT_EQ(Ok(recovered, {"--as", "li", "item", "act", "2", "acknowledge"}), "");
  EXPECT_EQ(State(recovered, "2"), "acknowledged");
  Verify(recovered);
}

// A hot standby made with pg_basebackup -R follows the primary: it receives a write and
// answers reads and `audit verify`; a write sent to it is a storage error (exit 8) that
// names the read-only transaction, and changes nothing; promoted, it takes writes.
TEST_F(PgBackup, AStreamingReplicaFollowsThePrimaryAndRefusesWrites) {
  const std::string backup = dir_.File("standby-base");
  ASSERT_EQ(primary_.Run({"basebackup", primary_.path(), backup, "--standby"}), "");
  Cluster standby(dir_.path() / "standby");
  ASSERT_EQ(standby.Run({"restore", backup, standby.path()}), "");
  EXPECT_EQ(Sql(standby, "SELECT pg_is_in_recovery()"), "t");

  ASSERT_EQ(NewTask(primary_), "2");
  std::string state;
  for (int i = 0; i < 100 && (state = State(standby, "2")) != "assigned"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(state, "assigned") << "the primary's write reached the standby";
  EXPECT_EQ(Verify(standby), Verify(primary_));
  // The other reads: a list, the semester report, a chain's export (to a file).
  for (const std::vector<std::string>& read :
       {std::vector<std::string>{"item", "list", "--org", "school-a"},
        std::vector<std::string>{"report", "semester", "--org", "school-a", "--term", "2026-spring"},
        std::vector<std::string>{"audit", "export", "--org", "school-a", "--out", dir_.File("school-a.jsonl")}}) {
    RunResult on_standby = Docket(standby, read);
    EXPECT_EQ(on_standby.exit_code, 0) << read[0] << " " << read[1] << ": " << on_standby.err;
    if (read[0] != "audit") {
      EXPECT_EQ(on_standby.out, Docket(primary_, read).out) << read[0] << " " << read[1];
    }
  }

  RunResult write = Docket(standby, {"--as", "li", "item", "act", "1", "start"});
  EXPECT_EQ(write.exit_code, 8) << write.err << write.out;
  EXPECT_THAT(write.err, HasSubstr("read-only transaction")) << write.err;
  EXPECT_EQ(State(standby, "1"), "acknowledged");
  EXPECT_EQ(State(primary_, "1"), "acknowledged");
  Verify(standby);
  // The standby still follows, and the primary takes the write the standby refused.
  EXPECT_EQ(Ok(primary_, {"--as", "li", "item", "act", "1", "start"}), "");
  for (int i = 0; i < 100 && (state = State(standby, "1")) != "in_progress"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(state, "in_progress");

  // Promoted (the primary lost), the standby takes writes, its chain going on.
  EXPECT_EQ(Sql(standby, "SELECT pg_promote()"), "t");
  EXPECT_EQ(Ok(standby, {"--as", "li", "item", "act", "2", "acknowledge"}), "");
  EXPECT_EQ(State(standby, "2"), "acknowledged");
  EXPECT_EQ(State(primary_, "2"), "assigned");
  Verify(standby);
}

}  // namespace
}  // namespace docket::testing
