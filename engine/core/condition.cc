#include "core/condition.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/condition_needs.h"
#include "core/condition_org.h"
#include "core/condition_persons.h"
#include "core/condition_record.h"
#include "core/condition_text.h"
#include "core/field.h"

namespace docket {
namespace {

using detail::FieldName;
using detail::FieldValueName;
using detail::OperandName;
using detail::ThresholdMsg;

std::string Join(const std::vector<std::string>& xs, const char* sep = ", ") {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : sep) + x;
  return out;
}

bool Contains(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

const Value& FieldValue(const ConditionContext& ctx, const std::string& name) {
  static const Value kNull;
  auto it = ctx.fields.find(name);
  return it == ctx.fields.end() ? kNull : it->second;
}

// The text of `o`, or nullopt with `why` set when it has none.
std::optional<std::string> ReadOperand(const Operand& o, const ConditionContext& ctx, Msg* why) {
  if (o.source == Operand::Source::kValue) return o.value;
  if (o.source == Operand::Source::kField) {
    const Value& v = FieldValue(ctx, o.field);
    if (v.is_null()) {
      *why = Msg("field '{field}' has no value", {{"field", o.field}});
      return std::nullopt;
    }
    return v.ToText();
  }
  const Value& ref = FieldValue(ctx, o.ref);
  if (!ref.is_int()) {
    *why = Msg("field '{field}' does not reference an item", {{"field", o.ref}});
    return std::nullopt;
  }
  auto it = ctx.facts.refs.find(ref.as_int());
  if (it == ctx.facts.refs.end()) {
    *why = Msg("item #{id} referenced by '{field}' does not exist", {{"id", ref.as_int()}, {"field", o.ref}});
    return std::nullopt;
  }
  auto f = it->second.fields.find(o.field);
  if (f == it->second.fields.end() || f->second.is_null()) {
    *why = Msg("{operand} (field '{field}' of item #{id}) has no value",
               {{"operand", OperandName(o)}, {"field", o.field}, {"id", ref.as_int()}});
    return std::nullopt;
  }
  return f->second.ToText();
}

// The body `o` names in the item's organization, or nullptr with `why` set.
const Body* ReadBody(const Operand& o, const ConditionContext& ctx, Msg* why) {
  auto id = ReadOperand(o, ctx, why);
  if (!id) return nullptr;
  auto it = ctx.facts.bodies.find(*id);
  if (it == ctx.facts.bodies.end()) {
    *why = Msg("this organization has no body '{body}' (named by {operand})", {{"body", *id}, {"operand", OperandName(o)}});
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

bool Reaches(const Threshold& t, std::int64_t count, std::int64_t base) {
  if (base <= 0) return false;
  return t.strict ? count * t.den > t.num * base : count * t.den >= t.num * base;
}

std::string Ordinal(std::size_t n) {
  const char* suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}

std::optional<Msg> EvaluateQuorum(const Condition& c, const ConditionContext& ctx) {
  Msg why;
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
  if (n == 0) return Msg("quorum not met: body '{body}' has no members", {{"body", body->id}});
  return Msg("quorum not met: {here} of {total} members of '{body}' present, {threshold} needed (not present: {missing})",
             {{"here", here}, {"total", n}, {"body", body->id}, {"threshold", ThresholdMsg(c.threshold)},
              {"missing", Join(missing)}});
}

// member_of: the actor is a voting member of the body (attendees are not); the engine itself
// (timers) always is, as it holds every role.
std::optional<Msg> EvaluateMemberOf(const Condition& c, const ConditionContext& ctx) {
  if (ctx.actor.system) return std::nullopt;
  Msg why;
  const Body* body = ReadBody(c.body, ctx, &why);
  if (body == nullptr) return why;
  if (std::find(body->members.begin(), body->members.end(), ctx.actor.id) != body->members.end()) return std::nullopt;
  return Msg("'{actor}' is not a member of '{body}'", {{"actor", ctx.actor.id}, {"body", body->id}});
}

std::optional<Msg> EvaluateMajority(const Condition& c, const ConditionContext& ctx) {
  Msg why;
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
  Msg base_text;
  switch (c.base) {
    case MajorityBase::kMembers:
      base = static_cast<std::int64_t>(members.size());
      base_text = Msg("members who should attend");
      break;
    case MajorityBase::kPresent: {
      std::set<std::string> present = Persons(ctx, c.present, "");
      for (const auto& m : members) base += present.count(m) ? 1 : 0;
      base_text = Msg("members present");
      break;
    }
    case MajorityBase::kCast:
      base = cast;
      base_text = Msg("members who stated a position");
      break;
  }
  if (Reaches(c.threshold, yes, base)) return std::nullopt;
  return Msg("majority not reached: {yes} '{choice}' of {base} {base_text} of '{body}', {threshold} needed",
             {{"yes", yes}, {"choice", c.choice}, {"base", base}, {"base_text", base_text}, {"body", body->id},
              {"threshold", ThresholdMsg(c.threshold)}});
}

std::optional<Msg> EvaluateBallotExcludes(const Condition& c, const ConditionContext& ctx) {
  std::set<std::string> persons = Persons(ctx, c.present, "");
  std::vector<std::string> bad;
  for (const auto& [person, choice] : Positions(ctx, c.ballot)) {
    if (persons.count(person) && choice != c.choice) bad.push_back(person + ":" + choice);
  }
  if (bad.empty()) return std::nullopt;
  if (c.choice.empty()) {
    return Msg("persons listed in '{present}' hold positions in '{ballot}' ({positions}); they may hold none",
               {{"present", c.present}, {"ballot", c.ballot}, {"positions", Join(bad)}});
  }
  return Msg("persons listed in '{present}' hold positions in '{ballot}' ({positions}); the only position allowed them is '{choice}'",
             {{"present", c.present}, {"ballot", c.ballot}, {"positions", Join(bad)}, {"choice", c.choice}});
}

std::optional<Msg> EvaluateLastOfRole(const Condition& c, const ConditionContext& ctx) {
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
    return Msg("'{person}' ({role}) stated a position {ordinal} of {count} in '{ballot}'; the {role} states a position last",
               {{"person", positions[i].first}, {"role", RoleName(ctx.facts.role_labels, role)}, {"ordinal", Msg::Of(Labels{std::to_string(i + 1), Ordinal(i + 1)}, "")}, {"count", positions.size()},
                {"ballot", c.ballot}});
  }
  return std::nullopt;
}

std::optional<Msg> EvaluateLookup(const Condition& c, const ConditionContext& ctx) {
  Msg why;
  auto key = ReadOperand(c.key, ctx, &why);
  if (!key) return why;
  auto t = ctx.facts.tables.find(c.table);
  if (t == ctx.facts.tables.end()) return Msg("table '{table}' is not loaded (docket table load FILE)", {{"table", c.table}});
  // "category 'large-spending'", or just "'x'" for a literal key.
  const std::string key_text =
      c.key.source == Operand::Source::kValue ? "'" + *key + "'" : OperandName(c.key) + " '" + *key + "'";
  auto entry = t->second.find(*key);
  if (entry == t->second.end()) return Msg("table '{table}' has no entry for {key}", {{"table", c.table}, {"key", key_text}});
  auto maps = [&](Msg but) {
    return Msg("table '{table}' maps {key} to '{value}', but {but}",
               {{"table", c.table}, {"key", key_text}, {"value", entry->second}, {"but", std::move(but)}});
  };
  auto got = ReadOperand(c.expected, ctx, &why);
  if (!got) return maps(why);
  if (*got == entry->second) return std::nullopt;
  return maps(Msg("{operand} is '{value}'", {{"operand", OperandName(c.expected)}, {"value", *got}}));
}

bool CompareHolds(const Condition& c, const ConditionContext& ctx, const Value& v) {
  const FieldDef* f = ctx.def.FindField(c.field);
  if (f == nullptr || v.is_null()) return c.op == CompareOp::kNotEquals || c.op == CompareOp::kNotIn;
  const std::vector<Value> values =
      c.moment == Condition::Moment::kNone ? c.values : std::vector<Value>{detail::MomentValue(c, *f, ctx.now, ItemZone(ctx.facts))};
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

// Whether only the answer is wanted on this thread, not why (an alternative of `any` that
// another may still satisfy, the operand of `not`): the sentences of the conditions read
// most often are then not built. Set by QuietConditions for the evaluations within it.
thread_local bool condition_quiet = false;

class QuietConditions {
 public:
  QuietConditions() : was_(condition_quiet) { condition_quiet = true; }
  ~QuietConditions() { condition_quiet = was_; }
  QuietConditions(const QuietConditions&) = delete;
  QuietConditions& operator=(const QuietConditions&) = delete;

 private:
  bool was_;
};

// Evaluates without the rule/message decoration; returns why it failed.
std::optional<Msg> EvaluatePlain(const Condition& c, const ConditionContext& ctx) {
  switch (c.kind) {
    case Condition::Kind::kAll:
      for (const auto& op : c.operands) {
        if (auto why = Evaluate(op, ctx)) return why;
      }
      return std::nullopt;
    case Condition::Kind::kAny: {
      // First only whether one holds; why none does is said by evaluating them again.
      {
        QuietConditions only_whether;
        for (const auto& op : c.operands) {
          if (!Evaluate(op, ctx)) return std::nullopt;
        }
      }
      if (condition_quiet) return Msg();
      std::vector<Msg> whys;
      for (const auto& op : c.operands) {
        auto why = Evaluate(op, ctx);
        if (!why) return std::nullopt;
        whys.push_back(*why);
      }
      return Msg("none of the alternatives holds: {whys}", {{"whys", Msg::Join(std::move(whys), Msg::Semicolon())}});
    }
    case Condition::Kind::kNot: {
      if (c.operands.empty()) return std::nullopt;
      {
        QuietConditions only_whether;
        if (Evaluate(c.operands[0], ctx)) return std::nullopt;
      }
      if (condition_quiet) return Msg();
      return Msg("it must not be that {condition}", {{"condition", Describe(c.operands[0], &ctx.def)}});
    }
    case Condition::Kind::kPresent:
      if (!FieldValue(ctx, c.field).is_null()) return std::nullopt;
      if (condition_quiet) return Msg();
      return Msg("field '{field}' has no value", {{"field", FieldName(&ctx.def, c.field)}});
    case Condition::Kind::kCompare: {
      const Value& v = FieldValue(ctx, c.field);
      if (CompareHolds(c, ctx, v)) return std::nullopt;
      if (condition_quiet) return Msg();
      Msg moment = Msg::Literal("");
      if (const FieldDef* f = ctx.def.FindField(c.field); f != nullptr && c.moment != Condition::Moment::kNone) {
        moment = Msg(" ({moment} is {value})",
                     {{"moment", detail::MomentText(c)}, {"value", detail::MomentValue(c, *f, ctx.now, ItemZone(ctx.facts)).ToText()}});
      }
      return Msg("requires {condition}{moment}, but {field} is {value}",
                 {{"condition", Describe(c, &ctx.def)}, {"moment", moment}, {"field", FieldName(&ctx.def, c.field)},
                  {"value", v.is_null() ? Msg("empty") : Msg("'{value}'", {{"value", FieldValueName(&ctx.def, c.field, v)}})}});
    }
    case Condition::Kind::kRole: {
      if (!c.field.empty()) return detail::EvaluatePersonRole(c, ctx);
      if (ctx.actor.system) return std::nullopt;
      const auto& held = c.scope == RoleScope::kOrg ? ctx.actor.roles : ctx.actor.roles_above;
      for (const auto& r : c.roles) {
        if (Contains(held, r)) return std::nullopt;
      }
      if (c.scope == RoleScope::kOrg) {
        return Msg("'{actor}' holds none of the roles {roles} in this organization",
                   {{"actor", ctx.actor.id}, {"roles", RoleNames(ctx.facts.role_labels, c.roles)}});
      }
      return Msg("'{actor}' holds none of the roles {roles} in a supervising organization",
                 {{"actor", ctx.actor.id}, {"roles", RoleNames(ctx.facts.role_labels, c.roles)}});
    }
    case Condition::Kind::kDistinctActor: {
      auto it = ctx.facts.actors_by_transition.find(c.transition);
      if (it == ctx.facts.actors_by_transition.end() || !it->second.count(ctx.actor.id)) {
        return std::nullopt;
      }
      // The same transition again (a sign-off given twice): the rule is "once", not that
      // someone else must take it, which other conditions may forbid as well.
      if (ctx.action != nullptr && *ctx.action == c.transition) {
        return Msg("'{actor}' has already taken '{action}' on this item and takes it only once",
                   {{"actor", ctx.actor.id}, {"action", c.transition}});
      }
      return Msg("'{actor}' already took '{action}' on this item; a different person must act (separation of duties)",
                 {{"actor", ctx.actor.id}, {"action", c.transition}});
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
      return Msg("child items are not finished: {open}", {{"open", Join(open)}});
    }
    case Condition::Kind::kRefInState: {
      const Value& v = FieldValue(ctx, c.field);
      if (!v.is_int()) return Msg("field '{field}' does not reference an item", {{"field", c.field}});
      auto it = ctx.facts.refs.find(v.as_int());
      if (it == ctx.facts.refs.end()) {
        return Msg("item #{id} referenced by '{field}' does not exist", {{"id", v.as_int()}, {"field", c.field}});
      }
      if (Contains(c.states, it->second.state)) return std::nullopt;
      return Msg("item #{id} referenced by '{field}' is '{state}', expected one of: {states}",
                 {{"id", v.as_int()}, {"field", c.field}, {"state", it->second.state}, {"states", Join(c.states)}});
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
        return Msg("'{actor}' is listed in '{field}' and may not take this action", {{"actor", ctx.actor.id}, {"field", c.field}});
      }
      return Msg("'{actor}' holds position '{choice}' in '{field}' and may not take this action",
                 {{"actor", ctx.actor.id}, {"choice", c.choice}, {"field", c.field}});
    }
    case Condition::Kind::kBallotExcludes: return EvaluateBallotExcludes(c, ctx);
    case Condition::Kind::kLastOfRole: return EvaluateLastOfRole(c, ctx);
    case Condition::Kind::kLookup: return EvaluateLookup(c, ctx);
    case Condition::Kind::kDeadline: return detail::EvaluateDeadline(c, ctx);
    case Condition::Kind::kActorsNotListed:
      return detail::EvaluateActorsNotListed(c, ctx, Persons(ctx, c.field, c.choice));
    case Condition::Kind::kKeeps: return detail::EvaluateKeeps(c, ctx);
    case Condition::Kind::kSubset: return detail::EvaluateSubset(c, ctx);
    case Condition::Kind::kDisjoint: return detail::EvaluateDisjoint(c, ctx);
    case Condition::Kind::kNextAfter: return detail::EvaluateNextAfter(c, ctx);
    case Condition::Kind::kNoneOpen: return detail::EvaluateNoneOpen(c, ctx);
    case Condition::Kind::kMemberOf: return EvaluateMemberOf(c, ctx);
    case Condition::Kind::kWrittenOpinion:
      return detail::EvaluateWrittenOpinion(c, ctx, Persons(ctx, c.ballot, c.choice), Persons(ctx, c.present, ""));
  }
  return Msg::Literal("unknown condition kind");
}

}  // namespace

std::optional<Msg> Evaluate(const Condition& c, const ConditionContext& ctx) {
  // all/any look at each operand; any other condition that reads a value not known yet
  // (`not` included: its operand's answer is not known) holds until the action is taken.
  if (ctx.unknown != nullptr && !ctx.unknown->empty() && c.kind != Condition::Kind::kAll &&
      c.kind != Condition::Kind::kAny) {
    for (const std::string& f : FieldsRead(c)) {
      if (ctx.unknown->count(f)) return std::nullopt;
    }
  }
  auto why = EvaluatePlain(c, ctx);
  if (!why) return std::nullopt;
  if (condition_quiet) return why;  // whatever it says: only that it fails is wanted
  return RuleMessage(c.rule, c.message, std::move(*why));
}

Msg RuleMessage(const std::string& rule, const Labels& message, Msg why) {
  const bool has_message = !message.en.empty() || !message.zh.empty();
  if (has_message && !rule.empty()) {
    return Msg("{rule}: {message} [{why}]", {{"rule", rule}, {"message", Msg::Of(message, "")}, {"why", std::move(why)}});
  }
  if (has_message) return Msg("{message} [{why}]", {{"message", Msg::Of(message, "")}, {"why", std::move(why)}});
  if (!rule.empty()) return Msg("{rule}: {why}", {{"rule", rule}, {"why", std::move(why)}});
  return why;
}

std::string RuleOf(const Msg& msg) {
  if (msg.kind() != Msg::Kind::kTemplate) return "";
  const bool rule_message = msg.text() == "{rule}: {message} [{why}]" || msg.text() == "{rule}: {why}";
  for (const Msg::Arg& a : msg.args()) {
    if (rule_message && a.name == "rule") return a.value.text();
  }
  for (const Msg::Arg& a : msg.args()) {
    if (std::string rule = RuleOf(a.value); !rule.empty()) return rule;
  }
  return "";
}

std::optional<Msg> RuleWords(const Msg& msg) {
  if (msg.kind() != Msg::Kind::kTemplate) return std::nullopt;
  const Msg* rule = nullptr;
  const Msg* message = nullptr;
  if (msg.text() == "{rule}: {message} [{why}]" || msg.text() == "{message} [{why}]") {
    for (const Msg::Arg& a : msg.args()) {
      if (a.name == "rule") rule = &a.value;
      if (a.name == "message") message = &a.value;
    }
  }
  if (message != nullptr) {
    if (rule == nullptr) return *message;
    return Msg("{rule}: {message}", {{"rule", *rule}, {"message", *message}});
  }
  for (const Msg::Arg& a : msg.args()) {
    if (auto words = RuleWords(a.value)) return words;
  }
  return std::nullopt;
}

}  // namespace docket
