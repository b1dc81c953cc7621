#include "forge.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <limits>

#include "audit/chain.h"
#include "store/sqlite_store.h"

namespace docket::testing {

void ForgeAppend(const std::string& db, const ForgedAction& a) {
  auto store = SqliteStore::Open(db);
  ASSERT_TRUE(store.ok()) << store.status().message();
  Result<Item> item = (*store)->GetItem(a.item);
  ASSERT_TRUE(item.ok()) << item.status().message();
  const std::string to = a.to.empty() ? item->state : a.to;
  AuditEntry e;
  e.org = item->org;
  e.time = a.time;
  e.actor = a.actor;
  e.role = a.role;
  e.action = a.action;
  e.outcome = "ok";
  e.item_id = item->id;
  e.workflow = item->workflow;
  e.workflow_version = item->workflow_version;
  e.from_state = item->state;
  e.to_state = to;
  e.changes = a.changes;
  e.item_version = item->version + 1;
  Item moved = *item;
  moved.state = to;
  moved.version = item->version + 1;
  moved.updated_at = ParseTime(a.time).value_or(item->updated_at);
  Status st = (*store)->Transact([&]() -> Status {
    DOCKET_RETURN_IF_ERROR((*store)->UpdateItem(moved, item->version));
    return (*store)->AppendAudit(std::move(e)).status();
  });
  ASSERT_TRUE(st.ok()) << st.message();
}

void Rehash(const std::string& db, const std::string& org, std::int64_t from) {
  std::vector<AuditEntry> entries;
  {
    auto store = SqliteStore::Open(db);
    ASSERT_TRUE(store.ok()) << store.status().message();
    ASSERT_TRUE((*store)->ScanAudit(org, 1, std::numeric_limits<std::int64_t>::max(), [&](const AuditEntry& e) {
      entries.push_back(e);
      return Status::Ok();
    }).ok());
  }
  SQLite::Database file(db, SQLite::OPEN_READWRITE);
  file.exec("DROP TRIGGER IF EXISTS audit_no_update");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    AuditEntry& e = entries[i];
    if (e.seq < from) continue;
    if (i == 0) {
      LinkEntry(e, 0, "");
    } else {
      LinkEntry(e, entries[i - 1].seq, entries[i - 1].hash);
    }
    SQLite::Statement q(file, "UPDATE audit SET prev_hash = ?, hash = ? WHERE org = ? AND seq = ?");
    q.bind(1, e.prev_hash);
    q.bind(2, e.hash);
    q.bind(3, org);
    q.bind(4, static_cast<std::int64_t>(e.seq));
    q.exec();
  }
}

}  // namespace docket::testing
