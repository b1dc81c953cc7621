// Apply and Create refusing: each reason with its Code and a message that names the thing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/clock.h"
#include "core/transition.h"
#include "test_workflow.h"

namespace docket {
namespace {

using test::Person;
using test::PurchaseItem;
using test::PurchaseWorkflow;

struct RefusalCase {
  std::string name;
  std::string state;  // the item's state
  FieldMap extra;     // fields the item holds besides title and amount
  std::string action;
  Actor actor;
  FieldMap submitted;
  ItemFacts facts;
  Code code;
  std::string message;  // the exact message
};

const Actor kClerk = Person("carol", {"clerk"});
const Actor kManager = Person("mia", {"manager"});
const Actor kDirector = Person("dan", {}, {"director"});

TEST(ApplyRefuses, Table) {
  ItemFacts carol_submitted;
  carol_submitted.actors_by_transition["submit"] = {"carol", "mia"};
  ItemFacts open_child;
  open_child.children = {{30, "quote", "open", false}};

  const std::vector<RefusalCase> cases = {
      {"unknown action", "review", {}, "frobnicate", kManager, {}, {}, Code::kRefused,
       "workflow 'purchase' has no action 'frobnicate'; item #17 is in state 'review', possible there: "
       "approve, reject, comment, revise, cancel, close"},
      {"not from this state", "review", {}, "submit", kClerk, {}, {}, Code::kRefused,
       "action 'submit' is not possible from state 'review' (item #17); possible there: approve, reject, "
       "comment, revise, cancel, close"},
      {"nothing possible in a terminal state", "approved", {}, "approve", kManager, {}, {}, Code::kRefused,
       "action 'approve' is not possible from state 'approved' (item #17); no action is possible there"},
      {"state without transitions", "limbo", {}, "approve", kManager, {}, {}, Code::kRefused,
       "action 'approve' is not possible from state 'limbo' (item #17); possible there: cancel"},
      {"role forbidden", "review", {}, "approve", kClerk, {}, {}, Code::kForbidden,
       "'carol' may not take action 'approve': it needs one of the roles manager; or director in a "
       "supervising organization; 'carol' holds clerk"},
      {"role held only above", "review", {}, "reject", kDirector, {{"note", Value("no")}}, {},
       Code::kForbidden,
       "'dan' may not take action 'reject': it needs one of the roles manager; 'dan' holds above: director"},
      {"no role at all", "review", {}, "approve", Person("zoe", {}), {}, {}, Code::kForbidden,
       "'zoe' may not take action 'approve': it needs one of the roles manager; or director in a "
       "supervising organization; 'zoe' holds no role here"},
      {"engine-only transition", "review", {}, "close", kManager, {}, {}, Code::kForbidden,
       "'mia' may not take action 'close': it needs one of the roles (no role may take it); 'mia' holds "
       "manager"},
      {"unknown field", "review", {}, "approve", kManager, {{"colour", Value("red")}}, {}, Code::kInvalid,
       "workflow 'purchase' has no field 'colour'"},
      {"field not settable", "review", {}, "approve", kManager, {{"amount", Value("1.00")}}, {},
       Code::kInvalid, "action 'approve' may not set field 'amount' (it may set: note)"},
      {"transition sets nothing", "review", {}, "revise", kManager, {{"note", Value("x")}}, {},
       Code::kInvalid, "action 'revise' may not set field 'note' (it sets no fields)"},
      {"required fields are settable, and listed", "draft", {}, "submit", kClerk, {{"title", Value("x")}},
       {}, Code::kInvalid, "action 'submit' may not set field 'title' (it may set: note, qty, amount)"},
      {"bad value", "draft", {}, "submit", kClerk, {{"qty", Value("three")}}, {}, Code::kInvalid,
       "field 'qty' (integer): 'three' is not a whole number"},
      {"bad money", "draft", {}, "submit", kClerk, {{"amount", Value("12.345")}}, {}, Code::kInvalid,
       "field 'amount' (money): '12.345' is not an amount of money (digits with at most two decimals)"},
      {"missing required", "review", {}, "reject", kManager, {}, {}, Code::kInvalid,
       "action 'reject' requires field 'note'"},
      {"blank text does not fill a required field", "review", {}, "reject", kManager, {{"note", Value(" ")}},
       {}, Code::kInvalid, "action 'reject' requires field 'note'"},
      {"required field cleared", "draft", {}, "submit", kClerk, {{"amount", Value()}}, {}, Code::kInvalid,
       "action 'submit' requires field 'amount'"},
      {"rule fails", "review", {{"amount", Value("20000.00")}}, "approve", kManager, {}, {}, Code::kRefused,
       "action 'approve' refused: R1: amounts above 10000.00 need the board [requires amount <= 10000.00, "
       "but amount is '20000.00']"},
      {"same person submitted", "review", {}, "approve", kManager, {}, carol_submitted, Code::kRefused,
       "action 'approve' refused: 'mia' already took 'submit' on this item; a different person must act "
       "(separation of duties)"},
      {"system is still bound by conditions", "review", {}, "close", test::System(), {}, open_child,
       Code::kRefused, "action 'close' refused: child items are not finished: #30 (open)"},
  };
  const Definition def = PurchaseWorkflow();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Item item = PurchaseItem(c.state);
    for (const auto& [k, v] : c.extra) item.fields[k] = v;
    Request req{c.action, c.actor, c.submitted, TimePoint{}};
    Result<Outcome> got = Apply(def, item, req, c.facts);
    if (got.ok()) {
      ADD_FAILURE() << "accepted: now in " << got->item.state;
      continue;
    }
    EXPECT_EQ(got.status().code(), c.code) << got.status().ToString();
    EXPECT_EQ(got.status().message(), c.message);
  }
}

// The roles a refusal names are shown by the labels ItemFacts::role_labels gives them (the
// Chinese label with the id in Chinese, the id in English); a role without one by its id.
TEST(ApplyRefuses, NamesRolesByTheirLabels) {
  ItemFacts facts;
  facts.role_labels["manager"] = Labels("经理", "Manager");
  facts.role_labels["clerk"] = Labels("文员", "Clerk");
  Request req{"approve", kClerk, {}, TimePoint{}};
  Result<Outcome> got = Apply(PurchaseWorkflow(), PurchaseItem("review"), req, facts);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(Text(got.status().msg(), Lang::kZh),
            "“carol”不能执行动作“approve”：须担任以下角色之一：经理（manager）；或上级组织的 director；“carol”的角色：文员（clerk）");
  EXPECT_EQ(Text(got.status().msg(), Lang::kEn),
            "'carol' may not take action 'approve': it needs one of the roles manager; or director in a "
            "supervising organization; 'carol' holds clerk");
}

// Which refusal wins when several apply: state, then role, then fields, then required, then rules.
TEST(ApplyRefuses, OrderOfChecks) {
  const Definition def = PurchaseWorkflow();
  Item item = PurchaseItem("review");
  item.fields["amount"] = Value("20000.00");  // R1 would refuse approve
  const FieldMap bad_field = {{"colour", Value("red")}};
  struct Case {
    std::string action;
    Actor actor;
    FieldMap submitted;
    Code code;
  };
  const std::vector<Case> cases = {
      {"submit", kClerk, bad_field, Code::kRefused},     // wrong state beats everything
      {"approve", kClerk, bad_field, Code::kForbidden},  // role beats a bad field
      {"approve", kManager, bad_field, Code::kInvalid},  // a bad field beats the rule
      {"reject", kManager, {{"note", Value(7)}}, Code::kInvalid},
      {"approve", kManager, {}, Code::kRefused},  // finally the rule
  };
  for (const auto& c : cases) {
    Result<Outcome> got = Apply(def, item, Request{c.action, c.actor, c.submitted, TimePoint{}}, {});
    ASSERT_FALSE(got.ok()) << c.action;
    EXPECT_EQ(got.status().code(), c.code) << c.action << ": " << got.status().ToString();
  }
}

TEST(CreateRefuses, Table) {
  struct Case {
    std::string name;
    Actor actor;
    FieldMap submitted;
    Code code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"role forbidden", kManager, {{"title", Value("x")}}, Code::kForbidden,
       "'mia' may not take action 'create': it needs one of the roles clerk; 'mia' holds manager"},
      {"missing required, with its label", kClerk, {{"amount", Value(5)}}, Code::kInvalid,
       "action 'create' requires field 'title'"},
      {"unknown field", kClerk, {{"title", Value("x")}, {"zzz", Value(1)}}, Code::kInvalid,
       "workflow 'purchase' has no field 'zzz'"},
      {"not settable", kClerk, {{"title", Value("x")}, {"approved_by", Value("carol")}}, Code::kInvalid,
       "action 'create' may not set field 'approved_by' (it may set: amount, qty, priority, note, tags, "
       "contract, title)"},
      {"enum value not in list", kClerk, {{"title", Value("x")}, {"priority", Value("urgent")}},
       Code::kInvalid, "field 'priority' (enum): 'urgent' is not one of: low, normal, high"},
      {"list where scalar expected", kClerk, {{"title", Value(List{"a", "b"})}}, Code::kInvalid,
       "field 'title' (text): 'a, b' is a list, expected a single value"},
      {"item ref zero", kClerk, {{"title", Value("x")}, {"contract", Value(0)}}, Code::kInvalid,
       "field 'contract' (item): '0' is not an item id"},
  };
  const Definition def = PurchaseWorkflow();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Result<Outcome> got = Create(def, "school-1", Request{"create", c.actor, c.submitted, TimePoint{}});
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), c.code) << got.status().ToString();
    EXPECT_EQ(got.status().message(), c.message);
  }
}

TEST(CreateRefuses, WorkflowWithoutInitialState) {
  Definition def = PurchaseWorkflow();
  for (auto& s : def.states) s.initial = false;
  Result<Outcome> got =
      Create(def, "school-1", Request{"create", kClerk, {{"title", Value("x")}}, TimePoint{}});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Code::kInvalid);
  EXPECT_EQ(got.status().message(), "workflow 'purchase' has no initial state");
}

}  // namespace
}  // namespace docket
