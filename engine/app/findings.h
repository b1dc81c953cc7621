// FindingUseCases: compliance findings computed from the record — the workflows' checks
// evaluated on the items of an organization and of those below it, and the items a check
// expects that are missing (findings.cc).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/env.h"
#include "core/finding.h"
#include "core/org.h"
#include "core/status.h"
#include "core/timer.h"
#include "store/store.h"

namespace docket {

class AppContext;

// Findings being computed on threads of their own (FindingUseCases::Start), each over a
// connection of its own, while the caller reads on through its store: a roll-up's totals
// are read meanwhile. Wait answers what Findings would have; the destructor waits too.
class PendingFindings {
 public:
  PendingFindings() = default;
  PendingFindings(const PendingFindings&) = delete;
  PendingFindings& operator=(const PendingFindings&) = delete;
  ~PendingFindings();
  // The findings, ordered as Findings orders them, or the first half's failure. Once.
  Result<std::vector<Finding>> Wait();

 private:
  friend class FindingUseCases;
  void Join();
  // Each half's work (its scope's organizations on its reader), its outcome and findings.
  struct Half {
    std::function<void()> work;
    std::unique_ptr<Env::Thread> thread;  // null: Wait runs `work` itself
    Status status;
    std::vector<Finding> found;
  };
  std::shared_ptr<const void> keep_;  // what the halves read (organizations, scope, readers)
  std::vector<Half> halves_;
  bool waited_ = false;
};

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
  // Findings(org, term, as_of) started on threads over connections of their own
  // (Store::OpenReader), the scope read first on this one; nullptr when the store opens no
  // reader (in memory, inside a transaction): then call Findings. Errors as Findings's.
  Result<std::unique_ptr<PendingFindings>> Start(const std::string& org, const std::optional<std::string>& term,
                                                 std::optional<TimePoint> as_of);

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
  // What Findings reads before judging: the organizations in the scope of `org` and what
  // FindingsScope holds (organizations point into `orgs`).
  struct Prepared {
    std::vector<Org> orgs;
    std::vector<const Org*> scope;
    FindingsScope fs;
  };
  Result<std::shared_ptr<Prepared>> Prepare(const std::string& org, const std::optional<std::string>& term,
                                            std::optional<TimePoint> as_of);
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
