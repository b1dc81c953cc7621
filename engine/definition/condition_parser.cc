// Conditions of a workflow definition: YAML -> core Condition (effects: effect_parser.cc).
#include <algorithm>
#include <string>
#include <vector>

#include "core/field.h"
#include "definition/workflow_parse.h"

namespace docket::detail {
namespace {

using Kind = Condition::Kind;

struct KindName {
  Kind kind;
  const char* name;
};
constexpr KindName kKinds[] = {
    {Kind::kAll, "all"},
    {Kind::kAny, "any"},
    {Kind::kNot, "not"},
    {Kind::kPresent, "present"},
    {Kind::kCompare, "compare"},
    {Kind::kRole, "role"},
    {Kind::kDistinctActor, "distinct_actor"},
    {Kind::kChildrenTerminal, "children_terminal"},
    {Kind::kRefInState, "ref_state"},
    {Kind::kQuorum, "quorum"},
    {Kind::kMajority, "majority"},
    {Kind::kNotListed, "not_listed"},
    {Kind::kBallotExcludes, "ballot_excludes"},
    {Kind::kLastOfRole, "last_of_role"},
    {Kind::kLookup, "lookup"},
    {Kind::kDeadline, "deadline"},
    {Kind::kActorsNotListed, "actors_not_listed"},
    {Kind::kKeeps, "keeps"},
    {Kind::kSubset, "subset"},
    {Kind::kNextAfter, "next_after"},
    {Kind::kNoneOpen, "none_open"},
    {Kind::kMemberOf, "member_of"},
    {Kind::kWrittenOpinion, "written_opinion"},
    {Kind::kDisjoint, "disjoint"},
};
constexpr const char* kKindList =
    "all, any, not, present, compare, role, distinct_actor, children_terminal, ref_state, "
    "quorum, majority, not_listed, ballot_excludes, last_of_role, lookup, deadline, actors_not_listed, keeps, "
    "subset, next_after, none_open, member_of, written_opinion, disjoint";

const KindName* FindKind(const std::string& key) {
  for (const auto& k : kKinds) {
    if (key == k.name) return &k;
  }
  return nullptr;
}

Msg TooDeep() { return Msg("conditions are nested more than {n} levels deep", {{"n", kMaxConditionDepth}}); }

bool Ordered(FieldType t) {
  return t == FieldType::kInteger || t == FieldType::kNumber || t == FieldType::kMoney ||
         t == FieldType::kDate || t == FieldType::kDateTime;
}

// Reads the operand list of all/any. Returns false when any operand was bad.
bool ReadOperands(WorkflowParse& p, const YAML::Node& n, const Msg& kind, int depth, std::vector<Condition>* out) {
  if (!n.IsSequence() || n.size() == 0) {
    p.reader.Error(n, Msg("{what} takes a non-empty list of conditions", {{"what", kind}}));
    return false;
  }
  bool ok = true;
  for (const auto& e : n) {
    auto c = ParseCondition(p, e, depth + 1);
    if (c) {
      out->push_back(std::move(*c));
    } else {
      ok = false;
    }
  }
  return ok;
}

// A compare literal, converted to the canonical value of the field's type.
std::optional<Value> CompareLiteral(WorkflowParse& p, const FieldDef& f, const YAML::Node& n) {
  if (!n.IsScalar()) {
    p.reader.Error(n, Msg("a compare value must be a single value of field '{field}'", {{"field", f.name}}));
    return std::nullopt;
  }
  auto v = ParseFieldText(f, n.Scalar());
  if (!v.ok()) {
    p.reader.Error(n, Msg("bad compare value: {why}", {{"why", v.status().msg()}}));
    return std::nullopt;
  }
  if (v->is_null()) {
    p.reader.Error(n, Msg("a compare value must not be empty (use present: to test for a value)"));
    return std::nullopt;
  }
  return std::move(v).value();
}

bool ReadCompare(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("compare"), {"field", "op", "value", "values"});
  if (!m) return false;
  bool ok = true;
  const FieldDef* f = nullptr;
  if (const YAML::Node* fn = Need(p, *m, n, "field", Key("compare"))) {
    f = ReadFieldRef(p, *fn, Key("compare.field"));
    if (f != nullptr) c->field = f->name;
  }
  ok = f != nullptr;
  const YAML::Node* on = Need(p, *m, n, "op", Key("compare"));
  if (on == nullptr) return false;
  std::optional<CompareOp> op = on->IsScalar() ? CompareOpFromName(on->Scalar()) : std::nullopt;
  if (!op) {
    p.reader.Error(*on, Msg("unknown compare op '{op}'; expected one of: equals, not_equals, in, not_in, <, <=, >, >=",
                            {{"op", Shown(on->IsScalar() ? on->Scalar() : "")}}));
    return false;
  }
  c->op = *op;
  if (f != nullptr && !(*op == CompareOp::kEquals || *op == CompareOp::kNotEquals ||
                        *op == CompareOp::kIn || *op == CompareOp::kNotIn) &&
      !Ordered(f->type)) {
    p.reader.Error(*on, Msg("op '{op}' needs an ordered field (integer, number, money, date or datetime), but '{field}' is {type}",
                            {{"op", CompareOpName(*op)}, {"field", f->name}, {"type", FieldTypeName(f->type)}}));
    ok = false;
  }
  bool many = *op == CompareOp::kIn || *op == CompareOp::kNotIn;
  const MapEntry* one = m->Find("value");
  const MapEntry* list = m->Find("values");
  if (many && (one != nullptr || list == nullptr)) {
    p.reader.Error(one != nullptr ? one->key_node : n,
                   Msg("op '{op}' takes 'values: [...]'", {{"op", CompareOpName(*op)}}));
    return false;
  }
  if (!many && (list != nullptr || one == nullptr)) {
    p.reader.Error(list != nullptr ? list->key_node : n,
                   Msg("op '{op}' takes one 'value'", {{"op", CompareOpName(*op)}}));
    return false;
  }
  if (f == nullptr) return false;
  if (!many && one->value.IsScalar() && ReadMoment(p, one->value, *f, c)) return ok && c->moment != Condition::Moment::kNone;
  if (!many) {
    auto v = CompareLiteral(p, *f, one->value);
    if (!v) return false;
    c->values.push_back(std::move(*v));
    return ok;
  }
  if (!list->value.IsSequence() || list->value.size() == 0) {
    p.reader.Error(list->value, Msg("values must be a non-empty list"));
    return false;
  }
  for (const auto& e : list->value) {
    auto v = CompareLiteral(p, *f, e);
    if (v) {
      c->values.push_back(std::move(*v));
    } else {
      ok = false;
    }
  }
  return ok;
}

bool ReadRole(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("role"), {"roles", "scope", "field"});
  if (!m) return false;
  const YAML::Node* rn = Need(p, *m, n, "roles", Key("role"));
  if (rn == nullptr) return false;
  std::size_t before = p.reader.error_count();
  c->roles = p.reader.IdentifierList(*rn, Key("role.roles"));
  if (c->roles.empty() && before == p.reader.error_count()) {
    p.reader.Error(*rn, Msg("role.roles must name at least one role"));
  }
  if (const MapEntry* s = m->Find("scope")) {
    std::string scope = s->value.IsScalar() ? s->value.Scalar() : "";
    if (scope == "org") {
      c->scope = RoleScope::kOrg;
    } else if (scope == "above") {
      c->scope = RoleScope::kAbove;
    } else {
      p.reader.Error(s->value, Msg("role.scope must be 'org' or 'above'"));
    }
  }
  if (const MapEntry* f = m->Find("field")) {
    const FieldDef* fd = ReadFieldRef(p, f->value, Key("role.field"));
    if (fd != nullptr && fd->type != FieldType::kPerson) {
      p.reader.Error(f->value, NotOfType(Key("role.field"), *fd, "person"));
    } else if (fd != nullptr) {
      c->field = fd->name;
    }
    if (c->scope != RoleScope::kOrg) p.reader.Error(f->key_node, Msg("role.field is read in the item's organization only"));
  }
  return before == p.reader.error_count();
}

