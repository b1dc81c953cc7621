#include "audit/replay.h"

#include "audit/config_entries.h"
#include "audit/json_value.h"
#include "core/item.h"

namespace docket {

namespace {

std::string ShowValue(const Value& v) { return DumpJson(ValueToJson(v)); }

}  // namespace

template <typename ItemName>
Status AuditReplay::ApplyParent(const AuditEntry& e, ReplayedItem& r, const ItemName& item) const {
  for (const FieldChange& c : e.changes) {
    if (c.field != kParentField) continue;
    if (r.version != 0) {
      return Status::Integrity(Msg("the parent of {item} is changed by '{action}'; only its creation records it",
                                   {{"item", item()}, {"action", e.action}}));
    }
    const bool is_id = c.before.is_null() && c.after.is_int() && c.after.as_int() > 0 && c.after.as_int() != e.item_id;
    const ReplayedItem* parent = is_id ? Find(c.after.as_int()) : nullptr;
    const bool known = parent != nullptr && parent->version != 0;
    if (!is_id || (whole_chain_ && !known)) {
      return Status::Integrity(Msg("the parent {parent} of {item} is not an item this organization created before it",
                                   {{"parent", ShowValue(c.after)}, {"item", item()}}));
    }
    r.parent = c.after.as_int();
  }
  return Status::Ok();
}

bool AuditReplay::IsNext(const AuditEntry& e) const {
  const ReplayedItem* r = Find(e.item_id);
  return r == nullptr ? e.item_version == 1 : e.item_version == r->version + 1;
}

const ReplayedItem* AuditReplay::Find(std::int64_t id) const {
  auto it = items_.find(id);
  return it == items_.end() ? nullptr : &it->second;
}

void FoldConfigEntry(const AuditEntry& e, ReplayedConfig* config) {
  for (const FieldChange& c : e.changes) {
    if (c.field == kViaField) continue;  // how the administrator was established, not configuration
    // The organization's id, set from null: the load that created it.
    if (e.action == kConfigOrgAction && c.field == "id" && c.before.is_null()) config->complete = true;
    config->named.insert(c.field);
    if (c.after.is_null()) {
      config->values.erase(c.field);
    } else {
      config->values[c.field] = c.after;
    }
  }
}

Status AuditReplay::CollectFiring(const AuditEntry& e) {
  const FieldChange* key = nullptr;
  const FieldChange* told = nullptr;
  for (const FieldChange& c : e.changes) {
    if (c.field == kFiringField) key = &c;
    if (c.field == kToldField) told = &c;
  }
  if (key == nullptr && told == nullptr) return Status::Ok();
  if (key == nullptr || !key->before.is_null() || !key->after.is_string() || key->after.as_string().empty()) {
    return Status::Integrity(Msg("the entry's '{field}' does not name a timer firing", {{"field", kFiringField}}));
  }
  RecordedFiring f;
  f.seq = e.seq;
  f.item_id = e.item_id;
  if (told != nullptr) {
    const bool list = told->before.is_null() && told->after.is_list();
    if (list) {
      for (const Value& v : told->after.as_list()) {
        if (!v.is_string()) return Status::Integrity(Msg("the entry's '{field}' is not a list of people", {{"field", kToldField}}));
        f.told.push_back(v.as_string());
      }
    } else {
      return Status::Integrity(Msg("the entry's '{field}' is not a list of people", {{"field", kToldField}}));
    }
  }
  auto [at, added] = firings_.try_emplace(key->after.as_string(), std::move(f));
  if (!added) {
    return Status::Integrity(Msg("timer firing '{key}' is recorded again (first by entry {seq})",
                                 {{"key", at->first}, {"seq", at->second.seq}}));
  }
  return Status::Ok();
}

Status AuditReplay::Apply(const AuditEntry& e) {
  DOCKET_RETURN_IF_ERROR(CollectFiring(e));
  if (e.outcome == "refused") return Status::Ok();
  if (e.outcome != "ok") {
    return Status::Integrity(Msg("outcome '{outcome}' is neither ok nor refused", {{"outcome", e.outcome}}));
  }
  if (IsAttachAction(e)) {
    DOCKET_ASSIGN_OR_RETURN(AttachFact fact, ReadAttachEntry(e));
    if (whole_chain_ && items_.count(fact.item) == 0) {
      return Status::Integrity(
          Msg("the attachment names item {id}, which this chain did not create before it", {{"id", fact.item}}));
    }
    attachments_.push_back(RecordedAttachment{e.seq, std::move(fact), e.actor, e.time});
    return Status::Ok();
  }
  if (e.item_id <= 0) {
    // A configuration entry changes no item; anything else without an item is broken.
    if (IsConfigEntry(e)) {
      FoldConfigEntry(e, &config_);
      return Status::Ok();
    }
    if (e.item_id == 0 && IsConfigAction(e.action)) {
      return Status::Integrity(
          Msg("configuration entry '{action}' names a workflow, a state or an item version", {{"action", e.action}}));
    }
    return Status::Integrity(Msg("an ok entry names no item"));
  }
  // Built only for a message: this runs once per entry when verifying.
  auto item = [&] { return Msg("item {id}", {{"id", e.item_id}}); };
  auto found = items_.find(e.item_id);
  if (found == items_.end()) {
    if (!e.from_state.empty() || e.item_version != 1) {
      return Status::Integrity(Msg("the first entry of {item} is not its creation (from_state '{from_state}', item_version {version})",
                                   {{"item", item()}, {"from_state", e.from_state}, {"version", e.item_version}}));
    }
    found = items_.try_emplace(e.item_id).first;
  }
  // Applied in place (verify's hot path): after a failure the item is not to be used.
  ReplayedItem& r = found->second;
  // An import creates its item, marked with its source note and original date; no other
  // entry sets or changes those marks (core/item.h).
  const bool import = e.action == kImportAction;
  if (import && r.version != 0) {
    return Status::Integrity(Msg("an import entry of {item} is not its creation", {{"item", item()}}));
  }
  int marks = 0;
  for (const FieldChange& c : e.changes) {
    if (!IsImportField(c.field)) continue;
    if (!import) {
      return Status::Integrity(Msg("field '{field}' of {item} is changed by '{action}'; only an import sets it",
                                   {{"field", c.field}, {"item", item()}, {"action", e.action}}));
    }
    if (!c.after.is_string() || c.after.as_string().empty()) {
      return Status::Integrity(Msg("field '{field}' of imported {item} is not a text", {{"field", c.field}, {"item", item()}}));
    }
    ++marks;
  }
  if (Status parent = ApplyParent(e, r, item); !parent.ok()) return parent;
  if (import && marks != 2) {
    return Status::Integrity(
        Msg("the import entry of {item} does not carry its source note and original date", {{"item", item()}}));
  }
  if (r.version == 0) {
    r.id = e.item_id;
    r.org = e.org;
    r.first_seq = e.seq;
    r.workflow = e.workflow;
    r.created_at = e.time;
  } else {
    if (e.workflow != r.workflow) {
      return Status::Integrity(Msg("{item} was created as workflow '{workflow}', this entry says '{entry_workflow}'",
                                   {{"item", item()}, {"workflow", r.workflow}, {"entry_workflow", e.workflow}}));
    }
    if (e.from_state != r.state) {
      return Status::Integrity(Msg("from_state '{from_state}' but {item} was in state '{state}'",
                                   {{"from_state", e.from_state}, {"item", item()}, {"state", r.state}}));
    }
    if (e.item_version != r.version + 1) {
      return Status::Integrity(Msg("item_version of {item} goes from {from} to {to}",
                                   {{"item", item()}, {"from", r.version}, {"to", e.item_version}}));
    }
  }
  for (const FieldChange& c : e.changes) {
    if (IsEngineMark(c.field)) continue;  // not fields
    auto f = r.fields.find(c.field);
    Value before = f == r.fields.end() ? Value() : f->second;
    if (!(before == c.before)) {
      return Status::Integrity(Msg("field '{field}' of {item} changes from {before} but held {held}",
                                   {{"field", c.field}, {"item", item()}, {"before", ShowValue(c.before)}, {"held", ShowValue(before)}}));
    }
    if (c.after.is_null()) {
      r.fields.erase(c.field);
    } else {
      r.fields[c.field] = c.after;
    }
  }
  r.state = e.to_state;
  r.version = e.item_version;
  r.workflow_version = e.workflow_version;
  r.updated_at = e.time;
  return Status::Ok();
}

}  // namespace docket
