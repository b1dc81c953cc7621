// Internal to engine/app: how report documents are built from the record (report_*.cc).
//
// ReportBuilder reads a term's items by (org, workflow, moment) through the Store, their
// histories only where an execution status needs the moment something was done, the
// findings through Docket::Findings and the chain head through the Store; it never writes.
// Everything is judged as of `now`, so a fixed clock gives the same document every time.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/docket.h"
#include "app/report_doc.h"
#include "core/timer.h"
#include "definition/report_loader.h"

namespace docket {

// A report definition as resolved: the loaded version, else the shipped file.
struct ResolvedReport {
  std::shared_ptr<const ReportDefinition> def;
  std::string hash;  // SHA-256 of its YAML
};

// The definition of report `id`: the latest version loaded into the store, else the one
// shipped in workflows/reports/. NotFound when there is neither; Integrity when a stored
// one no longer parses.
Result<ResolvedReport> ResolveReport(Store& store, const std::string& id);
// The ids of the shipped report definitions, in path order.
std::vector<std::string> ShippedReportIds();
// The (workflow, field) pairs by which `def`'s items sections pick a term's items — the
// fields ListItemsInRange reads by, which the store indexes (Store::EnsureFieldIndex). A
// pair whose workflow is not loaded yet (needed to follow an in_term.ref) is left out.
std::vector<std::pair<std::string, std::string>> TermIndexes(Docket& docket, const ReportDefinition& def);

// The sum of one items section for one organization: measure id -> value (an integer, or
// [numerator, denominator] for a rate).
using MeasureTotals = std::map<std::string, Value>;

class ReportBuilder {
 public:
  ReportBuilder(Docket& docket, Store& store, TimePoint now) : docket_(docket), store_(store), now_(now) {}

  // Loads the calendar and picks `term`. Invalid when no calendar is loaded or it has no
  // such semester.
  Status UseTerm(const std::string& term);
  const Semester& term() const { return term_; }

  // The whole report of `org`.
  Result<ReportDoc> Build(const ResolvedReport& report, const Org& org);
  // The measures `measure_ids` of items section `section`, summed over the term's items of
  // `org` (what a roll-up shows).
  Result<MeasureTotals> Totals(const ReportSection& section, const std::string& org,
                               const std::set<std::string>& measure_ids);

  // The front matter every document carries (kind, definition, org, term, time).
  ReportDoc Header(const ResolvedReport& report, const std::string& kind, const Org& org) const;

  // Shown values, cached: a person's name, a body's name in `org`, a state's label.
  Labels PersonName(const std::string& id);
  Labels BodyName(const std::string& org, const std::string& body);
  Result<std::shared_ptr<const Definition>> Workflow(const std::string& id);
  // Asks the store, once per builder, for the index that reads `workflow` by `field`; a
  // store that cannot make one (read-only, say) is read by scanning instead.
  void EnsureIndex(const std::string& workflow, const std::string& field);

  TimePoint now() const { return now_; }
  Docket& docket() { return docket_; }
  Store& store() { return store_; }

 private:
  Result<ReportSectionDoc> ItemsSection(const ReportDefinition& def, const ReportSection& s, const Org& org);
  Result<ReportSectionDoc> CadenceSection(const ReportSection& s, const Org& org);
  Result<ReportSectionDoc> FindingsSection(const ReportSection& s, const Org& org);
  Result<ReportSectionDoc> ChainSection(const ReportSection& s, const Org& org);

  Docket& docket_;
  Store& store_;
  TimePoint now_;
  Semester term_;
  std::map<std::string, Labels> people_;
  std::map<std::string, Org> orgs_;
  std::set<std::pair<std::string, std::string>> indexed_;
};

// The supervisor's roll-up of `report` over the organizations at or below `supervisor`
// (report_rollup.cc). Invalid when the report declares no `item` and `rollup`.
Result<ReportDoc> BuildRollup(ReportBuilder& b, const ResolvedReport& report, const Org& supervisor);

// The field of `def` that a {set: F, value: $report} effect writes ("" when none does).
std::string ReportHashField(const Definition& def);
// The report item for `term` among `items` (of the rule's workflow): the newest whose
// term field holds `term`, or nullptr.
const Item* PickReportItem(const std::vector<Item>& items, const ReportItemRule& rule, const std::string& term);

// A report derived for `$report`: its canonical json form and that text's SHA-256, or why
// there is none (`unavailable`: no report names the workflow, no calendar, an unknown term).
struct DerivedReport {
  std::string hash;
  std::string content;
  std::string unavailable;
};

// What `$report` records when `item` takes `action`: when the action sets a field to
// $report, the report whose `item:` block names the item's workflow, derived for the item's
// org and the term its term field names, as of `now`; nullopt when the action sets no
// $report. A report the configuration does not allow to derive is `unavailable` (the action
// still goes through, without a hash); only storage and integrity failures are errors. The
// caller keeps the content (Store::PutDocument) with the action.
Result<std::optional<DerivedReport>> DeriveReport(Docket& docket, Store& store, const Definition& def,
                                                  const Item& item, const std::string& action, TimePoint now);

}  // namespace docket
