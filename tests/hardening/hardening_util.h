// Helpers shared by the hardening tests: a dump of what a database holds (to prove it
// unchanged), what an integrity message names, knobs read from the environment, and a
// Docket on a file with the example organizations and the shipped workflows.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "app/docket.h"
#include "core/clock.h"
#include "store/sqlite_store.h"

namespace docket::testing {

// Every row of items and audit, in key order, as text: equal dumps mean nothing changed.
std::string DumpItemsAndAudit(const std::string& db_path);
// The same for one table ("items" or "audit"), one row a line.
std::string DumpTable(const std::string& db_path, const std::string& table);

// True when `message` names audit entry `seq`: "entry 7", or a range "entries 5 to 9"
// that contains it (a missing entry is named by the range that jumps over it).
bool NamesEntry(const std::string& message, std::int64_t seq);
// True when `message` names "item ID".
bool NamesItem(const std::string& message, std::int64_t id);

// The integer in environment variable `name`, or `fallback` when it is unset or empty.
int EnvInt(const char* name, int fallback);

// A Docket over a SqliteStore at `path`, with the example organizations and the shipped
// workflows loaded (again: loading is idempotent) and a fixed clock.
struct OpenDocket {
  FixedClock clock{*ParseTime("2026-03-02T09:00:00Z")};
  std::unique_ptr<SqliteStore> store;
  std::unique_ptr<Docket> docket;
  Status status;  // why opening or loading failed
};
std::unique_ptr<OpenDocket> OpenLoaded(const std::string& path, SqliteOptions options = {});

}  // namespace docket::testing
