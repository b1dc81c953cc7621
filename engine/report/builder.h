// How report documents are built from the record (docs/REPORTS.md): the report module's
// builder, over a ReportSource (source.h).
//
// ReportBuilder reads a term's items by (org, workflow, moment), their histories only where
// an execution status needs the moment something was done, the findings and the chain
// head, all through the source; it never writes (beyond asking for an index). Everything is
// judged as of `now`, so a fixed clock gives the same document every time.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/term.h"
#include "core/timer.h"
#include "definition/report_loader.h"
#include "report/doc.h"
#include "report/source.h"

namespace docket {

// A report definition as resolved by whoever keeps them (the loaded version, else the
// shipped file): the parsed definition and the SHA-256 of its YAML.
struct ResolvedReport {
  std::shared_ptr<const ReportDefinition> def;
  std::string hash;
};

// Workflow `id` as `source` has it loaded; NotFound (saying so) when it is not.
Result<std::shared_ptr<const Definition>> ReportWorkflow(ReportSource& source, const std::string& id);

// The items of items section `s` that belong to the term spanning `span` (`in_term:`,
// in_term.cc): `query` has the workflow, the field holding the moment (with `ref`, of the
// item the section's items reference: `ref_workflow`'s) and the span as text bounds, dates
// for a date field (core/term.h, SpanText); a section placed by creation has no field and
// the span of creation times. The org, created_up_to and fields are the caller's.
// `indexes`: the (workflow, field) pairs the query reads by, which a store may index
// (ReportSource::EnsureFieldIndex). NotFound when a workflow it reads is not loaded;
// Invalid when in_term.ref names no item field of the section's workflow.
struct InTermRange {
  TermItemsQuery query;
  std::vector<std::pair<std::string, std::string>> indexes;
};
Result<InTermRange> InTermRangeOf(ReportSource& source, const ReportSection& s, const TermSpan& span);

// The (workflow, field) pairs by which `def`'s items sections pick a term's items
// (InTermRange::indexes). A section whose workflows are not all loaded yet is left out.
std::vector<std::pair<std::string, std::string>> TermIndexes(ReportSource& source, const ReportDefinition& def);

// The sum of one items section for one organization: measure id -> value (an integer, or
// [numerator, denominator] for a rate).
using MeasureTotals = std::map<std::string, Value>;

class ReportBuilder {
 public:
  ReportBuilder(ReportSource& source, TimePoint now) : source_(source), now_(now) {}

  // Loads the calendar and picks `term`. Invalid when no calendar is loaded or it has no
  // such semester; Integrity when the stored calendar no longer parses.
  Status UseTerm(const std::string& term);
  const Semester& term() const { return term_; }
  // The moments that belong to the term for `org` (core/term.h): its start up to the next
  // semester's, on the organization's clock.
  Result<TermSpan> SpanOf(const Org& org);
  // The calendar UseTerm read (the deadlines of timers with `on_holiday`, `skip` or school
  // days are counted on it, core/timer.h).
  const Calendar& calendar() const { return calendar_; }
  // That calendar on the clock of `org` (its school days and the ends of its dates).
  Result<Calendar> CalendarOf(const Org& org);

  // The whole report of `org`.
  Result<ReportDoc> Build(const ResolvedReport& report, const Org& org);
  // The measures `measure_ids` of items section `section`, summed over the term's items of
  // `org` (what a roll-up shows).
  Result<MeasureTotals> Totals(const ReportSection& section, const std::string& org,
                               const std::set<std::string>& measure_ids);

  // Reads ahead what Totals of `section` will read for each of `orgs` (a roll-up's schools:
  // ReportSource::ReadTermAhead, one read per clock rather than one per organization).
  Status ReadTotalsAhead(const ReportSection& section, const std::vector<const Org*>& orgs,
                         const std::set<std::string>& measure_ids);

  // The front matter every document carries (kind, definition, org, term, and the time on
  // the organization's clock with its offset).
  Result<ReportDoc> Header(const ResolvedReport& report, const std::string& kind, const Org& org);

  // Shown values, cached: a person's name, a body's name in `org`, a state's label.
  Labels PersonName(const std::string& id);
  Labels BodyName(const std::string& org, const std::string& body);
  Result<std::shared_ptr<const Definition>> Workflow(const std::string& id);
  // Asks the source, once per builder, for the index that reads `workflow` by `field`; a
  // store that cannot make one (read-only, say) is read by scanning instead.
  void EnsureIndex(const std::string& workflow, const std::string& field);

  TimePoint now() const { return now_; }
  ReportSource& source() { return source_; }

 private:
  Result<ReportSectionDoc> ItemsSection(const ReportDefinition& def, const ReportSection& s, const Org& org);
  Result<ReportSectionDoc> CadenceSection(const ReportSection& s, const Org& org);
  Result<ReportSectionDoc> FindingsSection(const ReportSection& s, const Org& org);
  Result<ReportSectionDoc> ChainSection(const ReportSection& s, const Org& org);

  ReportSource& source_;
  TimePoint now_;
  Semester term_;
  Calendar calendar_;
  std::map<std::string, Labels> people_;
  std::map<std::string, Org> orgs_;
  std::set<std::pair<std::string, std::string>> indexed_;
};

// The supervisor's roll-up of `report` over the organizations at or below `supervisor`
// (rollup.cc). Invalid when the report declares no `item` and `rollup`.
Result<ReportDoc> BuildRollup(ReportBuilder& b, const ResolvedReport& report, const Org& supervisor);

// The field of `def` that a {set: F, value: $report} effect writes ("" when none does).
std::string ReportHashField(const Definition& def);
// The report item for `term` among `items` (of the rule's workflow): the newest whose
// term field holds `term`, or nullptr.
const Item* PickReportItem(const std::vector<Item>& items, const ReportItemRule& rule, const std::string& term);

// Whether `item` taking `action` sets a field to $report (derive.cc).
bool ActionSetsReport(const Definition& def, const Item& item, const std::string& action);

// The document `$report` records for `item`, the report item of `report`: the report of
// the item's org for the term its term field names, as of `now`. `unavailable` says why
// there is none when the configuration does not allow one (no term in the item, no
// calendar, an unknown term, a workflow not loaded); only storage and integrity failures
// are errors.
struct ItemReport {
  std::optional<ReportDoc> doc;
  Msg unavailable;
};
Result<ItemReport> BuildItemReport(ReportSource& source, const ResolvedReport& report, const Item& item,
                                   TimePoint now);

}  // namespace docket
