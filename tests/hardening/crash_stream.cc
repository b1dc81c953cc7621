// docket_crash_stream DB SEED: a test-only program for the crash test. It streams
// transitions through the app layer (Docket over SqliteStore, synchronous=FULL) forever and
// prints one line per committed transition, after the commit, flushing stdout:
//
//   ok|refused ITEM ACTION VERSION      (VERSION: the item's version after it)
//
// A quarter of the cycles run inside one Docket::Bulk transaction; their lines are printed
// only once the whole Bulk has committed. Any unexpected failure: a message on stderr and
// exit 1. The harness (crash_test.cc) kills it with SIGKILL at random moments.
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "app/docket.h"
#include "app/embedded.h"
#include "app/system_clock.h"
#include "store/sqlite_store.h"

namespace docket {
namespace {

[[noreturn]] void Die(const std::string& what, const Status& st) {
  std::fprintf(stderr, "docket_crash_stream: %s: %s\n", what.c_str(), st.ToString().c_str());
  std::exit(1);
}

class Streamer {
 public:
  Streamer(Docket& docket, unsigned seed) : docket_(docket), rng_(seed) {}

  void Run() {
    for (;;) {
      if (rng_() % 4 == 0) {
        bulk_ = true;
        Status st = docket_.Bulk([&] {
          Cycle();
          return Status::Ok();
        });
        bulk_ = false;
        if (!st.ok()) Die("bulk", st);
        Flush();
      } else {
        Cycle();
      }
    }
  }

 private:
  // One execution task through its whole life, with two refusals on the way.
  void Cycle() {
    auto created = docket_.CreateItem({"task", "school-a", std::nullopt,
                                       {{"title", "crash " + std::to_string(rng_())}, {"owner", "li"},
                                        {"due_date", "2026-06-30"}},
                                       "wang"});
    if (!created.ok()) Die("create", created.status());
    id_ = created->item.id;
    version_ = created->item.version;
    Emit("ok", "create");
    Refused("liu", "acknowledge", {});  // the clerk may not acknowledge a task
    Ok("li", "acknowledge", {});
    Ok("li", "start", {});
    Refused("chen", "report", {{"progress", "50"}});  // not the task's owner, nor the principal (R12)
    Ok("li", "report", {{"progress", std::to_string(rng_() % 100)}});
    Refused("li", "complete", {});  // progress is below 100
    Ok("li", "report", {{"progress", "100"}});
    Ok("li", "complete", {});
    Ok("wang", "check", {});
  }

  void Ok(const std::string& who, const std::string& action, FieldTexts fields) {
    auto r = docket_.Act({id_, action, std::move(fields), version_, who});
    if (!r.ok()) Die(action + " on item " + std::to_string(id_), r.status());
    version_ = r->item.version;
    Emit("ok", action);
  }

  void Refused(const std::string& who, const std::string& action, FieldTexts fields) {
    auto r = docket_.Act({id_, action, std::move(fields), version_, who});
    if (r.ok()) Die(action + " was accepted", Status::Ok());
    if (r.status().code() != Code::kForbidden && r.status().code() != Code::kRefused) {
      Die(action + " on item " + std::to_string(id_), r.status());
    }
    Emit("refused", action);
  }

  void Emit(const char* outcome, const std::string& action) {
    lines_.push_back(std::string(outcome) + " " + std::to_string(id_) + " " + action + " " +
                     std::to_string(version_) + "\n");
    if (!bulk_) Flush();
  }

  void Flush() {
    for (const auto& l : lines_) std::fputs(l.c_str(), stdout);
    std::fflush(stdout);
    lines_.clear();
  }

  Docket& docket_;
  std::mt19937 rng_;
  bool bulk_ = false;
  std::int64_t id_ = 0;
  std::int64_t version_ = 0;
  std::vector<std::string> lines_;
};

}  // namespace
}  // namespace docket

int main(int argc, char** argv) {
  using namespace docket;
  if (argc != 3) {
    std::fprintf(stderr, "usage: docket_crash_stream DB SEED\n");
    return 2;
  }
  SqliteOptions options;
  options.synchronous = "FULL";
  auto store = SqliteStore::Open(argv[1], options);
  if (!store.ok()) Die("open", store.status());
  SystemClock clock;
  Docket docket(**store, clock,
                std::make_shared<spdlog::logger>("crash", std::make_shared<spdlog::sinks::null_sink_st>()));
  // A simulation: its loads need no administrator.
  if (auto m = docket.InitMode(/*simulation=*/true); !m.ok()) Die("init", m.status());
  // Loading again updates or finds the same version: safe on every restart.
  auto org = docket.LoadOrgs(FindShipped("workflows/examples/org.yaml")->text, "org.yaml");
  if (!org.ok()) Die("org load", org.status());
  for (const auto& wf : ShippedWorkflows()) {
    auto r = docket.LoadWorkflow(wf.text, std::string(wf.path));
    if (!r.ok()) Die("workflow load", r.status());
  }
  Streamer(docket, static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10))).Run();
}
