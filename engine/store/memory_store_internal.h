// Internals shared by the memory_store*.cc files; not part of the store's interface.
//
// Every write goes through MemoryDatabase::Set / Undo, which record how to put back what
// was there; a rollback runs those records backwards to the mark its transaction or
// savepoint began at. Writes happen only inside Transact (each write method opens one, as
// SqliteStore's do), so there is always a log to record in.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/memory_store.h"

namespace docket {

struct MemoryDatabase {
  std::recursive_mutex mu;
  int depth = 0;   // 0 outside Transact, 1 in it, more in nested savepoints
  Status aborted;  // a fault-hook failure that dooms the current transaction
  std::vector<std::function<void()>> undo;

  std::map<std::string, Org> orgs;         // with their bodies
  std::map<std::string, Person> people;    // roles unique, by (org, role)
  std::map<std::string, LookupTable> tables;
  RoleLabels role_labels;
  std::map<std::pair<std::string, std::int64_t>, DefinitionRecord> definitions;
  std::map<std::pair<std::string, std::int64_t>, DefinitionRecord> report_definitions;
  std::optional<std::string> calendar;
  std::map<std::string, std::string> settings;
  std::map<std::string, std::string> documents;
  std::map<std::string, std::string> attachment_bytes;                       // by hash
  std::map<std::pair<std::int64_t, std::string>, AttachmentLink> attachments;  // (item, hash)
  std::map<std::int64_t, Item> items;
  std::int64_t last_item_id = 0;
  std::map<std::string, std::vector<AuditEntry>> audit;  // by org, never empty; seq n at [n - 1]
  std::map<std::int64_t, std::vector<std::pair<std::string, std::int64_t>>> audit_by_item;  // (org, seq)
  std::map<std::string, TimerFiring> firings;
  std::vector<Notification> notifications;  // in id order
  std::int64_t last_notification_id = 0;
  std::vector<Delivery> outbox;  // in id order; a delivery's id is its place + 1
  std::map<std::string, Account> accounts;
  std::map<std::pair<std::string, std::string>, Credential> credentials;  // (kind, key)
  std::vector<SignInAttempt> sign_ins;

  // Records `fn` as the undoing of a write just made.
  void Undo(std::function<void()> fn) { undo.push_back(std::move(fn)); }

  // map[key] = value, remembering what was there (or that nothing was).
  template <typename Map>
  void Set(Map& map, const typename Map::key_type& key, typename Map::mapped_type value) {
    std::optional<typename Map::mapped_type> before;
    auto it = map.find(key);
    if (it != map.end()) before = std::move(it->second);
    map[key] = std::move(value);
    Undo([&map, key, before = std::move(before)]() mutable {
      if (before) {
        map[key] = std::move(*before);
      } else {
        map.erase(key);
      }
    });
  }

  // Undoes the writes recorded after `mark`, newest first.
  void RollBackTo(std::size_t mark) {
    while (undo.size() > mark) {
      std::function<void()> fn = std::move(undo.back());
      undo.pop_back();
      fn();
    }
  }
};

// Whether `s` is an id, [a-z][a-z0-9_-]* of at most 64 characters: what SqliteStore lets
// into SQL as a name, and so what MemoryStore accepts too.

}  // namespace docket
