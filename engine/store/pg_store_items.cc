// PgStore: items (with optimistic versioning) and the audit chain, its head locked per
// organization.
#include <algorithm>
#include <string_view>
#include <utility>

#include "audit/canonical_json.h"
#include "audit/chain.h"
#include "store/item_search.h"
#include "store/pg_store_internal.h"
#include "store/record_checks.h"
#include "store/row_text.h"

namespace docket {

Result<Item> ReadItem(const pqxx::row& r, const std::vector<std::string>* only) {
  Item item;
  item.id = Int(r[0]);
  item.org = Text(r[1]);
  item.workflow = Text(r[2]);
  item.workflow_version = Int(r[3]);
  item.state = Text(r[4]);
  const std::string_view fields(r[5].c_str(), r[5].size());
  if (only == nullptr || !ParseFieldsFastOnly(fields, *only, &item.fields)) {
    DOCKET_RETURN_IF_ERROR(ParseItemFields(item.id, fields, &item.fields));
    if (only != nullptr) {
      std::erase_if(item.fields, [&](const auto& kv) { return std::find(only->begin(), only->end(), kv.first) == only->end(); });
    }
  }
  if (!r[6].is_null()) item.parent = Int(r[6]);
  item.version = Int(r[7]);
  auto created = ParseTime(Text(r[8]));
  auto updated = ParseTime(Text(r[9]));
  if (!created || !updated)
    return Status::Integrity(Msg("{item}: {why}", {{"item", ItemName(item.id)}, {"why", Msg("a time is not ISO 8601")}}));
  item.created_at = *created;
  item.updated_at = *updated;
  return item;
}

Result<std::vector<Item>> ReadItems(const pqxx::result& rows, const std::vector<std::string>* only) {
  std::vector<Item> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    DOCKET_ASSIGN_OR_RETURN(Item item, ReadItem(r, only));
    out.push_back(std::move(item));
  }
  return out;
}