bool ReadRefState(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("ref_state"), {"field", "states"});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  if (const YAML::Node* fn = Need(p, *m, n, "field", Key("ref_state"))) {
    if (const FieldDef* f = ReadFieldRef(p, *fn, Key("ref_state.field"))) {
      c->field = f->name;
      if (f->type != FieldType::kItem) p.reader.Error(*fn, NotOfType(Key("ref_state.field"), *f, "item"));
    }
  }
  if (const YAML::Node* sn = Need(p, *m, n, "states", Key("ref_state"))) {
    std::size_t at = p.reader.error_count();
    c->states = p.reader.IdentifierList(*sn, Key("ref_state.states"));
    if (c->states.empty() && at == p.reader.error_count()) {
      p.reader.Error(*sn, Msg("ref_state.states must name at least one state"));
    }
  }
  return before == p.reader.error_count();
}

bool IsPersonList(const FieldDef& f) { return f.type == FieldType::kList && f.element == FieldType::kPerson; }

}  // namespace

const FieldDef* TypedField(WorkflowParse& p, const MapView& m, const YAML::Node& at, const char* key,
                           const Msg& kind, bool (*ok_type)(const FieldDef&), const Msg& type_text) {
  const YAML::Node* n = Need(p, m, at, key, kind);
  if (n == nullptr) return nullptr;
  const FieldDef* f = ReadFieldRef(p, *n, Path(kind, key));
  if (f == nullptr) return nullptr;
  if (!ok_type(*f)) {
    const Msg type = f->type == FieldType::kList
                         ? Msg("{type} of {element}", {{"type", FieldTypeName(f->type)}, {"element", FieldTypeName(f->element)}})
                         : Msg::Literal(FieldTypeName(f->type));
    p.reader.Error(*n, Msg("{what} '{field}' must be {type_text}, not {type}",
                           {{"what", Path(kind, key)}, {"field", f->name}, {"type_text", type_text}, {"type", type}}));
    return nullptr;
  }
  return f;
}

