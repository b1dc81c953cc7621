// bench_pg_supervision: one school's semester report and the roll-up on PostgreSQL
// (issue 17), the district of bench_supervision (bench/district_gen.h) in a PostgreSQL
// database instead of a SQLite file.
//
//   bench_pg_supervision --db postgresql://USER@HOST:PORT/DB [--schools 500] [--terms 10]
//                        [--per-term 400] [--reuse] [--samples 20] [--skip-rollup]
//
// Generates the district into DB (which must be empty; with --reuse an already generated
// one is read as it is), then times one school's semester report for the last term,
// rendered as Markdown (median and maximum over --samples schools spread over the
// district), and the roll-up of every school (the better of two), as bench_supervision
// does on SQLite. Prints the figures one per line (`figure: value unit`).
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "common.h"
#include "district_gen.h"
#include "report/doc.h"
#include "store/pg_store.h"

namespace docket::bench {
namespace {

constexpr const char* kUsage =
    "bench_pg_supervision --db postgresql://USER@HOST:PORT/DB [--schools 500] [--terms 10] [--per-term 400]\n"
    "                     [--reuse] [--samples 20] [--skip-rollup]\n"
    "Generates a district into an empty PostgreSQL database (unless --reuse), then times one\n"
    "school's report and the roll-up. See docs/BENCHMARKS.md.\n";

int Main(int argc, char** argv) {
  if (PrintedHelp(argc, argv, kUsage)) return 0;
  const std::string db = Arg(argc, argv, "--db", "");
  if (!IsPostgresUrl(db)) {
    std::cerr << kUsage;
    return 2;
  }
  DistrictShape shape;
  shape.schools = static_cast<int>(IntArg(argc, argv, "--schools", 500));
  shape.terms = static_cast<int>(IntArg(argc, argv, "--terms", 10));
  shape.items_per_term = static_cast<int>(IntArg(argc, argv, "--per-term", 400));
  const int samples = static_cast<int>(IntArg(argc, argv, "--samples", 20));
  bool reuse = false, skip_rollup = false;
  for (int i = 1; i < argc; ++i) {
    reuse |= std::string(argv[i]) == "--reuse";
    skip_rollup |= std::string(argv[i]) == "--skip-rollup";
  }

  FixedClock clock(*ParseTime("2027-02-15T09:00:00Z"));  // after the last term's report is due
  auto store = PgStore::Open(db, {});
  Check(store.status(), "open " + WithoutPassword(db));
  Docket docket(**store, clock, NullLogger());
  if (!reuse) {
    // No operating-system user owns a PostgreSQL database: as a simulation, the loads need
    // no administrator named (bench_supervision's file has its owner).
    Check(docket.InitMode(true).status(), "init");
    auto t0 = std::chrono::steady_clock::now();
    auto stats = GenerateDistrict(docket, **store, shape);
    Check(stats.status(), "generate");
    Figure("generated_items", static_cast<double>(stats->items), "items");
    Figure("generated_entries", static_cast<double>(stats->entries), "entries");
    Figure("generate_time", Seconds(std::chrono::steady_clock::now() - t0), "s", 1);
  }
  const std::string term = "2026-autumn";

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
  if (skip_rollup) return 0;
  std::vector<double> rollup_s;
  for (int k = 0; k < 2; ++k) {
    auto t0 = std::chrono::steady_clock::now();
    auto doc = docket.Rollup("semester", shape.supervisor, term);
    Check(doc.status(), "rollup");
    std::string md = RenderMarkdown(*doc, Lang::kZh);
    rollup_s.push_back(Seconds(std::chrono::steady_clock::now() - t0));
    if (md.empty()) return 1;
  }
  Figure("rollup_all_schools", *std::min_element(rollup_s.begin(), rollup_s.end()), "s", 2);
  Figure("peak_rss", PeakRssKib() / 1024.0, "MiB", 1);
  return 0;
}

}  // namespace
}  // namespace docket::bench

int main(int argc, char** argv) { return docket::bench::Main(argc, argv); }
