// Installation-wide facts that `audit verify` checks against the chains (docs/AUDIT.md,
// "What is inside the chain"):
//   - the stored workflow definitions: each stored text must hash to its stored content
//     hash, and every chain's "config-workflow" entries must add up to the stored (workflow,
//     version, hash) triples — keys "workflows.W.VERSION" (core/config_fields.h), compared
//     with the rest of the configuration by ProofUseCases::VerifyConfig;
//   - the list of organizations: the installation's chain (kInstallationChain) registers
//     each organization a load created; a registered organization must be stored and have
//     its chain, and a chain that records its organization's creation must be registered.
#pragma once

#include <vector>

#include "core/org.h"
#include "core/status.h"
#include "core/value.h"
#include "store/audit_verify.h"
#include "store/directory_store.h"

namespace docket {

// The stored definitions keyed as the chains record them, after checking that each text
// hashes to its stored hash (Integrity naming the workflow and version when not).
Result<FieldMap> StoredWorkflowConfig(DirectoryStore& store);

// Checks the installation's registry of organizations against `report` (a verification of
// every chain) and the stored organizations `orgs`. Integrity naming the organization.
Status CheckOrgRegistry(const VerifyReport& report, const std::vector<Org>& orgs);

}  // namespace docket
