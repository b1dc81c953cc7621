// Installation-wide facts that `audit verify` checks against the installation's own chain
// (kInstallationChain, docs/AUDIT.md "The installation's chain"):
//   - the stored workflow definitions: each stored text must hash to its stored content
//     hash, and the chain's "config-workflow" entries must add up to the stored (workflow,
//     version, hash) triples, keys "workflows.W.VERSION" (core/config_fields.h);
//   - the list of organizations: the chain registers each organization a load created
//     ("orgs.ID"); a registered organization must be stored and have its chain, and a chain
//     that records its organization's creation must be registered.
#pragma once

#include <vector>

#include "core/org.h"
#include "core/status.h"
#include "core/value.h"
#include "store/audit_verify.h"
#include "store/directory_store.h"

namespace docket {

// How a configuration key's value reads in a message: its JSON, or "absent".
Msg ShowConfigValue(const FieldMap& values, const std::string& key);

// The stored definitions keyed as the chain records them, after checking that each text
// hashes to its stored hash (Integrity naming the workflow and version when not).
Result<FieldMap> StoredWorkflowConfig(DirectoryStore& store);

// Checks the installation's chain, as verified in `report` (a verification of every
// chain), against the stored organizations `orgs` and definitions `workflows`
// (StoredWorkflowConfig). Integrity naming the organization or the key. Without an
// installation chain (nothing was loaded, or the database predates it) the definitions are
// not compared; the organizations whose chains record their creation still must be
// registered.
Status CheckInstallationChain(const VerifyReport& report, const std::vector<Org>& orgs, const FieldMap& workflows);

}  // namespace docket
