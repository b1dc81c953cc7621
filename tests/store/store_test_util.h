// Helpers for the store tests: a unique temporary folder per test, and writing items and
// audit entries the way the application layer does (item write + entry in one Transact).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "core/clock.h"
#include "store/sqlite_store.h"
#include "support/temp_dir.h"

namespace docket::testing {

inline TimePoint At(int day, int hour = 9) {
  using namespace std::chrono;
  return sys_days{year{2026} / March / day} + hours{hour};
}

// A new item of `org` in `state`, version 1, created and updated `at`, not yet stored.
inline Item NewItem(const std::string& org, const std::string& workflow, const std::string& state,
                    TimePoint at = At(1)) {
  Item item;
  item.org = org;
  item.workflow = workflow;
  item.workflow_version = 1;
  item.state = state;
  item.version = 1;
  item.created_at = item.updated_at = at;
  return item;
}

// Opens `path` or fails the test.
inline std::unique_ptr<SqliteStore> OpenOrDie(const std::string& path, SqliteOptions opts = {}) {
  auto r = SqliteStore::Open(path, opts);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return nullptr;
  return std::move(r).value();
}

// Creates an item in `initial` with `fields` and its "create" entry, as the app will.
inline Result<std::int64_t> CreateItem(Store& store, const std::string& org,
                                       const std::string& workflow, const std::string& initial,
                                       const FieldMap& fields, const std::string& actor,
                                       TimePoint now, std::optional<std::int64_t> parent = {}) {
  std::int64_t id = 0;
  Status st = store.Transact([&]() -> Status {
    Item item;
    item.org = org;
    item.workflow = workflow;
    item.workflow_version = 1;
    item.state = initial;
    item.fields = fields;
    item.parent = parent;
    item.version = 1;
    item.created_at = item.updated_at = now;
    auto inserted = store.InsertItem(item);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    AuditEntry e;
    e.org = org;
    e.time = FormatTime(now);
    e.actor = actor;
    e.role = "secretary";
    e.action = "create";
    e.outcome = "ok";
    e.item_id = id;
    e.workflow = workflow;
    e.workflow_version = 1;
    e.from_state = "";
    e.to_state = initial;
    for (const auto& [k, v] : fields) e.changes.push_back({k, Value(), v});
    if (parent) e.changes.push_back(ParentChange(*parent));
    e.item_version = 1;
    return store.AppendAudit(e).status();
  });
  if (!st.ok()) return st;
  return id;
}

// Applies an action: moves the item to `to_state`, sets `set` (null clears), appends the entry.
inline Status Act(Store& store, std::int64_t id, const std::string& action,
                  const std::string& to_state, const FieldMap& set, const std::string& actor,
                  TimePoint now) {
  return store.Transact([&]() -> Status {
    auto item = store.GetItem(id);
    if (!item.ok()) return item.status();
    Item next = *item;
    AuditEntry e;
    for (const auto& [k, v] : set) {
      auto old = next.fields.find(k);
      Value before = old == next.fields.end() ? Value() : old->second;
      if (before == v) continue;
      e.changes.push_back({k, before, v});
      if (v.is_null())
        next.fields.erase(k);
      else
        next.fields[k] = v;
    }
    next.state = to_state;
    next.version = item->version + 1;
    next.updated_at = now;
    DOCKET_RETURN_IF_ERROR(store.UpdateItem(next, item->version));
    e.org = item->org;
    e.time = FormatTime(now);
    e.actor = actor;
    e.role = "principal";
    e.action = action;
    e.outcome = "ok";
    e.item_id = id;
    e.workflow = item->workflow;
    e.workflow_version = item->workflow_version;
    e.from_state = item->state;
    e.to_state = to_state;
    e.item_version = next.version;
    return store.AppendAudit(e).status();
  });
}

// Records a refused attempt: an entry that changes nothing.
inline Status Refuse(Store& store, std::int64_t id, const std::string& action,
                     const std::string& actor, const std::string& reason, TimePoint now) {
  auto item = store.GetItem(id);
  if (!item.ok()) return item.status();
  AuditEntry e;
  e.org = item->org;
  e.time = FormatTime(now);
  e.actor = actor;
  e.action = action;
  e.outcome = "refused";
  e.item_id = id;
  e.workflow = item->workflow;
  e.workflow_version = item->workflow_version;
  e.from_state = item->state;
  e.to_state = item->state;
  e.item_version = item->version;
  e.reason = reason;
  return store.AppendAudit(e).status();
}

}  // namespace docket::testing
