#include "core/transition.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "core/condition.h"
#include "core/field.h"
#include "core/field_rules.h"

namespace docket {
namespace {

std::string JoinNames(const std::vector<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ", ") + x;
  return out;
}

// An action's name as a person reads it.
Msg ActionName(const Definition& def, const std::string& name) {
  for (const auto& t : def.transitions) {
    if (t.name == name) return Msg::Named(t.labels, name);
  }
  return Msg::Literal(name);
}

Msg StateName(const Definition& def, const std::string& name) {
  const StateDef* s = def.FindState(name);
  return s == nullptr ? Msg::Literal(name) : Msg::Named(s->labels, name);
}

// The role the actor acts in, or nullopt when they hold none the transition allows.
std::optional<std::string> RoleUsed(const TransitionDef& t, const Actor& actor) {
  if (actor.system) return std::string("system");
  for (const auto& r : t.roles) {
    if (std::find(actor.roles.begin(), actor.roles.end(), r) != actor.roles.end()) return r;
  }
  for (const auto& r : t.roles_above) {
    if (std::find(actor.roles_above.begin(), actor.roles_above.end(), r) != actor.roles_above.end()) {
      return "above:" + r;
    }
  }
  return std::nullopt;
}

}  // namespace

bool HoldsRoleFor(const TransitionDef& t, const Actor& actor) { return RoleUsed(t, actor).has_value(); }

