// The stores the app tests run on, by name: "sqlite" (a file in the test's folder, as the
// CLI opens one), "memory" (a MemoryStore) and "postgresql" (a PgStore on a fresh database
// of the test run's cluster, support/pg_database.h; present where PostgreSQL is installed
// or CI=true). A suite instantiated over StoreBackends() runs each case on each; a case
// that passes on one and fails on another has found a difference in the stores' semantics.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/memory_store.h"
#include "store/pg_store.h"
#include "store/sqlite_store.h"
#include "support/pg_database.h"

namespace docket::testing {

inline std::vector<std::string> StoreBackendNames() {
  std::vector<std::string> out = {"sqlite", "memory"};
  if (PgInstalled() || PgRequired()) out.push_back("postgresql");
  return out;
}
inline auto StoreBackends() { return ::testing::ValuesIn(StoreBackendNames()); }

// Names each instance of a suite over StoreBackends() by its backend ("Case/memory").
struct BackendName {
  std::string operator()(const ::testing::TestParamInfo<std::string>& info) const { return info.param; }
};

// Opens the named backend's store. Opened again, it gives a store on the same data, as a
// reopened file or a second process would have: the same file, or a MemoryStore on the
// same MemoryDatabase, or the same PostgreSQL database.
class StoreOpener {
 public:
  StoreOpener(std::string backend, std::string path) : backend_(std::move(backend)), path_(std::move(path)) {}

  // Of `options`, the memory store takes only the fault hook (the same named points).
  Result<std::unique_ptr<Store>> Open(const SqliteOptions& options = {}) {
    if (backend_ == "sqlite") {
      auto s = SqliteStore::Open(path_, options);
      if (!s.ok()) return s.status();
      return std::unique_ptr<Store>(std::move(s).value());
    }
    if (backend_ == "postgresql") {
      if (!pg_) pg_ = std::make_unique<PgTestDatabase>();
      if (pg_->url().empty()) return Status::Storage("no PostgreSQL database for the test: " + pg_->error());
      PgOptions pg;
      pg.fault_hook = options.fault_hook;
      auto s = PgStore::Open(pg_->url(), pg);
      if (!s.ok()) return s.status();
      return std::unique_ptr<Store>(std::move(s).value());
    }
    if (backend_ != "memory") return Status::Invalid("no store backend '" + backend_ + "'");
    MemoryOptions memory;
    memory.fault_hook = options.fault_hook;
    memory.database = memory_;
    auto s = MemoryStore::Open(std::move(memory));
    if (!s.ok()) return s.status();
    if (!memory_) memory_ = (*s)->database();  // once: later opens may run on several threads
    return std::unique_ptr<Store>(std::move(s).value());
  }
  const std::string& backend() const { return backend_; }

 private:
  std::string backend_;
  std::string path_;
  std::shared_ptr<MemoryDatabase> memory_;  // kept between opens, as the file is
  std::unique_ptr<PgTestDatabase> pg_;       // made at the first open, dropped with the opener
};

// Fixture F with its cases run on every backend: declare them with TEST_P and add
// INSTANTIATE_TEST_SUITE_P(Stores, Suite, StoreBackends(), BackendName()). F reads the
// backend through a virtual Backend() that returns "sqlite" unless overridden here.
template <typename F>
class OnEachStore : public F, public ::testing::WithParamInterface<std::string> {
 protected:
  std::string Backend() const override { return this->GetParam(); }
};

}  // namespace docket::testing
