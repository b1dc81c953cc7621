// The refusals shared by the stores (record_checks.h).
#include "store/record_checks.h"

#include <set>

#include "store/audit_json.h"
#include "store/json_value.h"

namespace docket {
namespace {

// Every text of the entry is UTF-8 (what IsValidUtf8Json(CanonicalObject(e)) says, without
// building the object).
bool EntryIsUtf8(const AuditEntry& e) {
  for (const std::string* s : {&e.org, &e.time, &e.actor, &e.role, &e.action, &e.outcome, &e.workflow,
                               &e.from_state, &e.to_state, &e.reason, &e.prev_hash, &e.hash}) {
    if (!IsValidUtf8(*s)) return false;
  }
  for (const FieldChange& c : e.changes) {
    if (!IsValidUtf8(c.field) || !IsValidUtf8Value(c.before) || !IsValidUtf8Value(c.after)) return false;
  }
  return true;
}

}  // namespace

Status CheckItem(const Item& item, std::string* fields_text) {
  if (item.org.empty()) return Status::Invalid("an item needs an organization");
  if (item.workflow.empty()) return Status::Invalid("an item needs a workflow");
  for (const auto& [name, value] : item.fields) {
    if (!IsValidUtf8(name) || !IsValidUtf8Value(value)) {
      return Status::Invalid("item fields hold text that is not UTF-8");
    }
  }
  fields_text->clear();
  AppendFieldsJson(item.fields, fields_text);
  return Status::Ok();
}

Status CheckAuditEntry(const AuditEntry& entry) {
  if (entry.org.empty()) return Status::Invalid("an audit entry needs an organization");
  if (entry.outcome != "ok" && entry.outcome != "refused") {
    return Status::Invalid("audit outcome must be 'ok' or 'refused', not '" + entry.outcome + "'");
  }
  std::set<std::string> seen;
  for (const FieldChange& c : entry.changes) {
    if (!seen.insert(c.field).second) {
      return Status::Invalid("audit entry changes field '" + c.field + "' twice");
    }
  }
  if (!EntryIsUtf8(entry)) return Status::Invalid("audit entry holds text that is not UTF-8");
  return Status::Ok();
}

}  // namespace docket
