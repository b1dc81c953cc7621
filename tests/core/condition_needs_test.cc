// What a definition's conditions need to know beyond the item (core/condition_needs.h).
#include "core/condition_needs.h"

#include <gtest/gtest.h>

#include "test_workflow.h"

namespace docket {
namespace {

using namespace docket::test;

Definition WithWhen(std::vector<Condition> whens) {
  Definition def;
  def.id = "w";
  def.version = 1;
  for (std::size_t i = 0; i < whens.size(); ++i) {
    TransitionDef t;
    t.name = "t" + std::to_string(i);
    t.when = whens[i];
    def.transitions.push_back(std::move(t));
  }
  return def;
}

TEST(ConditionNeeds, NothingBeyondTheItemForFieldConditions) {
  const ConditionNeeds n = NeedsOf(WithWhen({All({Present("title"), Not(Present("note"))})}), false, "draft", {});
  EXPECT_FALSE(n.children || n.refs || n.history || n.bodies || n.calendar);
  EXPECT_TRUE(n.tables.empty());
  EXPECT_TRUE(n.role_ballots.empty());
}

TEST(ConditionNeeds, EachKindAsksForItsFact) {
  EXPECT_TRUE(NeedsOf(WithWhen({ChildrenTerminal()}), false, "s", {}).children);
  EXPECT_TRUE(NeedsOf(WithWhen({RefInState("contract", {"signed"})}), false, "s", {}).refs);
  EXPECT_TRUE(NeedsOf(WithWhen({DistinctActor("approve")}), false, "s", {}).history);
  // Nested inside any/not, found all the same.
  const ConditionNeeds nested = NeedsOf(WithWhen({Any({Present("x"), Not(ChildrenTerminal())})}), false, "s", {});
  EXPECT_TRUE(nested.children);
  EXPECT_FALSE(nested.refs);
}

TEST(ConditionNeeds, ChecksCountOnlyInTheirStates) {
  Definition def = WithWhen({});
  CheckDef check;
  check.name = "c";
  check.when = ChildrenTerminal();
  check.in = {"done"};
  def.checks.push_back(check);
  EXPECT_TRUE(NeedsOf(def, true, "done", {}).children);
  EXPECT_FALSE(NeedsOf(def, true, "draft", {}).children);
  EXPECT_FALSE(NeedsOf(def, false, "done", {}).children);  // acting reads the transitions only
}

// The findings read the organization's items for next_after and none_open once and copy
// only these fields into every judged item's facts: a field the conditions read but missing
// here would make them judge without it.
TEST(ConditionNeeds, OtherItemsOfTheOrgNameTheFieldsTheyRead) {
  Condition next;
  next.kind = Condition::Kind::kNextAfter;
  next.workflow = "meeting";
  next.ref = "meeting";
  next.field = "held_at";
  next.after = "taken_at";
  next.where_field = "body";
  next.where_value = "party-meeting";
  Condition none;
  none.kind = Condition::Kind::kNoneOpen;
  none.workflow = "temporary-action";
  none.states = {"taken"};
  none.field = "taken_at";
  none.before = "held_at";
  const ConditionNeeds n = NeedsOf(WithWhen({Any({Present("x"), next}), none}), false, "s", {});
  EXPECT_EQ(n.org_items, (std::set<std::string>{"meeting", "temporary-action"}));
  ASSERT_EQ(n.org_item_fields.size(), 2u);
  EXPECT_EQ(n.org_item_fields.at("meeting"), (std::set<std::string>{"body", "held_at"}));
  EXPECT_EQ(n.org_item_fields.at("temporary-action"), (std::set<std::string>{"taken_at"}));
  // Without a `where`, only the moment.
  next.where_field.clear();
  EXPECT_EQ(NeedsOf(WithWhen({next}), false, "s", {}).org_item_fields.at("meeting"), (std::set<std::string>{"held_at"}));
}

}  // namespace
}  // namespace docket
