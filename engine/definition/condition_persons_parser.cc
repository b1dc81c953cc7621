// Conditions on person lists (workflow_parse.h): keeps, subset.
#include "definition/workflow_parse.h"

namespace docket::detail {

bool ReadKeeps(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  const FieldDef* f = ReadFieldRef(p, n, Key("keeps"));
  if (f == nullptr) return false;
  if (f->type != FieldType::kList && f->type != FieldType::kPerson) {
    p.reader.Error(n, Msg("keeps '{field}' must be a list field or a person field, not {type}",
                          {{"field", f->name}, {"type", FieldTypeName(f->type)}}));
    return false;
  }
  c->field = f->name;
  return true;
}

namespace {

// One list operand of subset: {field: F} or {ref: ITEM_FIELD, field: F}; a field of this
// workflow must be a list of person.
std::optional<Operand> ReadPersonList(WorkflowParse& p, const YAML::Node& n, const char* what) {
  auto o = ReadOperand(p, n, Key(what));
  if (!o) return std::nullopt;
  if (o->source == Operand::Source::kValue) {
    p.reader.Error(n, Msg("{what} names a list field, not a value", {{"what", what}}));
    return std::nullopt;
  }
  if (o->source == Operand::Source::kField) {
    const FieldDef* f = p.def.FindField(o->field);
    if (f != nullptr && !PersonListType(*f)) {
      p.reader.Error(n, Msg("{what} '{field}' must be a list of person", {{"what", what}, {"field", f->name}}));
      return std::nullopt;
    }
  }
  return o;
}

}  // namespace

namespace {

// subset: {field: LIST | {ref: R, field: F}, of: OPERAND | [OPERAND, ...]}, and disjoint the
// same with `from` for `of`: `kind` and `other` name them in messages.
bool ReadListPair(WorkflowParse& p, const YAML::Node& n, Condition* c, const std::string& kind, const std::string& other) {
  auto m = p.reader.Map(n, Key(kind), {"field", other.c_str()});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  const std::string field_what = kind + ".field", other_what = kind + "." + other;
  const MapEntry* field = m->Find("field");
  if (field != nullptr && field->value.IsMap()) {
    if (auto o = ReadPersonList(p, field->value, field_what.c_str())) c->subject = *o;
  } else if (const FieldDef* f = TypedField(p, *m, n, "field", Key(kind), PersonListType, Msg("a list of person"))) {
    c->field = f->name;
  }
  const MapEntry* of = m->Find(other);
  if (of == nullptr) {
    p.reader.Error(n, Msg("{kind} needs '{key}': {field: F} or {ref: ITEM_FIELD, field: F}, or a list of them",
                          {{"kind", kind}, {"key", other}}));
  } else if (of->value.IsSequence()) {
    if (of->value.size() == 0) p.reader.Error(of->value, Msg("{what} must not be an empty list", {{"what", other_what}}));
    for (std::size_t i = 0; i < of->value.size(); ++i) {
      auto o = ReadPersonList(p, of->value[i], other_what.c_str());
      if (!o) continue;
      if (i == 0) {
        c->expected = *o;
      } else {
        c->also.push_back(*o);
      }
    }
  } else if (auto o = ReadPersonList(p, of->value, other_what.c_str())) {
    c->expected = *o;
  }
  return before == p.reader.error_count();
}

}  // namespace

bool ReadSubset(WorkflowParse& p, const YAML::Node& n, Condition* c) { return ReadListPair(p, n, c, "subset", "of"); }

// disjoint: {field: LIST | {ref: R, field: F}, from: OPERAND | [OPERAND, ...]}
bool ReadDisjoint(WorkflowParse& p, const YAML::Node& n, Condition* c) { return ReadListPair(p, n, c, "disjoint", "from"); }

}  // namespace docket::detail
