// SqliteStore: what the semester report and the roll-up read and keep (docs/REPORTS.md).
//
// ListItemsInRange tests the moment in SQL (json_extract on the stored fields), so only the
// term's items are decoded. With the partial expression indexes EnsureFieldIndex makes
// (items of one workflow, by org and one field) it reads the term's items by index, never
// the workflow's whole history; without them it scans the org's items of the workflow.
// Documents and report definitions live in tables of their own (the reports migration).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "audit/chain.h"
#include "store/item_search.h"
#include "store/sqlite_store_internal.h"

namespace docket {
namespace {

constexpr const char* kTail = "i.parent, i.version, i.created_at, i.updated_at";


// json_extract(<table>fields, '$."name"'): the expression the field indexes are built on.
std::string Extract(const std::string& table, const std::string& field) {
  return "json_extract(" + table + "fields, '$.\"" + field + "\"')";
}

std::string IndexName(const std::string& workflow, const std::string& field) {
  std::string name = "items_by_" + workflow + "__" + field;
  for (char& c : name) c = c == '-' ? '_' : c;
  return name + "_" + Sha256Hex(workflow + "\n" + field).substr(0, 8);
}

}  // namespace

Result<bool> SqliteStore::EnsureFieldIndex(const std::string& workflow, const std::string& field) {
  if (!IsStoreId(workflow) || !IsStoreId(field)) return Status::Invalid("an index is on a workflow's field, named by ids");
  const std::string name = IndexName(workflow, field);
  {
    std::lock_guard lock(mu_);
    DOCKET_ASSIGN_OR_RETURN(auto found, Guard(Msg("look for index {index}", {{"index", name}}), [&]() -> Result<bool> {
      Lease q_lease(*this, "SELECT 1 FROM sqlite_master WHERE type='index' AND name=?");
      SQLite::Statement& q = *q_lease;
      q.bind(1, name);
      return q.executeStep();
    }));
    if (found) return true;
  }
  Status st = Transact([&] {
    return Guard(Msg("create index {index}", {{"index", name}}), [&]() -> Status {
      db_->exec("CREATE INDEX IF NOT EXISTS \"" + name + "\" ON items(org, " + Extract("", field) +
                ") WHERE workflow = '" + workflow + "'");
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  return true;
}

Result<std::vector<Item>> SqliteStore::ListItemsInRange(const ItemRange& range) {
  for (const auto* id : {&range.workflow, &range.field, &range.ref, &range.ref_workflow}) {
    if (!id->empty() && !IsStoreId(*id)) return Status::Invalid("a range names workflows and fields by their ids");
  }
  for (const auto& f : range.fields) {
    // Field ids, and the import mark (core/item.h) that reports count imported records by.
    if (!IsStoreId(f) && f != kImportedField) return Status::Invalid("a range names fields by their ids");
  }
  std::string in_states;  // the states as SQL literals (ids)
  for (const auto& st : range.states) {
    if (!IsStoreId(st)) return Status::Invalid("a range names states by their ids");
    in_states += (in_states.empty() ? "'" : ", '") + st + "'";
  }
  std::lock_guard lock(mu_);
  return Guard(Msg("list items of '{workflow}' in '{org}'", {{"workflow", range.workflow}, {"org", range.org}}),
               [&]() -> Result<std::vector<Item>> {
    // The whole fields text: with `fields` named, only those are built from it in ReadItem
    // (SQLite's JSON functions, json_patch of each named field, cost more than the parse).
    const std::string select = std::string("SELECT i.id, i.org, i.workflow, i.workflow_version, i.state, i.fields, ") + kTail + " FROM items i WHERE i.org=:org AND i.workflow='" + range.workflow + "'" +
                               // Unary + keeps the planner off (org, workflow, created_at) here:
                               // the term's bound is what should pick the index.
                               (range.created_up_to ? " AND +i.created_at <= :up_to" : "") +
                               (in_states.empty() ? "" : " AND +i.state IN (" + in_states + ")");
    std::vector<Item> out;
    auto read = [&](SQLite::Statement& q) -> Status {
      q.bind(":org", range.org);
      if (range.created_up_to) q.bind(":up_to", *range.created_up_to);
      while (q.executeStep()) {
        DOCKET_ASSIGN_OR_RETURN(Item item, ReadItem(q, range.fields.empty() ? nullptr : &range.fields));
        out.push_back(std::move(item));
      }
      return Status::Ok();
    };
    if (!range.ref.empty() && !range.ref_workflow.empty()) {
      // The referenced items in the range first (few, by their index), then the items that
      // reference each, by the index on the reference: no scan of the workflow's items.
      const std::string moment = Extract("", range.field);
      Lease ids_lease(*this, "SELECT id FROM items WHERE org=:org AND workflow='" + range.ref_workflow + "' AND " +
                                 moment + " >= :from AND " + moment + " < :to");
      SQLite::Statement& ids = *ids_lease;
      ids.bind(":org", range.org);
      ids.bind(":from", range.from);
      ids.bind(":to", range.to);
      std::vector<std::int64_t> refs;
      while (ids.executeStep()) refs.push_back(ids.getColumn(0).getInt64());
      Lease q_lease(*this, select + " AND " + Extract("i.", range.ref) + " = :ref");
      for (std::int64_t ref : refs) {
        SQLite::Statement& q = *q_lease;
        q.reset();
        q.bind(":ref", ref);
        DOCKET_RETURN_IF_ERROR(read(q));
      }
      std::sort(out.begin(), out.end(), [](const Item& a, const Item& b) { return a.id < b.id; });
      return out;
    }
    std::string moment;
    if (range.field.empty()) {
      moment = "i.created_at";
    } else if (range.ref.empty()) {
      moment = Extract("i.", range.field);
    } else {
      moment = "(SELECT " + Extract("r.", range.field) + " FROM items r WHERE r.id = " + Extract("i.", range.ref) + ")";
    }
    Lease q_lease(*this, select + " AND " + moment + " >= :from AND " + moment + " < :to ORDER BY i.id");
    SQLite::Statement& q = *q_lease;
    q.bind(":from", range.from);
    q.bind(":to", range.to);
    DOCKET_RETURN_IF_ERROR(read(q));
    return out;
  });
}

Result<std::map<std::int64_t, std::string>> SqliteStore::EnteredStates(const std::vector<std::int64_t>& items,
                                                                       const std::vector<std::string>& states) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read when items entered states"), [&]() -> Result<std::map<std::int64_t, std::string>> {
    std::map<std::int64_t, std::string> out;
    if (items.empty() || states.empty()) return out;
    Lease q_lease(*this,
                  "SELECT item_id, MAX(time) FROM audit WHERE item_id IN (SELECT value FROM json_each(:ids)) "
                  "AND outcome = 'ok' AND to_state IN (SELECT value FROM json_each(:states)) "
                  "AND from_state NOT IN (SELECT value FROM json_each(:states)) GROUP BY item_id");
    SQLite::Statement& q = *q_lease;
    q.bind(":ids", nlohmann::json(items).dump());
    q.bind(":states", nlohmann::json(states).dump());
    while (q.executeStep()) out[q.getColumn(0).getInt64()] = q.getColumn(1).getString();
    return out;
  });
}

Status SqliteStore::PutDocument(const std::string& hash, const std::string& content, const std::string& stored_at) {
  if (Sha256Hex(content) != hash) return Status::Invalid("a document is kept under the SHA-256 of its content");
  return Transact([&] {
    return Guard(Msg("keep document {hash}", {{"hash", hash.substr(0, 12)}}), [&]() -> Status {
      Lease q_lease(*this, "INSERT OR IGNORE INTO documents(hash, content, stored_at) VALUES (?, ?, ?)");
      SQLite::Statement& q = *q_lease;
      q.bind(1, hash);
      q.bind(2, content);
      q.bind(3, stored_at);
      q.exec();
      return Status::Ok();
    });
  });
}

Result<std::optional<std::string>> SqliteStore::GetDocument(const std::string& hash) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read document {hash}", {{"hash", hash.substr(0, 12)}}), [&]() -> Result<std::optional<std::string>> {
    Lease q_lease(*this, "SELECT content FROM documents WHERE hash=?");
    SQLite::Statement& q = *q_lease;
    q.bind(1, hash);
    if (!q.executeStep()) return std::optional<std::string>();
    return std::optional<std::string>(q.getColumn(0).getString());
  });
}

Result<bool> SqliteStore::PutReportDefinition(const DefinitionRecord& def) {
  if (def.workflow.empty()) return Status::Invalid(Msg("a report definition needs an id"));
  std::lock_guard lock(mu_);
  cache_.Clear();
  return PutVersioned(def, "report_definitions", "report", "report");
}

Result<std::optional<DefinitionRecord>> SqliteStore::GetReportDefinition(const std::string& report) {
  std::lock_guard lock(mu_);
  if (depth_ == 0) DOCKET_RETURN_IF_ERROR(RevalidateCache());
  if (auto hit = cache_.reports.find(report); hit != cache_.reports.end()) return hit->second;
  return Guard(Msg("read report '{report}'", {{"report", report}}), [&]() -> Result<std::optional<DefinitionRecord>> {
    Lease q_lease(*this,
                  "SELECT report, version, content_hash, source, loaded_at FROM report_definitions "
                  "WHERE report=? ORDER BY version DESC LIMIT 1");
    SQLite::Statement& q = *q_lease;
    q.bind(1, report);
    std::optional<DefinitionRecord> found;
    if (q.executeStep()) found = ReadDefinition(q);
    cache_.reports[report] = found;
    return found;
  });
}

}  // namespace docket
