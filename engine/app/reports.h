// ReportUseCases: the report use cases (reports.cc over engine/report, docs/REPORTS.md) —
// load a report definition, make the indexes reports read by, derive a report or a roll-up,
// show the kept copy of a submission, accept or return a report, and prove which version
// was submitted. The document and submission types are report.h's.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/configuration.h"
#include "app/items.h"
#include "app/report.h"
#include "core/status.h"

namespace docket {

class AppContext;
class FindingUseCases;
class ProofUseCases;

class ReportUseCases {
 public:
  // `items` takes a review's action, `proofs` verifies a chain before a submission is
  // proved, `findings` answers the findings a report shows.
  ReportUseCases(AppContext& ctx, ItemUseCases& items, ProofUseCases& proofs, FindingUseCases& findings);

  // Reports: documents declared in YAML and derived from the items and the audit log alone
  // (R16), as of now. `report` is a report definition's id: the latest version loaded with
  // LoadReport, else the shipped workflows/reports/ID.yaml. NotFound for an unknown org,
  // report or report item; Invalid for a term the loaded calendar lacks. LoadReport lints
  // the file against the loaded workflows (Invalid with every diagnostic) and keeps it
  // (Conflict for a version loaded with other content).
  Result<WorkflowLoadReport> LoadReport(std::string_view yaml_text, const std::string& file, const std::string& actor = "");
  // Makes the store's indexes for the term fields of report `report` (ResolveReport), or of
  // every shipped report when empty, as far as their workflows are loaded. A failure is
  // logged, not returned: a report without its index reads by scan, and makes it itself.
  void PrepareReportIndexes(const std::string& report = "");
  // Built from the record as of the clock's now.
  Result<ReportDoc> Report(const std::string& report, const std::string& org, const std::string& term);
  // Every organization of the roll-up's kind at or below `org`, with its report's status.
  Result<ReportDoc> Rollup(const std::string& report, const std::string& org, const std::string& term);
  // The copy kept when the org's report item for `term` was last submitted: the document
  // whose hash the audit chain records. NotFound when it was never submitted.
  Result<ReportDoc> SubmittedReport(const std::string& report, const std::string& org, const std::string& term);
  // A supervisor accepts the report item of `org` for `term`, or returns it with `comment`:
  // the item's own transitions through Act, so roles are checked and the step audited.
  Result<ActResult> ReviewReport(const std::string& report, const std::string& org, const std::string& term,
                                 bool accept, const std::string& comment, const std::string& actor);
  // Proves which report was submitted: the org's chain verifies, the entries that recorded
  // a content hash, the kept copy matches the last, and `document_json` (a report's json
  // form, when given) is one of them. Integrity when any of that fails.
  Result<SubmissionCheck> VerifySubmission(const std::string& report, const std::string& org, const std::string& term,
                                           const std::optional<std::string>& document_json);
  // What Report(report, org, ...) is built from as of now (report.h ReportBasis), so that a
  // reader may keep the last document (or its rendering) per basis.
  ReportBasis BasisOf(const std::string& report, const std::string& org);

 private:

  AppContext& ctx_;
  ItemUseCases& items_;
  ProofUseCases& proofs_;
  FindingUseCases& findings_;
};

}  // namespace docket
