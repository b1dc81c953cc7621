// Store's defaults for what reports and findings read: correct for any backend, built on the required
// methods (ListItems, GetItem). A backend with indexes (SqliteStore) overrides them; one
// without a place for documents and report definitions says so (Storage).
#include <algorithm>

#include "store/store.h"

namespace docket {
namespace {

// The text of `fields[name]` when it holds a date or time (a string), else "".
std::string MomentOf(const FieldMap& fields, const std::string& name) {
  auto it = fields.find(name);
  return it != fields.end() && it->second.is_string() ? it->second.as_string() : std::string();
}

}  // namespace

Result<std::vector<ChildItem>> Store::ListChildren(std::int64_t parent) {
  ItemFilter filter;
  filter.parent = parent;
  DOCKET_ASSIGN_OR_RETURN(auto items, ListItems(filter));
  std::vector<ChildItem> out;
  for (Item& item : items) out.push_back({item.id, std::move(item.workflow), item.workflow_version, std::move(item.state)});
  return out;
}

Result<std::vector<Item>> Store::GetItems(const std::vector<std::int64_t>& ids) {
  return ExistingItems(ids, [this](std::int64_t id) { return GetItem(id); });
}

Result<std::vector<Item>> Store::ListItemsUnder(const std::vector<std::int64_t>& parents) {
  std::vector<Item> out;
  for (std::int64_t parent : parents) {
    ItemFilter filter;
    filter.parent = parent;
    DOCKET_ASSIGN_OR_RETURN(auto items, ListItems(filter));
    for (Item& item : items) out.push_back(std::move(item));
  }
  return out;
}

Result<std::vector<Item>> Store::ListItemsInRangeOf(const ItemRange& range, const std::vector<std::string>& orgs) {
  std::vector<Item> out;
  ItemRange one = range;
  for (const std::string& org : orgs) {
    one.org = org;
    DOCKET_ASSIGN_OR_RETURN(auto items, ListItemsInRange(one));
    for (Item& item : items) out.push_back(std::move(item));
  }
  return out;
}

Result<std::vector<Item>> Store::ListItemsOfOrgs(const std::vector<std::string>& orgs, const std::string& workflow,
                                                 const std::vector<std::string>& /*fields*/) {
  std::vector<Item> out;
  for (const std::string& org : orgs) {
    ItemFilter filter;
    filter.org = org;
    filter.workflow = workflow;
    DOCKET_ASSIGN_OR_RETURN(auto items, ListItems(filter));
    for (Item& item : items) out.push_back(std::move(item));
  }
  return out;
}

Result<std::vector<Item>> Store::ListItemsInRange(const ItemRange& range) {
  ItemFilter filter;
  filter.org = range.org;
  filter.workflow = range.workflow;
  DOCKET_ASSIGN_OR_RETURN(auto items, ListItems(filter));
  std::vector<Item> out;
  for (auto& item : items) {
    const std::string created = FormatTime(item.created_at);
    if (range.created_up_to && created > *range.created_up_to) continue;
    if (!range.states.empty() && std::find(range.states.begin(), range.states.end(), item.state) == range.states.end()) {
      continue;
    }
    std::string moment;
    if (range.field.empty()) {
      moment = created;
    } else if (range.ref.empty()) {
      moment = MomentOf(item.fields, range.field);
    } else {
      auto ref = item.fields.find(range.ref);
      if (ref == item.fields.end() || !ref->second.is_int()) continue;
      auto other = GetItem(ref->second.as_int());
      if (!other.ok()) {
        if (other.status().code() == Code::kNotFound) continue;
        return other.status();
      }
      if (!range.ref_workflow.empty() && (other->workflow != range.ref_workflow || other->org != range.org)) continue;
      moment = MomentOf(other->fields, range.field);
    }
    if (moment.empty() || moment < range.from || moment >= range.to) continue;
    if (!range.fields.empty()) {
      FieldMap only;
      for (const auto& name : range.fields) {
        auto it = item.fields.find(name);
        if (it != item.fields.end()) only[name] = it->second;
      }
      item.fields = std::move(only);
    }
    out.push_back(std::move(item));
  }
  return out;
}

Result<bool> Store::EnsureFieldIndex(const std::string&, const std::string&) { return false; }

Result<std::map<std::int64_t, std::string>> Store::EnteredStates(const std::vector<std::int64_t>& items,
                                                                 const std::vector<std::string>& states) {
  auto in = [&](const std::string& s) { return std::find(states.begin(), states.end(), s) != states.end(); };
  std::map<std::int64_t, std::string> out;
  for (std::int64_t id : items) {
    DOCKET_ASSIGN_OR_RETURN(auto history, ItemHistory(id));
    for (const auto& e : history) {
      if (e.outcome == "ok" && in(e.to_state) && !in(e.from_state) && e.time > out[id]) out[id] = e.time;
    }
    if (out[id].empty()) out.erase(id);
  }
  return out;
}

Status Store::PutDocument(const std::string&, const std::string&, const std::string&) {
  return Status::Storage("this store keeps no documents");
}

Result<std::optional<std::string>> Store::GetDocument(const std::string&) {
  return Status::Storage("this store keeps no documents");
}

Result<std::vector<StoredDocument>> Store::ListDocuments() { return std::vector<StoredDocument>(); }

Result<std::vector<DefinitionRecord>> Store::ListReportDefinitions() { return std::vector<DefinitionRecord>(); }

Result<bool> Store::PutReportDefinition(const DefinitionRecord&) {
  return Status::Storage("this store keeps no report definitions");
}

Result<std::optional<DefinitionRecord>> Store::GetReportDefinition(const std::string&) {
  return std::optional<DefinitionRecord>();
}

}  // namespace docket
