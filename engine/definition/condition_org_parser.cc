// Conditions about the organization's other items (workflow_parse.h): next_after, none_open.
// Fields and states of the other workflow are not checked against this file (as for
// {ref:, field:} operands); this workflow's fields are.
#include "definition/workflow_parse.h"

namespace docket::detail {
namespace {

bool TimeField(const FieldDef& f) { return f.type == FieldType::kDateTime || f.type == FieldType::kDate; }

}  // namespace

bool ReadNextAfter(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("next_after"), {"ref", "field", "after", "where"});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  if (const YAML::Node* rn = Need(p, *m, n, "ref", Key("next_after"))) {
    if (const FieldDef* r = ReadFieldRef(p, *rn, Key("next_after.ref"))) {
      if (r->type != FieldType::kItem || r->workflow.empty()) {
        p.reader.Error(*rn, Msg("next_after.ref '{field}' must be an item field that names its workflow", {{"field", r->name}}));
      } else {
        c->ref = r->name;
        c->workflow = r->workflow;
      }
    }
  }
  if (const YAML::Node* fn = Need(p, *m, n, "field", Key("next_after"))) {
    if (auto f = p.reader.Identifier(*fn, Key("next_after.field"))) c->field = *f;
  }
  if (const FieldDef* a = TypedField(p, *m, n, "after", Key("next_after"), TimeField, Msg("a date or datetime"))) {
    c->after = a->name;
  }
  if (const MapEntry* w = m->Find("where")) {
    auto wm = p.reader.Map(w->value, Key("next_after.where"), {"field", "value"});
    if (wm) {
      if (const YAML::Node* f = Need(p, *wm, w->value, "field", Key("next_after.where"))) {
        if (auto id = p.reader.Identifier(*f, Key("next_after.where.field"))) c->where_field = *id;
      }
      if (const YAML::Node* v = Need(p, *wm, w->value, "value", Key("next_after.where"))) {
        if (auto t = p.reader.Text(*v, Key("next_after.where.value"))) c->where_value = *t;
      }
    }
  }
  return before == p.reader.error_count();
}

bool ReadNoneOpen(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("none_open"), {"workflow", "states", "field", "before"});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  if (const YAML::Node* wn = Need(p, *m, n, "workflow", Key("none_open"))) {
    if (auto w = p.reader.Identifier(*wn, Key("none_open.workflow"))) c->workflow = *w;
  }
  if (const YAML::Node* sn = Need(p, *m, n, "states", Key("none_open"))) {
    c->states = p.reader.IdentifierList(*sn, Key("none_open.states"));
    if (c->states.empty() && before == p.reader.error_count()) {
      p.reader.Error(*sn, Msg("none_open.states must name a state"));
    }
  }
  if (const YAML::Node* fn = Need(p, *m, n, "field", Key("none_open"))) {
    if (auto f = p.reader.Identifier(*fn, Key("none_open.field"))) c->field = *f;
  }
  if (const FieldDef* b = TypedField(p, *m, n, "before", Key("none_open"), TimeField, Msg("a date or datetime"))) {
    c->before = b->name;
  }
  return before == p.reader.error_count();
}

}  // namespace docket::detail