namespace {

Status ForbiddenFor(const Definition& def, const TransitionDef& t, const Actor& actor, const RoleLabels& labels) {
  if (t.name == "create" && t.roles.empty() && t.roles_above.empty()) {
    return Status::Forbidden(Msg(
        "'{actor}' may not create an item of workflow '{workflow}': no one creates one directly; the action of another item spawns it",
        {{"actor", actor.id}, {"workflow", def.id}}));
  }
  std::vector<Msg> needs;
  if (!t.roles.empty()) needs.push_back(RoleNames(labels, t.roles));
  if (!t.roles_above.empty()) {
    Msg above = RoleNames(labels, t.roles_above);
    needs.push_back(needs.empty() ? Msg("{roles} in a supervising organization", {{"roles", std::move(above)}})
                                  : Msg("or {roles} in a supervising organization", {{"roles", std::move(above)}}));
  }
  if (needs.empty()) needs.push_back(Msg("(no role may take it)"));
  std::vector<Msg> holds;
  if (!actor.roles.empty()) holds.push_back(RoleNames(labels, actor.roles));
  if (!actor.roles_above.empty()) holds.push_back(Msg("above: {roles}", {{"roles", RoleNames(labels, actor.roles_above)}}));
  if (holds.empty()) holds.push_back(Msg("no role here"));
  return Status::Forbidden(Msg("'{actor}' may not take action '{action}': it needs one of the roles {needs}; '{actor}' holds {holds}",
                               {{"actor", actor.id}, {"action", ActionName(def, t.name)},
                                {"needs", Msg::Join(std::move(needs), Msg::Semicolon())},
                                {"holds", Msg::Join(std::move(holds), Msg::Semicolon())}}));
}

// A refusal of action `t`: "action 'adopt' refused: <why>" (RefusalWhy reads <why> back).
constexpr std::string_view kRefusal = "action '{action}' refused: {why}";
Status Refusal(const Definition& def, const TransitionDef& t, Msg why) {
  return Status::Refused(Msg("action '{action}' refused: {why}", {{"action", ActionName(def, t.name)}, {"why", std::move(why)}}));
}

Value ComputedValue(const Effect& e, const Request& req, const ItemFacts& facts) {
  switch (e.computed) {
    case Effect::Computed::kNow: return Value(FormatTime(req.now));
    case Effect::Computed::kToday: return Value(FormatDateIn(req.now, ItemZone(facts)));
    case Effect::Computed::kActor: return Value(req.actor.id);
    case Effect::Computed::kReport: return facts.report_hash ? Value(*facts.report_hash) : Value();
    case Effect::Computed::kSha256Of:  // read from the fields: HashedValue
    case Effect::Computed::kNone: break;
  }
  return e.value;
}

// {sha256_of: F}: the digest of text field F as the transition leaves it so far (the actor's
// changes and the effects before this one); no value when F has none, or when judging with
// F still to be typed. Internal when the caller passed no digest.
Result<Value> HashedValue(const Effect& e, const FieldMap& fields, const ItemFacts& facts,
                          const std::set<std::string>* unknown) {
  if (unknown != nullptr && unknown->count(e.of)) return Value();
  auto it = fields.find(e.of);
  if (it == fields.end() || !it->second.is_string()) return Value();
  if (facts.digest == nullptr) {
    return Status::Internal(Msg("no digest was given for the effect {sha256_of: {field}}", {{"field", e.of}}));
  }
  return Value(facts.digest->Sha256Hex(it->second.as_string()));
}

// The children one spawn effect asks for, with values taken from the parent's `fields`.
void AppendSpawns(const Effect& e, const FieldMap& fields, const Request& req, const ItemFacts& facts,
                  std::vector<SpawnRequest>* out) {
  List each{Value()};  // one child, with no element, unless for_each names a list
  if (!e.for_each.empty()) {
    auto it = fields.find(e.for_each);
    if (it == fields.end() || it->second.is_null()) return;
    each = it->second.is_list() ? it->second.as_list() : List{it->second};
  }
  for (const Value& element : each) {
    SpawnRequest child;
    child.workflow = e.workflow;
    for (const auto& sf : e.spawn_fields) {
      switch (sf.source) {
        case SpawnField::Source::kLiteral: child.texts.emplace_back(sf.field, sf.literal); break;
        case SpawnField::Source::kFrom: {
          auto it = fields.find(sf.from);
          if (it != fields.end()) child.values[sf.field] = it->second;
          break;
        }
        case SpawnField::Source::kEach: child.values[sf.field] = element; break;
        case SpawnField::Source::kNow: child.values[sf.field] = Value(FormatTime(req.now)); break;
        case SpawnField::Source::kToday: child.values[sf.field] = Value(FormatDateIn(req.now, ItemZone(facts))); break;
        case SpawnField::Source::kActor: child.values[sf.field] = Value(req.actor.id); break;
      }
    }
    out->push_back(std::move(child));
  }
}

// The refusing checks (CheckDef::refuse) that the item would break by this transition: one
// that applies in the state it goes to and fails on the fields after it, unless the item
// stays in a state where the check failed already before (a record from before the check).
Status HoldChecks(const Definition& def, const TransitionDef& t, const Item& item, const FieldMap& fields,
                  const Request& req, const ItemFacts& facts, const std::set<std::string>* unknown) {
  static const Actor kNobody{};
  for (const CheckDef& c : def.checks) {
    if (!c.refuse || !c.when || !c.AppliesIn(t.to)) continue;
    ConditionContext after{def, fields, kNobody, facts, req.now, &item, unknown};
    auto why = Evaluate(*c.when, after);
    if (!why) continue;
    if (item.id != 0 && item.state == t.to) {
      ConditionContext before{def, item.fields, kNobody, facts, req.now, &item};
      if (Evaluate(*c.when, before)) continue;
    }
    return Refusal(def, t, RuleMessage(c.rule, c.message, Msg("check '{check}': {why}", {{"check", c.name}, {"why", *why}})));
  }
  return Status::Ok();
}

// Runs one transition on `item` (for create: an empty item). Shared by Create, Apply and
// Judge; for Judge, `unknown` names the fields the person has yet to type: a missing one is
// no refusal, and a condition that reads one is left to the action itself.
Result<Outcome> Run(const Definition& def, const TransitionDef& t, const Item& item,
                    const Request& req, const ItemFacts& facts, const std::set<std::string>* unknown = nullptr) {
  auto role = RoleUsed(t, req.actor);
  if (!role) return ForbiddenFor(def, t, req.actor, facts.role_labels);

  FieldMap fields = item.fields;
  for (const auto& [name, value] : req.submitted) {
    const FieldDef* f = def.FindField(name);
    if (f == nullptr) {
      return Status::Invalid(Msg("workflow '{workflow}' has no field '{field}'", {{"workflow", def.id}, {"field", name}}));
    }
    if (!t.MaySet(name)) {
      std::vector<std::string> settable = t.sets;
      settable.insert(settable.end(), t.required.begin(), t.required.end());
      if (settable.empty()) {
        return Status::Invalid(Msg("action '{action}' may not set field '{field}' (it sets no fields)",
                                   {{"action", ActionName(def, t.name)}, {"field", name}}));
      }
      return Status::Invalid(Msg("action '{action}' may not set field '{field}' (it may set: {fields})",
                                 {{"action", ActionName(def, t.name)}, {"field", name}, {"fields", JoinNames(settable)}}));
    }
    DOCKET_ASSIGN_OR_RETURN(auto normal, NormalizeFieldValue(*f, value));
    if (normal.is_null()) {
      fields.erase(name);
    } else {
      fields[name] = std::move(normal);
    }
  }
  for (const auto& e : t.effects) {
    if (e.kind != Effect::Kind::kSet) continue;
    Value v;
    if (e.computed == Effect::Computed::kSha256Of) {
      DOCKET_ASSIGN_OR_RETURN(v, HashedValue(e, fields, facts, unknown));
    } else {
      v = ComputedValue(e, req, facts);
    }
    if (v.is_null()) {
      fields.erase(e.field);
    } else {
      fields[e.field] = std::move(v);
    }
  }
  ApplyDefaults(t, facts, &fields);
  DOCKET_RETURN_IF_ERROR(KeepOnceFields(def, t, item.fields, fields));
  for (const auto& name : t.required) {
    if (unknown != nullptr && unknown->count(name)) continue;
    auto it = fields.find(name);
    if (it == fields.end() || it->second.is_null()) {
      const FieldDef* f = def.FindField(name);
      return Status::Invalid(Msg("action '{action}' requires field '{field}'",
                                 {{"action", ActionName(def, t.name)},
                                  {"field", f == nullptr ? Msg::Literal(name) : Msg::Named(f->labels, name)}}));
    }
  }
  if (t.when) {
    ConditionContext ctx{def, fields, req.actor, facts, req.now, &item, unknown, &t.name};
    if (auto why = Evaluate(*t.when, ctx)) {
      return Refusal(def, t, std::move(*why));
    }
  }
  DOCKET_RETURN_IF_ERROR(HoldChecks(def, t, item, fields, req, facts, unknown));

  Outcome out;
  for (const auto& e : t.effects) {
    if (e.kind == Effect::Kind::kSpawn) AppendSpawns(e, fields, req, facts, &out.spawns);
  }
  ActionRecord& rec = out.record;
  rec.action = t.name;
  rec.actor = req.actor.id;
  rec.role = *role;
  rec.from_state = item.state;
  rec.to_state = t.to;
  rec.item_version = item.version + 1;
  rec.time = req.now;
  // Both maps are ordered by name, so the changes come out sorted by field.
  for (const auto& [name, after] : fields) {
    auto old = item.fields.find(name);
    if (old == item.fields.end()) {
      rec.changes.push_back({name, Value(), after});
    } else if (!(old->second == after)) {
      rec.changes.push_back({name, old->second, after});
    }
  }
  for (const auto& [name, before] : item.fields) {
    if (!fields.count(name)) rec.changes.push_back({name, before, Value()});
  }
  std::sort(rec.changes.begin(), rec.changes.end(),
            [](const FieldChange& a, const FieldChange& b) { return a.field < b.field; });
  // The item after: every member of Item (core/item.h) set here, its fields moved in rather
  // than copied with the item and then again.
  out.item.id = item.id;
  out.item.org = item.org;
  out.item.workflow = item.workflow;
  out.item.workflow_version = item.workflow_version;
  out.item.state = t.to;
  out.item.fields = std::move(fields);
  out.item.parent = item.parent;
  out.item.version = item.version + 1;
  out.item.created_at = item.created_at;
  out.item.updated_at = req.now;
  return out;
}

}  // namespace

