#include "core/field_rules.h"

#include <algorithm>

namespace docket {
namespace {

const Value* Find(const FieldMap& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() || it->second.is_null() ? nullptr : &it->second;
}

// The value `o` names, or nullptr.
const Value* OperandValue(const Operand& o, const ItemFacts& facts, const FieldMap& fields) {
  if (o.source == Operand::Source::kField) return Find(fields, o.field);
  if (o.source != Operand::Source::kRef) return nullptr;
  const Value* ref = Find(fields, o.ref);
  if (ref == nullptr || !ref->is_int()) return nullptr;
  auto it = facts.refs.find(ref->as_int());
  return it == facts.refs.end() ? nullptr : Find(it->second.fields, o.field);
}

}  // namespace

void ApplyDefaults(const TransitionDef& t, const ItemFacts& facts, FieldMap* fields) {
  for (const Effect& e : t.effects) {
    if (e.kind != Effect::Kind::kDefault || Find(*fields, e.field) != nullptr) continue;
    const Value* v = OperandValue(e.from, facts, *fields);
    if (v == nullptr) continue;
    if (e.except.empty() || !v->is_list()) {
      (*fields)[e.field] = *v;
      continue;
    }
    // The list without the persons `except` lists (a topic's attendance: the meeting's
    // without the members recused from the topic).
    const Value* left_out = Find(*fields, e.except);
    List kept;
    for (const Value& person : v->as_list()) {
      const bool out = left_out != nullptr &&
                       (left_out->is_list() ? std::find(left_out->as_list().begin(), left_out->as_list().end(), person) !=
                                                  left_out->as_list().end()
                                            : *left_out == person);
      if (!out) kept.push_back(person);
    }
    (*fields)[e.field] = Value(std::move(kept));
  }
}

Status KeepOnceFields(const Definition& def, const TransitionDef& t, const FieldMap& before, const FieldMap& after) {
  for (const FieldDef& f : def.fields) {
    if (!f.once) continue;
    const Value* was = Find(before, f.name);
    if (was == nullptr) continue;
    const Value* now = Find(after, f.name);
    if (now != nullptr && *now == *was) continue;
    return Status::Refused(Msg("action '{action}' refused: field '{field}' is recorded once and is not changed afterwards",
                               {{"action", Msg::Named(t.labels, t.name)}, {"field", Msg::Named(f.labels, f.name)}}));
  }
  return Status::Ok();
}

}  // namespace docket
