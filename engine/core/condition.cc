#include "core/condition.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/condition_org.h"
#include "core/condition_persons.h"
#include "core/condition_record.h"
#include "core/field.h"

namespace docket {
namespace {

std::string Join(const std::vector<std::string>& xs, const char* sep = ", ") {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : sep) + x;
  return out;
}

std::string JoinValues(const std::vector<Value>& vs) {
  std::vector<std::string> xs;
  for (const auto& v : vs) xs.push_back(v.ToText());
  return Join(xs);
}

bool Contains(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

const Value& FieldValue(const ConditionContext& ctx, const std::string& name) {
  static const Value kNull;
  auto it = ctx.fields.find(name);
  return it == ctx.fields.end() ? kNull : it->second;
}

std::string OperandName(const Operand& o) {
  switch (o.source) {
    case Operand::Source::kField: return o.field;
    case Operand::Source::kRef: return o.ref + "." + o.field;
    case Operand::Source::kValue: return "'" + o.value + "'";
  }
  return "?";
}

// The text of `o`, or nullopt with `why` set when it has none.
std::optional<std::string> ReadOperand(const Operand& o, const ConditionContext& ctx, std::string* why) {
  if (o.source == Operand::Source::kValue) return o.value;
  if (o.source == Operand::Source::kField) {
    const Value& v = FieldValue(ctx, o.field);
    if (v.is_null()) {
      *why = "field '" + o.field + "' has no value";
      return std::nullopt;
    }
    return v.ToText();
  }
  const Value& ref = FieldValue(ctx, o.ref);
  if (!ref.is_int()) {
    *why = "field '" + o.ref + "' does not reference an item";
    return std::nullopt;
  }
  const std::string item = "item #" + std::to_string(ref.as_int());
  auto it = ctx.facts.refs.find(ref.as_int());
  if (it == ctx.facts.refs.end()) {
    *why = item + " referenced by '" + o.ref + "' does not exist";
    return std::nullopt;
  }
  auto f = it->second.fields.find(o.field);
  if (f == it->second.fields.end() || f->second.is_null()) {
    *why = OperandName(o) + " (field '" + o.field + "' of " + item + ") has no value";
    return std::nullopt;
  }
  return f->second.ToText();
}

// The body `o` names in the item's organization, or nullptr with `why` set.
const Body* ReadBody(const Operand& o, const ConditionContext& ctx, std::string* why) {
  auto id = ReadOperand(o, ctx, why);
  if (!id) return nullptr;
  auto it = ctx.facts.bodies.find(*id);
  if (it == ctx.facts.bodies.end()) {
    *why = "this organization has no body '" + *id + "' (named by " + OperandName(o) + ")";
    return nullptr;
  }
  return &it->second;
}

// A ballot field's positions as (person, choice), in the order they were stated.
std::vector<std::pair<std::string, std::string>> Positions(const ConditionContext& ctx, const std::string& field) {
  std::vector<std::pair<std::string, std::string>> out;
  const Value& v = FieldValue(ctx, field);
  if (!v.is_list()) return out;
  for (const Value& e : v.as_list()) {
    if (!e.is_list() || e.as_list().size() != 2) continue;
    const List& pair = e.as_list();
    if (pair[0].is_string() && pair[1].is_string()) out.emplace_back(pair[0].as_string(), pair[1].as_string());
  }
  return out;
}

// The persons a field names: a person, a list of persons, or (for a ballot) the persons
// whose position is `choice` (every person with a position when `choice` is empty).
std::set<std::string> Persons(const ConditionContext& ctx, const std::string& field, const std::string& choice) {
  std::set<std::string> out;
  const FieldDef* f = ctx.def.FindField(field);
  if (f != nullptr && f->type == FieldType::kBallot) {
    for (const auto& [person, c] : Positions(ctx, field)) {
      if (choice.empty() || c == choice) out.insert(person);
    }
    return out;
  }
  const Value& v = FieldValue(ctx, field);
  if (v.is_string()) out.insert(v.as_string());
  if (v.is_list()) {
    for (const Value& e : v.as_list()) {
      if (e.is_string()) out.insert(e.as_string());
    }
  }
  return out;
}

std::string ThresholdText(const Threshold& t) {
  return std::string(t.strict ? "more than " : "at least ") + std::to_string(t.num) + "/" + std::to_string(t.den);
}

bool Reaches(const Threshold& t, std::int64_t count, std::int64_t base) {
  if (base <= 0) return false;
  return t.strict ? count * t.den > t.num * base : count * t.den >= t.num * base;
}

std::string Ordinal(std::size_t n) {
  const char* suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}

std::optional<std::string> EvaluateQuorum(const Condition& c, const ConditionContext& ctx) {
  std::string why;
  const Body* body = ReadBody(c.body, ctx, &why);
  if (body == nullptr) return why;
  std::set<std::string> present = Persons(ctx, c.present, "");
  std::int64_t n = static_cast<std::int64_t>(body->members.size());
  std::int64_t here = 0;
  std::vector<std::string> missing;
  for (const auto& m : body->members) {
    if (present.count(m)) {
      ++here;
    } else {
      missing.push_back(m);
    }
  }
  if (Reaches(c.threshold, here, n)) return std::nullopt;
  if (n == 0) return "quorum not met: body '" + body->id + "' has no members";
  return "quorum not met: " + std::to_string(here) + " of " + std::to_string(n) + " members of '" + body->id +
         "' present, " + ThresholdText(c.threshold) + " needed (not present: " + Join(missing) + ")";
}

std::optional<std::string> EvaluateMajority(const Condition& c, const ConditionContext& ctx) {
  std::string why;
  const Body* body = ReadBody(c.body, ctx, &why);
  if (body == nullptr) return why;
  std::set<std::string> members(body->members.begin(), body->members.end());
  std::int64_t yes = 0, cast = 0;
  for (const auto& [person, choice] : Positions(ctx, c.ballot)) {
    if (!members.count(person)) continue;  // attendees and others have no vote
    ++cast;
    if (choice == c.choice) ++yes;
  }
  std::int64_t base = 0;
  std::string base_text;
  switch (c.base) {
    case MajorityBase::kMembers:
      base = static_cast<std::int64_t>(members.size());
      base_text = "members who should attend";
      break;
    case MajorityBase::kPresent: {
      std::set<std::string> present = Persons(ctx, c.present, "");
      for (const auto& m : members) base += present.count(m) ? 1 : 0;
      base_text = "members present";
      break;
    }
    case MajorityBase::kCast:
      base = cast;
      base_text = "members who stated a position";
      break;
  }
  if (Reaches(c.threshold, yes, base)) return std::nullopt;
  return "majority not reached: " + std::to_string(yes) + " '" + c.choice + "' of " + std::to_string(base) + " " +
         base_text + " of '" + body->id + "', " + ThresholdText(c.threshold) + " needed";
}

std::optional<std::string> EvaluateBallotExcludes(const Condition& c, const ConditionContext& ctx) {
  std::set<std::string> persons = Persons(ctx, c.present, "");
  std::vector<std::string> bad;
  for (const auto& [person, choice] : Positions(ctx, c.ballot)) {
    if (persons.count(person) && choice != c.choice) bad.push_back(person + ":" + choice);
  }
  if (bad.empty()) return std::nullopt;
  return "persons listed in '" + c.present + "' hold positions in '" + c.ballot + "' (" + Join(bad) + "); " +
         (c.choice.empty() ? std::string("they may hold none") : "the only position allowed them is '" + c.choice + "'");
}

std::optional<std::string> EvaluateLastOfRole(const Condition& c, const ConditionContext& ctx) {
  const std::string role = c.roles.empty() ? std::string() : c.roles[0];
  auto it = ctx.facts.role_holders.find(role);
  static const std::set<std::string> kNone;
  const std::set<std::string>& holders = it == ctx.facts.role_holders.end() ? kNone : it->second;
  auto positions = Positions(ctx, c.ballot);
  std::size_t last_other = 0;  // 1-based index of the last position of a non-holder
  for (std::size_t i = 0; i < positions.size(); ++i) {
    if (!holders.count(positions[i].first)) last_other = i + 1;
  }
  for (std::size_t i = 0; i < last_other; ++i) {
    if (!holders.count(positions[i].first)) continue;
    return "'" + positions[i].first + "' (" + role + ") stated a position " + Ordinal(i + 1) + " of " +
           std::to_string(positions.size()) + " in '" + c.ballot + "'; the " + role + " states a position last";
  }
  return std::nullopt;
}

std::optional<std::string> EvaluateLookup(const Condition& c, const ConditionContext& ctx) {
  std::string why;
  auto key = ReadOperand(c.key, ctx, &why);
  if (!key) return why;
  auto t = ctx.facts.tables.find(c.table);
  if (t == ctx.facts.tables.end()) return "table '" + c.table + "' is not loaded (docket table load FILE)";
  // "category 'large-spending'", or just "'x'" for a literal key.
  const std::string key_text =
      c.key.source == Operand::Source::kValue ? "'" + *key + "'" : OperandName(c.key) + " '" + *key + "'";
  auto entry = t->second.find(*key);
  if (entry == t->second.end()) return "table '" + c.table + "' has no entry for " + key_text;
  const std::string maps = "table '" + c.table + "' maps " + key_text + " to '" + entry->second + "', but ";
  auto got = ReadOperand(c.expected, ctx, &why);
  if (!got) return maps + why;
  if (*got == entry->second) return std::nullopt;
  return maps + OperandName(c.expected) + " is '" + *got + "'";
}

bool CompareHolds(const Condition& c, const ConditionContext& ctx, const Value& v) {
  const FieldDef* f = ctx.def.FindField(c.field);
  if (f == nullptr || v.is_null()) return c.op == CompareOp::kNotEquals || c.op == CompareOp::kNotIn;
  const std::vector<Value> values =
      c.moment == Condition::Moment::kNone ? c.values : std::vector<Value>{detail::MomentValue(c, *f, ctx.now)};
  auto in = [&] { return std::find(values.begin(), values.end(), v) != values.end(); };
  switch (c.op) {
    case CompareOp::kEquals: return !values.empty() && v == values[0];
    case CompareOp::kNotEquals: return values.empty() || !(v == values[0]);
    case CompareOp::kIn: return in();
    case CompareOp::kNotIn: return !in();
    default: break;
  }
  if (values.empty()) return false;
  auto cmp = CompareFieldValues(*f, v, values[0]);
  if (!cmp) return false;
  switch (c.op) {
    case CompareOp::kLess: return *cmp < 0;
    case CompareOp::kLessEq: return *cmp <= 0;
    case CompareOp::kGreater: return *cmp > 0;
    case CompareOp::kGreaterEq: return *cmp >= 0;
    default: return false;
  }
}

// Evaluates without the rule/message decoration; returns why it failed.
std::optional<std::string> EvaluatePlain(const Condition& c, const ConditionContext& ctx) {
  switch (c.kind) {
    case Condition::Kind::kAll:
      for (const auto& op : c.operands) {
        if (auto why = Evaluate(op, ctx)) return why;
      }
      return std::nullopt;
    case Condition::Kind::kAny: {
      std::vector<std::string> whys;
      for (const auto& op : c.operands) {
        auto why = Evaluate(op, ctx);
        if (!why) return std::nullopt;
        whys.push_back(*why);
      }
      return "none of the alternatives holds: " + Join(whys, "; ");
    }
    case Condition::Kind::kNot:
      if (c.operands.empty() || Evaluate(c.operands[0], ctx)) return std::nullopt;
      return "it must not be that " + Describe(c.operands[0]);
    case Condition::Kind::kPresent:
      if (!FieldValue(ctx, c.field).is_null()) return std::nullopt;
      return "field '" + c.field + "' has no value";
    case Condition::Kind::kCompare: {
      const Value& v = FieldValue(ctx, c.field);
      if (CompareHolds(c, ctx, v)) return std::nullopt;
      std::string moment;
      if (const FieldDef* f = ctx.def.FindField(c.field); f != nullptr && c.moment != Condition::Moment::kNone) {
        moment = " (" + detail::MomentText(c) + " is " + detail::MomentValue(c, *f, ctx.now).ToText() + ")";
      }
      return "requires " + Describe(c) + moment + ", but " + c.field + " is " +
             (v.is_null() ? std::string("empty") : "'" + v.ToText() + "'");
    }
    case Condition::Kind::kRole: {
      if (!c.field.empty()) return detail::EvaluatePersonRole(c, ctx);
      if (ctx.actor.system) return std::nullopt;
      const auto& held = c.scope == RoleScope::kOrg ? ctx.actor.roles : ctx.actor.roles_above;
      for (const auto& r : c.roles) {
        if (Contains(held, r)) return std::nullopt;
      }
      return "'" + ctx.actor.id + "' holds none of the roles " + Join(c.roles) +
             (c.scope == RoleScope::kOrg ? " in this organization" : " in a supervising organization");
    }
    case Condition::Kind::kDistinctActor: {
      auto it = ctx.facts.actors_by_transition.find(c.transition);
      if (it == ctx.facts.actors_by_transition.end() || !it->second.count(ctx.actor.id)) {
        return std::nullopt;
      }
      return "'" + ctx.actor.id + "' already took '" + c.transition +
             "' on this item; a different person must act (separation of duties)";
    }
    case Condition::Kind::kChildrenTerminal: {
      std::vector<std::string> open;
      for (const auto& ch : ctx.facts.children) {
        if (!c.workflow.empty() && ch.workflow != c.workflow) continue;
        if (ch.terminal) continue;
        std::string child = "#";  // appended, not `"#" + ...`: a false GCC 12 -Wrestrict
        child += std::to_string(ch.id) + " (" + ch.state + ")";
        open.push_back(std::move(child));
      }
      if (open.empty()) return std::nullopt;
      return "child items are not finished: " + Join(open);
    }
    case Condition::Kind::kRefInState: {
      const Value& v = FieldValue(ctx, c.field);
      if (!v.is_int()) return "field '" + c.field + "' does not reference an item";
      auto it = ctx.facts.refs.find(v.as_int());
      if (it == ctx.facts.refs.end()) {
        return "item #" + std::to_string(v.as_int()) + " referenced by '" + c.field + "' does not exist";
      }
      if (Contains(c.states, it->second.state)) return std::nullopt;
      return "item #" + std::to_string(v.as_int()) + " referenced by '" + c.field + "' is '" +
             it->second.state + "', expected one of: " + Join(c.states);
    }
    case Condition::Kind::kQuorum: return EvaluateQuorum(c, ctx);
    case Condition::Kind::kMajority: return EvaluateMajority(c, ctx);
    case Condition::Kind::kNotListed: {
      // Listed before the action counts too: a listed person may not unlist themselves.
      bool listed_before = false;
      if (ctx.item != nullptr && &ctx.item->fields != &ctx.fields) {
        ConditionContext before{ctx.def, ctx.item->fields, ctx.actor, ctx.facts, ctx.now, ctx.item};
        listed_before = Persons(before, c.field, c.choice).count(ctx.actor.id) > 0;
      }
      if (ctx.actor.system || (!listed_before && !Persons(ctx, c.field, c.choice).count(ctx.actor.id))) {
        return std::nullopt;
      }
      if (c.choice.empty()) {
        return "'" + ctx.actor.id + "' is listed in '" + c.field + "' and may not take this action";
      }
      return "'" + ctx.actor.id + "' holds position '" + c.choice + "' in '" + c.field +
             "' and may not take this action";
    }
    case Condition::Kind::kBallotExcludes: return EvaluateBallotExcludes(c, ctx);
    case Condition::Kind::kLastOfRole: return EvaluateLastOfRole(c, ctx);
    case Condition::Kind::kLookup: return EvaluateLookup(c, ctx);
    case Condition::Kind::kDeadline: return detail::EvaluateDeadline(c, ctx);
    case Condition::Kind::kActorsNotListed:
      return detail::EvaluateActorsNotListed(c, ctx, Persons(ctx, c.field, c.choice));
    case Condition::Kind::kKeeps: return detail::EvaluateKeeps(c, ctx);
    case Condition::Kind::kSubset: return detail::EvaluateSubset(c, ctx);
    case Condition::Kind::kNextAfter: return detail::EvaluateNextAfter(c, ctx);
    case Condition::Kind::kNoneOpen: return detail::EvaluateNoneOpen(c, ctx);
  }
  return "unknown condition kind";
}

}  // namespace

std::optional<std::string> Evaluate(const Condition& c, const ConditionContext& ctx) {
  auto why = EvaluatePlain(c, ctx);
  if (!why) return std::nullopt;
  std::string text;
  if (!c.message.en.empty() || !c.message.zh.empty()) {
    text = c.message.en.empty() ? c.message.zh : c.message.en;
    if (!c.message.en.empty() && !c.message.zh.empty()) text += " (" + c.message.zh + ")";
    text += " [" + *why + "]";
  } else {
    text = *why;
  }
  return c.rule.empty() ? text : c.rule + ": " + text;
}

std::string Describe(const Condition& c) {
  auto list = [](const std::vector<Condition>& ops, const char* sep) {
    std::vector<std::string> xs;
    for (const auto& op : ops) xs.push_back(Describe(op));
    return std::string("(").append(Join(xs, sep)) + ")";  // not `"(" + ...`: GCC 12 -Wrestrict
  };
  switch (c.kind) {
    case Condition::Kind::kAll: return list(c.operands, " and ");
    case Condition::Kind::kAny: return list(c.operands, " or ");
    case Condition::Kind::kNot: return c.operands.empty() ? "nothing" : "not " + Describe(c.operands[0]);
    case Condition::Kind::kPresent: return c.field + " is set";
    case Condition::Kind::kCompare: {
      const char* op = CompareOpName(c.op);
      if (c.op == CompareOp::kIn || c.op == CompareOp::kNotIn) {
        return c.field + " " + op + " [" + JoinValues(c.values) + "]";
      }
      if (c.moment != Condition::Moment::kNone) return c.field + " " + op + " " + detail::MomentText(c);
      return c.field + " " + op + " " + JoinValues(c.values);
    }
    case Condition::Kind::kRole:
      return (c.field.empty() ? std::string("the actor") : "the person in " + c.field) + " holds one of " + Join(c.roles) +
             (c.scope == RoleScope::kOrg ? "" : " above this organization");
    case Condition::Kind::kDistinctActor: return "the actor did not take '" + c.transition + "'";
    case Condition::Kind::kChildrenTerminal:
      return "all child items" + (c.workflow.empty() ? std::string() : " of " + c.workflow) + " are finished";
    case Condition::Kind::kRefInState:
      return "the item in " + c.field + " is " + Join(c.states, " or ");
    case Condition::Kind::kQuorum:
      return ThresholdText(c.threshold) + " of the members of body " + OperandName(c.body) + " are in " + c.present;
    case Condition::Kind::kMajority:
      return ThresholdText(c.threshold) + " of the " + MajorityBaseName(c.base) + " of body " + OperandName(c.body) +
             " state '" + c.choice + "' in " + c.ballot;
    case Condition::Kind::kNotListed:
      return c.choice.empty() ? "the actor is not listed in " + c.field
                              : "the actor's position in " + c.field + " is not '" + c.choice + "'";
    case Condition::Kind::kBallotExcludes:
      return "the persons in " + c.present + " hold no position in " + c.ballot +
             (c.choice.empty() ? std::string() : " but '" + c.choice + "'");
    case Condition::Kind::kLastOfRole:
      return "a holder of " + (c.roles.empty() ? std::string("?") : c.roles[0]) + " states the last position in " +
             c.ballot;
    case Condition::Kind::kLookup:
      return "table " + c.table + " maps " + OperandName(c.key) + " to " + OperandName(c.expected);
    case Condition::Kind::kDeadline:
      return "'" + c.timer + "' is met" + (c.field.empty() ? std::string() : " (done: " + c.field + ")");
    case Condition::Kind::kActorsNotListed:
      return "no one listed in " + c.field + (c.choice.empty() ? std::string() : " as '" + c.choice + "'") +
             " took " + (c.actions.empty() ? std::string("any action") : Join(c.actions, " or "));
    case Condition::Kind::kKeeps: return c.field + " keeps every entry it had";
    case Condition::Kind::kSubset: {
      std::string of = OperandName(c.expected);
      for (const Operand& o : c.also) of += " or " + OperandName(o);
      return "everyone in " + (c.field.empty() ? OperandName(c.subject) : c.field) + " is in " + of;
    }
    case Condition::Kind::kNextAfter:
      return "the " + c.workflow + " in " + c.ref + " is the first" +
             (c.where_field.empty() ? std::string() : " with " + c.where_field + " " + c.where_value) + " whose " +
             c.field + " is after " + c.after;
    case Condition::Kind::kNoneOpen:
      return "no " + c.workflow + " in " + Join(c.states, " or ") + " has " + c.field + " before " + c.before;
  }
  return "?";
}

}  // namespace docket