namespace {

// A row of kAuditColumns.
Result<AuditEntry> ReadEntry(const pqxx::row& r) {
  AuditEntry e;
  int col = 0;
  Status bad;
  ForEachAuditField(e, [&](std::string_view, auto& member) {
    using T = std::decay_t<decltype(member)>;
    const pqxx::field f = r[col++];
    if constexpr (std::is_same_v<T, std::string>) {
      member = Text(f);
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
      member = Int(f);
    } else {
      Result<std::vector<FieldChange>> changes = ParseChanges(e.org, e.seq, Text(f));
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

// "$1,$2,...,$17": one placeholder per column of kAuditColumns.
std::string AuditPlaceholders() {
  std::string out;
  for (std::size_t i = 1; i <= kAuditFieldCount; ++i) out += (i > 1 ? ",$" : "$") + std::to_string(i);
  return out;
}

// The placeholder number of the column `name` in AuditPlaceholders().
std::string AuditParameter(std::string_view name) {
  AuditEntry e;
  std::size_t at = 0, found = 0;
  ForEachAuditField(e, [&](std::string_view field, const auto&) {
    ++at;
    if (field == name) found = at;
  });
  return std::to_string(found);
}

}  // namespace

Result<std::int64_t> PgStore::InsertItem(const Item& item) {
  std::string fields_text;
  DOCKET_RETURN_IF_ERROR(CheckItem(item, &fields_text));
  std::int64_t id = 0;
  Status st = InTransaction([&] {
    return Guard(Msg("insert item"), [&]() -> Status {
      if (item.parent && Exec("SELECT 1 FROM items WHERE id=$1", *item.parent).empty()) {
        return Status::NotFound(Msg("parent item {id} does not exist", {{"id", *item.parent}}));
      }
      std::optional<std::string> parent;
      if (item.parent) parent = std::to_string(*item.parent);
      id = Prepared("docket_insert_item", "INSERT INTO items(org, workflow, workflow_version, state, fields, parent, version, created_at, "
                "updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id",
                item.org, item.workflow, item.workflow_version, item.state, fields_text, NullableText(parent),
                item.version, FormatTime(item.created_at), FormatTime(item.updated_at))[0][0]
               .as<std::int64_t>();
      return Hook("after_item_write");
    });
  });
  if (!st.ok()) return st;
  return id;
}

Status PgStore::UpdateItem(const Item& item, std::int64_t expected_version) {
  std::string fields_text;
  DOCKET_RETURN_IF_ERROR(CheckItemUpdate(item, expected_version, &fields_text));
  return InTransaction([&] {
    return Guard(Msg("update {item}", {{"item", ItemName(item.id)}}), [&]() -> Status {
      std::optional<std::string> parent;
      if (item.parent) parent = std::to_string(*item.parent);
      // The compare-and-set: the row is locked by the UPDATE, and a concurrent writer's
      // UPDATE re-reads the version after this one commits, so only one of them matches.
      const pqxx::result r = Prepared(
          "docket_update_item", "UPDATE items SET workflow_version=$1, state=$2, fields=$3, version=$4, updated_at=$5, parent=$8 "
          "WHERE id=$6 AND version=$7",
          item.workflow_version, item.state, fields_text, item.version, FormatTime(item.updated_at), item.id,
          expected_version, NullableText(parent));
      if (r.affected_rows() == 0) {
        const pqxx::result v = Exec("SELECT version FROM items WHERE id=$1", item.id);
        if (v.empty()) return Status::NotFound(Msg("no item {id}", {{"id", item.id}}));
        return Status::Conflict(Msg("item {id} was changed by someone else: expected version {expected}, found version {found}",
                                    {{"id", item.id}, {"expected", expected_version}, {"found", Int(v[0][0])}}));
      }
      return Hook("after_item_write");
    });
  });
}

Result<Item> PgStore::GetItem(std::int64_t id) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read {item}", {{"item", ItemName(id)}}), [&]() -> Result<Item> {
    const pqxx::result r = Exec(std::string("SELECT ") + kItemColumns + " FROM items WHERE id=$1", id);
    if (r.empty()) return Status::NotFound(Msg("no item {id}", {{"id", id}}));
    return ReadItem(r[0]);
  });
}

Result<std::vector<Item>> PgStore::ListItems(const ItemFilter& filter) {
  DOCKET_RETURN_IF_ERROR(CheckFilter(filter));
  std::lock_guard lock(mu_);
  return Guard(Msg("list items"), [&]() -> Result<std::vector<Item>> {
    // Each filter given or not: one statement, "$n IS NULL OR column = $n".
    // The search (item_search.h): a text value holding it, A-Z folded by translate() (lower()
    // would fold by the database's locale), strpos() (no LIKE: no wildcard to escape).
    // An item field naming one of the ids: its value as text ("12") among the ids as text.
    std::optional<std::string> parent, after, text, limit, ref_field, ref_ids;
    if (filter.parent) parent = std::to_string(*filter.parent);
    if (filter.after) after = std::to_string(*filter.after);
    if (filter.text && !filter.text->empty()) text = FoldSearchText(*filter.text);
    if (filter.limit) limit = std::to_string(*filter.limit);
    if (filter.refers) {
      ref_field = filter.refers->field;
      ref_ids = IdList(filter.refers->ids, '{', '}');
    }
    return ReadItems(Exec(std::string("SELECT ") + kItemColumns +
                              " FROM items WHERE ($1::text IS NULL OR org=$1) AND ($2::text IS NULL OR workflow=$2)"
                              " AND ($3::text IS NULL OR state=$3) AND ($4::bigint IS NULL OR parent=$4)"
                              " AND ($5::bigint IS NULL OR id<$5) AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM"
                              " jsonb_each(items.fields::jsonb) f WHERE jsonb_typeof(f.value)='string' AND strpos(translate("
                              "f.value #>> '{}', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), $6) > 0))"
                              " AND ($8::text IS NULL OR (jsonb_typeof(items.fields::jsonb -> $8::text) = 'number'"
                              " AND (items.fields::jsonb ->> $8::text) = ANY($9::text[])))" +
                              (filter.Paged() ? " ORDER BY id DESC" : " ORDER BY id") + " LIMIT $7::bigint",
                          NullableText(filter.org), NullableText(filter.workflow), NullableText(filter.state),
                          NullableText(parent), NullableText(after), NullableText(text), NullableText(limit),
                          NullableText(ref_field), NullableText(ref_ids)));
  });
}

Result<std::vector<ChildItem>> PgStore::ListChildren(std::int64_t parent) {
  std::lock_guard lock(mu_);
  return Guard(Msg("list the items below {item}", {{"item", ItemName(parent)}}), [&]() -> Result<std::vector<ChildItem>> {
    std::vector<ChildItem> out;
    for (const auto& r : Exec("SELECT id, workflow, workflow_version, state FROM items WHERE parent=$1 ORDER BY id", parent)) {
      out.push_back({Int(r[0]), Text(r[1]), Int(r[2]), Text(r[3])});
    }
    return out;
  });
}

Result<AuditHead> PgStore::ReadHead(const std::string& org, bool lock) {
  auto read = [&](const pqxx::result& r) {
    return r.empty() ? AuditHead{} : AuditHead{Int(r[0][0]), Text(r[0][1]), Text(r[0][2])};
  };
  if (!lock) return read(Exec("SELECT seq, hash, time FROM audit_heads WHERE org=$1", org));
  if (auto it = held_.find(org); it != held_.end()) return it->second;
  // Two transactions that each hold one chain's head and wait for the other's would
  // deadlock (two servers' group commits, each batch over several organizations): wait
  // only while holding none.
  const char* nowait = holds_heads_ ? " NOWAIT" : "";
  const std::string sql = std::string("SELECT seq, hash, time FROM audit_heads WHERE org=$1 FOR UPDATE") + nowait;
  // The directory kept since BEGIN may be older than a change committed while this waited
  // for the head (a role's change is recorded in this chain, and the action is judged once
  // the head is held): its version is read again by a statement whose snapshot is taken
  // after the lock. A statement's snapshot is taken when it starts, before it waits, so
  // the version cannot ride in the locking SELECT: the lock and a second SELECT (the head
  // and the version) go as one simple query, one round trip, each statement with a
  // snapshot of its own.
  const bool recheck = cache_.version >= 0;
  const std::string quoted = conn_->connection.quote(org);
  const std::string locked_sql = std::string("SELECT 1 FROM audit_heads WHERE org=") + quoted + " FOR UPDATE" + nowait +
                                 "; SELECT seq, hash, time, (SELECT version FROM directory_version WHERE id = 1)"
                                 " FROM audit_heads WHERE org=" + quoted;
  auto lock_head = [&]() -> pqxx::result {
    if (!recheck) return Exec(sql, org);
    // The savepoints not sent yet go first, in the same query.
    std::string query;
    for (const std::string& s : deferred_) query += s + "; ";
    deferred_.clear();
    statements_.fetch_add(1, std::memory_order_relaxed);
    return conn_->tx.exec(query + locked_sql);
  };
  pqxx::result r;
  try {
    r = lock_head();
    if (r.empty()) {  // the chain's first entry: its head row, made once
      Exec("INSERT INTO audit_heads(org, seq, hash, time) VALUES ($1, 0, '', '') ON CONFLICT (org) DO NOTHING", org);
      r = lock_head();
    }
  } catch (const pqxx::sql_error& e) {
    if (e.sqlstate() != "55P03" && e.sqlstate() != "40P01") throw;  // lock_not_available, deadlock_detected
    Status busy = Status::Busy(Msg("the audit chain of organization '{org}' is being written by another transaction while this one holds another chain's: nothing was written; try again",
                                   {{"org", org}}));
    if (depth_ > 0 && failed_.ok()) failed_ = busy;  // the transaction is doomed until its savepoint rolls back
    return busy;
  }
  holds_heads_ = true;
  if (recheck && !r.empty()) {
    const std::int64_t version = r[0][3].is_null() ? -1 : Int(r[0][3]);
    if (version != cache_.version) {
      cache_.Clear();
      cache_.version = version;
    }
  }
  return held_[org] = read(r);
}

Result<AuditHead> PgStore::GetAuditHead(const std::string& org) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the audit head of organization '{org}'", {{"org", org}}),
               [&]() -> Result<AuditHead> { return ReadHead(org, depth_ > 0); });
}

