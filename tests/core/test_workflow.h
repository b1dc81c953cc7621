// Builders for the core tests: field definitions, conditions and one small purchase workflow,
// written in C++ so the core is tested without the YAML loader.
//
// The purchase workflow: draft -> review -> approved | rejected, with a self-loop (comment),
// a `from: any` transition (cancel), an approval guarded by a rule and by separation of
// duties, and effects that stamp the approver, the day and the time.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/definition.h"
#include "core/item.h"
#include "core/status.h"
#include "core/transition.h"
#include "core/value.h"

namespace docket {

// Lets GoogleTest print Values and Statuses in failure messages.
inline void PrintTo(const Value& v, std::ostream* os) {
  if (v.is_null()) {
    *os << "null";
  } else if (v.is_string()) {
    *os << '"' << v.as_string() << '"';
  } else if (v.is_list()) {
    *os << '[' << v.ToText() << ']';
  } else if (v.is_double()) {
    *os << v.ToText() << " (double)";
  } else {
    *os << v.ToText();
  }
}
inline void PrintTo(const Status& s, std::ostream* os) { *os << s.ToString(); }

namespace test {

inline FieldDef Field(std::string name, FieldType type) {
  FieldDef f;
  f.name = std::move(name);
  f.type = type;
  return f;
}

inline FieldDef EnumField(std::string name, std::vector<std::string> values) {
  FieldDef f = Field(std::move(name), FieldType::kEnum);
  f.values = std::move(values);
  return f;
}

inline FieldDef ListField(std::string name, FieldType element, std::vector<std::string> values = {}) {
  FieldDef f = Field(std::move(name), FieldType::kList);
  f.element = element;
  f.values = std::move(values);
  return f;
}

inline Condition Compare(std::string field, CompareOp op, std::vector<Value> values) {
  Condition c;
  c.kind = Condition::Kind::kCompare;
  c.field = std::move(field);
  c.op = op;
  c.values = std::move(values);
  return c;
}

inline Condition Present(std::string field) {
  Condition c;
  c.kind = Condition::Kind::kPresent;
  c.field = std::move(field);
  return c;
}

inline Condition Group(Condition::Kind kind, std::vector<Condition> operands) {
  Condition c;
  c.kind = kind;
  c.operands = std::move(operands);
  return c;
}
inline Condition All(std::vector<Condition> ops) { return Group(Condition::Kind::kAll, std::move(ops)); }
inline Condition Any(std::vector<Condition> ops) { return Group(Condition::Kind::kAny, std::move(ops)); }
inline Condition Not(Condition op) { return Group(Condition::Kind::kNot, {std::move(op)}); }

inline Condition Role(std::vector<std::string> roles, RoleScope scope = RoleScope::kOrg) {
  Condition c;
  c.kind = Condition::Kind::kRole;
  c.roles = std::move(roles);
  c.scope = scope;
  return c;
}

inline Condition DistinctActor(std::string transition) {
  Condition c;
  c.kind = Condition::Kind::kDistinctActor;
  c.transition = std::move(transition);
  return c;
}

inline Condition ChildrenTerminal(std::string workflow = "") {
  Condition c;
  c.kind = Condition::Kind::kChildrenTerminal;
  c.workflow = std::move(workflow);
  return c;
}

inline Condition RefInState(std::string field, std::vector<std::string> states) {
  Condition c;
  c.kind = Condition::Kind::kRefInState;
  c.field = std::move(field);
  c.states = std::move(states);
  return c;
}

inline Condition WithRule(Condition c, std::string rule, std::string en = "", std::string zh = "") {
  c.rule = std::move(rule);
  c.message.en = std::move(en);
  c.message.zh = std::move(zh);
  return c;
}

inline Effect SetComputed(std::string field, Effect::Computed computed) {
  Effect e;
  e.field = std::move(field);
  e.computed = computed;
  return e;
}

inline Effect SetValue(std::string field, Value value) {
  Effect e;
  e.field = std::move(field);
  e.value = std::move(value);
  return e;
}

inline TransitionDef Transition(std::string name, std::vector<std::string> from, std::string to,
                                std::vector<std::string> roles) {
  TransitionDef t;
  t.name = std::move(name);
  t.from = std::move(from);
  t.to = std::move(to);
  t.roles = std::move(roles);
  return t;
}

inline StateDef State(std::string name, bool initial = false, bool terminal = false) {
  StateDef s;
  s.name = std::move(name);
  s.initial = initial;
  s.terminal = terminal;
  return s;
}

// The purchase workflow described at the top of this file.
inline Definition PurchaseWorkflow() {
  Definition d;
  d.id = "purchase";
  d.version = 3;
  d.fields = {
      Field("title", FieldType::kText),
      Field("amount", FieldType::kMoney),
      Field("qty", FieldType::kInteger),
      EnumField("priority", {"low", "normal", "high"}),
      Field("note", FieldType::kText),
      ListField("tags", FieldType::kText),
      Field("contract", FieldType::kItem),
      Field("approved_by", FieldType::kPerson),
      Field("approved_on", FieldType::kDate),
      Field("decided_at", FieldType::kDateTime),
  };
  d.fields[0].labels.zh = "标题";
  d.states = {State("draft", true), State("review"), State("approved", false, true),
              State("rejected", false, true)};

  d.create.name = "create";
  d.create.roles = {"clerk"};
  d.create.required = {"title"};
  d.create.sets = {"amount", "qty", "priority", "note", "tags", "contract"};

  TransitionDef submit = Transition("submit", {"draft"}, "review", {"clerk"});
  submit.required = {"amount"};
  submit.sets = {"note", "qty"};

  TransitionDef approve = Transition("approve", {"review"}, "approved", {"manager"});
  approve.roles_above = {"director"};
  approve.sets = {"note"};
  approve.when = All({WithRule(Compare("amount", CompareOp::kLessEq, {"10000.00"}), "R1",
                               "amounts above 10000.00 need the board"),
                      DistinctActor("submit")});
  approve.effects = {SetComputed("approved_by", Effect::Computed::kActor),
                     SetComputed("approved_on", Effect::Computed::kToday),
                     SetComputed("decided_at", Effect::Computed::kNow)};

  TransitionDef reject = Transition("reject", {"review"}, "rejected", {"manager"});
  reject.required = {"note"};

  // Self-loops, one per state: the state stays, the version still moves.
  TransitionDef comment = Transition("comment", {"review"}, "review", {"clerk", "manager"});
  comment.sets = {"note"};
  TransitionDef comment_draft = comment;
  comment_draft.from = {"draft"};
  comment_draft.to = "draft";

  // Sends a review back; clears the note through a null effect.
  TransitionDef revise = Transition("revise", {"review"}, "draft", {"manager"});
  revise.effects = {SetValue("note", Value())};

  TransitionDef cancel = Transition("cancel", {}, "rejected", {"clerk"});
  cancel.from_any = true;

  TransitionDef close = Transition("close", {"review"}, "approved", {});  // the engine only
  close.when = ChildrenTerminal();

  d.transitions = {submit, approve, reject, comment_draft, comment, revise, cancel, close};
  return d;
}

inline Actor Person(std::string id, std::vector<std::string> roles,
                    std::vector<std::string> roles_above = {}) {
  Actor a;
  a.id = std::move(id);
  a.roles = std::move(roles);
  a.roles_above = std::move(roles_above);
  return a;
}

inline Actor System() {
  Actor a;
  a.id = "docket";
  a.system = true;
  return a;
}

// A purchase item in `state` at version 2 with a title and an amount.
inline Item PurchaseItem(std::string state) {
  Item it;
  it.id = 17;
  it.org = "school-1";
  it.workflow = "purchase";
  it.workflow_version = 3;
  it.state = std::move(state);
  it.fields = {{"title", Value("Chairs")}, {"amount", Value("2500.00")}};
  it.version = 2;
  return it;
}

}  // namespace test
}  // namespace docket
