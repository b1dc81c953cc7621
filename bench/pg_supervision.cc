// bench_pg_supervision: one school's semester report and the roll-up on PostgreSQL
// (issue 17), the district of bench_supervision (bench/district_gen.h) in a PostgreSQL
// database instead of a SQLite file.
//
//   bench_pg_supervision --db postgresql://USER@HOST:PORT/DB [--schools 500] [--terms 10]
//                        [--per-term 400] [--reuse] [--samples 20] [--skip-rollup]
//                        [--via-sqlite FILE]
//
// Generates the district into DB (which must be empty; with --reuse an already generated
// one is read as it is). Written through PgStore, a school takes ~14 s (a statement per
// row, each a round trip); with --via-sqlite the district is generated into the SQLite
// file FILE instead (as bench_supervision does, 500 schools in minutes; kept, and reused
// when it exists) and every table is then copied into DB with COPY (`sqlite3 -csv` into
// `psql \copy`, both on the PATH), followed by ANALYZE. Then it times one school's semester report for the last term,
// rendered as Markdown (median and maximum over --samples schools spread over the
// district), and the roll-up of every school (the better of two), as bench_supervision
// does on SQLite. Prints the figures one per line (`figure: value unit`).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "common.h"
#include "district_gen.h"
#include "report/doc.h"
#include "store/pg_store.h"
#include "store/sqlite_store.h"

namespace docket::bench {
namespace {

constexpr const char* kUsage =
    "bench_pg_supervision --db postgresql://USER@HOST:PORT/DB [--schools 500] [--terms 10] [--per-term 400]\n"
    "                     [--reuse] [--samples 20] [--skip-rollup] [--via-sqlite FILE]\n"
    "Generates a district into an empty PostgreSQL database (unless --reuse), then times one\n"
    "school's report and the roll-up. See docs/BENCHMARKS.md.\n";

// `text` as one shell word.
std::string Quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The standard output of the shell command `cmd`; exits when it fails.
std::string Output(const std::string& cmd) {
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) Check(Status::Storage(Msg::Literal("cannot run: " + cmd)), "copy");
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  if (pclose(p) != 0) Check(Status::Storage(Msg::Literal("failed: " + cmd)), "copy");
  return out;
}

// Copies every table of the (migrated, empty) PostgreSQL database `db` from the SQLite file
// `file`, column by column as PostgreSQL names them (the two schemas are the same, JSON and
// times as text; sqlite3's CSV writes NULL as nothing and '' as "", which is what COPY
// reads), the tables others reference first; makes each chain's head (a table SQLite does
// not keep) from its last entry, moves each identity past the largest id, runs ANALYZE.
void CopyFromSqlite(const std::string& file, const std::string& db) {
  const std::string psql = "psql -X -q -v ON_ERROR_STOP=1 " + Quoted(db);
  std::istringstream tables(Output(
      psql + " -A -t -F ' ' -c " +
      Quoted("SELECT table_name, string_agg(quote_ident(column_name), ',' ORDER BY ordinal_position), "
             "bool_or(is_identity = 'YES') FROM information_schema.columns WHERE table_schema = 'public' AND "
             "table_name NOT IN ('schema_migrations', 'audit_heads') GROUP BY table_name "
             "ORDER BY table_name NOT IN ('orgs', 'people', 'notifications'), table_name")));
  for (std::string table, columns, identity; tables >> table >> columns >> identity;) {
    auto t0 = std::chrono::steady_clock::now();
    Output("bash -o pipefail -c " +
           Quoted("sqlite3 -csv " + Quoted(file) + " " + Quoted("SELECT " + columns + " FROM " + table) + " | " +
                  psql + " -c " + Quoted("\\copy " + table + "(" + columns + ") FROM STDIN CSV")));
    if (identity == "t") {
      Output(psql + " -c " + Quoted("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), max(id)) FROM " +
                                    table + " HAVING max(id) IS NOT NULL"));
    }
    std::cerr << "copied " << table << " in " << Seconds(std::chrono::steady_clock::now() - t0) << " s\n";
  }
  Output(psql + " -c " + Quoted("INSERT INTO audit_heads(org, seq, hash, time) SELECT DISTINCT ON (org) org, seq, "
                                "hash, time FROM audit ORDER BY org, seq DESC"));
  Output(psql + " -c ANALYZE");
}

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
  const std::string via = Arg(argc, argv, "--via-sqlite", "");
  if (!reuse && !via.empty()) {
    auto t0 = std::chrono::steady_clock::now();
    if (!std::filesystem::exists(via)) {
      SqliteOptions opts;
      opts.synchronous = "NORMAL";
      auto file = SqliteStore::Open(via, opts);
      Check(file.status(), "open " + via);
      FixedClock generated_at(DistrictStart(shape));  // the record's times come after it, in each chain
      Docket on_file(**file, generated_at, NullLogger());
      Check(on_file.InitMode(true).status(), "init");  // a simulation, as on PostgreSQL below
      auto stats = GenerateDistrict(on_file, **file, shape);
      Check(stats.status(), "generate");
      Figure("generated_items", static_cast<double>(stats->items), "items");
      Figure("generated_entries", static_cast<double>(stats->entries), "entries");
      Figure("generate_sqlite_time", Seconds(std::chrono::steady_clock::now() - t0), "s", 1);
    }
    auto t1 = std::chrono::steady_clock::now();
    CopyFromSqlite(via, db);
    Figure("copy_time", Seconds(std::chrono::steady_clock::now() - t1), "s", 1);
  } else if (!reuse) {
    // No operating-system user owns a PostgreSQL database: as a simulation, the loads need
    // no administrator named (bench_supervision's file has its owner).
    FixedClock generated_at(DistrictStart(shape));  // the record's times come after it, in each chain
    Docket generator(**store, generated_at, NullLogger());
    Check(generator.InitMode(true).status(), "init");
    auto t0 = std::chrono::steady_clock::now();
    auto stats = GenerateDistrict(generator, **store, shape);
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
