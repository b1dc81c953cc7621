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
#include "common.h"
#include "store/audit_chain.h"
#include "store/audit_verify.h"
#include "store/json_value.h"
#include "store/sqlite_store.h"

namespace docket::bench {
namespace {

const char* const kRoles[5] = {"member", "secretary", "chair", "owner", "owner"};

void Generate(const std::string& path, std::int64_t entries) {
  RemoveDb(path);
  {
    auto store = SqliteStore::Open(path);
    Check(store.status(), "open " + path);
    SystemClock clock;
    Docket d(**store, clock, NullLogger());
    LoadBenchSetup(d);
  }
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=OFF");
  SQLite::Statement ins_item(db,
                             "INSERT INTO items(id, org, workflow, workflow_version, state, fields, "
                             "version, created_at, updated_at) VALUES (?,'bench-org','bench',1,?,?,?,?,?)");
  SQLite::Statement ins_audit(
      db,
      "INSERT INTO audit(org, seq, time, actor, role, action, outcome, item_id, workflow, "
      "workflow_version, from_state, to_state, changes, item_version, reason, prev_hash, hash) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  const std::string now = FormatTime(SystemClock().Now());
  std::int64_t seq = 0;
  std::string head;
  auto append = [&](AuditEntry e) {
    LinkEntry(e, seq, head);
    seq = e.seq;
    head = e.hash;
    ins_audit.reset();
    ins_audit.bind(1, e.org);
    ins_audit.bind(2, e.seq);
    ins_audit.bind(3, e.time);
    ins_audit.bind(4, e.actor);
    ins_audit.bind(5, e.role);
    ins_audit.bind(6, e.action);
    ins_audit.bind(7, e.outcome);
    ins_audit.bind(8, e.item_id);
    ins_audit.bind(9, e.workflow);
    ins_audit.bind(10, e.workflow_version);
    ins_audit.bind(11, e.from_state);
    ins_audit.bind(12, e.to_state);
    ins_audit.bind(13, DumpJson(ChangesToJson(e.changes)));
    ins_audit.bind(14, e.item_version);
    ins_audit.bind(15, e.reason);
    ins_audit.bind(16, e.prev_hash);
    ins_audit.bind(17, e.hash);
    ins_audit.exec();
  };
  db.exec("BEGIN");
  std::int64_t written = 0;
  for (std::int64_t id = 1; written < entries; ++id) {
    AuditEntry e;
    e.org = "bench-org";
    e.time = now;
    e.outcome = "ok";
    e.item_id = id;
    e.workflow = "bench";
    e.workflow_version = 1;
    FieldMap fields;
    std::string state = "draft";
    // The last item may be cut short so that the log holds exactly `entries` entries.
    int steps = static_cast<int>(std::min<std::int64_t>(5, entries - written - 1));
    for (int k = -1; k < steps; ++k) {
      std::string field = k < 0 ? "ref" : kSteps[k].field;
      std::string value = field + "-" + std::to_string(id);
      e.actor = k < 0 ? "alice" : kSteps[k].actor;
      e.role = k < 0 ? "member" : kRoles[k];
      e.action = k < 0 ? "create" : kSteps[k].action;
      e.from_state = k < 0 ? "" : state;
      e.to_state = k < 0 ? "draft" : kSteps[k].to;
      e.changes = {{field, Value(), Value(value)}};
      e.item_version = k + 2;
      fields[field] = value;
      state = e.to_state;
      append(e);
      ++written;
    }
    ins_item.reset();
    ins_item.bind(1, id);
    ins_item.bind(2, state);
    ins_item.bind(3, DumpJson(FieldsToJson(fields)));
    ins_item.bind(4, steps + 1);
    ins_item.bind(5, now);
    ins_item.bind(6, now);
    ins_item.exec();
    if (id % 20000 == 0) {
      db.exec("COMMIT");
      db.exec("BEGIN");
    }
  }
  db.exec("COMMIT");
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

std::int64_t CountEntries(const std::string& path) {
  if (!std::filesystem::exists(path)) return -1;
  try {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT count(*) FROM audit").getInt64();
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace
}  // namespace docket::bench

int main(int argc, char** argv) {
  using namespace docket;
  using namespace docket::bench;
  const std::int64_t entries = IntArg(argc, argv, "--entries", 2000000);
  const std::string path = Arg(argc, argv, "--db", "/tmp/docket-bench-verify.db");
  const bool regen = IntArg(argc, argv, "--regen", 0) != 0;
  const std::int64_t runs = IntArg(argc, argv, "--runs", 3);

  if (regen || CountEntries(path) != entries) {
    auto t0 = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid == 0) {
      Generate(path, entries);
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
