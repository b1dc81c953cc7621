#include "app/chain_facts.h"

#include <algorithm>
#include <set>

#include "audit/config_entries.h"
#include "audit/json_value.h"
#include "audit/sha256.h"
#include "core/config_fields.h"

namespace docket {

Msg ShowConfigValue(const FieldMap& values, const std::string& key) {
  auto it = values.find(key);
  return it == values.end() ? Msg("absent") : Msg::Literal(DumpJson(ValueToJson(it->second)));
}

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

namespace {

bool IsWorkflowKey(const std::string& key) { return key.rfind("workflows.", 0) == 0; }

// A supervisor's pins and received checkpoints ("pins.ORG", "checkpoints.ORG"): what they
// name must be an organization stored here; the value is 64 hex digits (a key or a hash).
Status CheckPinKey(const std::string& key, const Value& value, const std::set<std::string>& stored) {
  for (const std::string prefix : {"pins.", "checkpoints."}) {
    if (key.rfind(prefix, 0) != 0) continue;
    const std::string org = key.substr(prefix.size());
    const std::string hex = value.is_string() ? value.as_string() : "";
    if (!stored.count(org) || hex.size() != 64 || hex.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return Status::Integrity(Msg("the installation's chain records '{key}' as {value}, not 64 hex digits of an organization stored here",
                                   {{"key", key}, {"value", DumpJson(ValueToJson(value))}}));
    }
  }
  return Status::Ok();
}

bool IsPinKey(const std::string& key) { return key.rfind("pins.", 0) == 0 || key.rfind("checkpoints.", 0) == 0; }

}  // namespace

Status CheckInstallationChain(const VerifyReport& report, const std::vector<Org>& orgs, const FieldMap& workflows) {
  static const ReplayedConfig kNone;
  auto found = report.configs.find(kInstallationChain);
  const ReplayedConfig& chain = found == report.configs.end() ? kNone : found->second;
  std::set<std::string> stored;
  for (const Org& o : orgs) stored.insert(o.id);
  const std::set<std::string> chains(report.orgs.begin(), report.orgs.end());
  for (const auto& [key, value] : chain.values) {
    if (IsWorkflowKey(key)) continue;
    if (IsPinKey(key)) {
      DOCKET_RETURN_IF_ERROR(CheckPinKey(key, value, stored));
      continue;
    }
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
    if (!chain.values.count(OrgRegistryKey(org))) {
      return Status::Integrity(Msg("organization '{org}': its chain records its creation, but the installation's chain does not register it",
                                   {{"org", org}}));
    }
  }
  if (found == report.configs.end()) return Status::Ok();
  std::set<std::string> keys;
  for (const auto& [key, value] : workflows) keys.insert(key);
  for (const std::string& key : chain.named) {
    if (IsWorkflowKey(key)) keys.insert(key);
  }
  for (const std::string& key : keys) {
    auto a = workflows.find(key);
    auto b = chain.values.find(key);
    const bool same = a == workflows.end() ? b == chain.values.end() : b != chain.values.end() && a->second == b->second;
    if (!same) {
      return Status::Integrity(Msg("the installation's chain, configuration '{key}': stored {stored} but its audit log gives {logged} (changed without a load?)",
                                   {{"key", key}, {"stored", ShowConfigValue(workflows, key)}, {"logged", ShowConfigValue(chain.values, key)}}));
    }
  }
  return Status::Ok();
}

}  // namespace docket
