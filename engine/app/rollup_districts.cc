// AddDistrictSubtotals (rollup_districts.h).
#include "app/rollup_districts.h"

#include <algorithm>

#include "report/values.h"

namespace docket {
namespace {

ReportTable* DistrictTableOf(ReportDoc& doc, const std::string& section) {
  for (auto& s : doc.sections) {
    if (s.id == section && !s.tables.empty()) return &s.tables[0];
  }
  return nullptr;
}



}  // namespace

std::map<std::string, OrgPlace> PlacesOf(const std::vector<Org>& orgs) {
  std::map<std::string, Labels> names;
  for (const Org& o : orgs) names[o.id] = {o.name.Get(Lang::kZh, o.id), o.name.Get(Lang::kEn, o.id)};
  std::map<std::string, OrgPlace> places;
  for (const Org& o : orgs) {
    if (o.parent) places[o.id] = {*o.parent, names.count(*o.parent) ? names[*o.parent] : Labels{*o.parent, *o.parent}};
  }
  return places;
}

void AddDistrictSubtotals(ReportDoc* doc, const std::map<std::string, OrgPlace>& places) {
  const ReportTable* orgs = DistrictTableOf(*doc, "orgs");
  const ReportTable* statuses = DistrictTableOf(*doc, "statuses");
  if (orgs == nullptr || statuses == nullptr) return;
  struct Group {
    Labels name;
    std::int64_t schools = 0;
    std::map<std::string, std::int64_t> by_status;
    std::vector<Value> sums;
  };
  std::map<std::string, Group> groups;
  const std::size_t rows = orgs->rows.size() - (orgs->total && !orgs->rows.empty() ? 1 : 0);
  for (std::size_t r = 0; r < rows; ++r) {
    const auto& row = orgs->rows[r];
    if (row.size() != orgs->columns.size() || row.size() < 2 || !row[0].value.is_string()) continue;
    auto place = places.find(row[0].value.as_string());
    const std::string parent = place != places.end() ? place->second.parent : doc->org;
    Group& g = groups[parent];
    if (g.sums.empty()) {
      g.sums.resize(row.size());
      g.name = parent == doc->org || place == places.end() ? doc->org_name : place->second.parent_name;
    }
    ++g.schools;
    if (row[1].value.is_string()) ++g.by_status[row[1].value.as_string()];
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (orgs->columns[c].number) AddMeasure(&g.sums[c], row[c].value);
    }
  }
  // The supervisor's own schools first, then the districts by id (as the page groups them).
  std::vector<std::string> order;
  for (const auto& [id, g] : groups) order.push_back(id);
  std::stable_partition(order.begin(), order.end(), [&](const std::string& id) { return id == doc->org; });

  ReportTable t{"districts", {}, {}, {}, false, {"（无）", "(none)"}};
  t.columns.push_back({"district", {"上级组织", "Parent organization"}, false});
  t.columns.push_back({"schools", {"学校数", "Schools"}, true});
  for (const auto& row : statuses->rows) {
    if (row.size() == 2 && row[0].value.is_string()) {
      t.columns.push_back({"status." + row[0].value.as_string(), row[0].shown, true});
    }
  }
  const std::size_t status_columns = t.columns.size() - 2;
  for (const auto& c : orgs->columns) {
    if (c.number) t.columns.push_back(c);
  }
  for (const auto& id : order) {
    const Group& g = groups[id];
    std::vector<ReportCell> row;
    row.push_back({Value(id), g.name});
    row.push_back({Value(g.schools), {}});
    for (std::size_t s = 0; s < status_columns; ++s) {
      const std::string status = t.columns[2 + s].id.substr(std::string("status.").size());
      auto n = g.by_status.find(status);
      row.emplace_back().value = Value(n != g.by_status.end() ? n->second : std::int64_t{0});
    }
    for (std::size_t c = 0; c < orgs->columns.size(); ++c) {
      if (orgs->columns[c].number) row.push_back(MeasureCell(g.sums[c]));
    }
    t.rows.push_back(std::move(row));
  }
  doc->sections.push_back({"districts", "rollup", {"各上级组织小计", "Subtotals by parent organization"}, {std::move(t)}});
}

}  // namespace docket
