#include "core/transition.h"

#include <algorithm>

#include "core/condition.h"
#include "core/field.h"
#include "core/field_rules.h"

namespace docket {
namespace {

std::string Join(const std::vector<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ", ") + x;
  return out;
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

Status ForbiddenFor(const Definition& def, const TransitionDef& t, const Actor& actor) {
  if (t.name == "create" && t.roles.empty() && t.roles_above.empty()) {
    return Status::Forbidden("'" + actor.id + "' may not create an item of workflow '" + def.id +
                             "': no one creates one directly; the action of another item spawns it");
  }
  std::string needs = Join(t.roles);
  if (!t.roles_above.empty()) {
    needs += std::string(needs.empty() ? "" : "; or ") + Join(t.roles_above) + " in a supervising organization";
  }
  if (needs.empty()) needs = "(no role may take it)";
  std::string holds = Join(actor.roles);
  if (!actor.roles_above.empty()) holds += std::string(holds.empty() ? "" : "; ") + "above: " + Join(actor.roles_above);
  return Status::Forbidden("'" + actor.id + "' may not take action '" + t.name + "': it needs one of the roles " +
                           needs + "; '" + actor.id + "' holds " + (holds.empty() ? "no role here" : holds));
}

Value ComputedValue(const Effect& e, const Request& req, const ItemFacts& facts) {
  switch (e.computed) {
    case Effect::Computed::kNow: return Value(FormatTime(req.now));
    case Effect::Computed::kToday: return Value(FormatDate(req.now));
    case Effect::Computed::kActor: return Value(req.actor.id);
    case Effect::Computed::kReport: return facts.report_hash ? Value(*facts.report_hash) : Value();
    case Effect::Computed::kNone: break;
  }
  return e.value;
}

// The children one spawn effect asks for, with values taken from the parent's `fields`.
void AppendSpawns(const Effect& e, const FieldMap& fields, const Request& req,
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
        case SpawnField::Source::kToday: child.values[sf.field] = Value(FormatDate(req.now)); break;
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
                  const Request& req, const ItemFacts& facts) {
  static const Actor kNobody{};
  for (const CheckDef& c : def.checks) {
    if (!c.refuse || !c.when || !c.AppliesIn(t.to)) continue;
    ConditionContext after{def, fields, kNobody, facts, req.now, &item};
    auto why = Evaluate(*c.when, after);
    if (!why) continue;
    if (item.id != 0 && item.state == t.to) {
      ConditionContext before{def, item.fields, kNobody, facts, req.now, &item};
      if (Evaluate(*c.when, before)) continue;
    }
    std::string text = c.message.en.empty() ? c.message.zh : c.message.en;
    if (!c.message.en.empty() && !c.message.zh.empty()) text += " (" + c.message.zh + ")";
    return Status::Refused("action '" + t.name + "' refused: " + (c.rule.empty() ? "" : c.rule + ": ") + text +
                           " [check '" + c.name + "': " + *why + "]");
  }
  return Status::Ok();
}

// Runs one transition on `item` (for create: an empty item). Shared by Create and Apply.
Result<Outcome> Run(const Definition& def, const TransitionDef& t, const Item& item,
                    const Request& req, const ItemFacts& facts) {
  auto role = RoleUsed(t, req.actor);
  if (!role) return ForbiddenFor(def, t, req.actor);

  FieldMap fields = item.fields;
  for (const auto& [name, value] : req.submitted) {
    const FieldDef* f = def.FindField(name);
    if (f == nullptr) {
      return Status::Invalid("workflow '" + def.id + "' has no field '" + name + "'");
    }
    if (!t.MaySet(name)) {
      std::vector<std::string> settable = t.sets;
      settable.insert(settable.end(), t.required.begin(), t.required.end());
      return Status::Invalid("action '" + t.name + "' may not set field '" + name + "'" +
                             (settable.empty() ? std::string(" (it sets no fields)")
                                               : " (it may set: " + Join(settable) + ")"));
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
    Value v = ComputedValue(e, req, facts);
    if (v.is_null()) {
      fields.erase(e.field);
    } else {
      fields[e.field] = std::move(v);
    }
  }
  ApplyDefaults(t, facts, &fields);
  DOCKET_RETURN_IF_ERROR(KeepOnceFields(def, t, item.fields, fields));
  for (const auto& name : t.required) {
    auto it = fields.find(name);
    if (it == fields.end() || it->second.is_null()) {
      const FieldDef* f = def.FindField(name);
      std::string label = f && !f->labels.zh.empty() ? " (" + f->labels.zh + ")" : "";
      return Status::Invalid("action '" + t.name + "' requires field '" + name + "'" + label +
                             "; give it with --set " + name + "=VALUE");
    }
  }
  if (t.when) {
    ConditionContext ctx{def, fields, req.actor, facts, req.now, &item};
    if (auto why = Evaluate(*t.when, ctx)) {
      return Status::Refused("action '" + t.name + "' refused: " + *why);
    }
  }
  DOCKET_RETURN_IF_ERROR(HoldChecks(def, t, item, fields, req, facts));

  Outcome out;
  for (const auto& e : t.effects) {
    if (e.kind == Effect::Kind::kSpawn) AppendSpawns(e, fields, req, &out.spawns);
  }
  out.item = item;
  out.item.fields = fields;
  out.item.state = t.to;
  out.item.version = item.version + 1;
  out.item.updated_at = req.now;

  ActionRecord& rec = out.record;
  rec.action = t.name;
  rec.actor = req.actor.id;
  rec.role = *role;
  rec.from_state = item.state;
  rec.to_state = t.to;
  rec.item_version = out.item.version;
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
  if (initial == nullptr) return Status::Invalid("workflow '" + def.id + "' has no initial state");
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
    for (const auto& tr : def.transitions) {
      if (def.FindTransition(tr.name, item.state) != nullptr &&
          std::find(possible.begin(), possible.end(), tr.name) == possible.end()) {
        possible.push_back(tr.name);
      }
    }
    std::string here = possible.empty() ? "no action is possible there" : "possible there: " + Join(possible);
    if (!def.HasTransitionNamed(req.action)) {
      return Status::Refused("workflow '" + def.id + "' has no action '" + req.action + "'; item #" +
                             std::to_string(item.id) + " is in state '" + item.state + "', " + here);
    }
    return Status::Refused("action '" + req.action + "' is not possible from state '" + item.state +
                           "' (item #" + std::to_string(item.id) + "); " + here);
  }
  return Run(def, *t, item, req, facts);
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

}  // namespace docket
