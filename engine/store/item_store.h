// ItemStore: the items of every workflow, and the transactions all writes run in.
//
// Contract: every method returns Status/Result and never throws. Transact runs its function
// as one unit: all of its writes (through any role of the same store) are kept or none is;
// a Transact inside another is a savepoint whose failure undoes only its own writes. An
// item's version only moves through UpdateItem's compare-and-set, so two writers of one
// item never both succeed from the same version. Reads see what is committed, and inside a
// transaction also its own writes.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/status.h"

namespace docket {

// Items of one organization and workflow whose moment lies in [from, to) (ISO texts,
// compared as text): the moment is the item's field `field`, or with `ref` the field `field`
// of the item of workflow `ref_workflow` in the same organization that the item field `ref`
// references, or (field empty) its created_at. Only items created at or before
// `created_up_to` when it is given. With `fields` set, the items come with only those fields
// (what a count needs, cheaper to read). The semester report reads a term's items this way
// (docs/REPORTS.md); names are ids ([a-z][a-z0-9_-]*).
struct ItemRange {
  std::string org;
  std::string workflow;
  std::string field;
  std::string ref;
  std::string ref_workflow;
  std::string from;
  std::string to;
  std::optional<std::string> created_up_to;
  std::vector<std::string> fields;
  // Only the items in one of these states (ids); empty: any state. The findings read only
  // the items some check applies to (a district's closed tasks are most of its items).
  std::vector<std::string> states;
};

// An item as a condition on its parent's children sees it: no fields.
struct ChildItem {
  std::int64_t id = 0;
  std::string workflow;
  std::int64_t workflow_version = 0;
  std::string state;
};

struct ItemFilter {
  std::optional<std::string> org;
  std::optional<std::string> workflow;
  std::optional<std::string> state;
  std::optional<std::int64_t> parent;
  // A search: only the items one of whose fields holds `text` in its value — a field whose
  // value is a text (a title, a summary, a subject, a date; not a number or a list), Latin
  // letters A-Z compared without case, every other character (汉字) as written, no
  // wildcards (% and _ are themselves). Empty: no search (item_search.h).
  std::optional<std::string> text;
  // Only the items whose item field `refers->field` (an id: [a-z][a-z0-9_]*) names one of the
  // items `refers->ids` — a meeting's matters: field "meeting", the meeting's id. The value
  // compared is the field's as stored (an item field holds the id as a number); no ids, no items.
  struct FieldRefs {
    std::string field;
    std::vector<std::int64_t> ids;
  };
  std::optional<FieldRefs> refers;
  // A page (newest first: id descending): at most `limit` items, only those whose id is below
  // `after` (the last id of the page before: a cursor that items inserted meanwhile do not
  // move). Without either, every item, in id order.
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> after;
  bool Paged() const { return limit.has_value() || after.has_value(); }
};

class ItemStore {
 public:
  virtual ~ItemStore() = default;

  // Runs `fn` in one write transaction: commits when it returns ok, rolls back otherwise
  // (also when it throws). Returns fn's status, or Storage/Conflict on commit failure.
  virtual Status Transact(const std::function<Status()>& fn) = 0;
  // Transact for a use case that checks before it writes. Inside another transaction a store
  // may run `fn` there without a savepoint of its own (SQLite's journals every page the
  // savepoint changes: a fifth of a bulk action's CPU) and tells it so: fn(true). A failure
  // of `fn` that wrote nothing then undoes nothing; one after `fn` wrote cannot be undone
  // alone, and the whole transaction fails. So `fn` given true opens a savepoint (Transact)
  // around writes that a later step may still refuse. Otherwise as Transact, with fn(false).
  virtual Status TransactChecked(const std::function<Status(bool bare)>& fn) {
    return Transact([&] { return fn(false); });
  }
  // Whether a transaction holds every other writer out from its start (SQLite's BEGIN
  // IMMEDIATE, the memory store's lock): what it reads is then already what any lock would
  // give. PostgreSQL's do not: a writer that must read under a lock takes it (the chain's
  // head, AuditStore::GetAuditHead) and reads again.
  virtual bool SerializesWriters() const { return true; }

  // Items. InsertItem returns the new id. UpdateItem writes `item` only if the stored
  // version is still `expected_version`; otherwise Conflict.
  virtual Result<std::int64_t> InsertItem(const Item& item) = 0;
  // Stores `item` as it is — its id, version and times — for a copy of a whole store
  // (app/migrate.h); a later InsertItem draws an id after it. Conflict when the id is taken.
  virtual Status ImportItem(const Item& item) = 0;
  virtual Status UpdateItem(const Item& item, std::int64_t expected_version) = 0;
  virtual Result<Item> GetItem(std::int64_t id) = 0;
  virtual Result<std::vector<Item>> ListItems(const ItemFilter& filter) = 0;
  // The items whose parent is `parent`, in id order, without their fields.
  virtual Result<std::vector<ChildItem>> ListChildren(std::int64_t parent) = 0;
  // What reports read. ListItemsInRange: the items in `range`, in id order.
  // EnsureFieldIndex makes reading the items of `workflow` by their field `field` (or by
  // the item it references) fast, once; false when the store keeps no such index (reads
  // still work, by scanning). EnteredStates: for each of `items`, when it last moved from a
  // state outside `states` into one of them (ISO time; items that never did are absent).
  virtual Result<std::vector<Item>> ListItemsInRange(const ItemRange& range) = 0;
  virtual Result<bool> EnsureFieldIndex(const std::string& workflow, const std::string& field) = 0;
  virtual Result<std::map<std::int64_t, std::string>> EnteredStates(const std::vector<std::int64_t>& items,
                                                                    const std::vector<std::string>& states) = 0;
};

}  // namespace docket
