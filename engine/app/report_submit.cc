// Submitting a report: `$report` derives the report for the submitted item and records its
// content hash in the item (so in the audit entry, so in the chain); the canonical json it
// hashed is kept under that hash (Store::PutDocument), so the supervisor can later show
// exactly what was submitted and prove it (ReportUseCases::VerifySubmission, reports.cc).
#include "app/app_context.h"
#include "app/report_source.h"
#include "audit/chain.h"

namespace docket {

std::string ReportHash(const ReportDoc& doc) { return Sha256Hex(CanonicalReport(doc)); }

Result<std::optional<DerivedReport>> DeriveReport(AppContext& ctx, FindingUseCases& findings, const Definition& def,
                                                  const Item& item, const std::string& action, TimePoint now) {
  if (!ActionSetsReport(def, item, action)) return std::optional<DerivedReport>();
  DerivedReport derived;
  std::optional<ResolvedReport> report;
  for (const auto& id : ShippedReportIds()) {
    DOCKET_ASSIGN_OR_RETURN(auto r, ResolveReport(ctx.store, id));
    if (r.def->item && r.def->item->workflow == item.workflow) {
      report = std::move(r);
      break;
    }
  }
  if (!report) {
    derived.unavailable =
        Msg("no report definition names workflow '{workflow}' in its item block", {{"workflow", item.workflow}});
    return std::optional<DerivedReport>(std::move(derived));
  }
  DocketReportSource source(ctx, findings);
  DOCKET_ASSIGN_OR_RETURN(auto built, BuildItemReport(source, *report, item, now));
  if (!built.doc) {
    derived.unavailable = std::move(built.unavailable);
    return std::optional<DerivedReport>(std::move(derived));
  }
  derived.content = CanonicalReport(*built.doc);
  derived.hash = Sha256Hex(derived.content);
  return std::optional<DerivedReport>(std::move(derived));
}

}  // namespace docket
