// SqliteStore::ListItemsEverNaming (store.h): the org's items of the workflow whose field
// names the item now, or whose history set the field to it. The history is read in the audit
// table by its key (org, seq): only the entries of the workflow whose changes' text holds the
// id's digits are parsed, then the change of the field is compared, so a meeting's minutes
// read a few entries' JSON instead of every matter's history.
#include "store/item_search.h"
#include "store/sqlite_store_internal.h"

namespace docket {

Result<std::vector<Item>> SqliteStore::ListItemsEverNaming(const std::string& org, const std::string& workflow,
                                                           const std::string& field, std::int64_t id) {
  ItemFilter check;
  check.refers = ItemFilter::FieldRefs{field, {id}};
  DOCKET_RETURN_IF_ERROR(CheckFilter(check));
  if (!IsStoreId(workflow)) return Status::Invalid(Msg("no workflow '{workflow}'", {{"workflow", workflow}}));
  std::lock_guard lock(mu_);
  return Guard(Msg("list the items of '{workflow}' that named item {id}", {{"workflow", workflow}, {"id", id}}),
               [&]() -> Result<std::vector<Item>> {
    // The workflow and the field written as literals: the items' part is then the expression
    // of the partial index EnsureFieldIndex makes (sqlite_store_report.cc), read by it when
    // it exists.
    const std::string sql =
        "SELECT id, org, workflow, workflow_version, state, fields, parent, version, created_at, updated_at"
        " FROM items WHERE org=:org AND workflow='" + workflow + "' AND id IN ("
        "SELECT id FROM items WHERE org=:org AND workflow='" + workflow + "' AND json_extract(fields, '$.\"" + field + "\"') = :id"
        " UNION SELECT item_id FROM audit WHERE org=:org AND workflow='" + workflow + "' AND instr(changes, :digits) > 0"
        " AND json_extract(changes, '$.\"" + field + "\"[1]') = :id) ORDER BY id";
    Lease q_lease(*this, sql);
    SQLite::Statement& q = *q_lease;
    q.bind(":org", org);
    q.bind(":id", id);
    q.bind(":digits", std::to_string(id));
    std::vector<Item> out;
    while (q.executeStep()) {
      DOCKET_ASSIGN_OR_RETURN(Item item, ReadItem(q));
      out.push_back(std::move(item));
    }
    return out;
  });
}

}  // namespace docket
