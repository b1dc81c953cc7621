// Migration: a whole record copied from one database to another (`docket migrate`), so
// that a school that began on SQLite joins a city's PostgreSQL without losing its history,
// and back. Everything is copied as stored — organizations with their bodies, people with
// their roles, role labels, lookup tables, every version of every workflow and report
// definition, the calendar, settings, items with their ids and versions, every audit chain
// entry (same seq, same hashes), timer firings, notifications with their outbox rows,
// documents, accounts, credentials and sign-in attempts — through the Store roles alone,
// so any backend copies to any other. Not copied: the leases of the processes on the old
// database (app/lease.h), and the calendar's first load time (it is recorded as loaded at
// the copy).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace docket {

// A database as `docket migrate` names it: "sqlite:FILE" or a plain path (SQLite), or a
// postgresql:// (postgres://) URL.
struct DatabaseUrl {
  std::string db;    // what DocketOptions::db takes: the file, or the URL
  std::string name;  // as messages name it: without a password
  bool postgres = false;
};
// Invalid, naming the text, for an empty one or another scheme ("mysql://…").
Result<DatabaseUrl> ParseDatabaseUrl(const std::string& text);

// The store at `db` (a file or a postgresql:// URL), migrated to this program's schema;
// made when missing and `create`. NotFound when missing and !create, Storage when it cannot
// be opened. `synchronous`: SQLite's durability setting.
// `fault_hook`: the store's fault points (SqliteOptions::fault_hook), for tests.
Result<std::unique_ptr<Store>> OpenStore(const std::string& db, bool create, const std::string& synchronous = "FULL",
                                         std::function<Status(const char* point)> fault_hook = nullptr);

// One audit chain as copied.
struct ChainCopied {
  std::string org;
  std::int64_t entries = 0;
  std::string head_hash;
};

struct MigrateReport {
  std::string from;  // DatabaseUrl::name
  std::string to;
  std::int64_t orgs = 0;
  std::int64_t people = 0;
  std::int64_t workflows = 0;  // definition versions
  std::int64_t reports = 0;    // report definition versions
  std::int64_t items = 0;
  std::int64_t firings = 0;
  std::int64_t notifications = 0;
  std::int64_t documents = 0;
  std::int64_t accounts = 0;
  std::int64_t credentials = 0;
  std::int64_t attachments = 0;  // links of files to items (the bytes once per hash)
  std::vector<ChainCopied> chains;  // by organization; heads equal on both sides
};

// Copies everything `from` holds into `to` in one transaction of `to`: all of it or, on any
// failure, nothing. Conflict, naming `to_name`, and nothing written when `to` holds
// anything already. Checks inside the transaction that every chain's head on `to` equals
// the one on `from` (Integrity otherwise). `now`: the time the calendar is recorded as
// loaded on `to` (the store keeps the text, not its first load time).
Result<MigrateReport> CopyStore(Store& from, Store& to, const std::string& to_name, const std::string& now);

}  // namespace docket
