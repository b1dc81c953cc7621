// MemoryStore: items (with optimistic versioning) and the audit chain, stored as SQLite's
// columns would read back: fields and changes through their JSON text, times to the second.
#include <algorithm>
#include <utility>

#include "audit/chain.h"
#include "audit/canonical_json.h"
#include "audit/json_value.h"
#include "store/item_search.h"
#include "store/memory_store_internal.h"
#include "store/record_checks.h"

namespace docket {
namespace {

// `t` as it reads back from its stored ISO text.
TimePoint Stored(TimePoint t) { return ParseTime(FormatTime(t)).value_or(t); }

// `item` as SqliteStore reads back the row it wrote for it.
Result<Item> StoredItem(Item item, const std::string& fields_text) {
  FieldMap fields;
  if (!ParseFieldsFast(fields_text, &fields)) {
    Result<nlohmann::json> j = ParseJson(fields_text, Msg("fields of {item}", {{"item", ItemName(item.id)}}));
    if (!j.ok()) return Status::Integrity(j.status().msg());
    Result<FieldMap> parsed = FieldsFromJson(*j);
    if (!parsed.ok()) {
      return Status::Integrity(Msg("{item}: {why}", {{"item", ItemName(item.id)}, {"why", parsed.status().msg()}}));
    }
    fields = std::move(parsed).value();
  }
  item.fields = std::move(fields);
  item.created_at = Stored(item.created_at);
  item.updated_at = Stored(item.updated_at);
  return item;
}

bool Matches(const Item& item, const ItemFilter& f, const std::string& folded) {
  return (!f.org || item.org == *f.org) && (!f.workflow || item.workflow == *f.workflow) &&
         (!f.state || item.state == *f.state) && (!f.parent || item.parent == *f.parent) &&
         (!f.after || item.id < *f.after) && (folded.empty() || FieldsHoldText(item.fields, folded)) &&
         (!f.refers || FieldRefersTo(item.fields, *f.refers));
}

}  // namespace

Result<std::int64_t> MemoryStore::InsertItem(const Item& item) {
  std::string fields_text;
  DOCKET_RETURN_IF_ERROR(CheckItem(item, &fields_text));
  std::int64_t id = 0;
  Status st = Transact([&]() -> Status {
    MemoryDatabase& db = *db_;
    if (item.parent && db.items.count(*item.parent) == 0) {
      return Status::NotFound(Msg("parent item {id} does not exist", {{"id", *item.parent}}));
    }
    id = db.last_item_id + 1;
    Item row = item;
    row.id = id;
    DOCKET_ASSIGN_OR_RETURN(Item stored, StoredItem(std::move(row), fields_text));
    const std::int64_t last = db.last_item_id;
    db.last_item_id = id;
    db.Undo([&db, last] { db.last_item_id = last; });
    db.Set(db.items, id, std::move(stored));
    return Hook("after_item_write");
  });
  if (!st.ok()) return st;
  return id;
}

Status MemoryStore::ImportItem(const Item& item) {
  std::string fields_text;
  DOCKET_RETURN_IF_ERROR(CheckItem(item, &fields_text));
  return Transact([&]() -> Status {
    MemoryDatabase& db = *db_;
    if (item.id <= 0 || db.items.count(item.id) != 0) {
      return Status::Conflict(Msg("{item} is already stored", {{"item", ItemName(item.id)}}));
    }
    DOCKET_ASSIGN_OR_RETURN(Item stored, StoredItem(item, fields_text));
    if (item.id > db.last_item_id) {
      const std::int64_t last = db.last_item_id;
      db.last_item_id = item.id;
      db.Undo([&db, last] { db.last_item_id = last; });
    }
    db.Set(db.items, item.id, std::move(stored));
    return Status::Ok();
  });
}

Status MemoryStore::UpdateItem(const Item& item, std::int64_t expected_version) {
  std::string fields_text;
  DOCKET_RETURN_IF_ERROR(CheckItemUpdate(item, expected_version, &fields_text));
  return Transact([&]() -> Status {
    MemoryDatabase& db = *db_;
    auto it = db.items.find(item.id);
    if (it == db.items.end()) return Status::NotFound(Msg("no item {id}", {{"id", item.id}}));
    if (it->second.version != expected_version) {
      return Status::Conflict(Msg("item {id} was changed by someone else: expected version {expected}, found version {found}",
                                  {{"id", item.id}, {"expected", expected_version}, {"found", it->second.version}}));
    }
    // The parent column references items (SQLite's foreign key).
    if (item.parent && db.items.count(*item.parent) == 0) {
      return Status::Storage("memory store: update " + ItemName(item.id).English() + " failed: FOREIGN KEY constraint failed");
    }
    // org, workflow and created_at are fixed at creation and not written here.
    Item row = it->second;
    row.workflow_version = item.workflow_version;
    row.state = item.state;
    row.parent = item.parent;
    row.version = item.version;
    row.updated_at = item.updated_at;
    DOCKET_ASSIGN_OR_RETURN(Item stored, StoredItem(std::move(row), fields_text));
    db.Set(db.items, item.id, std::move(stored));
    return Hook("after_item_write");
  });
}

Result<Item> MemoryStore::GetItem(std::int64_t id) {
  std::lock_guard lock(db_->mu);
  auto it = db_->items.find(id);
  if (it == db_->items.end()) return Status::NotFound(Msg("no item {id}", {{"id", id}}));
  return it->second;
}

Result<std::vector<Item>> MemoryStore::ListItems(const ItemFilter& filter) {
  std::lock_guard lock(db_->mu);
  DOCKET_RETURN_IF_ERROR(CheckFilter(filter));
  const std::string folded = FoldSearchText(filter.text.value_or(""));
  std::vector<Item> out;
  if (!filter.Paged()) {
    for (const auto& [id, item] : db_->items) {
      if (Matches(item, filter, folded)) out.push_back(item);
    }
    return out;
  }
  for (auto it = db_->items.rbegin(); it != db_->items.rend(); ++it) {  // a page: newest first
    if (filter.limit && std::cmp_greater_equal(out.size(), *filter.limit)) break;
    if (Matches(it->second, filter, folded)) out.push_back(it->second);
  }
  return out;
}

Result<std::vector<Item>> MemoryStore::ListItemsInRange(const ItemRange& range) {
  for (const auto* id : {&range.workflow, &range.field, &range.ref, &range.ref_workflow}) {
    if (!id->empty() && !IsStoreId(*id)) return Status::Invalid("a range names workflows and fields by their ids");
  }
  for (const auto& f : range.fields) {
    if (!IsStoreId(f) && f != kImportedField) return Status::Invalid("a range names fields by their ids");
  }
  for (const auto& st : range.states) {
    if (!IsStoreId(st)) return Status::Invalid("a range names states by their ids");
  }
  std::lock_guard lock(db_->mu);
  auto items = Store::ListItemsInRange(range);
  if (!items.ok() || range.fields.empty()) return items;
  for (Item& item : *items) std::erase_if(item.fields, [](const auto& kv) { return kv.second.is_null(); });
  return items;
}

Result<bool> MemoryStore::EnsureFieldIndex(const std::string& workflow, const std::string& field) {
  if (!IsStoreId(workflow) || !IsStoreId(field)) return Status::Invalid("an index is on a workflow's field, named by ids");
  return false;
}

Status MemoryStore::AppendLinked(const AuditEntry& entry) {
  DOCKET_RETURN_IF_ERROR(CheckAuditEntry(entry));
  return Transact([&]() -> Status {
    MemoryDatabase& db = *db_;
    auto chain = db.audit.find(entry.org);
    AuditHead head;
    if (chain != db.audit.end()) head = AuditHead{chain->second.back().seq, chain->second.back().hash, chain->second.back().time};
    if (!LinksAfter(entry, head.seq, head.hash)) return ChainMoved(entry, head);
    // The changes as their stored text reads back: ordered by field, values through JSON.
    std::string text;
    AppendChangesJson(entry.changes, &text);
    Result<nlohmann::json> j = ParseJson(text, Msg("changes"));
    if (!j.ok()) return Status::Integrity(j.status().msg());
    Result<std::vector<FieldChange>> changes = ChangesFromJson(*j);
    if (!changes.ok()) return Status::Integrity(changes.status().msg());
    AuditEntry stored = entry;
    stored.changes = std::move(changes).value();
    db.audit[entry.org].push_back(std::move(stored));
    db.audit_by_item[entry.item_id].emplace_back(entry.org, entry.seq);
    db.Undo([&db, org = entry.org, item = entry.item_id] {
      auto& c = db.audit[org];
      c.pop_back();
      if (c.empty()) db.audit.erase(org);
      auto& by_item = db.audit_by_item[item];
      by_item.pop_back();
      if (by_item.empty()) db.audit_by_item.erase(item);
    });
    return Hook("after_audit_append");
  });
}

Result<std::vector<AuditEntry>> MemoryStore::ItemHistory(std::int64_t item_id) {
  std::lock_guard lock(db_->mu);
  std::vector<AuditEntry> out;
  auto it = db_->audit_by_item.find(item_id);
  if (it == db_->audit_by_item.end()) return out;
  std::vector<std::pair<std::string, std::int64_t>> keys = it->second;
  std::sort(keys.begin(), keys.end());
  for (const auto& [org, seq] : keys) out.push_back(db_->audit.at(org).at(seq - 1));
  return out;
}

Status MemoryStore::ForEachAuditEntry(const std::string& org, const std::function<Status(const AuditEntry&)>& fn) {
  return ScanAudit(org, 1, INT64_MAX, fn);
}

Result<std::vector<std::string>> MemoryStore::AuditOrgs() {
  std::lock_guard lock(db_->mu);
  std::vector<std::string> out;
  for (const auto& [org, chain] : db_->audit) {
    if (!chain.empty()) out.push_back(org);
  }
  return out;
}

Result<AuditHead> MemoryStore::GetAuditHead(const std::string& org) {
  std::lock_guard lock(db_->mu);
  auto it = db_->audit.find(org);
  if (it == db_->audit.end() || it->second.empty()) return AuditHead{};
  return AuditHead{it->second.back().seq, it->second.back().hash, it->second.back().time};
}

Status MemoryStore::ScanAudit(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                              const std::function<Status(const AuditEntry&)>& fn) {
  std::lock_guard lock(db_->mu);
  auto it = db_->audit.find(org);
  if (it == db_->audit.end()) return Status::Ok();
  // Only the entries there when the scan began, each copied out: `fn` may append to this
  // very chain, which moves the vector.
  const std::int64_t last = std::min<std::int64_t>(to_seq, static_cast<std::int64_t>(it->second.size()));
  for (std::int64_t seq = std::max<std::int64_t>(from_seq, 1); seq <= last; ++seq) {
    const AuditEntry e = db_->audit.at(org).at(static_cast<std::size_t>(seq - 1));
    DOCKET_RETURN_IF_ERROR(fn(e));
  }
  return Status::Ok();
}

}  // namespace docket
