// Internals shared by the sqlite_store*.cc files; not part of the store's interface.
//
// Guard is the one place where SQLiteCpp's exceptions turn into Status: every public
// method of SqliteStore runs its SQL inside it.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite_store.h"

namespace docket {

template <typename F>
auto SqliteStore::Guard(const Msg& op, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return StorageError(op, e);
  } catch (...) {
    return Status::Storage(Msg("database '{db}': {op} failed: unknown exception", {{"db", path_}, {"op", op}}));
  }
}

template <typename Op, typename F>
auto SqliteStore::GuardLazy(Op&& op, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return StorageError(op(), e);
  } catch (...) {
    return Status::Storage(Msg("database '{db}': {op} failed: unknown exception", {{"db", path_}, {"op", op()}}));
  }
}

// The read-only connections of long scans, kept for the next scan (audit_scan_sqlite.cc).
struct SqliteStore::ScanConnections {
  static constexpr std::size_t kMaxIdle = 4;
  std::mutex mu;
  std::vector<sqlite3*> idle;
  std::int64_t opened = 0;  // connections opened so far (tests: kept ones are reused)
  ~ScanConnections() {
    for (sqlite3* db : idle) sqlite3_close_v2(db);
  }
};

// A cached prepared statement for `sql`, bindings cleared, for the lease's lifetime. The
// lease resets it on destruction, so no statement is left part-way through its rows (which
// would hold a read snapshot open). If the cached one is already leased (a re-entrant call),
// the lease prepares and finalizes a statement of its own. Throws as SQLite::Statement does:
// use inside Guard.
class SqliteStore::Lease {
 public:
  Lease(SqliteStore& store, const std::string& sql) {
    CachedStatement& slot = store.statements_[sql];
    if (slot.busy) {
      own_ = std::make_unique<SQLite::Statement>(*store.db_, sql);
      statement_ = own_.get();
      return;
    }
    if (!slot.statement) slot.statement = std::make_unique<SQLite::Statement>(*store.db_, sql);
    statement_ = slot.statement.get();
    statement_->clearBindings();
    slot.busy = true;
    slot_ = &slot;
  }
  ~Lease() {
    if (slot_ == nullptr) return;
    statement_->tryReset();
    slot_->busy = false;
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  SQLite::Statement& operator*() { return *statement_; }
  SQLite::Statement* operator->() { return statement_; }

 private:
  CachedStatement* slot_ = nullptr;
  std::unique_ptr<SQLite::Statement> own_;
  SQLite::Statement* statement_ = nullptr;
};

// "'text'" for messages.
inline std::string Quoted(const std::string& s) { return "'" + s + "'"; }

// A versioned definition from a row of (id, version, content_hash, source, loaded_at), as
// the definitions and report_definitions tables give it (sqlite_store_records.cc).
DefinitionRecord ReadDefinition(SQLite::Statement& q);

}  // namespace docket
