// bench_verify_bench: `audit verify` speed over a large log.
//
//   bench_verify_bench [--entries 2000000] [--db /tmp/docket-bench-verify.db] [--regen 1]
//
// Builds (in a child process, so that its memory does not count) a Docket database of
// --entries valid chained audit entries: items of bench/workflow.yaml, each created and
// taken through its five steps (6 entries per item), written straight through SQLiteCpp in
// large transactions with the library's own chain (LinkEntry/EntryHash) and JSON encoding.
// The database is kept and reused when it already holds the right count. Then it times
// VerifyAudit — the code behind `docket audit verify` — over it, and prints entries/s and
// this process's peak memory.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/system_clock.h"
#include "audit/chain.h"
#include "audit/json_value.h"
#include "chain_gen.h"
#include "common.h"
#include "store/audit_verify.h"
#include "store/sqlite_store.h"

int main(int argc, char** argv) {
  using namespace docket;
  using namespace docket::bench;
  const std::int64_t entries = IntArg(argc, argv, "--entries", 2000000);
  const std::string path = Arg(argc, argv, "--db", "/tmp/docket-bench-verify.db");
  const bool regen = IntArg(argc, argv, "--regen", 0) != 0;
  const std::int64_t runs = IntArg(argc, argv, "--runs", 3);

  if (regen || CountAuditEntries(path) != entries) {
    auto t0 = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid == 0) {
      GenerateChain(path, entries);
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::cerr << "generation failed\n";
      return 1;
    }
    std::printf("# generated %lld entries in %.1f s\n", static_cast<long long>(entries),
                Seconds(std::chrono::steady_clock::now() - t0));
  }
  SqliteOptions opt;
  opt.read_only = true;
  std::vector<double> rates;
  VerifyReport last;
  for (std::int64_t r = 0; r < runs; ++r) {
    auto store = SqliteStore::Open(path, opt);
    Check(store.status(), "open " + path);
    auto t0 = std::chrono::steady_clock::now();
    auto report = VerifyAudit(**store, std::nullopt);
    double s = Seconds(std::chrono::steady_clock::now() - t0);
    Check(report.status(), "verify");
    last = *report;
    rates.push_back(report->entries / s);
    std::printf("# run %lld: %lld entries, %lld items in %.2f s\n", static_cast<long long>(r + 1),
                static_cast<long long>(report->entries), static_cast<long long>(report->items), s);
    std::fflush(stdout);
  }
  Figure("verify_entries", static_cast<double>(last.entries), "entries");
  Figure("verify_rate", Median(rates), "entries/s");
  Figure("verify_seconds", last.entries / Median(rates), "s", 2);
  Figure("peak_rss_verify", static_cast<double>(PeakRssKib()), "KiB");
  return 0;
}