Msg NotOfType(const Msg& what, const FieldDef& f, const char* type) {
  return Msg("{what} '{field}' must be of type {type}, not {actual}",
             {{"what", what}, {"field", f.name}, {"type", type}, {"actual", FieldTypeName(f.type)}});
}

bool BallotType(const FieldDef& f) { return f.type == FieldType::kBallot; }
bool PersonListType(const FieldDef& f) { return IsPersonList(f); }
bool PersonsType(const FieldDef& f) {
  return IsPersonList(f) || f.type == FieldType::kPerson || f.type == FieldType::kBallot;
}

// {field: F} | {ref: ITEM_FIELD, field: F} | {value: X}
std::optional<Operand> ReadOperand(WorkflowParse& p, const YAML::Node& n, const Msg& what) {
  auto m = p.reader.Map(n, what, {"field", "ref", "value"});
  if (!m) return std::nullopt;
  Operand o;
  o.pos = YamlReader::Pos(n);
  const MapEntry* field = m->Find("field");
  const MapEntry* ref = m->Find("ref");
  const MapEntry* value = m->Find("value");
  if (value != nullptr) {
    if (field != nullptr || ref != nullptr) {
      p.reader.Error(n, Msg("{what} is either {value: X} or {field: F} or {ref: ITEM_FIELD, field: F}", {{"what", what}}));
      return std::nullopt;
    }
    auto v = p.reader.Text(value->value, Path(what, "value"));
    if (!v) return std::nullopt;
    o.source = Operand::Source::kValue;
    o.value = *v;
    return o;
  }
  if (field == nullptr) {
    p.reader.Error(n, Msg("{what} needs 'field' (or 'value')", {{"what", what}}));
    return std::nullopt;
  }
  if (ref == nullptr) {
    const FieldDef* f = ReadFieldRef(p, field->value, Path(what, "field"));
    if (f == nullptr) return std::nullopt;
    o.field = f->name;
    return o;
  }
  const FieldDef* r = ReadFieldRef(p, ref->value, Path(what, "ref"));
  if (r == nullptr) return std::nullopt;
  if (r->type != FieldType::kItem) {
    p.reader.Error(ref->value, NotOfType(Path(what, "ref"), *r, "item"));
    return std::nullopt;
  }
  auto name = p.reader.Identifier(field->value, Path(what, "field"));  // a field of the other workflow
  if (!name) return std::nullopt;
  o.source = Operand::Source::kRef;
  o.ref = r->name;
  o.field = *name;
  return o;
}