Result<Outcome> Create(const Definition& def, const std::string& org, const Request& req,
                       const ItemFacts& facts) {
  Item blank;
  blank.org = org;
  blank.workflow = def.id;
  blank.workflow_version = def.version;
  blank.created_at = req.now;
  const StateDef* initial = def.InitialState();
  if (initial == nullptr) return Status::Invalid(Msg("workflow '{workflow}' has no initial state", {{"workflow", def.id}}));
  TransitionDef create = def.create;
  create.name = "create";
  create.to = initial->name;
  return Run(def, create, blank, req, facts);
}

Result<Outcome> Apply(const Definition& def, const Item& item, const Request& req,
                      const ItemFacts& facts) {
  const TransitionDef* t = def.FindTransition(req.action, item.state);
  if (t == nullptr) {
    std::vector<std::string> possible;
    std::vector<Msg> possible_names;
    for (const auto& tr : def.transitions) {
      if (def.FindTransition(tr.name, item.state) != nullptr &&
          std::find(possible.begin(), possible.end(), tr.name) == possible.end()) {
        possible.push_back(tr.name);
        possible_names.push_back(Msg::Named(tr.labels, tr.name));
      }
    }
    Msg here = possible.empty() ? Msg("no action is possible there")
                                : Msg("possible there: {actions}", {{"actions", Msg::Join(std::move(possible_names), Msg::ListSeparator())}});
    if (!def.HasTransitionNamed(req.action)) {
      return Status::Refused(Msg("workflow '{workflow}' has no action '{action}'; item #{id} is in state '{state}', {here}",
                                 {{"workflow", def.id}, {"action", req.action}, {"id", item.id},
                                  {"state", StateName(def, item.state)}, {"here", here}}));
    }
    return Status::Refused(Msg("action '{action}' is not possible from state '{state}' (item #{id}); {here}",
                               {{"action", ActionName(def, req.action)}, {"state", StateName(def, item.state)},
                                {"id", item.id}, {"here", here}}));
  }
  return Run(def, *t, item, req, facts);
}

