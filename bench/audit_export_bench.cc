// bench_audit_export: export and offline verification of a long audit chain (issue 4.7),
// and `audit verify` on the database over the same chain (issue 5.3).
//
//   bench_audit_export [--entries 2000000] [--db /tmp/docket-bench-audit.db]
//                      [--out /tmp/docket-bench-audit.jsonl] [--runs 3] [--regen 0]
//                      [--threads 0] [--only export|verify|db]
//
// Builds (in a child process, kept and reused while it holds the right count) a Docket
// database with one organization whose chain has --entries entries: items of
// bench/workflow.yaml created and taken through their five steps (6 entries per item),
// written straight through SQLiteCpp with the library's own chain. Then, --runs times, each
// in a child process of its own (so each has its own peak memory and CPU time):
//   export   ExportAudit — what `docket audit export` runs — to --out (synced to disk);
//   verify   VerifyExportFile — `docket audit verify --file` — on that file, no database;
//   db       VerifyAudit — `docket audit verify --org` — on the database (chain + replay).
// Prints per-run lines, then `figure: value unit` lines: medians of wall time and rate,
// the CPU time, and each phase's peak resident memory. `--only micro` instead times, on one
// thread, the per-entry pieces against the code they replaced (entry 1 of the chain,
// 200,000 times each, CPU time of the thread).
#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>

#include "app/system_clock.h"
#include "audit/canonical_json.h"
#include "audit/chain.h"
#include "audit/export_verify.h"
#include "audit/json_value.h"
#include "audit/sha256.h"
#include "chain_gen.h"
#include "common.h"
#include "store/audit_export.h"
#include "store/audit_verify.h"
#include "store/sqlite_store.h"

namespace docket::bench {
namespace {

const char* const kOrg = kChainOrg;

struct PhaseRun {
  double seconds = 0;      // wall, measured in the child around the call
  double cpu_seconds = 0;  // user + system of the child
  long peak_kib = 0;       // the child's peak resident memory
};

// Runs `fn` (returning the seconds it measured) in a child process.
template <typename F>
PhaseRun InChild(F fn) {
  int fds[2];
  if (pipe(fds) != 0) std::abort();
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    double s = fn();
    if (write(fds[1], &s, sizeof s) != sizeof s) _exit(2);
    _exit(0);
  }
  close(fds[1]);
  PhaseRun run;
  if (read(fds[0], &run.seconds, sizeof run.seconds) != sizeof run.seconds) {
    std::cerr << "a benchmark child failed\n";
    std::exit(1);
  }
  close(fds[0]);
  int status = 0;
  struct rusage ru {};
  wait4(pid, &status, 0, &ru);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) std::exit(1);
  run.cpu_seconds = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
  run.peak_kib = ru.ru_maxrss;
  return run;
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

// Microseconds of thread CPU per call of fn, over n calls.
template <typename F>
double PerCall(int n, F fn) {
  const double t0 = ThreadCpuSeconds();
  for (int i = 0; i < n; ++i) fn();
  return (ThreadCpuSeconds() - t0) / n * 1e6;
}

void Micro(const std::string& path) {
  SqliteOptions opt;
  opt.read_only = true;
  auto store = SqliteStore::Open(path, opt);
  Check(store.status(), "open " + path);
  // The first item entry (entry 1 is the org load's configuration entry), as before.
  AuditEntry e;
  Check((*store)->ScanAudit(kOrg, 1, 10, [&](const AuditEntry& next) {
    if (e.item_id == 0) e = next;
    return Status::Ok();
  }), "read the first item entry");
  std::string line, text;
  AppendCanonicalEntry(e, /*with_hash=*/true, &line);
  AppendCanonicalEntry(e, /*with_hash=*/false, &text);
  constexpr int kN = 200000;
  volatile std::size_t sink = 0;
  Figure("micro_line_bytes", static_cast<double>(line.size()), "bytes");
  Figure("micro_canonical_nlohmann", PerCall(kN, [&] { sink = sink + DumpJson(CanonicalObject(e)).size(); }), "us", 3);
  std::string out;
  Figure("micro_canonical_direct", PerCall(kN, [&] {
           out.clear();
           AppendCanonicalEntry(e, false, &out);
           sink = sink + out.size();
         }), "us", 3);
  Figure("micro_sha256_libsodium", PerCall(kN, [&] { sink = sink + Sha256Portable(text)[0]; }), "us", 3);
  Figure("micro_sha256_fast", PerCall(kN, [&] { sink = sink + Sha256(text)[0]; }), "us", 3);
  // Two entries hashed at once (as the offline verification does), per entry.
  Figure("micro_sha256_two_per_entry", PerCall(kN / 2, [&] {
           Sha256Digest a, b;
           Sha256Two({text, {}}, {text, {}}, &a, &b);
           sink = sink + a[0] + b[0];
         }) / 2, "us", 3);
  Figure("micro_parse_line_nlohmann", PerCall(kN, [&] { sink = sink + nlohmann::json::parse(line).size(); }), "us", 3);
  AuditEntry back;
  Figure("micro_parse_line_direct", PerCall(kN, [&] {
           Check(ParseEntryLine(line, &back), "parse");
           sink = sink + back.changes.size();
         }), "us", 3);
}

}  // namespace
}  // namespace docket::bench

