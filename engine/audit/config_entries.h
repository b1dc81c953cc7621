// Configuration entries: the audit entries a configuration load appends to an
// organization's chain (docs/AUDIT.md, "Configuration entries").
//
// A configuration entry is "ok", names one of the actions below and no item: item_id 0,
// workflow "", workflow_version 0, from_state "", to_state "", item_version 0. Its changes
// are the configuration's keys (core/config_fields.h) [before, after]. Readers of the
// chain that replay items skip exactly these entries; any other "ok" entry without an item
// is an integrity failure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "audit/entry.h"
#include "core/transition.h"

namespace docket {

// The organization's own record, or the roles people hold in it, changed.
inline constexpr std::string_view kConfigOrgAction = "config-org";
// A lookup table changed (recorded in every organization's chain).
inline constexpr std::string_view kConfigTableAction = "config-table";
// The calendar changed (recorded in every organization's chain).
inline constexpr std::string_view kConfigCalendarAction = "config-calendar";
// A workflow definition was loaded (recorded in every organization's chain): the change
// "workflows.W.VERSION" [null, SHA-256 of its text].
inline constexpr std::string_view kConfigWorkflowAction = "config-workflow";

// An organization was created (its first `org load`): the change "orgs.ID" [null, ID] in
// the installation's own chain, kInstallationChain, which registers every organization so
// that a whole missing chain is found (docs/AUDIT.md, "The installation's chain").
inline constexpr std::string_view kConfigOrgsAction = "config-orgs";
// A supervisor's installation pinned the public key that signs an organization's
// checkpoints (`docket audit pin`): the change "pins.ORG" [before, 64 hex digits] in the
// installation's chain.
inline constexpr std::string_view kConfigPinAction = "config-pin";
// A supervisor's installation received an organization's signed checkpoint (POST
// /api/checkpoints): the change "checkpoints.ORG" [before, SHA-256 of the checkpoint's
// text] in the installation's chain; the text is kept as a document under that hash.
inline constexpr std::string_view kConfigCheckpointAction = "config-checkpoint";
// The chain of the installation itself: an org id is [a-z][a-z0-9_-]*, so never this.
inline constexpr const char* kInstallationChain = "$installation";

// Whether `action` is one of the seven configuration actions.
bool IsConfigAction(std::string_view action);

// Whether `e` is a configuration entry: an ok entry of a configuration action whose item,
// workflow, states and versions are all empty.
bool IsConfigEntry(const AuditEntry& e);

// A configuration entry for `org`'s chain (to be linked by Store::AppendAudit): actor
// `actor` (who ran the load: a person, "os:NAME" for the operating-system user who owns the
// database, or "" on a simulation database loaded by no one named), role "", reason
// "loaded from FILE".
AuditEntry ConfigEntry(const std::string& org, std::string_view action, std::vector<FieldChange> changes,
                       const std::string& time, const std::string& file, const std::string& actor = "");

}  // namespace docket
