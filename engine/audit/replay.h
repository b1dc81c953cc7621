// AuditReplay: what an organization's audit entries say its items are — the one replay
// that both `audit verify` (audit_verify.cc) and history as of a date (app/history.h) use.
//
// Entries are applied in chain order. An item's first "ok" entry must be its creation
// (from_state "", item_version 1); every later "ok" entry must be of the same workflow,
// start from the state the item is in and raise item_version by exactly one; each change's
// `before` must be the value the field holds (absent = null) and its `after` sets the
// field, or removes it when null. "refused" entries belong to the chain but change nothing,
// and so do configuration entries (audit/config_entries.h), which name no item: they are folded
// into the configuration they record (ReplayedConfig), which `audit verify` compares with
// the stored configuration.
// An "import" entry (`docket item import`, core/item.h) is a creation like any other, in any
// state of its workflow, and must set the two import marks ($imported, $recorded_on) to
// texts; no other entry may set or change them, so an imported item stays visibly imported
// and an ordinary item cannot be passed off as one.
// An attachment entry ("$attach", audit/attach_entry.h) changes no item either: it must be
// well formed and, in a whole chain, name an item the chain created before; it is kept in
// attachments() for `audit verify` to compare with the stored files.
// An item's parent is recorded by its creation entry alone, as the change "$parent"
// [null, ID] (core/item.h): the parent must be an item this chain created before (so one of
// the same organization), and no later entry may carry the change. It is kept in
// ReplayedItem::parent, not among the fields.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/attach_entry.h"
#include "audit/entry.h"
#include "core/status.h"
#include "core/value.h"

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
  std::optional<std::int64_t> parent;  // from the creation entry's "$parent"
  std::int64_t version = 0;
  std::string created_at;  // time of the creation entry
  std::string updated_at;  // time of the last "ok" entry
};

// A step the engine took on its own, as the entry that took it records it ("$firing",
// "$told": core/item.h).
struct RecordedFiring {
  std::int64_t seq = 0;       // the entry
  std::int64_t item_id = 0;   // the item acted on or opened (0 for none)
  std::vector<std::string> told;  // the people notified, as recorded
};

// A file attached to an item, as its attachment entry (audit/attach_entry.h) records it.
struct RecordedAttachment {
  std::int64_t seq = 0;  // the entry
  AttachFact fact;
  std::string actor;
  std::string time;
};

// What an organization's configuration entries (audit/config_entries.h) say its configuration is:
// the keys of core/config_fields.h, each with the last value an entry gave it.
struct ReplayedConfig {
  FieldMap values;               // no nulls: a null "after" removes the key
  std::set<std::string> named;   // every key an entry changed (removed ones included)
  // The chain holds the organization's creation — a "config-org" entry that sets its "id"
  // from null — and so every key its configuration has had (the tables and calendar in
  // force are recorded with it). Otherwise (an organization stored other than by a load, or
  // before loads were recorded) only the keys named say anything.
  bool complete = false;
};

// Folds one configuration entry's changes into `config` (the order of the chain matters).
void FoldConfigEntry(const AuditEntry& e, ReplayedConfig* config);

class AuditReplay {
 public:
  // `whole_chain`: the entries applied are a whole chain (or its start), so a "$parent" must
  // name an item replayed before. False for a replay of some items' entries only (history
  // as of a date reads one item's, or one workflow's), which takes the parent as recorded.
  explicit AuditReplay(bool whole_chain = true) : whole_chain_(whole_chain) {}

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
  // The configuration as replayed so far.
  const ReplayedConfig& config() const { return config_; }
  // The firings the entries so far record, by key.
  const std::map<std::string, RecordedFiring>& firings() const { return firings_; }
  // The attachments the entries so far record, in chain order.
  const std::vector<RecordedAttachment>& attachments() const { return attachments_; }

 private:
  // Records the "$parent" of a creation entry in `r`; Integrity for one in a later entry or
  // naming no earlier item of this chain. `item` names the item for a message.
  template <typename ItemName>
  Status ApplyParent(const AuditEntry& e, ReplayedItem& r, const ItemName& item) const;

  // Records the "$firing" and "$told" of any entry (a refused one too); Integrity for a key
  // recorded twice or marks of the wrong type.
  Status CollectFiring(const AuditEntry& e);

  bool whole_chain_ = true;
  std::map<std::int64_t, ReplayedItem> items_;
  ReplayedConfig config_;
  std::map<std::string, RecordedFiring> firings_;
  std::vector<RecordedAttachment> attachments_;
};

}  // namespace docket
