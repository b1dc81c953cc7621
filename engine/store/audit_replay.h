// AuditReplay: what an organization's audit entries say its items are — the one replay
// that both `audit verify` (audit_verify.cc) and history as of a date (app/history.h) use.
//
// Entries are applied in chain order. An item's first "ok" entry must be its creation
// (from_state "", item_version 1); every later "ok" entry must be of the same workflow,
// start from the state the item is in and raise item_version by exactly one; each change's
// `before` must be the value the field holds (absent = null) and its `after` sets the
// field, or removes it when null. "refused" entries belong to the chain but change nothing,
// and so do configuration entries (audit_config.h), which name no item.
// The audit log does not record an item's parent: the replay has none (it is fixed when
// the item is created, so readers take it from the item).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/status.h"
#include "core/value.h"
#include "store/store.h"

namespace docket {

// One item as its "ok" entries so far say it is.
struct ReplayedItem {
  std::int64_t id = 0;
  std::string org;
  std::int64_t first_seq = 0;  // the creation entry
  std::string workflow;
  std::int64_t workflow_version = 0;
  std::string state;
  FieldMap fields;  // no nulls: a null "after" removes the field
  std::int64_t version = 0;
  std::string created_at;  // time of the creation entry
  std::string updated_at;  // time of the last "ok" entry
};

class AuditReplay {
 public:
  // Applies one entry. Integrity when it does not continue its item's replay (or is
  // neither ok nor refused, or an ok entry names no item and is not a configuration
  // entry); the message names the item and what differs but not the entry, which the
  // caller adds ("organization 'X', entry N: ").
  // After a failure the replay is not to be used further.
  Status Apply(const AuditEntry& e);

  // Whether an "ok" entry is the next one of its item: its creation for an item not seen
  // yet, or the version after the one replayed. (Apply would also check the rest.)
  bool IsNext(const AuditEntry& e) const;

  // The item as replayed so far, or nullptr when no entry created it.
  const ReplayedItem* Find(std::int64_t id) const;
  const std::map<std::int64_t, ReplayedItem>& items() const { return items_; }

 private:
  std::map<std::int64_t, ReplayedItem> items_;
};

}  // namespace docket
