// PgStore::ListItemsEverNaming (store.h) in one statement: the org's items of the workflow
// whose field names the item now, or whose history set the field to it, found in the audit
// table by its key (org, seq): only the entries whose changes' text holds the id's digits are
// parsed (jsonb), then the change of the field is compared.
#include "store/item_search.h"
#include "store/pg_store_internal.h"

namespace docket {

Result<std::vector<Item>> PgStore::ListItemsEverNaming(const std::string& org, const std::string& workflow,
                                                       const std::string& field, std::int64_t id) {
  ItemFilter check;
  check.refers = ItemFilter::FieldRefs{field, {id}};
  DOCKET_RETURN_IF_ERROR(CheckFilter(check));
  std::lock_guard lock(mu_);
  return Guard(Msg("list the items of '{workflow}' that named item {id}", {{"workflow", workflow}, {"id", id}}),
               [&]() -> Result<std::vector<Item>> {
    return ReadItems(Exec(std::string("SELECT ") + kItemColumns +
                              " FROM items WHERE org=$1 AND workflow=$2 AND ((jsonb_typeof(fields::jsonb -> $3::text) = 'number'"
                              " AND (fields::jsonb ->> $3::text) = $4) OR id IN (SELECT item_id FROM audit WHERE org=$1"
                              " AND workflow=$2 AND strpos(changes, $4) > 0 AND jsonb_typeof(changes::jsonb -> $3::text -> 1) = 'number'"
                              " AND (changes::jsonb -> $3::text ->> 1) = $4)) ORDER BY id",
                          org, workflow, field, std::to_string(id)));
  });
}

}  // namespace docket
