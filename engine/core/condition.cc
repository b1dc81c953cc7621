#include "core/condition.h"

#include <algorithm>

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

bool CompareHolds(const Condition& c, const ConditionContext& ctx, const Value& v) {
  const FieldDef* f = ctx.def.FindField(c.field);
  if (f == nullptr || v.is_null()) return c.op == CompareOp::kNotEquals || c.op == CompareOp::kNotIn;
  auto in = [&] { return std::find(c.values.begin(), c.values.end(), v) != c.values.end(); };
  switch (c.op) {
    case CompareOp::kEquals: return !c.values.empty() && v == c.values[0];
    case CompareOp::kNotEquals: return c.values.empty() || !(v == c.values[0]);
    case CompareOp::kIn: return in();
    case CompareOp::kNotIn: return !in();
    default: break;
  }
  if (c.values.empty()) return false;
  auto cmp = CompareFieldValues(*f, v, c.values[0]);
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
      return "requires " + Describe(c) + ", but " + c.field + " is " +
             (v.is_null() ? std::string("empty") : "'" + v.ToText() + "'");
    }
    case Condition::Kind::kRole: {
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
      return c.field + " " + op + " " + JoinValues(c.values);
    }
    case Condition::Kind::kRole:
      return std::string("the actor holds one of ") + Join(c.roles) +
             (c.scope == RoleScope::kOrg ? "" : " above this organization");
    case Condition::Kind::kDistinctActor: return "the actor did not take '" + c.transition + "'";
    case Condition::Kind::kChildrenTerminal:
      return "all child items" + (c.workflow.empty() ? std::string() : " of " + c.workflow) + " are finished";
    case Condition::Kind::kRefInState:
      return "the item in " + c.field + " is " + Join(c.states, " or ");
  }
  return "?";
}

}  // namespace docket
