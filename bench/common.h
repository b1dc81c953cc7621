// Shared helpers for the benchmarks: timing, peak memory, figures, the bench workflow.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "app/docket.h"
#include "core/status.h"

namespace docket::bench {

// The five steps of ../shared/peers/common.mjs: action, required field, actor.
struct Step {
  const char* action;
  const char* from;
  const char* to;
  const char* field;
  const char* actor;
};
extern const Step kSteps[5];

// bench/workflow.yaml and bench/org.yaml (from $DOCKET_BENCH_DIR or the source tree).
std::string BenchFile(const std::string& name);
std::string ReadFileOrDie(const std::string& path);

// Loads bench/org.yaml and bench/workflow.yaml; exits on failure.
void LoadBenchSetup(Docket& d);

std::shared_ptr<spdlog::logger> NullLogger();

// Removes path and its -wal, -shm and -journal companions.
void RemoveDb(const std::string& path);

// Aborts with a message when st is not ok.
void Check(const Status& st, const std::string& what);

double Seconds(std::chrono::steady_clock::duration d);
double Median(std::vector<double> xs);
// Peak resident set of this process (getrusage), KiB.
long PeakRssKib();
// CPU time (user and system) this process's threads have used so far, seconds.
double ProcessCpuSeconds();

// Prints "name: value unit" (the machine-readable figure line).
void Figure(const std::string& name, double value, const std::string& unit, int decimals = 0);

// True (after printing `usage` to stdout) when argv asks for -h or --help: a benchmark
// must not start generating its database when asked how to run it.
bool PrintedHelp(int argc, char** argv, const char* usage);
// --flag VALUE lookups in argv.
std::string Arg(int argc, char** argv, const std::string& flag, const std::string& fallback);
std::int64_t IntArg(int argc, char** argv, const std::string& flag, std::int64_t fallback);

}  // namespace docket::bench