namespace {

bool ReadLookup(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, Key("lookup"), {"table", "key", "equals"});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  if (const YAML::Node* tn = Need(p, *m, n, "table", Key("lookup"))) {
    if (auto t = p.reader.Identifier(*tn, Key("lookup.table"))) c->table = *t;
  }
  if (const YAML::Node* kn = Need(p, *m, n, "key", Key("lookup"))) {
    if (auto o = ReadOperand(p, *kn, Key("lookup.key"))) c->key = *o;
  }
  if (const YAML::Node* en = Need(p, *m, n, "equals", Key("lookup"))) {
    if (auto o = ReadOperand(p, *en, Key("lookup.equals"))) c->expected = *o;
  }
  return before == p.reader.error_count();
}

bool ReadKind(WorkflowParse& p, const MapEntry& e, Kind kind, int depth, Condition* c) {
  const YAML::Node& v = e.value;
  switch (kind) {
    case Kind::kAll:
    case Kind::kAny:
      return ReadOperands(p, v, Key(e.key), depth, &c->operands);
    case Kind::kNot: {
      auto op = ParseWhen(p, v, depth + 1);
      if (op) c->operands.push_back(std::move(*op));
      return op.has_value();
    }
    case Kind::kPresent: {
      const FieldDef* f = ReadFieldRef(p, v, Key("present"));
      if (f != nullptr) c->field = f->name;
      return f != nullptr;
    }
    case Kind::kCompare:
      return ReadCompare(p, v, c);
    case Kind::kRole:
      return ReadRole(p, v, c);
    case Kind::kDistinctActor: {
      auto t = p.reader.Identifier(v, Key("distinct_actor"));
      if (!t) return false;
      if (!p.transition_names.count(*t)) {
        p.reader.Error(v, UnknownTransition(Key("distinct_actor"), *t));
        return false;
      }
      c->transition = *t;
      return true;
    }
    case Kind::kChildrenTerminal: {
      if (v.IsScalar() && v.Scalar() == "true") return true;
      if (v.IsMap()) {
        auto m = p.reader.Map(v, Key("children_terminal"), {"workflow"});
        if (!m) return false;
        const YAML::Node* wn = Need(p, *m, v, "workflow", Key("children_terminal"));
        if (wn == nullptr) return false;
        auto w = p.reader.Identifier(*wn, Key("children_terminal.workflow"));
        if (w) c->workflow = *w;
        return w.has_value();
      }
      p.reader.Error(v, Msg("children_terminal takes 'true' or {workflow: ID}"));
      return false;
    }
    case Kind::kRefInState:
      return ReadRefState(p, v, c);
    case Kind::kQuorum:
      return ReadQuorum(p, v, c);
    case Kind::kMajority:
      return ReadMajority(p, v, c);
    case Kind::kNotListed:
      return ReadNotListed(p, v, c);
    case Kind::kBallotExcludes:
      return ReadBallotExcludes(p, v, c);
    case Kind::kLastOfRole:
      return ReadLastOfRole(p, v, c);
    case Kind::kLookup:
      return ReadLookup(p, v, c);
    case Kind::kDeadline:
      return ReadDeadline(p, v, c);
    case Kind::kActorsNotListed:
      return ReadActorsNotListed(p, v, c);
    case Kind::kKeeps:
      return ReadKeeps(p, v, c);
    case Kind::kSubset:
      return ReadSubset(p, v, c);
    case Kind::kDisjoint:
      return ReadDisjoint(p, v, c);
    case Kind::kNextAfter:
      return ReadNextAfter(p, v, c);
    case Kind::kNoneOpen:
      return ReadNoneOpen(p, v, c);
    case Kind::kMemberOf:
      return ReadMemberOf(p, v, c);
    case Kind::kWrittenOpinion:
      return ReadWrittenOpinion(p, v, c);
  }
  return false;
}

}  // namespace

