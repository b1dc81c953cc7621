// Effects of a transition: YAML -> core Effect. A `set` effect writes one field of the item;
// a `spawn` effect asks for child items of another workflow, whose field values come from
// literals, the parent's fields, the element of a list, or $now/$today/$actor. The child
// workflow itself is only known when the item is acted on (it may be loaded later), so
// child field names and literal values are checked then, against its definition.
#include <string>

#include "core/field.h"
#include "definition/workflow_parse.h"

namespace docket::detail {
namespace {

// {sha256_of: FIELD}: the SHA-256 of a text field (core/digest.h) into text field `f`.
std::optional<Effect> ParseSha256Of(WorkflowParse& p, const YAML::Node& vn, const FieldDef& f, Effect e) {
  auto m = p.reader.Map(vn, Msg("effect.value"), {"sha256_of"});
  if (!m) return std::nullopt;
  const YAML::Node* on = Need(p, *m, vn, "sha256_of", Msg("effect.value"));
  const FieldDef* of = on != nullptr ? ReadFieldRef(p, *on, Key("sha256_of")) : nullptr;
  if (of == nullptr) return std::nullopt;
  if (of->type != FieldType::kText) {
    p.reader.Error(*on, Msg("sha256_of hashes a text field; '{field}' is {type}",
                            {{"field", of->name}, {"type", FieldTypeName(of->type)}}));
    return std::nullopt;
  }
  if (f.type != FieldType::kText) {
    p.reader.Error(vn, Msg("{sha256_of: ...} gives a text (64 hex digits), but field '{field}' is {actual}",
                           {{"field", f.name}, {"actual", FieldTypeName(f.type)}}));
    return std::nullopt;
  }
  e.computed = Effect::Computed::kSha256Of;
  e.of = of->name;
  return e;
}

std::optional<Effect> ParseSetEffect(WorkflowParse& p, const YAML::Node& n, const MapView* m) {
  Effect e;
  e.kind = Effect::Kind::kSet;
  e.pos = YamlReader::Pos(n);
  const YAML::Node* sn = Need(p, *m, n, "set", Msg("effect"));
  const YAML::Node* vn = Need(p, *m, n, "value", Msg("effect"));
  const FieldDef* f = sn != nullptr ? ReadFieldRef(p, *sn, Key("effect.set")) : nullptr;
  if (f == nullptr || vn == nullptr) return std::nullopt;
  e.field = f->name;
  if (vn->IsNull()) return e;  // clears the field
  if (vn->IsMap()) return ParseSha256Of(p, *vn, *f, std::move(e));
  if (!vn->IsScalar()) {
    p.reader.Error(*vn, Msg("effect.value must be a single value, $now, $today, $actor, $report or {sha256_of: FIELD}"));
    return std::nullopt;
  }
  std::string text = vn->Scalar();
  if (text.size() > 1 && text[0] == '$' && text[1] != '$') {
    FieldType want = FieldType::kText;
    if (text == "$now") {
      e.computed = Effect::Computed::kNow;
      want = FieldType::kDateTime;
    } else if (text == "$today") {
      e.computed = Effect::Computed::kToday;
      want = FieldType::kDate;
    } else if (text == "$actor") {
      e.computed = Effect::Computed::kActor;
      want = FieldType::kPerson;
    } else if (text == "$report") {
      e.computed = Effect::Computed::kReport;  // the content hash of the item's derived report
      want = FieldType::kText;
    } else {
      p.reader.Error(*vn, Msg("unknown computed value '{value}'; expected $now, $today, $actor or $report (write $$ for a literal $)",
                              {{"value", Shown(text)}}));
      return std::nullopt;
    }
    if (f->type != want && f->type != FieldType::kText) {
      p.reader.Error(*vn, Msg("{value} gives a {type}, but field '{field}' is {actual}",
                              {{"value", text}, {"type", FieldTypeName(want)}, {"field", f->name},
                               {"actual", FieldTypeName(f->type)}}));
      return std::nullopt;
    }
    return e;
  }
  if (text.rfind("$$", 0) == 0) text.erase(0, 1);
  auto v = ParseFieldText(*f, text);
  if (!v.ok()) {
    p.reader.Error(*vn, Msg("bad effect value: {why}", {{"why", v.status().msg()}}));
    return std::nullopt;
  }
  e.value = std::move(v).value();
  return e;
}


std::optional<SpawnField> ParseSpawnField(WorkflowParse& p, const MapEntry& e, bool has_each) {
  SpawnField sf;
  sf.pos = YamlReader::Pos(e.value);
  auto name = p.reader.Identifier(e.key_node, Msg("spawn field"));
  if (!name) return std::nullopt;
  sf.field = *name;
  const Msg what = Msg("spawn field '{field}'", {{"field", Shown(sf.field)}});
  if (e.value.IsMap()) {
    auto m = p.reader.Map(e.value, what, {"from"});
    if (!m) return std::nullopt;
    const YAML::Node* from = Need(p, *m, e.value, "from", what);
    const FieldDef* f = from != nullptr ? ReadFieldRef(p, *from, Msg("spawn field from")) : nullptr;
    if (f == nullptr) return std::nullopt;
    sf.source = SpawnField::Source::kFrom;
    sf.from = f->name;
    return sf;
  }
  if (!e.value.IsScalar()) {
    p.reader.Error(e.value, Msg("{what} must be a value, {from: FIELD}, $each, $now, $today or $actor", {{"what", what}}));
    return std::nullopt;
  }
  std::string text = e.value.Scalar();
  if (text.size() > 1 && text[0] == '$' && text[1] != '$') {
    if (text == "$each" && has_each) {
      sf.source = SpawnField::Source::kEach;
    } else if (text == "$now") {
      sf.source = SpawnField::Source::kNow;
    } else if (text == "$today") {
      sf.source = SpawnField::Source::kToday;
    } else if (text == "$actor") {
      sf.source = SpawnField::Source::kActor;
    } else {
      const Msg::Arg value("value", Shown(text));
      p.reader.Error(e.value, has_each ? Msg("unknown computed value '{value}'; expected $each, $now, $today or $actor", {value})
                              : text == "$each"
                                  ? Msg("unknown computed value '{value}'; expected $now, $today or $actor ($each needs for_each)", {value})
                                  : Msg("unknown computed value '{value}'; expected $now, $today or $actor", {value}));
      return std::nullopt;
    }
    return sf;
  }
  if (text.rfind("$$", 0) == 0) text.erase(0, 1);
  sf.literal = text;
  return sf;
}

std::optional<Effect> ParseSpawnEffect(WorkflowParse& p, const YAML::Node& n, const MapView& m) {
  Effect e;
  e.kind = Effect::Kind::kSpawn;
  e.pos = YamlReader::Pos(n);
  bool ok = true;
  auto wf = p.reader.Identifier(m.Find("spawn")->value, Key("spawn"));
  if (wf) e.workflow = *wf;
  ok = ok && wf.has_value();
  if (const MapEntry* fe = m.Find("for_each")) {
    const FieldDef* f = ReadFieldRef(p, fe->value, Key("for_each"));
    if (f != nullptr && f->type != FieldType::kList) {
      p.reader.Error(fe->value, Msg("for_each names field '{field}', which is {type}, not a list",
                                    {{"field", f->name}, {"type", FieldTypeName(f->type)}}));
      f = nullptr;
    }
    if (f != nullptr) e.for_each = f->name;
    ok = ok && f != nullptr;
  }
  if (const MapEntry* fs = m.Find("fields")) {
    auto fm = p.reader.Map(fs->value, Msg("spawn fields"), {});
    if (!fm) return std::nullopt;
    for (const auto& entry : fm->entries()) {
      auto sf = ParseSpawnField(p, entry, !e.for_each.empty());
      if (sf) e.spawn_fields.push_back(std::move(*sf));
      ok = ok && sf.has_value();
    }
  }
  if (!ok) return std::nullopt;
  return e;
}

// {default: FIELD, from: {field: F} | {ref: ITEM_FIELD, field: F}}: the field, when it has no
// value after the actor's changes, takes the value the operand names.
std::optional<Effect> ParseDefaultEffect(WorkflowParse& p, const YAML::Node& n, const MapView& m) {
  Effect e;
  e.kind = Effect::Kind::kDefault;
  e.pos = YamlReader::Pos(n);
  for (const char* key : {"value", "for_each", "fields"}) {
    if (const MapEntry* x = m.Find(key)) {
      p.reader.Error(x->key_node, Msg("a default effect has no '{key}'; it copies from 'from'", {{"key", key}}));
      return std::nullopt;
    }
  }
  const FieldDef* f = ReadFieldRef(p, m.Find("default")->value, Key("effect.default"));
  const YAML::Node* fn = Need(p, m, n, "from", Msg("default effect"));
  if (f == nullptr || fn == nullptr) return std::nullopt;
  auto from = ReadOperand(p, *fn, Key("effect.from"));
  if (!from) return std::nullopt;
  if (from->source == Operand::Source::kValue) {
    p.reader.Error(*fn, Msg("effect.from names a field ({field: F} or {ref: ITEM_FIELD, field: F}); a literal is {set: F, value: X}"));
    return std::nullopt;
  }
  if (from->source == Operand::Source::kField) {
    const FieldDef* g = p.def.FindField(from->field);
    if (g != nullptr && (g->type != f->type || g->element != f->element)) {
      p.reader.Error(*fn, Msg("effect.from '{from}' is {type}, but field '{field}' is {actual}",
                              {{"from", g->name}, {"type", FieldTypeName(g->type)}, {"field", f->name},
                               {"actual", FieldTypeName(f->type)}}));
      return std::nullopt;
    }
  }
  // except: a person list of this item whose persons the copied list leaves out.
  if (const MapEntry* x = m.Find("except")) {
    const FieldDef* g = ReadFieldRef(p, x->value, Key("effect.except"));
    if (g == nullptr) return std::nullopt;
    if (!PersonListType(*g) || !PersonListType(*f)) {
      p.reader.Error(x->value, Msg("effect.except '{except}' leaves persons out of a list of person: '{except}' and '{field}' must both be lists of person",
                                   {{"except", g->name}, {"field", f->name}}));
      return std::nullopt;
    }
    e.except = g->name;
  }
  e.field = f->name;
  e.from = *from;
  return e;
}

}  // namespace

std::optional<Effect> ParseEffect(WorkflowParse& p, const YAML::Node& n) {
  auto m = p.reader.Map(n, Msg("effect"), {"set", "value", "spawn", "for_each", "fields", "default", "from", "except"});
  if (!m) return std::nullopt;
  const bool set = m->Find("set") != nullptr, spawn = m->Find("spawn") != nullptr;
  const bool dflt = m->Find("default") != nullptr;
  if (int(set) + int(spawn) + int(dflt) != 1) {
    p.reader.Error(n, Msg("an effect is either {set: FIELD, value: X}, {default: FIELD, from: {ref: ITEM_FIELD, field: F}} or {spawn: WORKFLOW, for_each: LIST_FIELD, fields: {...}}"));
    return std::nullopt;
  }
  if (dflt) return ParseDefaultEffect(p, n, *m);
  for (const char* key : {"from", "except"}) {
    if (const MapEntry* x = m->Find(key)) {
      p.reader.Error(x->key_node, Msg("'{key}' belongs to a default effect, {default: FIELD, from: ...}", {{"key", key}}));
      return std::nullopt;
    }
  }
  if (spawn) {
    if (const MapEntry* v = m->Find("value")) {
      p.reader.Error(v->key_node, Msg("a spawn effect has no 'value'; give the child's values under 'fields'"));
      return std::nullopt;
    }
    return ParseSpawnEffect(p, n, *m);
  }
  for (const char* key : {"for_each", "fields"}) {
    if (const MapEntry* x = m->Find(key)) {
      p.reader.Error(x->key_node, Msg("'{key}' belongs to a spawn effect, not a set effect", {{"key", key}}));
      return std::nullopt;
    }
  }
  return ParseSetEffect(p, n, &*m);
}

}  // namespace docket::detail
