// SqliteStore::GetAuditHead and ScanAudit: the audit chain read at the speed of SQLite.
//
// ForEachAuditEntry decodes each row into a fresh entry and its changes through a JSON
// tree; reading two million entries that way costs more than hashing them. This scan
// steps one statement with the C API, copies each column into the same reused entry (its
// strings keep their capacity) and reads the changes with the fast reader of audit_json.h,
// which gives the same result and the same errors.
#include <sqlite3.h>

#include "store/audit_json.h"
#include "store/sqlite_store_internal.h"

namespace docket {

namespace {

// The columns in AuditEntry's order.
constexpr const char* kScanColumns =
    "org, seq, time, actor, role, action, outcome, item_id, workflow, workflow_version, "
    "from_state, to_state, changes, item_version, reason, prev_hash, hash";

// Closes the statement however the scan ends.
struct StatementCloser {
  sqlite3_stmt* stmt = nullptr;
  ~StatementCloser() { sqlite3_finalize(stmt); }
};

void Assign(sqlite3_stmt* q, int col, std::string* out) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(q, col));
  const int bytes = sqlite3_column_bytes(q, col);
  if (text == nullptr) {
    out->clear();
  } else {
    out->assign(text, static_cast<std::size_t>(bytes));
  }
}

}  // namespace

Result<AuditHead> SqliteStore::GetAuditHead(const std::string& org) {
  std::lock_guard lock(mu_);
  return Guard("read the audit head of organization " + Quoted(org), [&]() -> Result<AuditHead> {
    Lease q_lease(*this, "SELECT seq, hash FROM audit WHERE org=? ORDER BY seq DESC LIMIT 1");
    SQLite::Statement& q = *q_lease;
    q.bind(1, org);
    AuditHead head;
    if (q.executeStep()) {
      head.seq = q.getColumn(0).getInt64();
      head.hash = q.getColumn(1).getString();
    }
    return head;
  });
}

Status SqliteStore::ScanAudit(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                              const std::function<Status(const AuditEntry&)>& fn) {
  std::lock_guard lock(mu_);
  return Guard("read audit log of organization " + Quoted(org), [&]() -> Status {
    sqlite3* db = db_->getHandle();
    StatementCloser q;
    const std::string sql = std::string("SELECT ") + kScanColumns +
                            " FROM audit WHERE org=? AND seq BETWEEN ? AND ? ORDER BY seq";
    int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &q.stmt, nullptr);
    if (rc != SQLITE_OK) throw SQLite::Exception(db, rc);
    sqlite3_bind_text(q.stmt, 1, org.data(), static_cast<int>(org.size()), SQLITE_STATIC);
    sqlite3_bind_int64(q.stmt, 2, from_seq);
    sqlite3_bind_int64(q.stmt, 3, to_seq);
    AuditEntry e;
    while ((rc = sqlite3_step(q.stmt)) == SQLITE_ROW) {
      Assign(q.stmt, 0, &e.org);
      e.seq = sqlite3_column_int64(q.stmt, 1);
      Assign(q.stmt, 2, &e.time);
      Assign(q.stmt, 3, &e.actor);
      Assign(q.stmt, 4, &e.role);
      Assign(q.stmt, 5, &e.action);
      Assign(q.stmt, 6, &e.outcome);
      e.item_id = sqlite3_column_int64(q.stmt, 7);
      Assign(q.stmt, 8, &e.workflow);
      e.workflow_version = sqlite3_column_int64(q.stmt, 9);
      Assign(q.stmt, 10, &e.from_state);
      Assign(q.stmt, 11, &e.to_state);
      const auto* changes = reinterpret_cast<const char*>(sqlite3_column_text(q.stmt, 12));
      Status parsed = ParseChangesText(
          std::string_view(changes ? changes : "", static_cast<std::size_t>(sqlite3_column_bytes(q.stmt, 12))),
          &e.changes);
      if (!parsed.ok()) {
        return Status::Integrity("organization " + Quoted(e.org) + ", entry " +
                                 std::to_string(e.seq) + ": " + parsed.message());
      }
      e.item_version = sqlite3_column_int64(q.stmt, 13);
      Assign(q.stmt, 14, &e.reason);
      Assign(q.stmt, 15, &e.prev_hash);
      Assign(q.stmt, 16, &e.hash);
      DOCKET_RETURN_IF_ERROR(fn(e));
    }
    if (rc != SQLITE_DONE) throw SQLite::Exception(db, rc);
    return Status::Ok();
  });
}

}  // namespace docket
