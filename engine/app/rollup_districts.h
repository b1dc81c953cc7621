// Subtotals per district in a roll-up: its schools grouped under their parent organization
// (a district; the supervisor itself for the schools right below it), one row per group with
// the number of schools, their count per report status and the sums of the roll-up's number
// columns. Added as the document's section "districts", so the page, the CSV and the XLSX
// (which lay out every table) carry the same subtotals the supervision page shows.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/report.h"
#include "core/org.h"

namespace docket {

// Where a school sits: its parent's id and name.
struct OrgPlace {
  std::string parent;
  Labels parent_name;
};
std::map<std::string, OrgPlace> PlacesOf(const std::vector<Org>& orgs);

// Appends the "districts" section to `doc` (a roll-up with its "orgs" and "statuses"
// tables); a document without them is left as it is.
void AddDistrictSubtotals(ReportDoc* doc, const std::map<std::string, OrgPlace>& places);

}  // namespace docket