const FieldDef* ReadFieldRef(WorkflowParse& p, const YAML::Node& n, const Msg& what) {
  auto name = p.reader.Text(n, what);
  if (!name) return nullptr;
  const FieldDef* f = p.def.FindField(*name);
  if (f == nullptr) p.reader.Error(n, UnknownField(what, *name));
  return f;
}

std::optional<Condition> ParseWhen(WorkflowParse& p, const YAML::Node& n, int depth) {
  if (!n.IsSequence()) return ParseCondition(p, n, depth);
  Condition c;
  c.kind = Kind::kAll;
  c.pos = YamlReader::Pos(n);
  if (depth > kMaxConditionDepth) {
    p.reader.Error(n, TooDeep());
    return std::nullopt;
  }
  if (!ReadOperands(p, n, Msg("a list of conditions"), depth, &c.operands)) return std::nullopt;
  return c;
}

std::optional<Condition> ParseCondition(WorkflowParse& p, const YAML::Node& n, int depth) {
  if (depth > kMaxConditionDepth) {
    p.reader.Error(n, TooDeep());
    return std::nullopt;
  }
  if (++p.conditions_read > kMaxConditions) {
    if (!p.condition_budget_reported) {
      p.condition_budget_reported = true;
      p.reader.Error(n, Msg("more than {n} conditions in one workflow", {{"n", kMaxConditions}}));
    }
    return std::nullopt;
  }
  if (!n.IsMap()) {
    p.reader.Error(n, Msg("a condition must be a mapping with one kind, e.g. {present: amount}; kinds: {kinds}",
                          {{"kinds", kKindList}}));
    return std::nullopt;
  }
  auto m = p.reader.Map(n, Msg("condition"), {});
  if (!m) return std::nullopt;
  Condition c;
  c.pos = YamlReader::Pos(n);
  const MapEntry* kind_entry = nullptr;
  const KindName* kind = nullptr;
  bool ok = true;
  for (const auto& e : m->entries()) {
    if (e.key == "rule") {
      auto r = p.reader.Text(e.value, Key("rule"));
      if (r) c.rule = *r;
      ok = ok && r.has_value();
    } else if (e.key == "message") {
      std::size_t before = p.reader.error_count();
      c.message = p.reader.ReadLabels(e.value, Key("message"));
      ok = ok && before == p.reader.error_count();
    } else if (const KindName* k = FindKind(e.key)) {
      if (kind != nullptr) {
        p.reader.Error(e.key_node, Msg("a condition has one kind, but this one has both '{first}' and '{second}'; combine them with all: or any:",
                                       {{"first", kind_entry->key}, {"second", e.key}}));
        ok = false;
        continue;
      }
      kind = k;
      kind_entry = &e;
    } else {
      p.reader.Error(e.key_node, Msg("unknown condition kind '{kind}'; expected one of: {kinds} (with optional rule and message)",
                                     {{"kind", Shown(e.key)}, {"kinds", kKindList}}));
      ok = false;
    }
  }
  if (kind == nullptr) {
    if (ok) p.reader.Error(n, Msg("condition has no kind; expected one of: {kinds}", {{"kinds", kKindList}}));
    return std::nullopt;
  }
  c.kind = kind->kind;
  if (!ReadKind(p, *kind_entry, kind->kind, depth, &c) || !ok) return std::nullopt;
  return c;
}

const YAML::Node* Need(WorkflowParse& p, const MapView& m, const YAML::Node& at, const char* key, const Msg& what) {
  const MapEntry* e = m.Find(key);
  if (e == nullptr) {
    p.reader.Error(at, Needs(what, key));
    return nullptr;
  }
  return &e->value;
}

}  // namespace docket::detail
