#include "audit/config_entries.h"

namespace docket {

bool IsConfigAction(std::string_view action) {
  return action == kConfigOrgAction || action == kConfigTableAction || action == kConfigCalendarAction ||
         action == kConfigWorkflowAction || action == kConfigOrgsAction || action == kConfigPinAction ||
         action == kConfigCheckpointAction;
}

bool IsConfigEntry(const AuditEntry& e) {
  return e.outcome == "ok" && IsConfigAction(e.action) && e.item_id == 0 && e.workflow.empty() &&
         e.workflow_version == 0 && e.from_state.empty() && e.to_state.empty() && e.item_version == 0;
}

AuditEntry ConfigEntry(const std::string& org, std::string_view action, std::vector<FieldChange> changes,
                       const std::string& time, const std::string& file, const std::string& actor) {
  AuditEntry e;
  e.org = org;
  e.actor = actor;
  e.time = time;
  e.action = std::string(action);
  e.outcome = "ok";
  e.changes = std::move(changes);
  e.reason = "loaded from " + file;
  return e;
}

}  // namespace docket
