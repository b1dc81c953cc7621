#include "app/chain_facts.h"

#include <algorithm>
#include <set>

#include "audit/config_entries.h"
#include "audit/json_value.h"
#include "audit/sha256.h"
#include "core/config_fields.h"

namespace docket {

Result<FieldMap> StoredWorkflowConfig(DirectoryStore& store) {
  DOCKET_ASSIGN_OR_RETURN(std::vector<DefinitionRecord> definitions, store.ListDefinitions());
  FieldMap out;
  for (const DefinitionRecord& d : definitions) {
    if (Sha256Hex(d.source) != d.content_hash) {
      return Status::Integrity(Msg("workflow '{workflow}' version {version}: the stored text does not match its content hash",
                                   {{"workflow", d.workflow}, {"version", d.version}}));
    }
    out[WorkflowConfigKey(d.workflow, d.version)] = Value(d.content_hash);
  }
  return out;
}

Status CheckOrgRegistry(const VerifyReport& report, const std::vector<Org>& orgs) {
  static const ReplayedConfig kNone;
  auto found = report.configs.find(kInstallationChain);
  const ReplayedConfig& registry = found == report.configs.end() ? kNone : found->second;
  std::set<std::string> stored;
  for (const Org& o : orgs) stored.insert(o.id);
  const std::set<std::string> chains(report.orgs.begin(), report.orgs.end());
  for (const auto& [key, value] : registry.values) {
    const std::string id = value.is_string() ? value.as_string() : "";
    if (key != OrgRegistryKey(id)) {
      return Status::Integrity(Msg("the installation's chain registers '{key}' as {value}, not an organization",
                                   {{"key", key}, {"value", DumpJson(ValueToJson(value))}}));
    }
    if (!stored.count(id)) {
      return Status::Integrity(Msg("organization '{org}': registered in the installation's chain, but not stored (removed?)", {{"org", id}}));
    }
    if (!chains.count(id)) {
      return Status::Integrity(Msg("organization '{org}': registered in the installation's chain, but its audit chain is missing (removed?)", {{"org", id}}));
    }
  }
  for (const auto& [org, config] : report.configs) {
    if (org == kInstallationChain || !config.complete) continue;
    if (!registry.values.count(OrgRegistryKey(org))) {
      return Status::Integrity(Msg("organization '{org}': its chain records its creation, but the installation's chain does not register it",
                                   {{"org", org}}));
    }
  }
  return Status::Ok();
}

}  // namespace docket
