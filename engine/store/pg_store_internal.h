// Internals shared by the pg_store*.cc files; not part of the store's interface.
//
// Guard is the one place where libpqxx's exceptions turn into Status: every public method
// of PgStore runs its SQL inside it. A statement that fails inside a transaction dooms it
// (PostgreSQL refuses the rest until a rollback), so Guard records the failure in
// failed_ and the transaction (or savepoint) returns it.
#pragma once

#include <pqxx/pqxx>

#include <cstdint>
#include <optional>
#include <string>

#include "store/pg_store.h"

namespace docket {

struct PgStore::Connection {
  explicit Connection(const std::string& url) : connection(url), tx(connection) {}
  pqxx::connection connection;
  pqxx::nontransaction tx;
};

template <typename F>
auto PgStore::Guard(const Msg& op, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    Status st = StorageError(op, e);
    if (depth_ > 0 && failed_.ok()) failed_ = st;
    return st;
  } catch (...) {
    Status st = Status::Storage(Msg("database '{db}': {op} failed: unknown exception", {{"db", name_}, {"op", op}}));
    if (depth_ > 0 && failed_.ok()) failed_ = st;
    return st;
  }
}

template <typename... Args>
pqxx::result PgStore::Exec(const std::string& sql, Args&&... args) {
  Flush();
  statements_.fetch_add(1, std::memory_order_relaxed);
  if (opener_sent_) opener_sent_->fetch_add(1, std::memory_order_relaxed);
  return conn_->tx.exec_params(sql, std::forward<Args>(args)...);
}

template <typename... Args>
pqxx::result PgStore::Prepared(const char* name, const std::string& sql, Args&&... args) {
  Flush();
  statements_.fetch_add(1, std::memory_order_relaxed);
  // Declared once; libpqxx prepares it on the server at its first execution (and again
  // after a lost connection).
  if (prepared_.insert(name).second) conn_->connection.prepare(name, sql);
  return conn_->tx.exec_prepared(name, std::forward<Args>(args)...);
}

// The columns of an item, in the order ReadItem reads them (pg_store_items.cc).
inline constexpr const char* kItemColumns =
    "id, org, workflow, workflow_version, state, fields, parent, version, created_at, updated_at";
// With `only`, an item's fields are those of `only` alone (the others are checked, not built).
Result<Item> ReadItem(const pqxx::row& r, const std::vector<std::string>* only = nullptr);
Result<std::vector<Item>> ReadItems(const pqxx::result& rows, const std::vector<std::string>* only = nullptr);

// A parameter that may be NULL.
inline const char* NullableText(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

inline std::string Text(const pqxx::field& f) { return f.is_null() ? std::string() : std::string(f.c_str(), f.size()); }
inline std::int64_t Int(const pqxx::field& f) { return f.is_null() ? 0 : f.as<std::int64_t>(); }

}  // namespace docket
