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
    std::string text = c.message.en.empty() ? c.message.zh : c.message.en;
    if (!c.message.en.empty() && !c.message.zh.empty()) text += " (" + c.message.zh + ")";
    return Status::Refused((c.rule.empty() ? "" : c.rule + ": ") + "item #" + std::to_string(parent.id) + " (" +
                           parent.workflow + ") is '" + parent.state + "'; a new open " + child.workflow +
                           " under it would break its check '" + c.name + "': " + text + " (该事项已处于此状态，不得再追加未办结的子事项) [" +
                           *why + "]");
  }
  return Status::Ok();
}

}  // namespace docket
