// The application's side of reports (docs/REPORTS.md): the record as the report module
// reads it, and where report definitions come from.
//
// DocketReportSource implements engine/report's ReportSource over a Docket's context
// (app_context.h): its store for items, history, directory and chain heads, its definition
// cache for workflows; and over its findings use cases (findings.h). It only reads (an index
// aside), within whatever transaction the Docket has open, so `$report` derived during an
// action sees the action's own reads.
// Report definitions resolve to the latest version loaded into the store, else the file
// shipped in workflows/reports/.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "app/docket.h"
#include "report/builder.h"
#include "report/source.h"

namespace docket {

class AppContext;

class DocketReportSource final : public ReportSource {
 public:
  DocketReportSource(AppContext& ctx, FindingUseCases& findings);
  // Over `docket`'s own context and findings.
  explicit DocketReportSource(Docket& docket);

  Result<std::shared_ptr<const Definition>> Workflow(const std::string& id) override;
  Result<std::optional<std::string>> CalendarText() override;
  Result<TimeZone> Zone(const std::string& name) override;
  Result<Org> GetOrg(const std::string& id) override;
  Result<std::vector<Org>> ListOrgs() override;
  Result<Person> GetPerson(const std::string& id) override;
  Result<std::vector<Item>> ItemsInTerm(const TermItemsQuery& query) override;
  Result<std::vector<Item>> ItemsOf(const std::string& org, const std::string& workflow) override;
  Result<std::vector<Item>> ItemsEverNaming(const std::string& org, const std::string& workflow,
                                            const std::string& field, std::int64_t id) override;
  Result<Item> GetItem(std::int64_t id) override;
  Result<Progress> ProgressOf(std::int64_t id) override;
  Result<std::vector<Item>> GetItems(const std::vector<std::int64_t>& ids) override;
  Status ReadProgressAhead(const std::vector<Item>& items) override;
  Status ReadTermAhead(const TermItemsQuery& query, const std::vector<std::string>& orgs) override;
  Status ReadItemsOfAhead(const std::vector<std::string>& orgs, const std::string& workflow) override;
  Result<std::map<std::int64_t, std::string>> EnteredStates(const std::vector<std::int64_t>& items,
                                                            const std::vector<std::string>& states) override;
  Result<std::vector<ItemAction>> ItemActions(std::int64_t id) override;
  Result<Item> ItemAsOf(std::int64_t id, TimePoint t) override;
  Result<bool> EnsureFieldIndex(const std::string& workflow, const std::string& field) override;
  Result<ChainHead> AuditHead(const std::string& org) override;
  Result<std::vector<Finding>> Findings(const std::string& org, const std::string& term, TimePoint now) override;
  // On readers of their own (FindingUseCases::Start), when the store opens them.
  Status FindingsAhead(const std::string& org, const std::string& term, TimePoint now) override;

 private:
  AppContext& ctx_;
  FindingUseCases& findings_;
  Store& store_;
  // The latest definition of each workflow, read once per source: a source serves one
  // report or document, which reads one state of the record (on PostgreSQL each read is a
  // round trip).
  std::map<std::string, std::shared_ptr<const Definition>> latest_;
  // Progress read ahead (ReadProgressAhead), by item id: the same state of the record.
  std::map<std::int64_t, Progress> progress_;
  // Term items read ahead (ReadTermAhead), by the query with its org (TermKey): each
  // answers one ItemsInTerm.
  std::map<std::string, std::vector<Item>> term_items_;
  // ItemsOf read ahead (ReadItemsOfAhead), by (org, workflow): each answers once.
  std::map<std::pair<std::string, std::string>, std::vector<Item>> items_of_;
  // Findings started ahead (FindingsAhead) and what they were asked for: (org, term, now).
  std::unique_ptr<PendingFindings> pending_findings_;
  std::tuple<std::string, std::string, TimePoint> pending_for_;
};

// The definition of report `id`: the latest version loaded into the store, else the one
// shipped in workflows/reports/. NotFound when there is neither; Integrity when a stored
// one no longer parses or no longer matches its hash. Parsed once per text (thread-safe).
Result<ResolvedReport> ResolveReport(Store& store, const std::string& id);
// The ids of the shipped report definitions, in path order.
std::vector<std::string> ShippedReportIds();
// TermIndexes (report/builder.h) with the workflows `docket` has loaded.
std::vector<std::pair<std::string, std::string>> TermIndexes(Docket& docket, const ReportDefinition& def);

// A report derived for `$report`: its canonical json form and that text's SHA-256, or why
// there is none (`unavailable`: no report names the workflow, no calendar, an unknown term).
struct DerivedReport {
  std::string hash;
  std::string content;
  Msg unavailable;
};

// What `$report` records when `item` takes `action` (report_submit.cc): when the action
// sets a field to $report, the report whose `item:` block names the item's workflow,
// derived for the item's org and the term its term field names, as of `now`; nullopt when
// the action sets no $report. A report the configuration does not allow to derive is
// `unavailable` (the action still goes through, without a hash); only storage and
// integrity failures are errors. The caller keeps the content (Store::PutDocument) with
// the action. It reads through `ctx` and `findings`, as DocketReportSource does.
Result<std::optional<DerivedReport>> DeriveReport(AppContext& ctx, FindingUseCases& findings, const Definition& def,
                                                  const Item& item, const std::string& action, TimePoint now);

}  // namespace docket
