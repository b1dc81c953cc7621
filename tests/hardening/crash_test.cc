// Crash: docket_crash_stream streams transitions and prints each one after it commits; it is
// killed with SIGKILL at random moments. After every kill the database opens, VerifyAudit
// passes (so no item is half applied: each item equals the replay of its log), and every
// transition printed before any kill so far is still there — its item at least at that
// version and its audit entry present. DOCKET_CRASH_CYCLES sets the number of cycles
// (scripts/crash-test runs 200); DOCKET_CRASH_SEED the random seed.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "hardening_util.h"
#include "store/audit_verify.h"
#include "support/process.h"

namespace docket::testing {
namespace {

struct Printed {
  std::string outcome;
  std::int64_t item = 0;
  std::string action;
  std::int64_t version = 0;
};

struct Killed {
  std::vector<Printed> printed;  // the complete lines read before and after the kill
  bool by_sigkill = false;
  int exit_code = -1;
};

// Starts the stream on `db`, lets it run `run_for`, kills it with SIGKILL and returns what
// it printed. stderr goes to `err_file`. With `from_first_line`, `run_for` counts from the
// first printed transition (waited for up to a minute), so a loaded machine whose start-up is
// slow still kills the stream mid-way; otherwise it counts from the start.
Killed RunAndKill(const std::string& db, unsigned seed, std::chrono::milliseconds run_for,
                  bool from_first_line, const std::string& err_file) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 1);
    int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (err >= 0) ::dup2(err, 2);
    ::close(fds[0]);
    ::close(fds[1]);
    std::string s = std::to_string(seed);
    ::execl(CRASH_STREAM_BINARY, CRASH_STREAM_BINARY, db.c_str(), s.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string out;
  char buf[65536];
  auto deadline = std::chrono::steady_clock::now() + (from_first_line ? std::chrono::minutes(1) : run_for);
  bool waiting_for_line = from_first_line;
  // Drain the pipe while waiting, so the child never blocks on a full pipe.
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fds[0], POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) > 0) {
      ssize_t n = ::read(fds[0], buf, sizeof buf);
      if (n <= 0) break;  // the child exited early
      out.append(buf, static_cast<size_t>(n));
      if (waiting_for_line && out.find('\n') != std::string::npos) {
        waiting_for_line = false;
        deadline = std::chrono::steady_clock::now() + run_for;
      }
    }
  }
  ::kill(pid, SIGKILL);
  Killed k;
  int status = 0;
  ::waitpid(pid, &status, 0);
  k.by_sigkill = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  k.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  // Only complete lines: a line cut by the kill was not fully printed.
  std::istringstream lines(out.substr(0, out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1));
  for (std::string line; std::getline(lines, line);) {
    std::istringstream f(line);
    Printed p;
    if (f >> p.outcome >> p.item >> p.action >> p.version) k.printed.push_back(p);
  }
  return k;
}

TEST(CrashTest, EveryPrintedTransitionSurvivesSigkillAndTheLogVerifies) {
  const int cycles = EnvInt("DOCKET_CRASH_CYCLES", 10);
  const unsigned seed = static_cast<unsigned>(EnvInt("DOCKET_CRASH_SEED", 20260302));
  std::mt19937 rng(seed);
  TempDir dir;
  const std::string db = dir.File("crash.db");
  std::vector<Printed> all;
  int killed_mid_stream = 0;
  for (int cycle = 0; cycle < cycles; ++cycle) {
    // Mostly mid-stream (timed from the first printed transition); now and then during
    // start-up (open, migrations, loading), timed from the start.
    bool start_up = rng() % 5 == 0;
    int ms = start_up ? 1 + static_cast<int>(rng() % 30) : static_cast<int>(rng() % 260);
    Killed k = RunAndKill(db, rng(), std::chrono::milliseconds(ms), !start_up, dir.File("stderr.txt"));
    ASSERT_TRUE(k.by_sigkill) << "cycle " << cycle << ": the stream exited by itself (code " << k.exit_code
                              << "): " << FileText(dir.File("stderr.txt"));
    ASSERT_TRUE(start_up || !k.printed.empty())
        << "cycle " << cycle << ": no transition printed within a minute: " << FileText(dir.File("stderr.txt"));
    if (!k.printed.empty()) ++killed_mid_stream;
    all.insert(all.end(), k.printed.begin(), k.printed.end());

    auto store = SqliteStore::Open(db);
    ASSERT_TRUE(store.ok()) << "cycle " << cycle << ": " << store.status().ToString();
    auto verified = VerifyAudit(**store, std::nullopt);
    ASSERT_TRUE(verified.ok()) << "cycle " << cycle << ": " << verified.status().ToString();
    std::map<std::int64_t, std::vector<AuditEntry>> histories;
    for (const Printed& p : all) {
      auto item = (*store)->GetItem(p.item);
      ASSERT_TRUE(item.ok()) << "cycle " << cycle << ": printed item " << p.item << " is gone";
      EXPECT_GE(item->version, p.version) << "cycle " << cycle << ": item " << p.item << " " << p.action;
      if (!histories.count(p.item)) histories[p.item] = (*store)->ItemHistory(p.item).value();
      bool found = false;
      for (const AuditEntry& e : histories[p.item]) {
        found = found || (e.outcome == p.outcome && e.action == p.action && e.item_version == p.version);
      }
      EXPECT_TRUE(found) << "cycle " << cycle << ": no audit entry for " << p.outcome << " " << p.item << " "
                         << p.action << " " << p.version;
    }
    if (::testing::Test::HasFailure()) return;
  }
  EXPECT_GT(killed_mid_stream, 0) << "no cycle lived long enough to commit anything";
  RecordProperty("transitions_printed", static_cast<int>(all.size()));
  std::printf("crash: %d cycles, %d killed mid-stream, %zu printed transitions all present\n", cycles,
              killed_mid_stream, all.size());
}

}  // namespace
}  // namespace docket::testing