int main(int argc, char** argv) {
  using namespace docket;
  using namespace docket::bench;
  if (PrintedHelp(argc, argv,
                  "bench_audit_export [--entries 2000000] [--db /tmp/docket-bench-audit.db]\n"
                  "                   [--out /tmp/docket-bench-audit.jsonl] [--runs 3] [--regen 0]\n"
                  "                   [--threads 0] [--only export|verify|db|micro]\n"
                  "Builds (or reuses) a chain of --entries entries, then times its export, the offline\n"
                  "verification of the file and `audit verify` on the database. See docs/BENCHMARKS.md.\n")) {
    return 0;
  }
  const std::int64_t entries = IntArg(argc, argv, "--entries", 2000000);
  const std::string path = Arg(argc, argv, "--db", "/tmp/docket-bench-audit.db");
  const std::string out = Arg(argc, argv, "--out", "/tmp/docket-bench-audit.jsonl");
  const std::int64_t runs = IntArg(argc, argv, "--runs", 3);
  const bool regen = IntArg(argc, argv, "--regen", 0) != 0;
  const int threads = static_cast<int>(IntArg(argc, argv, "--threads", 0));
  const std::string only = Arg(argc, argv, "--only", "");

  if (regen || CountAuditEntries(path) != entries) {
    auto t0 = std::chrono::steady_clock::now();
    InChild([&] {
      GenerateChain(path, entries);
      return 0.0;
    });
    std::printf("# generated %lld entries in %.1f s\n", static_cast<long long>(entries),
                Seconds(std::chrono::steady_clock::now() - t0));
  }
  // A database kept from an older build gets the newer migrations (the phases open it
  // read-only, which refuses a database that lacks one).
  Check(SqliteStore::Open(path, {}).status(), "migrate " + path);
  std::printf("# SHA-256 with the CPU's SHA instructions: %s\n", Sha256UsesCpuInstructions() ? "yes" : "no");

  if (only == "micro") {
    Micro(path);
    return 0;
  }
  std::map<std::string, std::vector<PhaseRun>> phases;
  std::int64_t bytes = 0;
  for (std::int64_t r = 0; r < runs; ++r) {
    if (only.empty() || only == "export" || only == "verify") {
      // The previous run's file goes first, untimed: freeing its pages (0.13 s for 900 MB
      // in tmpfs) is not the export's work, and an export to a new path never pays it.
      std::filesystem::remove(out);
      PhaseRun e = InChild([&] {
        SqliteOptions opt;
        opt.read_only = true;
        auto store = SqliteStore::Open(path, opt);
        Check(store.status(), "open " + path);
        ExportOptions o{kOrg, out, /*force=*/true, "2026-03-10T12:00:00Z"};
        auto t0 = std::chrono::steady_clock::now();
        auto report = ExportAudit(**store, o);
        double s = Seconds(std::chrono::steady_clock::now() - t0);
        Check(report.status(), "export");
        return s;
      });
      phases["export"].push_back(e);
      bytes = static_cast<std::int64_t>(std::filesystem::file_size(out));
      PhaseRun v = InChild([&] {
        ExportVerifyOptions o;
        o.threads = threads;
        auto t0 = std::chrono::steady_clock::now();
        auto report = VerifyExportFile(out, o);
        double s = Seconds(std::chrono::steady_clock::now() - t0);
        Check(report.status(), "verify the export");
        if (report->header.entries != entries) std::abort();
        return s;
      });
      phases["verify_file"].push_back(v);
      std::printf("# run %lld: export %.3f s (cpu %.2f s), verify file %.3f s (cpu %.2f s)\n",
                  static_cast<long long>(r + 1), e.seconds, e.cpu_seconds, v.seconds, v.cpu_seconds);
    }
    if (only.empty() || only == "db") {
      PhaseRun d = InChild([&] {
        SqliteOptions opt;
        opt.read_only = true;
        auto store = SqliteStore::Open(path, opt);
        Check(store.status(), "open " + path);
        auto t0 = std::chrono::steady_clock::now();
        auto report = VerifyAudit(**store, std::string(kOrg));
        double s = Seconds(std::chrono::steady_clock::now() - t0);
        Check(report.status(), "verify the database");
        return s;
      });
      phases["verify_db"].push_back(d);
      std::printf("# run %lld: audit verify on the database %.3f s (cpu %.2f s)\n", static_cast<long long>(r + 1),
                  d.seconds, d.cpu_seconds);
    }
    std::fflush(stdout);
  }

  auto median = [&](const std::string& phase, auto field) {
    std::vector<double> xs;
    for (const PhaseRun& p : phases[phase]) xs.push_back(static_cast<double>(p.*field));
    return Median(xs);
  };
  const double n = static_cast<double>(entries);
  Figure("entries", n, "entries");
  if (phases.count("export")) {
    const double te = median("export", &PhaseRun::seconds), tv = median("verify_file", &PhaseRun::seconds);
    Figure("export_bytes", static_cast<double>(bytes), "bytes");
    Figure("export_seconds", te, "s", 3);
    Figure("export_rate", n / te, "entries/s");
    Figure("export_cpu_seconds", median("export", &PhaseRun::cpu_seconds), "s", 2);
    Figure("verify_file_seconds", tv, "s", 3);
    Figure("verify_file_rate", n / tv, "entries/s");
    Figure("verify_file_cpu_seconds", median("verify_file", &PhaseRun::cpu_seconds), "s", 2);
    Figure("export_plus_verify_rate", n / (te + tv), "entries/s");
    Figure("peak_rss_export", median("export", &PhaseRun::peak_kib), "KiB");
    Figure("peak_rss_verify_file", median("verify_file", &PhaseRun::peak_kib), "KiB");
  }
  if (phases.count("verify_db")) {
    const double td = median("verify_db", &PhaseRun::seconds);
    Figure("verify_db_seconds", td, "s", 3);
    Figure("verify_db_rate", n / td, "entries/s");
    Figure("verify_db_cpu_seconds", median("verify_db", &PhaseRun::cpu_seconds), "s", 2);
    Figure("peak_rss_verify_db", median("verify_db", &PhaseRun::peak_kib), "KiB");
  }
  return 0;
}
