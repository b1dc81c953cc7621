#include "core/child_checks.h"

#include "core/condition.h"

namespace docket {
namespace {

bool ReadsChildren(const Condition& c) {
  if (c.kind == Condition::Kind::kChildrenTerminal) return true;
  for (const Condition& op : c.operands) {
    if (ReadsChildren(op)) return true;
  }
  return false;
}

}  // namespace

bool ChecksReadChildren(const Definition& parent_def, const std::string& parent_state) {
  for (const CheckDef& c : parent_def.checks) {
    if (c.refuse && c.when && c.AppliesIn(parent_state) && ReadsChildren(*c.when)) return true;
  }
  return false;
}

Status AdmitChild(const Definition& parent_def, const Item& parent, ItemFacts facts, const ChildFact& child,
                  TimePoint now) {
  static const Actor kNobody{};
  for (const CheckDef& c : parent_def.checks) {
    if (!c.refuse || !c.when || !c.AppliesIn(parent.state) || !ReadsChildren(*c.when)) continue;
    ConditionContext before{parent_def, parent.fields, kNobody, facts, now, &parent};
    if (Evaluate(*c.when, before)) continue;  // broken already: the finding stays
    ItemFacts with = facts;
    with.children.push_back(child);
    ConditionContext after{parent_def, parent.fields, kNobody, with, now, &parent};
    auto why = Evaluate(*c.when, after);
    if (!why) continue;
    const StateDef* s = parent_def.FindState(parent.state);
    Msg broken = Msg("item #{id} ({workflow}) is '{state}'; a new open {child} under it would break its check '{check}': {why}",
               {{"id", parent.id}, {"workflow", Msg::Named(parent_def.labels, parent.workflow)},
                {"state", s == nullptr ? Msg::Literal(parent.state) : Msg::Named(s->labels, parent.state)},
                {"child", child.workflow}, {"check", c.name}, {"why", *why}});
    return Status::Refused(RuleMessage(c.rule, Labels{}, std::move(broken)));
  }
  return Status::Ok();
}

}  // namespace docket
