#include "common.h"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

namespace docket::bench {

const Step kSteps[5] = {
    {"submit", "draft", "proposed", "title", "alice"},
    {"schedule", "proposed", "on_agenda", "meeting_date", "bob"},
    {"decide", "on_agenda", "decided", "decision", "carol"},
    {"start", "decided", "executing", "assignee", "dave"},
    {"complete", "executing", "done", "result", "dave"},
};

std::string BenchFile(const std::string& name) {
  const char* dir = std::getenv("DOCKET_BENCH_DIR");
  return std::string(dir != nullptr ? dir : DOCKET_BENCH_DIR) + "/" + name;
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << path << "\n";
    std::exit(1);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void LoadBenchSetup(Docket& d) {
  std::string org = BenchFile("org.yaml");
  std::string wf = BenchFile("workflow.yaml");
  // A simulation: its loads need no administrator (a benchmark's Docket has no local owner).
  Check(d.InitMode(true).status(), "init");
  auto o = d.LoadOrgs(ReadFileOrDie(org), org);
  Check(o.status(), "load " + org);
  auto w = d.LoadWorkflow(ReadFileOrDie(wf), wf);
  Check(w.status(), "load " + wf);
}

std::shared_ptr<spdlog::logger> NullLogger() {
  // At warn, as the CLI and the server log by default: an info line is not formatted.
  auto log = std::make_shared<spdlog::logger>("bench", std::make_shared<spdlog::sinks::null_sink_st>());
  log->set_level(spdlog::level::warn);
  return log;
}

void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ec;
    std::filesystem::remove(path + suffix, ec);
  }
}

void Check(const Status& st, const std::string& what) {
  if (st.ok()) return;
  std::cerr << what << ": " << st.message() << "\n";
  std::exit(1);
}

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

double Median(std::vector<double> xs) {
  if (xs.empty()) return 0;
  std::sort(xs.begin(), xs.end());
  const std::size_t mid = xs.size() / 2;
  return xs.size() % 2 == 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

long PeakRssKib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

double ProcessCpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

void Figure(const std::string& name, double value, const std::string& unit, int decimals) {
  std::printf("%s: %.*f %s\n", name.c_str(), decimals, value, unit.c_str());
  std::fflush(stdout);
}

bool PrintedHelp(int argc, char** argv, const char* usage) {
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "-h" || std::string(argv[i]) == "--help") {
      std::fputs(usage, stdout);
      return true;
    }
  }
  return false;
}

std::string Arg(int argc, char** argv, const std::string& flag, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (flag == argv[i]) return argv[i + 1];
  }
  return fallback;
}

std::int64_t IntArg(int argc, char** argv, const std::string& flag, std::int64_t fallback) {
  std::string v = Arg(argc, argv, flag, "");
  return v.empty() ? fallback : std::stoll(v);
}

}  // namespace docket::bench
