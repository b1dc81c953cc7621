// ParseWorkflow: the YAML document, its fields, states and transitions. Conditions and
// effects are read by condition_parser.cc; the checks on a finished Definition live in
// workflow_lint.cc.
#include "definition/workflow_loader.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "definition/workflow_parse.h"

namespace docket {
namespace detail {
namespace {

constexpr const char* kTypeList =
    "text, integer, number, money, date, datetime, enum, bool, person, item, list, ballot";

std::optional<FieldType> ReadType(YamlReader& r, const YAML::Node& n, const Msg& what) {
  std::optional<FieldType> t = n.IsScalar() ? FieldTypeFromName(n.Scalar()) : std::nullopt;
  if (!t) {
    r.Error(n, Msg("{what}: unknown type '{type}'; expected one of: {types}",
                   {{"what", what}, {"type", Shown(n.IsScalar() ? n.Scalar() : "")}, {"types", kTypeList}}));
  }
  return t;
}

void ReadEnumValues(YamlReader& r, const YAML::Node& n, const Msg& what, FieldDef* f) {
  if (!n.IsSequence() || n.size() == 0) {
    r.Error(n, Msg("{what}: values must be a non-empty list", {{"what", what}}));
    return;
  }
  for (const auto& e : n) {
    auto v = r.Text(e, Msg("{what}: an enum value", {{"what", what}}));
    if (!v) continue;
    if (v->find(',') != std::string::npos || v->front() == ' ' || v->back() == ' ') {
      r.Error(e, Msg("{what}: enum value '{value}' must not contain commas or edge spaces",
                     {{"what", what}, {"value", Shown(*v)}}));
    } else if (std::find(f->values.begin(), f->values.end(), *v) != f->values.end()) {
      r.Error(e, Msg("{what}: enum value '{value}' appears twice", {{"what", what}, {"value", Shown(*v)}}));
    } else {
      f->values.push_back(*v);
    }
  }
}

// value_labels: {VALUE: {zh, en}}; each VALUE one that an enum or ballot field allows.
void ReadValueLabels(YamlReader& r, const YAML::Node& n, Definition* def) {
  auto m = r.Map(n, Key("value_labels"), {});
  if (!m) return;
  for (const auto& e : m->entries()) {
    const bool allowed = std::any_of(def->fields.begin(), def->fields.end(), [&](const FieldDef& f) {
      return std::find(f.values.begin(), f.values.end(), e.key) != f.values.end();
    });
    if (!allowed) {
      r.Error(e.key_node, Msg("value_labels: '{value}' is not a value of any enum or ballot field", {{"value", Shown(e.key)}}));
      continue;
    }
    def->value_labels[e.key] = r.ReadLabels(e.value, Key("value_labels." + e.key));
  }
  for (FieldDef& f : def->fields) {
    for (const auto& v : f.values) {
      if (auto it = def->value_labels.find(v); it != def->value_labels.end()) f.value_labels[v] = it->second;
    }
  }
}

void ReadField(YamlReader& r, const MapEntry& entry, Definition* def) {
  auto name = r.Identifier(entry.key_node, Msg("field name"));
  const Msg what = Msg("field '{field}'", {{"field", Shown(entry.key)}});
  auto m = r.Map(entry.value, what, {"type", "of", "values", "workflow", "once", "negative", "labels"});
  if (!name || !m) return;
  FieldDef f;
  f.name = *name;
  f.pos = YamlReader::Pos(entry.key_node);
  const MapEntry* type = m->Find("type");
  if (type == nullptr) {
    r.Error(entry.key_node, Msg("{what} needs 'type' (one of: {types})", {{"what", what}, {"types", kTypeList}}));
    return;
  }
  auto t = ReadType(r, type->value, what);
  if (!t) return;
  f.type = *t;
  const MapEntry* of = m->Find("of");
  if (f.type == FieldType::kList) {
    if (of == nullptr) {
      r.Error(type->value, Msg("{what}: a list needs 'of', the type of its elements", {{"what", what}}));
    } else if (auto e = ReadType(r, of->value, what)) {
      if (*e == FieldType::kList || *e == FieldType::kBallot) {
        r.Error(of->value, Msg("{what}: lists cannot hold lists or ballots", {{"what", what}}));
      }
      f.element = *e;
    }
  } else if (of != nullptr) {
    r.Error(of->key_node, Msg("{what}: 'of' is only for fields of type list", {{"what", what}}));
  }
  bool is_enum = f.type == FieldType::kEnum || f.type == FieldType::kBallot ||
                 (f.type == FieldType::kList && f.element == FieldType::kEnum && of != nullptr);
  bool is_item = f.type == FieldType::kItem ||
                 (f.type == FieldType::kList && f.element == FieldType::kItem && of != nullptr);
  if (const MapEntry* v = m->Find("values")) {
    if (is_enum) {
      ReadEnumValues(r, v->value, what, &f);
    } else {
      r.Error(v->key_node, Msg("{what}: 'values' is only for enum fields (or lists of enum) and ballot fields", {{"what", what}}));
    }
  } else if (is_enum) {
    r.Error(type->value, f.type == FieldType::kBallot
                             ? Msg("{what}: a ballot needs 'values', the positions a person may state", {{"what", what}})
                             : Msg("{what}: an enum needs 'values', the list of allowed values", {{"what", what}}));
  }
  if (const MapEntry* w = m->Find("workflow")) {
    if (!is_item) {
      r.Error(w->key_node, Msg("{what}: 'workflow' is only for item fields (or lists of item)", {{"what", what}}));
    } else if (auto id = r.Identifier(w->value, KeyOf(what, "workflow"))) {
      f.workflow = *id;
    }
  }
  if (const MapEntry* o = m->Find("once")) {
    if (auto b = r.Bool(o->value, KeyOf(what, "once"))) f.once = *b;
  }
  if (const MapEntry* n = m->Find("negative")) {
    const bool money = f.type == FieldType::kMoney || (f.type == FieldType::kList && f.element == FieldType::kMoney && of != nullptr);
    if (!money) {
      r.Error(n->key_node, Msg("{what}: 'negative' is only for money fields (or lists of money)", {{"what", what}}));
    } else if (auto b = r.Bool(n->value, KeyOf(what, "negative"))) {
      f.negative = *b;
    }
  }
  if (const MapEntry* l = m->Find("labels")) f.labels = r.ReadLabels(l->value, LabelsOf(what));
  def->fields.push_back(std::move(f));
}

void ReadStates(YamlReader& r, const MapEntry& entry, Definition* def) {
  auto m = r.Map(entry.value, Key("states"), {});
  if (!m) return;
  std::optional<std::size_t> first_initial;  // an index: def->states grows below
  for (const auto& e : m->entries()) {
    auto name = r.Identifier(e.key_node, Msg("state name"));
    const Msg what = Msg("state '{state}'", {{"state", Shown(e.key)}});
    auto spec = r.Map(e.value, what, {"initial", "terminal", "labels", "timers"});
    if (!name || !spec) continue;
    if (*name == "any") {
      r.Error(e.key_node, Msg("'any' cannot be a state name: `from: any` means every state"));
      continue;
    }
    StateDef s;
    s.name = *name;
    s.pos = YamlReader::Pos(e.key_node);
    for (const auto& k : spec->entries()) {
      if (k.key == "labels") {
        s.labels = r.ReadLabels(k.value, LabelsOf(what));
      } else if (k.key == "timers") {
        continue;  // read by ReadTimers once the transitions are known
      } else if (auto b = r.Bool(k.value, KeyOf(what, k.key))) {
        (k.key == "initial" ? s.initial : s.terminal) = *b;
      }
    }
    def->states.push_back(std::move(s));
    if (def->states.back().initial) {
      if (first_initial) {
        const StateDef& first = def->states[*first_initial];
        r.Error(e.key_node, Msg("{what} is marked initial, but '{first}' (line {line}) already is; a workflow has exactly one initial state",
                                {{"what", what}, {"first", Shown(first.name)}, {"line", first.pos.line}}));
        def->states.back().initial = false;
      } else {
        first_initial = def->states.size() - 1;
      }
    }
  }
  if (m->entries().empty()) r.Error(entry.value, Msg("states must declare at least one state"));
  if (def->InitialState() == nullptr && !m->entries().empty()) {
    r.Error(entry.key_node, Msg("no initial state: mark exactly one state with `initial: true`"));
  }
  bool terminal = false;
  for (const auto& s : def->states) terminal = terminal || s.terminal;
  if (!terminal && !m->entries().empty()) {
    r.Error(entry.key_node, Msg("no terminal state: mark at least one state with `terminal: true`"));
  }
}

std::vector<std::string> ReadFieldList(WorkflowParse& p, const YAML::Node& n, const Msg& what) {
  std::vector<std::string> out;
  if (!n.IsSequence()) {
    p.reader.Error(n, Msg("{what} must be a list of field names, e.g. [title, amount]", {{"what", what}}));
    return out;
  }
  for (const auto& e : n) {
    const FieldDef* f = ReadFieldRef(p, e, what);
    if (f == nullptr) continue;
    if (std::find(out.begin(), out.end(), f->name) != out.end()) {
      p.reader.Error(e, Msg("field '{field}' appears twice in {what}", {{"field", Shown(f->name)}, {"what", what}}));
      continue;
    }
    out.push_back(f->name);
  }
  return out;
}

std::string ReadStateRef(WorkflowParse& p, const YAML::Node& n, const Msg& what) {
  auto s = p.reader.Text(n, what);
  if (!s) return "";
  if (p.def.FindState(*s) == nullptr) {
    p.reader.Error(n, UnknownState(what, *s));
    return "";
  }
  return *s;
}

// The keys a transition shares with `create`.
void ReadTransitionBody(WorkflowParse& p, const MapView& m, const Msg& what, TransitionDef* t) {
  for (const auto& e : m.entries()) {
    if (e.key == "roles") {
      t->roles = p.reader.IdentifierList(e.value, KeyOf(what, "roles"));
    } else if (e.key == "roles_above") {
      t->roles_above = p.reader.IdentifierList(e.value, KeyOf(what, "roles_above"));
    } else if (e.key == "required") {
      t->required = ReadFieldList(p, e.value, KeyOf(what, "required"));
    } else if (e.key == "sets") {
      t->sets = ReadFieldList(p, e.value, KeyOf(what, "sets"));
    } else if (e.key == "when") {
      t->when = ParseWhen(p, e.value, 1);
    } else if (e.key == "effects") {
      if (!e.value.IsSequence()) {
        p.reader.Error(e.value, Msg("{what}: effects must be a list", {{"what", what}}));
        continue;
      }
      for (const auto& x : e.value) {
        if (auto eff = ParseEffect(p, x)) t->effects.push_back(std::move(*eff));
      }
    } else if (e.key == "labels") {
      t->labels = p.reader.ReadLabels(e.value, LabelsOf(what));
    }
  }
}

void ReadCreate(WorkflowParse& p, const MapEntry& entry) {
  auto m = p.reader.Map(entry.value, Key("create"), {"roles", "roles_above", "required", "sets", "when", "effects"});
  if (!m) return;
  TransitionDef& t = p.def.create;
  t.pos = YamlReader::Pos(entry.key_node);
  ReadTransitionBody(p, *m, Key("create"), &t);
}

void ReadTransition(WorkflowParse& p, const YAML::Node& n, std::size_t index,
                    std::map<std::pair<std::string, std::string>, int>* seen) {
  // Name the transition in every message about it, even ones about keys before `name:`.
  Msg what = Msg("transition #{n}", {{"n", index + 1}});
  if (n.IsMap()) {
    for (const auto& kv : n) {
      if (kv.first.IsScalar() && kv.first.Scalar() == "name" && kv.second.IsScalar() &&
          IsIdentifier(kv.second.Scalar())) {
        what = Msg("transition '{transition}'", {{"transition", Shown(kv.second.Scalar())}});
      }
    }
  }
  auto m = p.reader.Map(n, what,
                        {"name", "labels", "from", "to", "roles", "roles_above", "required", "sets",
                         "when", "effects"});
  if (!m) return;
  TransitionDef t;
  t.pos = YamlReader::Pos(n);
  const MapEntry* name = m->Find("name");
  if (name == nullptr) {
    p.reader.Error(n, Needs(what, "name"));
  } else if (auto id = p.reader.Identifier(name->value, KeyOf(what, "name"))) {
    t.name = *id;
    if (*id == "create") p.reader.Error(name->value, Msg("'create' is reserved: use the create: section"));
  }
  if (const MapEntry* from = m->Find("from")) {
    if (from->value.IsScalar() && from->value.Scalar() == "any") {
      t.from_any = true;
    } else if (from->value.IsSequence() && from->value.size() > 0) {
      for (const auto& s : from->value) {
        std::string st = ReadStateRef(p, s, KeyOf(what, "from"));
        if (st.empty()) continue;
        if (std::find(t.from.begin(), t.from.end(), st) != t.from.end()) {
          p.reader.Error(s, Msg("{what}: state '{state}' appears twice in from", {{"what", what}, {"state", Shown(st)}}));
        } else {
          t.from.push_back(st);
        }
      }
    } else if (from->value.IsScalar()) {
      std::string st = ReadStateRef(p, from->value, KeyOf(what, "from"));
      if (!st.empty()) t.from.push_back(st);
    } else {
      p.reader.Error(from->value, Msg("{what}: from must be a state, a list of states, or any", {{"what", what}}));
    }
  } else {
    p.reader.Error(n, Msg("{what} needs 'from' (a state, a list of states, or any)", {{"what", what}}));
  }
  if (const MapEntry* to = m->Find("to")) {
    t.to = ReadStateRef(p, to->value, KeyOf(what, "to"));
  } else {
    p.reader.Error(n, Needs(what, "to"));
  }
  ReadTransitionBody(p, *m, what, &t);
  if (!t.name.empty()) {
    std::vector<std::string> froms = t.from;
    if (t.from_any) {
      froms.clear();
      for (const auto& s : p.def.states) froms.push_back(s.name);
    }
    for (const auto& s : froms) {
      auto [it, inserted] = seen->emplace(std::make_pair(t.name, s), t.pos.line);
      if (!inserted) {
        p.reader.Error(name->value, Msg("duplicate transition '{transition}' from state '{state}' (also at line {line})",
                                        {{"transition", Shown(t.name)}, {"state", Shown(s)}, {"line", it->second}}));
        break;
      }
    }
  }
  p.def.transitions.push_back(std::move(t));
}

// publish: {when: BOOL_FIELD, fields: [FIELD, ...]}
void ReadPublication(YamlReader& r, const MapEntry& entry, Definition* def) {
  auto m = r.Map(entry.value, Key("publish"), {"when", "fields"});
  if (!m) return;
  Publication pub;
  pub.pos = YamlReader::Pos(entry.value);
  bool ok = true;
  auto field_named = [&](const YAML::Node& n, const char* what) -> const FieldDef* {
    auto name = r.Identifier(n, Key(what));
    if (!name) return nullptr;
    const FieldDef* f = def->FindField(*name);
    if (f == nullptr) r.Error(n, UnknownField(Key(what), *name));
    return f;
  };
  if (const MapEntry* w = m->Find("when")) {
    const FieldDef* f = field_named(w->value, "publish.when");
    if (f != nullptr && f->type != FieldType::kBool) {
      r.Error(w->value, Msg("publish.when names field '{field}', which is {type}, not bool",
                            {{"field", f->name}, {"type", FieldTypeName(f->type)}}));
      f = nullptr;
    }
    if (f != nullptr) pub.flag = f->name;
    ok = ok && f != nullptr;
  } else {
    r.Error(entry.value, Msg("publish needs 'when' (a bool field that marks an item public)"));
    ok = false;
  }
  if (const MapEntry* fs = m->Find("fields")) {
    if (!fs->value.IsSequence()) {
      r.Error(fs->value, Msg("publish.fields must be a list of fields"));
      ok = false;
    } else {
      for (const auto& n : fs->value) {
        const FieldDef* f = field_named(n, "publish.fields");
        if (f != nullptr) pub.fields.push_back(f->name);
        ok = ok && f != nullptr;
      }
    }
  }
  if (ok) def->publish = std::move(pub);
}

}  // namespace

Msg UnknownField(const Msg& what, const std::string& name) {
  return Msg("{what} names unknown field '{field}'", {{"what", what}, {"field", Shown(name)}});
}

Msg UnknownState(const Msg& what, const std::string& name) {
  return Msg("{what} names unknown state '{state}'", {{"what", what}, {"state", Shown(name)}});
}

Msg UnknownTransition(const Msg& what, const std::string& name) {
  return Msg("{what} names unknown transition '{transition}'", {{"what", what}, {"transition", Shown(name)}});
}

}  // namespace detail

std::optional<Definition> ParseWorkflow(std::string_view yaml_text, const std::string& file,
                                        std::vector<Diagnostic>* diags) {
  using namespace detail;
  YamlReader r(file, diags);
  YAML::Node root;
  auto top = r.LoadRoot(yaml_text, Msg("a workflow file"), Msg("the file is empty; a workflow needs id, version and states"),
                        {"id", "version", "labels", "fields", "states", "create", "transitions", "publish",
                         "checks", "value_labels"},
                        &root);
  if (!top) return std::nullopt;
  Definition def;
  def.pos = YamlReader::Pos(root);
  for (const char* key : {"id", "version", "states"}) {
    if (top->Find(key) == nullptr) r.Error(root, Msg("a workflow needs '{key}'", {{"key", key}}));
  }
  if (const MapEntry* e = top->Find("id")) {
    if (auto id = r.Identifier(e->value, Key("id"))) def.id = *id;
  }
  if (const MapEntry* e = top->Find("version")) {
    if (auto v = r.PositiveInteger(e->value, Key("version"))) def.version = *v;
  }
  if (const MapEntry* e = top->Find("labels")) def.labels = r.ReadLabels(e->value, Key("labels"));
  if (const MapEntry* e = top->Find("fields")) {
    if (auto m = r.Map(e->value, Key("fields"), {})) {
      for (const auto& f : m->entries()) ReadField(r, f, &def);
    }
  }
  if (const MapEntry* e = top->Find("states")) ReadStates(r, *e, &def);
  if (const MapEntry* e = top->Find("publish")) ReadPublication(r, *e, &def);
  if (const MapEntry* e = top->Find("value_labels")) ReadValueLabels(r, e->value, &def);

  def.create.name = "create";
  if (const StateDef* s = def.InitialState()) def.create.to = s->name;

  WorkflowParse p{r, def, {}, 0, false};
  const MapEntry* transitions = top->Find("transitions");
  if (transitions != nullptr && transitions->value.IsSequence()) {
    for (const auto& t : transitions->value) {
      if (!t.IsMap()) continue;
      for (const auto& kv : t) {
        if (kv.first.IsScalar() && kv.first.Scalar() == "name" && kv.second.IsScalar()) {
          p.transition_names.insert(kv.second.Scalar());
        }
      }
    }
  }
  if (const MapEntry* e = top->Find("create")) ReadCreate(p, *e);
  if (transitions != nullptr) {
    if (!transitions->value.IsSequence()) {
      r.Error(transitions->value, Msg("transitions must be a list"));
    } else {
      std::map<std::pair<std::string, std::string>, int> seen;
      std::size_t i = 0;
      for (const auto& t : transitions->value) ReadTransition(p, t, i++, &seen);
    }
  }
  if (const MapEntry* e = top->Find("states")) ReadTimers(p, e->value);
  if (const MapEntry* e = top->Find("checks")) ReadChecks(p, e->value);
  if (r.error_count() > 0) return std::nullopt;
  return def;
}

}  // namespace docket
