// bench_cli_bench: one CLI action as a whole process.
//
//   bench_cli_bench [--docket build/docket] [--runs 50] [--dir /tmp]
//
// Prepares a database with the docket binary itself (init, org load, workflow load of
// bench/*.yaml, --runs items created), then runs `docket --db F --as alice item act ID
// submit --set title=...` once per item (a fresh process each time, synchronous=FULL, the
// default), then `--synchronous NORMAL --as bob item act ID schedule` once per item, and
// reports for each pass the median, 90th percentile and minimum wall time from spawn to exit
// and the median CPU time (user + system) of the processes, then the largest peak memory
// (wait4's ru_maxrss).
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "common.h"

extern char** environ;

namespace docket::bench {
namespace {

struct Run {
  int code = -1;
  double ms = 0;
  double cpu_ms = 0;  // user + system time of the process: its own work, without waiting
  long rss_kib = 0;
};

Run Spawn(const std::vector<std::string>& args, bool quiet) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (quiet) posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = 0;
  Run r;
  if (posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) {
    std::cerr << "cannot run " << args[0] << "\n";
    std::exit(1);
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  r.ms = Seconds(std::chrono::steady_clock::now() - t0) * 1000;
  posix_spawn_file_actions_destroy(&fa);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.rss_kib = ru.ru_maxrss;
  auto tv_ms = [](const timeval& tv) { return tv.tv_sec * 1000.0 + tv.tv_usec / 1000.0; };
  r.cpu_ms = tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
  return r;
}

void MustRun(const std::vector<std::string>& args) {
  Run r = Spawn(args, true);
  if (r.code != 0) {
    std::string line;
    for (const auto& a : args) line += a + " ";
    std::cerr << "failed (" << r.code << "): " << line << "\n";
    std::exit(1);
  }
}

}  // namespace
}  // namespace docket::bench

int main(int argc, char** argv) {
  using namespace docket::bench;
  std::string self_dir = std::filesystem::absolute(argv[0]).parent_path().string();
  const std::string docket = Arg(argc, argv, "--docket", self_dir + "/../docket");
  const std::int64_t runs = IntArg(argc, argv, "--runs", 50);
  const std::string db = Arg(argc, argv, "--dir", "/tmp") + "/docket-bench-cli.db";
  RemoveDb(db);
  MustRun({docket, "--db", db, "init"});
  MustRun({docket, "--db", db, "org", "load", BenchFile("org.yaml")});
  MustRun({docket, "--db", db, "workflow", "load", BenchFile("workflow.yaml")});
  for (std::int64_t i = 1; i <= runs; ++i) {
    MustRun({docket, "--db", db, "--as", "alice", "item", "create", "bench", "--org", "bench-org",
             "--set", "ref=ref-" + std::to_string(i)});
  }
  // Two passes over the items: the default synchronous=FULL (a durable commit, one fsync),
  // then synchronous=NORMAL (WAL, no fsync per commit) with a second action.
  long rss = 0;
  for (const char* sync : {"FULL", "NORMAL"}) {
    std::vector<double> ms, cpu;
    const std::string action = std::string(sync) == "FULL" ? "submit" : "schedule";
    const std::string field = std::string(sync) == "FULL" ? "title=title-" : "meeting_date=2026-03-";
    for (std::int64_t i = 1; i <= runs; ++i) {
      Run r = Spawn({docket, "--db", db, "--synchronous", sync, "--as", std::string(sync) == "FULL" ? "alice" : "bob",
                     "item", "act", std::to_string(i), action, "--set", field + std::to_string(10 + i % 18)},
                    true);
      if (r.code != 0) {
        std::cerr << "item act " << i << " " << action << " exited " << r.code << "\n";
        return 1;
      }
      ms.push_back(r.ms);
      cpu.push_back(r.cpu_ms);
      rss = std::max(rss, r.rss_kib);
    }
    std::sort(ms.begin(), ms.end());
    const std::string p = std::string(sync) == "FULL" ? "cli_act" : "cli_act_normal";
    Figure(p + "_median", Median(ms), "ms", 2);
    Figure(p + "_p90", ms[ms.size() * 9 / 10], "ms", 2);
    Figure(p + "_min", ms.front(), "ms", 2);
    // Wall time includes the commit's fsync and, on a busy machine, waiting for a CPU; the
    // process's own CPU time is the engine's share.
    Figure(p + "_cpu_median", Median(cpu), "ms", 2);
  }
  Figure("peak_rss_cli_act", static_cast<double>(rss), "KiB");
  return 0;
}
