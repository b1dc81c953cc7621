// A long valid audit chain written straight into a Docket database, for the benchmarks of
// `audit verify`, export and offline verification (bench_verify_bench, bench_audit_export).
#include "chain_gen.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <type_traits>

#include "app/system_clock.h"
#include "audit/chain.h"
#include "audit/json_value.h"
#include "common.h"
#include "store/sqlite_store.h"

namespace docket::bench {

namespace {
const char* const kRoles[5] = {"member", "secretary", "chair", "owner", "owner"};
}  // namespace

void GenerateChain(const std::string& path, std::int64_t entries) {
  RemoveDb(path);
  // The setup's org load opens the chain with its configuration entry: the items follow it.
  AuditHead setup;
  {
    auto store = SqliteStore::Open(path);
    Check(store.status(), "open " + path);
    SystemClock clock;
    Docket d(**store, clock, NullLogger());
    LoadBenchSetup(d);
    auto head = (*store)->GetAuditHead(kChainOrg);
    Check(head.status(), "read the chain head of " + std::string(kChainOrg));
    setup = *head;
  }
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=OFF");
  SQLite::Statement ins_item(db,
                             "INSERT INTO items(id, org, workflow, workflow_version, state, fields, "
                             "version, created_at, updated_at) VALUES (?,?,'bench',1,?,?,?,?,?)");
  SQLite::Statement ins_audit(
      db,
      std::string("INSERT INTO audit(") + kAuditColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  static_assert(kAuditFieldCount == 17, "one placeholder per field above");
  const std::string now = FormatTime(SystemClock().Now());
  std::int64_t seq = setup.seq;
  std::string head = setup.hash;
  auto append = [&](AuditEntry e) {
    LinkEntry(e, seq, head);
    seq = e.seq;
    head = e.hash;
    ins_audit.reset();
    int c = 0;
    ForEachAuditField(e, [&](std::string_view, const auto& member) {
      if constexpr (std::is_same_v<std::decay_t<decltype(member)>, std::vector<FieldChange>>) {
        ins_audit.bind(++c, DumpJson(ChangesToJson(member)));
      } else {
        ins_audit.bind(++c, member);
      }
    });
    ins_audit.exec();
  };
  db.exec("BEGIN");
  std::int64_t written = setup.seq;
  for (std::int64_t id = 1; written < entries; ++id) {
    AuditEntry e;
    e.org = kChainOrg;
    e.time = now;
    e.outcome = "ok";
    e.item_id = id;
    e.workflow = "bench";
    e.workflow_version = 1;
    FieldMap fields;
    std::string state = "draft";
    // The last item may be cut short so that the chain holds exactly `entries` entries.
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
    ins_item.bind(2, kChainOrg);
    ins_item.bind(3, state);
    ins_item.bind(4, DumpJson(FieldsToJson(fields)));
    ins_item.bind(5, steps + 1);
    ins_item.bind(6, now);
    ins_item.bind(7, now);
    ins_item.exec();
    if (id % 20000 == 0) {
      db.exec("COMMIT");
      db.exec("BEGIN");
    }
  }
  db.exec("COMMIT");
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

std::int64_t CountAuditEntries(const std::string& path) {
  if (!std::filesystem::exists(path)) return -1;
  try {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT count(*) FROM audit").getInt64();
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace docket::bench
