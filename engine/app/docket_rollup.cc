// Docket::Rollup through the process's RollupCache (rollup_cache.h): how the cache reads
// the record — the installation's head and the report definition as the global basis, each
// organization's chain head, and the roll-up derived by ReportUseCases.
#include <string>
#include <vector>

#include "app/app_context.h"
#include "app/docket.h"
#include "app/rollup_cache.h"
#include "app/rollup_districts.h"
#include "audit/config_entries.h"

namespace docket {

Result<KeptReport> Docket::FreshRollup(const std::string& report, const std::string& org, const std::string& term) {
  DOCKET_ASSIGN_OR_RETURN(ReportDoc doc, reports_.Rollup(report, org, term));
  DOCKET_ASSIGN_OR_RETURN(std::vector<Org> orgs, context_->store.ListOrgs());
  AddDistrictSubtotals(&doc, PlacesOf(orgs));
  return KeptReport{std::make_shared<const ReportDoc>(std::move(doc)), ""};
}

void Docket::UseRollups(std::shared_ptr<RollupCache> rollups) { rollups_ = std::move(rollups); }

Result<KeptReport> Docket::KeptRollup(const std::string& report, const std::string& org, const std::string& term) {
  Store& store = context_->store;
  // The installation's head (workflows, organizations, calendar) and the report definition:
  // "" when they cannot be told cheaply, and then the roll-up is derived afresh.
  const std::string global = reports_.BasisOf(report, kInstallationChain).record;
  if (global.empty()) return FreshRollup(report, org, term);
  RollupCache::Reads reads;
  reads.now = context_->clock.Now();
  reads.global = [&]() -> Result<std::string> { return reports_.BasisOf(report, kInstallationChain).record; };
  reads.orgs = [&]() { return store.ListOrgs(); };
  reads.head = [&](const std::string& o) -> Result<std::string> {
    DOCKET_ASSIGN_OR_RETURN(AuditHead head, store.GetAuditHead(o));
    return head.seq == 0 ? std::string() : std::to_string(head.seq) + head.hash;
  };
  reads.tree = [&]() -> Result<std::string> {
    DOCKET_ASSIGN_OR_RETURN(std::vector<Org> orgs, store.ListOrgs());
    std::string tree;
    for (const Org& o : orgs) tree += o.id + " " + o.parent.value_or("") + " " + o.kind + " " + o.time_zone + "\n";
    return tree;
  };
  reads.build = [&](const std::string& o) { return reports_.Rollup(report, o, term); };
  return rollups_->Get(report, org, term, reads);
}

}  // namespace docket
