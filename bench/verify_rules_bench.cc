// bench_verify_rules: `audit verify` on a lawful chain made through the application, with
// and without judging the entries by the rules (audit/rule_replay.h).
//
//   bench_verify_rules [--entries 10000] [--db /tmp/docket-bench-rules.db] [--runs 3]
//
// Builds the database when it does not hold the chain yet: the example organizations
// (workflows/examples/org.yaml), the shipped task workflow, then execution tasks of
// school-a, each created by the secretary and taken through acknowledge, start, report
// (100%), complete and check — six entries a task, every one decided by the engine (500
// actions a transaction). Then it times, on one organization's chain: the chain and items'
// replay alone (VerifyAudit, as `audit verify` was before it judged the rules), and the whole
// of `audit verify --org school-a` (Docket::Verify: chain, items, configuration, rules).
#include <filesystem>
#include <iostream>

#include "common.h"
#include "core/clock.h"
#include "store/audit_verify.h"
#include "store/sqlite_store.h"

namespace docket::bench {
namespace {

std::string Shipped(const std::string& rel) { return ReadFileOrDie(std::string(DOCKET_BENCH_DIR) + "/../" + rel); }

void Generate(const std::string& path, std::int64_t entries) {
  RemoveDb(path);
  FixedClock clock(*ParseTime("2026-03-02T08:00:00Z"));
  DocketOptions options;
  options.db = path;
  options.synchronous = "NORMAL";
  auto d = Docket::Open(options, clock, NullLogger());
  Check(d.status(), "open");
  Check((*d)->LoadOrgs(Shipped("workflows/examples/org.yaml"), "org.yaml").status(), "org load");
  Check((*d)->LoadWorkflow(Shipped("workflows/task.yaml"), "task.yaml").status(), "workflow load");
  const std::int64_t tasks = (entries - 1 + 5) / 6;
  for (std::int64_t done = 0; done < tasks;) {
    Check((*d)->Bulk([&]() -> Status {
      for (int k = 0; k < 500 && done < tasks; ++k, ++done) {
        clock.Advance(std::chrono::seconds(60));
        DOCKET_ASSIGN_OR_RETURN(ActResult made, (*d)->CreateItem(CreateRequest{
            "task", "school-a", std::nullopt, {{"title", "食堂改造"}, {"owner", "li"}, {"due_date", "2026-06-30"}}, "wang"}));
        const std::int64_t id = made.item.id;
        for (const auto& [action, who, fields] : std::vector<std::tuple<std::string, std::string, FieldTexts>>{
                 {"acknowledge", "li", {}}, {"start", "li", {}}, {"report", "li", {{"progress", "100"}}},
                 {"complete", "li", {}}, {"check", "wang", {}}}) {
          DOCKET_RETURN_IF_ERROR((*d)->Act(ActRequest{id, action, fields, std::nullopt, who}).status());
        }
      }
      return Status::Ok();
    }), "tasks");
  }
}

}  // namespace
}  // namespace docket::bench

int main(int argc, char** argv) {
  using namespace docket;
  using namespace docket::bench;
  if (PrintedHelp(argc, argv, "bench_verify_rules [--entries 10000] [--db /tmp/docket-bench-rules.db] [--runs 3]\n")) return 0;
  const std::int64_t entries = IntArg(argc, argv, "--entries", 10000);
  const std::string path = Arg(argc, argv, "--db", "/tmp/docket-bench-rules.db");
  const std::int64_t runs = IntArg(argc, argv, "--runs", 3);
  if (!std::filesystem::exists(path)) {
    auto t0 = std::chrono::steady_clock::now();
    Generate(path, entries);
    std::cout << "generated " << path << " in " << Seconds(std::chrono::steady_clock::now() - t0) << " s\n";
  }
  FixedClock clock(*ParseTime("2027-01-01T00:00:00Z"));
  std::vector<double> chain, whole;
  std::int64_t checked = 0;
  for (std::int64_t run = 0; run < runs; ++run) {
    auto store = SqliteStore::Open(path);
    Check(store.status(), "open");
    auto t0 = std::chrono::steady_clock::now();
    Result<VerifyReport> r = VerifyAudit(**store, std::string("school-a"));
    chain.push_back(Seconds(std::chrono::steady_clock::now() - t0));
    Check(r.status(), "VerifyAudit");
    checked = r->entries;
    Docket d(**store, clock, NullLogger());
    t0 = std::chrono::steady_clock::now();
    Check(d.Verify(std::string("school-a")).status(), "Docket::Verify");
    whole.push_back(Seconds(std::chrono::steady_clock::now() - t0));
  }
  std::cout << "entries: " << checked << "\n";
  Figure("verify_chain_and_items_s", Median(chain), "s", 3);
  Figure("verify_with_rules_s", Median(whole), "s", 3);
  Figure("verify_with_rules_entries_per_s", checked / Median(whole), "entries/s");
  std::cout << "peak_rss: " << PeakRssKib() / 1024 << " MiB\n";
  return 0;
}