Status PgStore::AppendLinked(const AuditEntry& entry) {
  DOCKET_RETURN_IF_ERROR(CheckAuditEntry(entry));
  return InTransaction([&] {
    return Guard(Msg("append audit entry for organization '{org}'", {{"org", entry.org}}), [&]() -> Status {
      DOCKET_ASSIGN_OR_RETURN(AuditHead head, ReadHead(entry.org, /*lock=*/true));
      if (!LinksAfter(entry, head.seq, head.hash)) return ChainMoved(entry, head);
      std::vector<std::string> values;
      values.reserve(kAuditFieldCount);
      ForEachAuditField(entry, [&](std::string_view, const auto& member) {
        using Member = std::decay_t<decltype(member)>;
        if constexpr (std::is_same_v<Member, std::vector<FieldChange>>) {
          std::string changes;
          AppendChangesJson(member, &changes);  // the bytes SqliteStore stores
          values.push_back(std::move(changes));
        } else if constexpr (std::is_same_v<Member, std::string>) {
          values.push_back(member);
        } else {
          values.push_back(std::to_string(member));
        }
      });
      // The entry and the head it becomes in one statement (one round trip, not two).
      static const std::string kAppend = std::string("WITH appended AS (INSERT INTO audit(") + kAuditColumns +
                                         ") VALUES (" + AuditPlaceholders() + ")) UPDATE audit_heads SET seq=$" +
                                         AuditParameter("seq") + ", hash=$" + AuditParameter("hash") + ", time=$" +
                                         AuditParameter("time") + " WHERE org=$" + AuditParameter("org");
      Prepared("docket_append_entry", kAppend, pqxx::prepare::make_dynamic_params(values));
      held_[entry.org] = AuditHead{entry.seq, entry.hash, entry.time};
      return Hook("after_audit_append");
    });
  });
}

