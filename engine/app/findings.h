// FindingUseCases: compliance findings computed from the record — the workflows' checks
// evaluated on the items of an organization and of those below it, and the items a check
// expects that are missing (findings.cc).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/finding.h"
#include "core/org.h"
#include "core/status.h"
#include "core/timer.h"
#include "store/store.h"

namespace docket {

class AppContext;

class FindingUseCases {
 public:
  explicit FindingUseCases(AppContext& ctx);

  // Compliance findings: the `checks:` of the LATEST version of each workflow, evaluated on
  // the items of `org` and of every organization below it as recorded (no actor), whatever
  // version they run on; plus the items a check expects that are missing. `term` (a semester
  // id of the loaded calendar) keeps the items of that term; `as_of` (default now) is the
  // moment deadlines are judged at. NotFound for an unknown org, Invalid for an unknown
  // term. Ordered by org, item id, then check.
  Result<std::vector<Finding>> Findings(const std::string& org, const std::optional<std::string>& term = std::nullopt,
                                        std::optional<TimePoint> as_of = std::nullopt);

 private:
  // What Findings asks of each organization in its scope.
  // The calendar on one clock: the term's days are the days of the organizations in that
  // time zone.
  struct ZoneScope {
    Calendar calendar;  // with `zone` set
    std::optional<ItemRange> created;  // the term as a range of creation times
    // The workflows a report section places by a date (`in_term:`), with the term as a range
    // of that date: their items are read by it instead of by creation (TermPlacements).
    std::map<std::string, ItemRange> placed;
  };
  struct FindingsScope {
    std::map<std::string, ZoneScope> zones;  // by time zone name, one per zone of the orgs
    std::set<std::string> workflows;  // every workflow with a stored definition
    std::optional<std::string> term;
    TimePoint now;
  };
  // The findings of the organizations `orgs`, appended to `out` in the order Findings sorts
  // them stably.
  // The term `term` as each report section that names a date reads it (`in_term:` a field,
  // or a field of the item a field references), for the reports shipped in workflows/reports/
  // at their latest loaded version; a workflow two reports place differently takes the first.
  Result<std::map<std::string, ItemRange>> TermPlacements(const Calendar& cal, const Semester& term);
  Status CollectFindings(const std::vector<const Org*>& orgs, const FindingsScope& scope,
                         std::vector<Finding>* out);

  AppContext& ctx_;
};

}  // namespace docket
