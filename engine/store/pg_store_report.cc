// PgStore: what the semester report and the roll-up read (docs/REPORTS.md), in SQL: the
// moment of each item is tested in the query (the stored fields read as jsonb), so a term's
// items come back in one round trip, and a field that references another item is followed
// in the same query, not by a GetItem per item. Times are ISO text compared byte by byte
// (COLLATE "C"), as SQLite compares them, whatever the database's collation.
#include <nlohmann/json.hpp>

#include "store/pg_store_internal.h"

namespace docket {
namespace {

// The text of the item `table`'s field named by parameter `param` when it holds a string,
// else NULL: what Store::ListItemsInRange's MomentOf reads.
std::string StringField(const std::string& table, const std::string& param) {
  return "(CASE WHEN jsonb_typeof(" + table + ".fields::jsonb -> " + param + ") = 'string' THEN " + table +
         ".fields::jsonb ->> " + param + " END)";
}

// Only the fields `names` of each item, when some are named.
void KeepOnly(const std::vector<std::string>& names, std::vector<Item>* items) {
  if (names.empty()) return;
  for (Item& item : *items) {
    FieldMap only;
    for (const auto& name : names) {
      auto it = item.fields.find(name);
      if (it != item.fields.end()) only[name] = it->second;
    }
    item.fields = std::move(only);
  }
}

}  // namespace

Result<std::vector<Item>> PgStore::ListItemsInRange(const ItemRange& range) {
  std::lock_guard lock(mu_);
  return Guard(Msg("list items of '{workflow}' in '{org}'", {{"workflow", range.workflow}, {"org", range.org}}),
               [&]() -> Result<std::vector<Item>> {
    // $1 org, $2 workflow, $3 from, $4 to, $5 created up to (or NULL); then $6 the moment's
    // field, and $7 the reference's field and $8 the referenced items' workflow ("" for any).
    // Each query names exactly the parameters it is sent; the moment is computed once per
    // item (LATERAL), then compared.
    auto select = [&](const std::string& moment) {
      return std::string("SELECT ") + kItemColumns + " FROM items i, LATERAL (SELECT " + moment +
             " COLLATE \"C\" AS m) x WHERE i.org = $1 AND i.workflow = $2" +
             " AND ($5::text IS NULL OR i.created_at COLLATE \"C\" <= $5) AND x.m >= $3 AND x.m < $4 ORDER BY i.id";
    };
    const char* up_to = NullableText(range.created_up_to);
    pqxx::result rows;
    if (range.field.empty()) {
      rows = Exec(select("i.created_at"), range.org, range.workflow, range.from, range.to, up_to);
    } else if (range.ref.empty()) {
      rows = Exec(select(StringField("i", "$6")), range.org, range.workflow, range.from, range.to, up_to, range.field);
    } else {
      // The referenced item: an integer in the field $7, of workflow $8 in the same org when
      // one is named (Store::ListItemsInRange's rule); compared as a bigint, so that the
      // primary key finds it.
      const std::string moment = "(SELECT " + StringField("r", "$6") +
                                 " FROM items r WHERE r.id = (CASE WHEN jsonb_typeof(i.fields::jsonb -> $7) = 'number'"
                                 " AND (i.fields::jsonb ->> $7) ~ '^-?[0-9]{1,18}$' THEN (i.fields::jsonb ->> $7)::bigint END)"
                                 " AND ($8 = '' OR (r.workflow = $8 AND r.org = i.org)))";
      rows = Exec(select(moment), range.org, range.workflow, range.from, range.to, up_to, range.field, range.ref,
                  range.ref_workflow);
    }
    DOCKET_ASSIGN_OR_RETURN(std::vector<Item> items, ReadItems(rows));
    KeepOnly(range.fields, &items);
    return items;
  });
}

Result<std::map<std::int64_t, std::string>> PgStore::EnteredStates(const std::vector<std::int64_t>& items,
                                                                   const std::vector<std::string>& states) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read when items entered states"), [&]() -> Result<std::map<std::int64_t, std::string>> {
    std::map<std::int64_t, std::string> out;
    if (items.empty() || states.empty()) return out;
    const pqxx::result rows = Exec(
        "SELECT item_id, MAX(time COLLATE \"C\") FROM audit"
        " WHERE item_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint) AND outcome = 'ok'"
        " AND to_state IN (SELECT jsonb_array_elements_text($2::jsonb))"
        " AND from_state NOT IN (SELECT jsonb_array_elements_text($2::jsonb)) GROUP BY item_id",
        nlohmann::json(items).dump(), nlohmann::json(states).dump());
    for (const auto& r : rows) out[Int(r[0])] = Text(r[1]);
    return out;
  });
}

}  // namespace docket
