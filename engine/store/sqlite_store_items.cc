// SqliteStore: items (with optimistic versioning) and the audit chain.
#include <algorithm>
#include <string_view>
#include <utility>

#include "audit/canonical_json.h"
#include "audit/chain.h"
#include "audit/json_value.h"
#include "store/item_search.h"
#include "store/record_checks.h"
#include "store/row_text.h"
#include "store/sqlite_store_internal.h"

namespace docket {

namespace {

constexpr const char* kItemColumns =
    "id, org, workflow, workflow_version, state, fields, parent, version, created_at, "
    "updated_at";


// "?,?,...,?": one placeholder per column of kAuditColumns.
#define DOCKET_AUDIT_PLACEHOLDER(name, kind, init) ",?"
constexpr const char* kAuditPlaceholders = DOCKET_AUDIT_ENTRY_FIELDS(DOCKET_AUDIT_PLACEHOLDER) + 1;
#undef DOCKET_AUDIT_PLACEHOLDER
// Whether `v` reads back from the JSON AppendFieldsJson writes as the same Value: a double
// may come back as an integer (2.0 as 2), everything else does (SqliteItemCacheTest).
bool ReadsBackAsItIs(const Value& v) {
  if (v.is_double()) return false;
  if (v.is_list()) {
    for (const Value& e : v.as_list()) {
      if (!ReadsBackAsItIs(e)) return false;
    }
  }
  return true;
}

// `fields` as a read of their stored `text` gives them back: copied when each value reads
// back as it is, else parsed from the text.
bool FieldsAsStored(std::int64_t id, const FieldMap& fields, const std::string& text, FieldMap* out) {
  if (std::all_of(fields.begin(), fields.end(), [](const auto& kv) { return ReadsBackAsItIs(kv.second); })) {
    *out = fields;
    return true;
  }
  out->clear();
  return ParseItemFields(id, text, out).ok();
}

// Into a kept item, the columns an update writes: every member of Item (core/item.h) but
// id, org, workflow and created_at, which creation alone writes.
void SetWrittenColumns(const Item& item, FieldMap fields, TimePoint updated_at, Item* kept) {
  kept->workflow_version = item.workflow_version;
  kept->state = item.state;
  kept->fields = std::move(fields);
  kept->parent = item.parent;
  kept->version = item.version;
  kept->updated_at = updated_at;
}
}  // namespace

Result<Item> SqliteStore::ReadItem(SQLite::Statement& q, const std::vector<std::string>* only) {
  Item item;
  item.id = q.getColumn(0).getInt64();
  item.org = q.getColumn(1).getString();
  item.workflow = q.getColumn(2).getString();
  item.workflow_version = q.getColumn(3).getInt64();
  item.state = q.getColumn(4).getString();
  const SQLite::Column text = q.getColumn(5);
  const char* chars = text.getText();  // before getBytes, as SQLite asks
  const std::string_view fields(chars, static_cast<std::size_t>(text.getBytes()));
  if (only == nullptr) {
    DOCKET_RETURN_IF_ERROR(ParseItemFields(item.id, fields, &item.fields));
  } else {
    // The other values are checked as they would be read, not built (ParseFieldsFastOnly).
    if (!ParseFieldsFastOnly(fields, *only, &item.fields)) {
      DOCKET_RETURN_IF_ERROR(ParseItemFields(item.id, fields, &item.fields));
      std::erase_if(item.fields, [&](const auto& kv) { return std::find(only->begin(), only->end(), kv.first) == only->end(); });
    }
    std::erase_if(item.fields, [](const auto& kv) { return kv.second.is_null(); });
  }
  if (!q.getColumn(6).isNull()) item.parent = q.getColumn(6).getInt64();
  item.version = q.getColumn(7).getInt64();
  auto created = ParseTime(q.getColumn(8).getString());
  auto updated = ParseTime(q.getColumn(9).getString());
  if (!created || !updated)
    return Status::Integrity(Msg("{item}: {why}", {{"item", ItemName(item.id)}, {"why", Msg("a time is not ISO 8601")}}));
  item.created_at = *created;
  item.updated_at = *updated;
  return item;
}

Result<std::int64_t> SqliteStore::InsertItem(const Item& item) {
  std::string fields_text;
  DOCKET_RETURN_IF_ERROR(CheckItem(item, &fields_text));
  std::int64_t id = 0;
  Status st = InTransaction([&] {
    return Guard(Msg("insert item"), [&]() -> Status {
      if (item.parent) {
        Lease p_lease(*this, "SELECT 1 FROM items WHERE id=?");
        SQLite::Statement& p = *p_lease;
        p.bind(1, *item.parent);
        if (!p.executeStep())
          return Status::NotFound(Msg("parent item {id} does not exist", {{"id", *item.parent}}));
      }
      Lease q_lease(*this,
                          "INSERT INTO items(org, workflow, workflow_version, state, fields, "
                          "parent, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)");
      SQLite::Statement& q = *q_lease;
      q.bind(1, item.org);
      q.bind(2, item.workflow);
      q.bind(3, item.workflow_version);
      q.bind(4, item.state);
      q.bind(5, fields_text);
      if (item.parent)
        q.bind(6, *item.parent);
      else
        q.bind(6);
      q.bind(7, item.version);
      const std::string created_at = FormatTime(item.created_at);
      const std::string updated_at = FormatTime(item.updated_at);
      q.bindNoCopy(8, created_at);
      q.bindNoCopy(9, updated_at);
      q.exec();
      id = db_->getLastInsertRowid();
      DOCKET_RETURN_IF_ERROR(Hook("after_item_write"));
      // As a read of the row gives it back: the fields and times from the text stored.
      FieldMap stored;
      auto created = ParseTime(created_at);
      auto updated = ParseTime(updated_at);
      if (created && updated && FieldsAsStored(id, item.fields, fields_text, &stored)) {
        Item kept;
        kept.id = id;
        kept.org = item.org;
        kept.workflow = item.workflow;
        kept.created_at = *created;
        SetWrittenColumns(item, std::move(stored), *updated, &kept);
        KeepItem(std::move(kept));
      }
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  return id;
}

Status SqliteStore::UpdateItem(const Item& item, std::int64_t expected_version) {
  std::string fields_text;
  DOCKET_RETURN_IF_ERROR(CheckItemUpdate(item, expected_version, &fields_text));
  return InTransaction([&] {
    return GuardLazy([&] { return Msg("update {item}", {{"item", ItemName(item.id)}}); }, [&]() -> Status {
      // org, workflow and created_at are fixed at creation and not written here. `parent`
      // is written only when it changes: setting the column, even to its value, rewrites
      // its index and makes SQLite check the foreign key (two more pages per commit).
      const std::string updated_at = FormatTime(item.updated_at);
      // One set of numbered parameters for both statements: ?6 id, ?7 version, ?8 parent.
      auto run = [&](const std::string& sql) {
        Lease q_lease(*this, sql);
        SQLite::Statement& q = *q_lease;
        q.bind(1, item.workflow_version);
        q.bindNoCopy(2, item.state);
        q.bindNoCopy(3, fields_text);
        q.bind(4, item.version);
        q.bindNoCopy(5, updated_at);
        q.bind(6, item.id);
        q.bind(7, expected_version);
        if (item.parent)
          q.bind(8, *item.parent);
        else
          q.bind(8);
        return q.exec();
      };
      static const std::string kKeepParent =
          "UPDATE items SET workflow_version=?1, state=?2, fields=?3, version=?4, updated_at=?5 "
          "WHERE id=?6 AND version=?7 AND parent IS ?8";
      static const std::string kSetParent =
          "UPDATE items SET workflow_version=?1, state=?2, fields=?3, version=?4, updated_at=?5, "
          "parent=?8 WHERE id=?6 AND version=?7";
      int changed = run(kKeepParent);
      if (changed == 0) changed = run(kSetParent);
      if (changed == 0) {
        Lease v_lease(*this, "SELECT version FROM items WHERE id=?");
        SQLite::Statement& v = *v_lease;
        v.bind(1, item.id);
        if (!v.executeStep()) return Status::NotFound(Msg("no item {id}", {{"id", item.id}}));
        return Status::Conflict(Msg("item {id} was changed by someone else: expected version {expected}, found version {found}",
                                    {{"id", item.id}, {"expected", expected_version},
                                     {"found", static_cast<std::int64_t>(v.getColumn(0).getInt64())}}));
      }
      DOCKET_RETURN_IF_ERROR(Hook("after_item_write"));
      KeepUpdate(item, fields_text, updated_at);
      return Status::Ok();
    });
  });
}

void SqliteStore::KeepItem(Item item) {
  if (depth_ == 0) return;
  if (cache_.items.size() >= ReadCache::kMaxItems) cache_.items.clear();
  const std::int64_t id = item.id;
  cache_.items.insert_or_assign(id, std::move(item));
}

void SqliteStore::KeepUpdate(const Item& item, const std::string& fields_text, const std::string& updated_at) {
  auto kept = cache_.items.find(item.id);
  if (kept == cache_.items.end()) return;
  FieldMap fields;
  auto updated = ParseTime(updated_at);
  if (depth_ == 0 || !updated || !FieldsAsStored(item.id, item.fields, fields_text, &fields)) {
    cache_.items.erase(kept);
    return;
  }
  SetWrittenColumns(item, std::move(fields), *updated, &kept->second);
}

Result<Item> SqliteStore::GetItem(std::int64_t id) {
  std::lock_guard lock(mu_);
  if (depth_ > 0) {
    if (auto kept = cache_.items.find(id); kept != cache_.items.end()) return kept->second;
  }
  return GuardLazy([&] { return Msg("read {item}", {{"item", ItemName(id)}}); }, [&]() -> Result<Item> {
    static const std::string kSql = std::string("SELECT ") + kItemColumns + " FROM items WHERE id=?";
    Lease q_lease(*this, kSql);
    SQLite::Statement& q = *q_lease;
    q.bind(1, id);
    if (!q.executeStep()) return Status::NotFound(Msg("no item {id}", {{"id", id}}));
    DOCKET_ASSIGN_OR_RETURN(Item item, ReadItem(q));
    if (depth_ > 0) KeepItem(item);
    return item;
  });
}

Result<std::vector<Item>> SqliteStore::ListItems(const ItemFilter& filter) {
  DOCKET_RETURN_IF_ERROR(CheckFilter(filter));
  std::lock_guard lock(mu_);
  return Guard(Msg("list items"), [&]() -> Result<std::vector<Item>> {
    std::string sql = std::string("SELECT ") + kItemColumns + " FROM items WHERE 1";
    if (filter.org) sql += " AND org=:org";
    if (filter.workflow) sql += " AND workflow=:workflow";
    if (filter.state) sql += " AND state=:state";
    if (filter.parent) sql += " AND parent=:parent";
    if (filter.after) sql += " AND id<:after";
    const std::string folded = FoldSearchText(filter.text.value_or(""));
    // A text value holding the search (item_search.h): SQLite's lower() folds A-Z only.
    if (!folded.empty()) {
      sql += " AND EXISTS (SELECT 1 FROM json_each(items.fields) f WHERE f.type='text' AND instr(lower(f.value), :text) > 0)";
    }
    // An item field naming one of the ids (stored as a number: json_each's values are too).
    if (filter.refers) sql += " AND json_extract(fields, :ref_path) IN (SELECT value FROM json_each(:ref_ids))";
    sql += filter.Paged() ? " ORDER BY id DESC" : " ORDER BY id";
    if (filter.limit) sql += " LIMIT :limit";
    Lease q_lease(*this, sql);
    SQLite::Statement& q = *q_lease;
    if (filter.org) q.bind(":org", *filter.org);
    if (filter.workflow) q.bind(":workflow", *filter.workflow);
    if (filter.state) q.bind(":state", *filter.state);
    if (filter.parent) q.bind(":parent", *filter.parent);
    if (filter.after) q.bind(":after", *filter.after);
    if (!folded.empty()) q.bind(":text", folded);
    if (filter.refers) {
      q.bind(":ref_path", "$." + filter.refers->field);
      q.bind(":ref_ids", IdList(filter.refers->ids, '[', ']'));
    }
    if (filter.limit) q.bind(":limit", *filter.limit);
    std::vector<Item> out;
    while (q.executeStep()) {
      DOCKET_ASSIGN_OR_RETURN(Item item, ReadItem(q));
      out.push_back(std::move(item));
    }
    return out;
  });
}

Result<std::vector<ChildItem>> SqliteStore::ListChildren(std::int64_t parent) {
  std::lock_guard lock(mu_);
  return Guard(Msg("list the items below {item}", {{"item", ItemName(parent)}}), [&]() -> Result<std::vector<ChildItem>> {
    Lease q_lease(*this, "SELECT id, workflow, workflow_version, state FROM items WHERE parent=? ORDER BY id");
    SQLite::Statement& q = *q_lease;
    q.bind(1, parent);
    std::vector<ChildItem> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt64(),
                     q.getColumn(3).getString()});
    }
    return out;
  });
}

Result<AuditEntry> SqliteStore::ReadEntry(SQLite::Statement& q) {
  // The columns are kAuditColumns: the fields in declaration order (the org and seq, which
  // a bad changes text is reported with, before the changes).
  AuditEntry e;
  int col = 0;
  Status bad;
  ForEachAuditField(e, [&](std::string_view, auto& member) {
    using T = std::decay_t<decltype(member)>;
    const SQLite::Column column = q.getColumn(col++);
    if constexpr (std::is_same_v<T, std::string>) {
      member = column.getString();
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
      member = column.getInt64();
    } else {
      Result<std::vector<FieldChange>> changes = ParseChanges(e.org, e.seq, column.getString());
      if (!changes.ok()) {
        bad = changes.status();
        return;
      }
      member = std::move(changes).value();
    }
  });
  if (!bad.ok()) return bad;
  return e;
}

Status SqliteStore::AppendLinked(const AuditEntry& entry) {
  DOCKET_RETURN_IF_ERROR(CheckAuditEntry(entry));
  return InTransaction([&] {
    return GuardLazy([&] { return Msg("append audit entry for organization '{org}'", {{"org", entry.org}}); }, [&]() -> Status {
      AuditHead& head = cache_.heads[entry.org];
      if (head.seq == 0) ReadAuditHead(entry.org, &head);  // not cached: an empty chain is asked each time
      if (!LinksAfter(entry, head.seq, head.hash)) {
        return ChainMoved(entry, head);
      }
      static const std::string kSql =
          std::string("INSERT INTO audit(") + kAuditColumns + ") VALUES (" + kAuditPlaceholders + ")";
      Lease q_lease(*this, kSql);
      SQLite::Statement& q = *q_lease;
      int col = 0;
      std::string changes;  // bound without a copy: lives until exec
      changes.reserve(256);
      ForEachAuditField(entry, [&](std::string_view, const auto& member) {
        using Member = std::decay_t<decltype(member)>;
        if constexpr (std::is_same_v<Member, std::vector<FieldChange>>) {
          AppendChangesJson(member, &changes);  // the bytes DumpJson(ChangesToJson(...)) gives
          q.bindNoCopy(++col, changes);
        } else if constexpr (std::is_same_v<Member, std::string>) {
          q.bindNoCopy(++col, member);  // entry outlives exec
        } else {
          q.bind(++col, member);
        }
      });
      q.exec();
      head.seq = entry.seq;
      head.hash = entry.hash;
      head.time = entry.time;
      return Hook("after_audit_append");
    });
  });
}

Result<std::vector<AuditEntry>> SqliteStore::ItemHistory(std::int64_t item_id) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read history of {item}", {{"item", ItemName(item_id)}}), [&]() -> Result<std::vector<AuditEntry>> {
    std::vector<AuditEntry> out;
    Lease q_lease(*this, std::string("SELECT ") + kAuditColumns +
                                  " FROM audit WHERE item_id=? ORDER BY org, seq");
    SQLite::Statement& q = *q_lease;
    q.bind(1, item_id);
    while (q.executeStep()) {
      DOCKET_ASSIGN_OR_RETURN(AuditEntry e, ReadEntry(q));
      out.push_back(std::move(e));
    }
    return out;
  });
}

Status SqliteStore::ForEachAuditEntry(const std::string& org,
                                      const std::function<Status(const AuditEntry&)>& fn) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read audit log of organization '{org}'", {{"org", org}}), [&]() -> Status {
    SQLite::Statement q(
        *db_, std::string("SELECT ") + kAuditColumns + " FROM audit WHERE org=? ORDER BY seq");
    q.bind(1, org);
    while (q.executeStep()) {
      DOCKET_ASSIGN_OR_RETURN(AuditEntry e, ReadEntry(q));
      DOCKET_RETURN_IF_ERROR(fn(e));
    }
    return Status::Ok();
  });
}

Result<std::vector<std::string>> SqliteStore::AuditOrgs() {
  std::lock_guard lock(mu_);
  return Guard(Msg("list audit organizations"), [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    Lease q_lease(*this, "SELECT DISTINCT org FROM audit ORDER BY org");
    SQLite::Statement& q = *q_lease;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
  });
}

}  // namespace docket
