#include "core/condition_text.h"

#include <utility>

#include "core/condition.h"
#include "core/condition_record.h"

namespace docket {
namespace detail {

std::string OperandName(const Operand& o) {
  switch (o.source) {
    case Operand::Source::kField: return o.field;
    case Operand::Source::kRef: return o.ref + "." + o.field;
    case Operand::Source::kValue: return "'" + o.value + "'";
  }
  return "?";
}

Msg ThresholdMsg(const Threshold& t) {
  return t.strict ? Msg("more than {num}/{den}", {{"num", t.num}, {"den", t.den}})
                  : Msg("at least {num}/{den}", {{"num", t.num}, {"den", t.den}});
}

Msg FieldName(const Definition* def, const std::string& name) {
  const FieldDef* f = def == nullptr ? nullptr : def->FindField(name);
  return f == nullptr ? Msg::Literal(name) : Msg::Named(f->labels, name);
}

Msg FieldValueName(const Definition* def, const std::string& name, const Value& v) {
  const FieldDef* f = def == nullptr ? nullptr : def->FindField(name);
  if (f != nullptr && v.is_string()) {
    if (auto it = f->value_labels.find(v.as_string()); it != f->value_labels.end()) return Msg::Named(it->second, v.as_string());
  }
  return Msg::Literal(v.ToText());
}

}  // namespace detail

namespace {

using detail::FieldName;
using detail::FieldValueName;
using detail::OperandName;
using detail::ThresholdMsg;

// A comparison's operator as a word ("not_equals": 不等于); the symbols stay as they are.
Msg OpWord(CompareOp op) {
  switch (op) {
    case CompareOp::kEquals: return Msg("equals");
    case CompareOp::kNotEquals: return Msg("not_equals");
    case CompareOp::kIn: return Msg("in");
    case CompareOp::kNotIn: return Msg("not_in");
    default: return Msg::Literal(CompareOpName(op));
  }
}

// Names joined by " or " ("或").
Msg Alternatives(const std::vector<std::string>& names) {
  std::vector<Msg> parts;
  for (const auto& n : names) parts.push_back(Msg::Literal(n));
  return Msg::Join(std::move(parts), Msg(" or "));
}

Msg Operands(const std::vector<Condition>& ops, bool all, const Definition* def) {
  std::vector<Msg> parts;
  for (const auto& op : ops) parts.push_back(Describe(op, def));
  return Msg("({conditions})", {{"conditions", Msg::Join(std::move(parts), all ? Msg(" and ") : Msg(" or "))}});
}

Msg Compared(const Condition& c, const Definition* def) {
  std::vector<Msg> values;
  for (const auto& v : c.values) values.push_back(FieldValueName(def, c.field, v));
  std::vector<Msg::Arg> args = {{"field", FieldName(def, c.field)}, {"op", OpWord(c.op)}};
  if (c.op == CompareOp::kIn || c.op == CompareOp::kNotIn) {
    args.emplace_back("values", Msg::Join(std::move(values), Msg::ListSeparator()));
    return Msg("{field} {op} [{values}]", std::move(args));
  }
  args.emplace_back("value", c.moment != Condition::Moment::kNone ? Msg::Literal(detail::MomentText(c))
                                                                  : Msg::Join(std::move(values), Msg::ListSeparator()));
  return Msg("{field} {op} {value}", std::move(args));
}

Msg HoldsRole(const Condition& c) {
  std::vector<Msg> roles;
  for (const auto& r : c.roles) roles.push_back(Msg::Literal(r));
  Msg list = Msg::Join(std::move(roles), Msg::ListSeparator());
  const bool above = c.scope != RoleScope::kOrg;
  if (c.field.empty()) {
    return above ? Msg("the actor holds one of {roles} above this organization", {{"roles", list}})
                 : Msg("the actor holds one of {roles}", {{"roles", list}});
  }
  return above ? Msg("the person in {field} holds one of {roles} above this organization", {{"field", c.field}, {"roles", list}})
               : Msg("the person in {field} holds one of {roles}", {{"field", c.field}, {"roles", list}});
}

Msg Listed(const Condition& c) {
  switch (c.kind) {
    case Condition::Kind::kNotListed:
      return c.choice.empty() ? Msg("the actor is not listed in {field}", {{"field", c.field}})
                              : Msg("the actor's position in {field} is not '{choice}'", {{"field", c.field}, {"choice", c.choice}});
    case Condition::Kind::kBallotExcludes:
      return c.choice.empty()
                 ? Msg("the persons in {present} hold no position in {ballot}", {{"present", c.present}, {"ballot", c.ballot}})
                 : Msg("the persons in {present} hold no position in {ballot} but '{choice}'",
                       {{"present", c.present}, {"ballot", c.ballot}, {"choice", c.choice}});
    default: {  // kActorsNotListed
      Msg actions = c.actions.empty() ? Msg("any action") : Alternatives(c.actions);
      return c.choice.empty() ? Msg("no one listed in {field} took {actions}", {{"field", c.field}, {"actions", actions}})
                              : Msg("no one listed in {field} as '{choice}' took {actions}",
                                    {{"field", c.field}, {"choice", c.choice}, {"actions", actions}});
    }
  }
}

Msg Subset(const Condition& c) {
  std::vector<std::string> of = {OperandName(c.expected)};
  for (const Operand& o : c.also) of.push_back(OperandName(o));
  return Msg("everyone in {field} is in {of}",
             {{"field", c.field.empty() ? OperandName(c.subject) : c.field}, {"of", Alternatives(of)}});
}

Msg Disjoint(const Condition& c) {
  std::vector<std::string> of = {OperandName(c.expected)};
  for (const Operand& o : c.also) of.push_back(OperandName(o));
  return Msg("no one in {field} is in {of}", {{"field", c.field.empty() ? OperandName(c.subject) : c.field}, {"of", Alternatives(of)}});
}

}  // namespace

Msg Describe(const Condition& c, const Definition* def) {
  switch (c.kind) {
    case Condition::Kind::kAll: return Operands(c.operands, true, def);
    case Condition::Kind::kAny: return Operands(c.operands, false, def);
    case Condition::Kind::kNot:
      return c.operands.empty() ? Msg("nothing") : Msg("not {condition}", {{"condition", Describe(c.operands[0], def)}});
    case Condition::Kind::kPresent: return Msg("{field} is set", {{"field", FieldName(def, c.field)}});
    case Condition::Kind::kCompare: return Compared(c, def);
    case Condition::Kind::kRole: return HoldsRole(c);
    case Condition::Kind::kDistinctActor:
      return Msg("the actor did not take '{action}'", {{"action", c.transition}});
    case Condition::Kind::kChildrenTerminal:
      return c.workflow.empty() ? Msg("all child items are finished")
                                : Msg("all child items of {workflow} are finished", {{"workflow", c.workflow}});
    case Condition::Kind::kRefInState:
      return Msg("the item in {field} is {states}", {{"field", c.field}, {"states", Alternatives(c.states)}});
    case Condition::Kind::kQuorum:
      return Msg("{threshold} of the members of body {body} are in {present}",
                 {{"threshold", ThresholdMsg(c.threshold)}, {"body", OperandName(c.body)}, {"present", c.present}});
    case Condition::Kind::kMajority:
      return Msg("{threshold} of the {base} of body {body} state '{choice}' in {ballot}",
                 {{"threshold", ThresholdMsg(c.threshold)}, {"base", MajorityBaseName(c.base)},
                  {"body", OperandName(c.body)}, {"choice", c.choice}, {"ballot", c.ballot}});
    case Condition::Kind::kNotListed:
    case Condition::Kind::kBallotExcludes:
    case Condition::Kind::kActorsNotListed: return Listed(c);
    case Condition::Kind::kLastOfRole:
      return Msg("a holder of {role} states the last position in {ballot}",
                 {{"role", c.roles.empty() ? std::string("?") : c.roles[0]}, {"ballot", c.ballot}});
    case Condition::Kind::kLookup:
      return Msg("table {table} maps {key} to {expected}",
                 {{"table", c.table}, {"key", OperandName(c.key)}, {"expected", OperandName(c.expected)}});
    case Condition::Kind::kDeadline:
      return c.field.empty() ? Msg("'{timer}' is met", {{"timer", c.timer}})
                             : Msg("'{timer}' is met (done: {field})", {{"timer", c.timer}, {"field", c.field}});
    case Condition::Kind::kKeeps: return Msg("{field} keeps every entry it had", {{"field", c.field}});
    case Condition::Kind::kSubset: return Subset(c);
    case Condition::Kind::kDisjoint: return Disjoint(c);
    case Condition::Kind::kMemberOf: return Msg("the actor is a member of body {body}", {{"body", OperandName(c.body)}});
    case Condition::Kind::kWrittenOpinion:
      return Msg("whoever is '{choice}' in {ballot} is not in {present} and took '{action}'",
                 {{"choice", c.choice}, {"ballot", c.ballot}, {"present", c.present}, {"action", c.transition}});
    case Condition::Kind::kNextAfter: {
      std::vector<Msg::Arg> args = {{"workflow", c.workflow}, {"ref", c.ref}, {"field", c.field}, {"after", c.after}};
      if (c.where_field.empty()) {
        return Msg("the {workflow} in {ref} is the first whose {field} is after {after}", std::move(args));
      }
      args.emplace_back("where", c.where_field + " " + c.where_value);
      return Msg("the {workflow} in {ref} is the first with {where} whose {field} is after {after}", std::move(args));
    }
    case Condition::Kind::kNoneOpen:
      return Msg("no {workflow} in {states} has {field} before {before}",
                 {{"workflow", c.workflow}, {"states", Alternatives(c.states)}, {"field", c.field}, {"before", c.before}});
  }
  return Msg::Literal("?");
}

}  // namespace docket
