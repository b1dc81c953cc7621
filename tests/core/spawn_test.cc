// Spawn effects in the core: the children an action asks for, with their values.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/transition.h"
#include "test_workflow.h"

namespace docket {
namespace {

using test::Field;
using test::ListField;
using test::Person;
using test::State;
using test::Transition;

const TimePoint kNow = *ParseTime("2026-03-01T23:30:00Z");

Definition Assigning(std::string for_each) {
  Definition d;
  d.id = "decision";
  d.version = 1;
  d.fields = {Field("title", FieldType::kText), ListField("owners", FieldType::kPerson),
              Field("due", FieldType::kDate)};
  d.states = {State("adopted", true), State("executing"), State("closed", false, true)};
  TransitionDef t = Transition("assign", {"adopted"}, "executing", {"secretary"});
  t.sets = {"owners", "due"};
  Effect spawn;
  spawn.kind = Effect::Kind::kSpawn;
  spawn.workflow = "task";
  spawn.for_each = std::move(for_each);
  auto field = [](std::string name, SpawnField::Source source, std::string from = "", std::string literal = "") {
    SpawnField f;
    f.field = std::move(name);
    f.source = source;
    f.from = std::move(from);
    f.literal = std::move(literal);
    return f;
  };
  spawn.spawn_fields = {field("owner", SpawnField::Source::kEach), field("title", SpawnField::Source::kFrom, "title"),
                        field("due", SpawnField::Source::kFrom, "due"), field("kind", SpawnField::Source::kLiteral, "", "urgent"),
                        field("on", SpawnField::Source::kToday), field("by", SpawnField::Source::kActor)};
  t.effects = {spawn};
  d.transitions = {t};
  return d;
}

Item Adopted() {
  Item item;
  item.id = 5;
  item.org = "school-a";
  item.workflow = "decision";
  item.workflow_version = 1;
  item.state = "adopted";
  item.version = 1;
  item.fields = {{"title", Value("新建操场")}};
  return item;
}

TEST(SpawnCore, OneRequestPerElementWithValuesFromTheParentAfterTheAction) {
  const Actor wang = Person("wang", {"secretary"});
  auto out = Apply(Assigning("owners"), Adopted(),
                   {"assign", wang, {{"owners", Value(List{Value("li"), Value("chen")})}, {"due", Value("2026-06-30")}}, kNow},
                   ItemFacts{});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->spawns.size(), 2u);
  const SpawnRequest& first = out->spawns[0];
  EXPECT_EQ(first.workflow, "task");
  EXPECT_EQ(first.values.at("owner"), Value("li"));
  EXPECT_EQ(first.values.at("title"), Value("新建操场"));
  EXPECT_EQ(first.values.at("due"), Value("2026-06-30"));  // submitted in this very action
  EXPECT_EQ(first.values.at("on"), Value("2026-03-01"));
  EXPECT_EQ(first.values.at("by"), Value("wang"));
  ASSERT_EQ(first.texts.size(), 1u);
  EXPECT_EQ(first.texts[0], (std::pair<std::string, std::string>{"kind", "urgent"}));
  EXPECT_EQ(out->spawns[1].values.at("owner"), Value("chen"));
}

TEST(SpawnCore, NoListNoChildrenAndNoForEachOneChild) {
  const Actor wang = Person("wang", {"secretary"});
  auto none = Apply(Assigning("owners"), Adopted(), {"assign", wang, {}, kNow}, ItemFacts{});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->spawns.empty());
  auto one = Apply(Assigning(""), Adopted(), {"assign", wang, {}, kNow}, ItemFacts{});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->spawns.size(), 1u);
  EXPECT_TRUE(one->spawns[0].values.at("owner").is_null());  // $each without a list
  EXPECT_EQ(one->spawns[0].values.count("due"), 0u);          // absent parent fields are left out
}

TEST(SpawnCore, RefusedActionSpawnsNothing) {
  auto r = Apply(Assigning("owners"), Adopted(),
                 {"assign", Person("li", {"principal"}), {{"owners", Value(List{Value("li")})}}, kNow}, ItemFacts{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kForbidden);
}

}  // namespace
}  // namespace docket
