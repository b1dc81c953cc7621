#include "core/condition_needs.h"

#include "core/condition.h"

namespace docket {

std::vector<const Condition*> ConditionsOf(const Definition& def, bool for_checks, const std::string& state) {
  std::vector<const Condition*> out;
  if (for_checks) {
    for (const CheckDef& c : def.checks) {
      if (c.when && c.AppliesIn(state)) out.push_back(&*c.when);
    }
    return out;
  }
  if (def.create.when) out.push_back(&*def.create.when);
  for (const TransitionDef& t : def.transitions) {
    if (t.when) out.push_back(&*t.when);
  }
  for (const CheckDef& c : def.checks) {
    if (c.refuse && c.when) out.push_back(&*c.when);  // held on every action (core/transition.h)
  }
  return out;
}

namespace {

void CollectNeeds(const Condition& c, ConditionNeeds* n) {
  auto operand = [&](const Operand& o) { n->refs = n->refs || o.source == Operand::Source::kRef; };
  switch (c.kind) {
    case Condition::Kind::kQuorum:
    case Condition::Kind::kMajority:
    case Condition::Kind::kMemberOf:
      n->bodies = true;
      operand(c.body);
      break;
    case Condition::Kind::kLookup:
      n->tables.insert(c.table);
      operand(c.key);
      operand(c.expected);
      break;
    case Condition::Kind::kRefInState: n->refs = true; break;
    case Condition::Kind::kChildrenTerminal: n->children = true; break;
    case Condition::Kind::kDeadline: n->calendar = n->zone = true; break;  // the zone: its words' times
    case Condition::Kind::kCompare: n->zone = n->zone || c.moment == Condition::Moment::kToday; break;
    case Condition::Kind::kLastOfRole:
      if (!c.roles.empty()) n->role_ballots[c.roles[0]].insert(c.ballot);
      break;
    case Condition::Kind::kRole:
      if (!c.field.empty()) {
        for (const std::string& r : c.roles) n->role_ballots[r].insert(c.field);
      }
      break;
    case Condition::Kind::kSubset:
    case Condition::Kind::kDisjoint:
      operand(c.expected);
      operand(c.subject);
      for (const Operand& o : c.also) operand(o);
      break;
    case Condition::Kind::kNextAfter:
    case Condition::Kind::kNoneOpen:
      n->org_items.insert(c.workflow);
      for (const std::string* f : {&c.field, &c.where_field}) {
        if (!f->empty()) n->org_item_fields[c.workflow].insert(*f);
      }
      n->zone = true;  // a bare date there is a day on the organization's clock
      break;
    default: break;
  }
  for (const Condition& op : c.operands) CollectNeeds(op, n);
}

void CollectFieldsRead(const Condition& c, std::set<std::string>* out) {
  auto add = [&](const std::string& f) {
    if (!f.empty()) out->insert(f);
  };
  auto operand = [&](const Operand& o) {
    if (o.source == Operand::Source::kField) add(o.field);
    if (o.source == Operand::Source::kRef) add(o.ref);
  };
  // next_after's and none_open's `field` is the other items' (the meetings' held_at).
  const bool others_field = c.kind == Condition::Kind::kNextAfter || c.kind == Condition::Kind::kNoneOpen;
  if (!others_field) add(c.field);  // present, compare, role with field, ref_state, not_listed, ...
  add(c.present);
  add(c.ballot);
  add(c.ref);
  add(c.after);
  add(c.before);
  operand(c.body);
  operand(c.key);
  operand(c.expected);
  operand(c.subject);
  for (const Operand& o : c.also) operand(o);
  for (const Condition& op : c.operands) CollectFieldsRead(op, out);
}

}  // namespace

std::set<std::string> FieldsRead(const Condition& c) {
  std::set<std::string> out;
  CollectFieldsRead(c, &out);
  return out;
}

ConditionNeeds NeedsOf(const Definition& def, bool for_checks, const std::string& state, const FieldMap& fields) {
  ConditionNeeds n;
  if (!for_checks) {
    // A default effect copying a field of a referenced item reads that item.
    const auto effects_of = [&](const TransitionDef& t) {
      for (const Effect& e : t.effects) {
        if (e.kind == Effect::Kind::kDefault && e.from.source == Operand::Source::kRef) n.refs = true;
        if (e.computed == Effect::Computed::kToday) n.zone = true;
        for (const SpawnField& sf : e.spawn_fields) n.zone = n.zone || sf.source == SpawnField::Source::kToday;
      }
    };
    effects_of(def.create);
    for (const TransitionDef& t : def.transitions) effects_of(t);
  }
  for (const Condition* c : ConditionsOf(def, for_checks, state)) {
    CollectNeeds(*c, &n);
    n.history = n.history || ReadsHistory(*c, def, state, fields);
  }
  return n;
}

}  // namespace docket
