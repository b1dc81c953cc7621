// bench_supervision: the supervisor's side at district scale (issue 4.7).
//
//   bench_supervision [--db /tmp/docket-district.db] [--schools 500] [--terms 10]
//                     [--per-term 400] [--reuse] [--skip-export] [--samples 20]
//                     [--exports DIR]   (where the export files go; default DB.exports)
//                     [--skip-reports] [--one-by-one]
//
// Generates (unless --reuse and the file exists) a district of --schools schools with
// --terms semesters of --per-term items each (500 x 10 x 400 = 2 million items, each with
// its audit entries; bench/district_gen.h), then times, on that file:
//   - one school's semester report for the last term (median over --samples schools),
//   - the supervisor's roll-up of every school for that term,
//   - export of every school's audit chain plus offline verification of the files, as
//     `audit export --tree` and `audit verify --file DIR/*.jsonl` do it (and, with
//     --one-by-one, also one file after another),
// and prints the figures one per line (`figure: value unit`).
#include <filesystem>
#include <iostream>

#include <algorithm>

#include "audit/export_verify.h"
#include "report/doc.h"
#include "common.h"
#include "district_gen.h"
#include "store/audit_export.h"
#include "store/sqlite_store.h"

namespace docket::bench {
namespace {

constexpr const char* kUsage =
    "bench_supervision [--db /tmp/docket-district.db] [--schools 500] [--terms 10] [--per-term 400]\n"
    "                  [--reuse] [--skip-export] [--skip-reports] [--one-by-one] [--samples 20] [--exports DIR]\n"
    "Generates a district (unless --reuse and the file exists), then times one school's report,\n"
    "the roll-up, the findings of every school, and the export and offline verification of\n"
    "every school's chain (files in DIR, default DB.exports; --one-by-one: also one file after\n"
    "another). See docs/BENCHMARKS.md.\n";

int Main(int argc, char** argv) {
  if (PrintedHelp(argc, argv, kUsage)) return 0;
  const std::string db = Arg(argc, argv, "--db", "/tmp/docket-district.db");
  DistrictShape shape;
  shape.schools = static_cast<int>(IntArg(argc, argv, "--schools", 500));
  shape.terms = static_cast<int>(IntArg(argc, argv, "--terms", 10));
  shape.items_per_term = static_cast<int>(IntArg(argc, argv, "--per-term", 400));
  const int samples = static_cast<int>(IntArg(argc, argv, "--samples", 20));
  bool reuse = false, skip_export = false, skip_reports = false, one_by_one = false;
  for (int i = 1; i < argc; ++i) {
    one_by_one |= std::string(argv[i]) == "--one-by-one";
    reuse |= std::string(argv[i]) == "--reuse";
    skip_export |= std::string(argv[i]) == "--skip-export";
    skip_reports |= std::string(argv[i]) == "--skip-reports";
  }

  FixedClock clock(*ParseTime("2027-02-15T09:00:00Z"));  // after the last term's report is due
  if (!reuse || !std::filesystem::exists(db)) {
    RemoveDb(db);
    SqliteOptions opts;
    opts.synchronous = "NORMAL";
    auto store = SqliteStore::Open(db, opts);
    Check(store.status(), "open " + db);
    FixedClock generated_at(DistrictStart(shape));  // the record's times come after it, in each chain
    Docket docket(**store, generated_at, NullLogger());
    Check(docket.InitMode(true).status(), "init");  // a simulation: loads need no administrator, the clock is fixed
    auto t0 = std::chrono::steady_clock::now();
    auto stats = GenerateDistrict(docket, **store, shape);
    Check(stats.status(), "generate");
    const double s = Seconds(std::chrono::steady_clock::now() - t0);
    Figure("generated_items", static_cast<double>(stats->items), "items");
    Figure("generated_entries", static_cast<double>(stats->entries), "entries");
    Figure("generate_time", s, "s", 1);
  }

  auto store = SqliteStore::Open(db, {});
  Check(store.status(), "open " + db);
  Docket docket(**store, clock, NullLogger());
  const std::string term = "2026-autumn";

  // Export and verify offline: every school's chain, one file each. As the supervisor does
  // it (`audit export --org D --tree`, then `audit verify --file DIR/*.jsonl`: the files
  // side by side on the CPUs), and, with --one-by-one, also one file after another (each
  // split over the CPUs), as the single-file commands do.
  const std::string dir = Arg(argc, argv, "--exports", db + ".exports");
  for (int pass = 0; pass < (one_by_one ? 2 : 1) && !skip_export; ++pass) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::int64_t entries = 0;
    double export_s = 0, verify_s = 0;
    if (pass == 0) {
      auto t0 = std::chrono::steady_clock::now();
      auto exported = docket.ExportAuditTree(shape.supervisor, dir, false);
      Check(exported.status(), "export --tree");
      auto t1 = std::chrono::steady_clock::now();
      std::vector<std::string> paths;
      for (const TreeExport& e : *exported) {
        Check(e.report.status(), "export " + e.org);
        entries += e.report->header.entries;
        paths.push_back(e.path);
      }
      auto t2 = std::chrono::steady_clock::now();
      for (const auto& verified : Docket::VerifyExports(paths)) Check(verified.status(), "verify");
      auto t3 = std::chrono::steady_clock::now();
      export_s = Seconds(t1 - t0);
      verify_s = Seconds(t3 - t2);
    }
    for (int i = 1; pass == 1 && i <= shape.schools; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "s%04d", i);
      ExportOptions o;
      o.org = id;
      o.path = dir + "/" + id + ".jsonl";
      o.exported_at = FormatTime(clock.Now());
      auto t0 = std::chrono::steady_clock::now();
      auto exported = ExportAudit(**store, o);
      Check(exported.status(), std::string("export ") + id);
      auto t1 = std::chrono::steady_clock::now();
      auto verified = VerifyExportFile(o.path, {});
      Check(verified.status(), std::string("verify ") + o.path);
      auto t2 = std::chrono::steady_clock::now();
      export_s += Seconds(t1 - t0);
      verify_s += Seconds(t2 - t1);
      entries += exported->header.entries;
    }
    std::filesystem::remove_all(dir);
    const std::string suffix = pass == 0 ? "" : "_one_by_one";
    Figure("export_entries" + suffix, static_cast<double>(entries), "entries");
    Figure("export_rate" + suffix, entries / export_s, "entries/s");
    Figure("offline_verify_rate" + suffix, entries / verify_s, "entries/s");
    Figure("export_plus_verify_rate" + suffix, entries / (export_s + verify_s), "entries/s");
  }