Result<std::vector<AuditEntry>> PgStore::ItemHistory(std::int64_t item_id) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read history of {item}", {{"item", ItemName(item_id)}}), [&]() -> Result<std::vector<AuditEntry>> {
    std::vector<AuditEntry> out;
    for (const auto& r : Exec(std::string("SELECT ") + kAuditColumns + " FROM audit WHERE item_id=$1 ORDER BY org COLLATE \"C\", seq",
                              item_id)) {
      DOCKET_ASSIGN_OR_RETURN(AuditEntry e, ReadEntry(r));
      out.push_back(std::move(e));
    }
    return out;
  });
}

// One query for all of `items` (ItemHistory's order within each).
Result<std::map<std::int64_t, std::vector<AuditEntry>>> PgStore::ItemHistories(const std::vector<std::int64_t>& items) {
  std::map<std::int64_t, std::vector<AuditEntry>> out;
  if (items.empty()) return out;
  std::string ids = "{";
  for (std::int64_t id : items) {
    out[id];
    ids += (ids.size() > 1 ? "," : "") + std::to_string(id);
  }
  ids += "}";
  std::lock_guard lock(mu_);
  return Guard(Msg("read the history of {n} items", {{"n", out.size()}}),
               [&]() -> Result<std::map<std::int64_t, std::vector<AuditEntry>>> {
    for (const auto& r : Exec(std::string("SELECT ") + kAuditColumns +
                                  " FROM audit WHERE item_id = ANY($1::bigint[]) ORDER BY item_id, org COLLATE \"C\", seq",
                              ids)) {
      DOCKET_ASSIGN_OR_RETURN(AuditEntry e, ReadEntry(r));
      const std::int64_t id = e.item_id;
      out[id].push_back(std::move(e));
    }
    return out;
  });
}

Status PgStore::ScanAudit(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                          const std::function<Status(const AuditEntry&)>& fn) {
  std::lock_guard lock(mu_);
  // Read in pages of seq, so a long chain is never held in memory whole.
  constexpr std::int64_t kPage = 2000;
  for (std::int64_t from = std::max<std::int64_t>(from_seq, 1); from <= to_seq; from += kPage) {
    const std::int64_t to = std::min(to_seq, from + kPage - 1);
    pqxx::result rows;
    DOCKET_RETURN_IF_ERROR(Guard(Msg("read audit log of organization '{org}'", {{"org", org}}), [&]() -> Status {
      rows = Exec(std::string("SELECT ") + kAuditColumns + " FROM audit WHERE org=$1 AND seq BETWEEN $2 AND $3 ORDER BY seq",
                  org, from, to);
      return Status::Ok();
    }));
    if (rows.empty()) {
      // Past the head: nothing further.
      pqxx::result more;
      DOCKET_RETURN_IF_ERROR(Guard(Msg("read audit log of organization '{org}'", {{"org", org}}), [&]() -> Status {
        more = Exec("SELECT 1 FROM audit WHERE org=$1 AND seq > $2 LIMIT 1", org, to);
        return Status::Ok();
      }));
      if (more.empty()) break;
    }
    for (const auto& r : rows) {
      DOCKET_ASSIGN_OR_RETURN(AuditEntry e, ReadEntry(r));
      DOCKET_RETURN_IF_ERROR(fn(e));
    }
  }
  return Status::Ok();
}

Status PgStore::ForEachAuditEntry(const std::string& org, const std::function<Status(const AuditEntry&)>& fn) {
  return ScanAudit(org, 1, std::numeric_limits<std::int64_t>::max(), fn);
}

Result<std::vector<std::string>> PgStore::AuditOrgs() {
  std::lock_guard lock(mu_);
  return Guard(Msg("list audit organizations"), [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    for (const auto& r : Exec("SELECT DISTINCT org COLLATE \"C\" FROM audit ORDER BY 1")) out.push_back(Text(r[0]));
    return out;
  });
}

}  // namespace docket