Status Judge(const Definition& def, const Item& item, const Request& req, const ItemFacts& facts) {
  const TransitionDef* t = def.FindTransition(req.action, item.state);
  if (t == nullptr) return Apply(def, item, req, facts).status();  // its refusal, in its words
  // What the person may type; a field an effect sets is known (the effect wins).
  std::set<std::string> unknown(t->required.begin(), t->required.end());
  unknown.insert(t->sets.begin(), t->sets.end());
  for (const Effect& e : t->effects) {
    if (e.kind == Effect::Kind::kSet) unknown.erase(e.field);
  }
  Request dry = req;
  dry.submitted.clear();
  return Run(def, *t, item, dry, facts, &unknown).status();
}

std::vector<std::int64_t> ReferencedItems(const Definition& def, const FieldMap& fields) {
  std::vector<std::int64_t> ids;
  for (const auto& [name, v] : fields) {
    const FieldDef* f = def.FindField(name);
    if (f == nullptr) continue;
    if (f->type == FieldType::kItem && v.is_int()) ids.push_back(v.as_int());
    if (f->type == FieldType::kList && f->element == FieldType::kItem && v.is_list()) {
      for (const auto& e : v.as_list()) {
        if (e.is_int()) ids.push_back(e.as_int());
      }
    }
  }
  return ids;
}

Result<std::string> ImportRole(const Actor& actor, const std::string& org) {
  for (const char* r : {"secretary", "clerk"}) {
    if (std::find(actor.roles.begin(), actor.roles.end(), r) != actor.roles.end()) return std::string(r);
  }
  return Status::Forbidden(Msg("'{person}' may not import records into organization '{org}': only its secretary or clerk may",
                               {{"person", actor.id}, {"org", org}}));
}

const Msg* RefusalWhy(const Msg& msg) {
  if (msg.kind() != Msg::Kind::kTemplate || msg.text() != kRefusal) return nullptr;
  for (const Msg::Arg& a : msg.args()) {
    if (a.name == "why") return &a.value;
  }
  return nullptr;
}

}  // namespace docket