  if (skip_reports) return 0;
  // One school's semester report (built, then rendered as Markdown), for --samples schools
  // spread over the district; then the roll-up of every school, twice.
  std::vector<double> report_ms;
  for (int k = 0; k < samples; ++k) {
    char id[16];
    std::snprintf(id, sizeof id, "s%04d", 1 + k * shape.schools / samples);
    auto t0 = std::chrono::steady_clock::now();
    auto doc = docket.Report("semester", id, term);
    Check(doc.status(), std::string("report ") + id);
    std::string md = RenderMarkdown(*doc, Lang::kZh);
    report_ms.push_back(Seconds(std::chrono::steady_clock::now() - t0) * 1000);
    if (md.empty()) return 1;
  }
  Figure("report_one_school_median", Median(report_ms), "ms", 1);
  Figure("report_one_school_max", *std::max_element(report_ms.begin(), report_ms.end()), "ms", 1);
  std::vector<double> rollup_s, rollup_cpu_s;
  for (int k = 0; k < 2; ++k) {
    auto t0 = std::chrono::steady_clock::now();
    const double cpu0 = ProcessCpuSeconds();
    auto doc = docket.Rollup("semester", shape.supervisor, term);
    Check(doc.status(), "rollup");
    std::string md = RenderMarkdown(*doc, Lang::kZh);
    rollup_s.push_back(Seconds(std::chrono::steady_clock::now() - t0));
    rollup_cpu_s.push_back(ProcessCpuSeconds() - cpu0);
    if (md.empty()) return 1;
  }
  Figure("rollup_all_schools", *std::min_element(rollup_s.begin(), rollup_s.end()), "s", 2);
  // The CPU time of all its threads: what a busy machine's wall time hides.
  Figure("rollup_all_schools_cpu", *std::min_element(rollup_cpu_s.begin(), rollup_cpu_s.end()), "s", 2);
  // Of which: the findings of every school (the roll-up computes them once for the tree).
  std::vector<double> findings_s;
  for (int k = 0; k < 2; ++k) {
    auto t0 = std::chrono::steady_clock::now();
    auto found = docket.Findings(shape.supervisor, term);
    Check(found.status(), "findings");
    findings_s.push_back(Seconds(std::chrono::steady_clock::now() - t0));
    if (k == 0) Figure("findings_all_schools_count", static_cast<double>(found->size()), "findings");
  }
  Figure("findings_all_schools", *std::min_element(findings_s.begin(), findings_s.end()), "s", 2);
  Figure("peak_rss", PeakRssKib() / 1024.0, "MiB", 1);
  return 0;
}

}  // namespace
}  // namespace docket::bench

int main(int argc, char** argv) { return docket::bench::Main(argc, argv); }
