// Store's default for ListItemsEverNaming (store.h): every item of the org and workflow, kept
// when its field names the item now or an entry of its history set the field to it. Correct
// for any backend (the memory store uses it); SqliteStore and PgStore ask their audit table.
#include "store/item_search.h"
#include "store/store.h"

namespace docket {

Result<std::vector<Item>> Store::ListItemsEverNaming(const std::string& org, const std::string& workflow,
                                                     const std::string& field, std::int64_t id) {
  ItemFilter filter;
  filter.org = org;
  filter.workflow = workflow;
  const ItemFilter::FieldRefs refs{field, {id}};
  filter.refers = refs;
  DOCKET_RETURN_IF_ERROR(CheckFilter(filter));
  filter.refers.reset();
  DOCKET_ASSIGN_OR_RETURN(auto items, ListItems(filter));
  std::vector<Item> out;
  for (Item& item : items) {
    bool named = FieldRefersTo(item.fields, refs);
    if (!named) {
      DOCKET_ASSIGN_OR_RETURN(auto history, ItemHistory(item.id));
      for (const AuditEntry& e : history) {
        for (const FieldChange& c : e.changes) named = named || (c.field == field && c.after.is_int() && c.after.as_int() == id);
      }
    }
    if (named) out.push_back(std::move(item));
  }
  return out;
}

}  // namespace docket
