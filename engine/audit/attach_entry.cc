#include "audit/attach_entry.h"

#include "core/item.h"

namespace docket {
namespace {

bool IsSha256Hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

bool IsAttachAction(const AuditEntry& e) { return e.outcome == "ok" && e.action == kAttachAction; }

AuditEntry AttachEntry(const std::string& org, const AttachFact& fact, const std::string& actor, const std::string& role,
                       const std::string& time) {
  AuditEntry e;
  e.org = org;
  e.time = time;
  e.actor = actor;
  e.role = role;
  e.action = std::string(kAttachAction);
  e.outcome = "ok";
  e.changes.push_back(FieldChange{kAttachField, Value(),
                                  Value(List{Value(fact.item), Value(fact.hash), Value(fact.name), Value(fact.size),
                                             Value(fact.type)})});
  return e;
}

Result<AttachFact> ReadAttachEntry(const AuditEntry& e) {
  if (e.item_id != 0 || !e.workflow.empty() || e.workflow_version != 0 || !e.from_state.empty() || !e.to_state.empty() ||
      e.item_version != 0) {
    return Status::Integrity(Msg("attachment entry names a workflow, a state or an item outside its '{field}' change",
                                 {{"field", kAttachField}}));
  }
  const FieldChange* attach = nullptr;
  for (const FieldChange& c : e.changes) {
    if (c.field == kAttachField) {
      attach = &c;
    } else if (c.field != kViaField) {
      return Status::Integrity(Msg("attachment entry changes '{field}'", {{"field", c.field}}));
    }
  }
  auto bad = [] {
    return Status::Integrity(Msg("attachment entry's '{field}' is not [null, [ITEM, HASH, NAME, SIZE, TYPE]]",
                                 {{"field", kAttachField}}));
  };
  if (attach == nullptr || !attach->before.is_null() || !attach->after.is_list()) return bad();
  const List& v = attach->after.as_list();
  if (v.size() != 5 || !v[0].is_int() || !v[1].is_string() || !v[2].is_string() || !v[3].is_int() || !v[4].is_string()) {
    return bad();
  }
  AttachFact fact{v[0].as_int(), v[1].as_string(), v[2].as_string(), v[3].as_int(), v[4].as_string()};
  if (fact.item <= 0 || !IsSha256Hex(fact.hash) || fact.name.empty() || fact.size < 0 || fact.type.empty()) return bad();
  return fact;
}

}  // namespace docket
