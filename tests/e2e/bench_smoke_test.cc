// The benchmarks still run: each binary of bench/ on a small shape, as a process, must
// finish and print its figures (a benchmark that fails to start measures nothing; they
// are not otherwise run by CTest). DOCKET_BENCH_BIN is the folder of the built binaries.
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "support/paths.h"
#include "support/process.h"

namespace docket::testing {
namespace {

std::string Bench(const std::string& name) {
  const char* dir = std::getenv("DOCKET_BENCH_BIN");
  return std::string(dir != nullptr ? dir : "bench") + "/" + name;
}

TEST(BenchSmokeTest, TransitionsRunsEverySide) {
  TempDir dir;
  RunResult r = RunProcess(Bench("bench_transitions"), {"--n", "20", "--runs", "1", "--batch", "10", "--dir", dir.path().string()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const char* mode : {"full", "normal", "bulk"}) {
    EXPECT_NE(r.out.find(std::string("ratio_vs_raw_") + mode), std::string::npos) << r.out;
  }
}

TEST(BenchSmokeTest, SupervisionGeneratesReportsAndVerifiesTheExports) {
  TempDir dir;
  RunResult r = RunProcess(Bench("bench_supervision"), {"--db", dir.File("district.db"), "--schools", "3", "--terms", "2",
                                                        "--per-term", "60", "--samples", "1", "--exports", dir.File("exports")});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("rollup_all_schools"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("export_plus_verify_rate"), std::string::npos) << r.out;
}

// The generated chains are lawful: `audit verify` of a school's chain on the database (its
// times, links, items and the rules) passes.
TEST(BenchSmokeTest, GeneratedChainsVerify) {
  TempDir dir;
  const std::string db = dir.File("district.db");
  RunResult gen = RunProcess(Bench("bench_supervision"), {"--db", db, "--schools", "2", "--terms", "2", "--per-term", "40",
                                                          "--samples", "1", "--skip-export"});
  ASSERT_EQ(gen.exit_code, 0) << gen.out << gen.err;
  for (const char* org : {"s0001", "s0002", "district"}) {
    RunResult v = RunProcess(DOCKET_BINARY, {"audit", "verify", "--db", db, "--org", org, "--lang", "en"});
    EXPECT_EQ(v.exit_code, 0) << org << ": " << v.out << v.err;
  }
}

}  // namespace
}  // namespace docket::testing
