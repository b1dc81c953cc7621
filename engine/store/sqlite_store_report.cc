// SqliteStore: what the semester report and the roll-up read and keep (docs/REPORTS.md).
//
// ListItemsInRange selects by (org, workflow) on an index and tests the moment in SQL
// (json_extract on the stored fields, the path bound as a parameter), so only the items of
// the term are decoded. Documents and report definitions live in tables of their own
// (schemas/sql: the reports migration).
#include "store/audit_chain.h"
#include "store/sqlite_store_internal.h"

namespace docket {
namespace {

constexpr const char* kItemColumnsOfI =
    "i.id, i.org, i.workflow, i.workflow_version, i.state, i.fields, i.parent, i.version, i.created_at, "
    "i.updated_at";

// The JSON path of a top-level field; names may hold '-', so the key is quoted.
std::string PathOf(const std::string& field) { return "$.\"" + field + "\""; }

}  // namespace

Result<std::vector<Item>> SqliteStore::ListItemsInRange(const ItemRange& range) {
  std::lock_guard lock(mu_);
  return Guard("list items of " + Quoted(range.workflow) + " in " + Quoted(range.org),
               [&]() -> Result<std::vector<Item>> {
    std::string moment;
    if (range.field.empty()) {
      moment = "i.created_at";
    } else if (range.ref.empty()) {
      moment = "json_extract(i.fields, :path)";
    } else {
      moment = "(SELECT json_extract(r.fields, :path) FROM items r WHERE r.id = json_extract(i.fields, :ref))";
    }
    std::string sql = std::string("SELECT ") + kItemColumnsOfI + ", " + moment +
                      " AS moment FROM items i WHERE i.org=:org AND i.workflow=:workflow";
    if (range.created_up_to) sql += " AND i.created_at <= :up_to";
    sql = "SELECT * FROM (" + sql + ") WHERE moment >= :from AND moment < :to ORDER BY id";
    Lease q_lease(*this, sql);
    SQLite::Statement& q = *q_lease;
    q.bind(":org", range.org);
    q.bind(":workflow", range.workflow);
    q.bind(":from", range.from);
    q.bind(":to", range.to);
    if (range.created_up_to) q.bind(":up_to", *range.created_up_to);
    if (!range.field.empty()) q.bind(":path", PathOf(range.field));
    if (!range.ref.empty()) q.bind(":ref", PathOf(range.ref));
    std::vector<Item> out;
    while (q.executeStep()) {
      Result<Item> item = ReadItem(q);
      if (!item.ok()) return item.status();
      out.push_back(std::move(item).value());
    }
    return out;
  });
}

Status SqliteStore::PutDocument(const std::string& hash, const std::string& content, const std::string& stored_at) {
  if (Sha256Hex(content) != hash) return Status::Invalid("a document is kept under the SHA-256 of its content");
  return Transact([&] {
    return Guard("keep document " + hash.substr(0, 12), [&]() -> Status {
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
  return Guard("read document " + hash.substr(0, 12), [&]() -> Result<std::optional<std::string>> {
    Lease q_lease(*this, "SELECT content FROM documents WHERE hash=?");
    SQLite::Statement& q = *q_lease;
    q.bind(1, hash);
    if (!q.executeStep()) return std::optional<std::string>();
    return std::optional<std::string>(q.getColumn(0).getString());
  });
}

Result<bool> SqliteStore::PutReportDefinition(const DefinitionRecord& def) {
  if (def.workflow.empty()) return Status::Invalid("a report definition needs an id");
  DefinitionRecord rec = def;
  if (rec.content_hash.empty()) rec.content_hash = Sha256Hex(rec.source);
  const std::string what = "report " + Quoted(rec.workflow) + " version " + std::to_string(rec.version);
  bool inserted = false;
  Status st = Transact([&] {
    return Guard("store " + what, [&]() -> Status {
      SQLite::Statement q(*db_, "SELECT content_hash FROM report_definitions WHERE report=? AND version=?");
      q.bind(1, rec.workflow);
      q.bind(2, rec.version);
      if (q.executeStep()) {
        const std::string stored = q.getColumn(0).getString();
        if (stored == rec.content_hash) return Status::Ok();
        return Status::Conflict(what + " is already loaded with different content; give the changed definition a "
                                       "new version");
      }
      SQLite::Statement ins(*db_,
                            "INSERT INTO report_definitions(report, version, content_hash, source, loaded_at) "
                            "VALUES (?, ?, ?, ?, ?)");
      ins.bind(1, rec.workflow);
      ins.bind(2, rec.version);
      ins.bind(3, rec.content_hash);
      ins.bind(4, rec.source);
      ins.bind(5, rec.loaded_at);
      ins.exec();
      inserted = true;
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  return inserted;
}

Result<std::optional<DefinitionRecord>> SqliteStore::GetReportDefinition(const std::string& report) {
  std::lock_guard lock(mu_);
  return Guard("read report " + Quoted(report), [&]() -> Result<std::optional<DefinitionRecord>> {
    SQLite::Statement q(*db_,
                        "SELECT report, version, content_hash, source, loaded_at FROM report_definitions "
                        "WHERE report=? ORDER BY version DESC LIMIT 1");
    q.bind(1, report);
    if (!q.executeStep()) return std::optional<DefinitionRecord>();
    DefinitionRecord d;
    d.workflow = q.getColumn(0).getString();
    d.version = q.getColumn(1).getInt64();
    d.content_hash = q.getColumn(2).getString();
    d.source = q.getColumn(3).getString();
    d.loaded_at = q.getColumn(4).getString();
    return std::optional<DefinitionRecord>(std::move(d));
  });
}

}  // namespace docket
