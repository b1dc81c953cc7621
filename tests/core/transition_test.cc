// Apply and Create succeeding: the new item, the action record, effects, roles, and purity.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/transition.h"
#include "test_workflow.h"

namespace docket {
namespace {

using test::Person;
using test::PurchaseItem;
using test::PurchaseWorkflow;

const Actor kClerk = Person("carol", {"clerk"});
const Actor kManager = Person("mia", {"manager"});
const TimePoint kNow = *ParseTime("2026-03-01T23:30:00Z");

struct Change {
  std::string field;
  Value before;
  Value after;
  friend bool operator==(const Change&, const Change&) = default;
  friend void PrintTo(const Change& c, std::ostream* os) {
    *os << c.field << ": " << testing::PrintToString(c.before) << " -> " << testing::PrintToString(c.after);
  }
};

std::vector<Change> Changes(const ActionRecord& rec) {
  std::vector<Change> out;
  for (const auto& c : rec.changes) out.push_back({c.field, c.before, c.after});
  return out;
}

class ApplyTest : public testing::Test {
 protected:
  Outcome MustApply(const Item& item, const std::string& action, const Actor& actor,
                    FieldMap submitted = {}, const ItemFacts& facts = {}) {
    Result<Outcome> got = Apply(def_, item, Request{action, actor, std::move(submitted), kNow}, facts);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    if (!got.ok()) return Outcome{};
    return std::move(got).value();
  }

  const Definition def_ = PurchaseWorkflow();
};

TEST_F(ApplyTest, MovesStateBumpsVersionAndRecords) {
  const Item item = PurchaseItem("draft");
  Outcome out = MustApply(item, "submit", kClerk, {{"qty", Value(3)}, {"note", Value("urgent")}});
  EXPECT_EQ(out.item.state, "review");
  EXPECT_EQ(out.item.version, 3);
  EXPECT_EQ(out.item.id, 17);
  EXPECT_EQ(out.item.org, "school-1");
  EXPECT_EQ(out.item.workflow_version, 3);
  EXPECT_EQ(out.item.updated_at, kNow);
  EXPECT_EQ(out.item.created_at, item.created_at);
  EXPECT_EQ(out.item.fields.at("qty"), Value(3));
  EXPECT_EQ(out.record.action, "submit");
  EXPECT_EQ(out.record.actor, "carol");
  EXPECT_EQ(out.record.role, "clerk");
  EXPECT_EQ(out.record.from_state, "draft");
  EXPECT_EQ(out.record.to_state, "review");
  EXPECT_EQ(out.record.item_version, 3);
  EXPECT_EQ(out.record.time, kNow);
  EXPECT_EQ(Changes(out.record), (std::vector<Change>{{"note", Value(), Value("urgent")},
                                                       {"qty", Value(), Value(3)}}));
}

TEST_F(ApplyTest, ChangesAreSortedByFieldAndIncludeEffects) {
  Item item = PurchaseItem("review");
  item.fields["note"] = Value("old");
  Outcome out = MustApply(item, "approve", kManager, {{"note", Value("ok")}});
  EXPECT_EQ(out.item.state, "approved");
  EXPECT_EQ(Changes(out.record),
            (std::vector<Change>{{"approved_by", Value(), Value("mia")},
                                 {"approved_on", Value(), Value("2026-03-01")},
                                 {"decided_at", Value(), Value("2026-03-01T23:30:00Z")},
                                 {"note", Value("old"), Value("ok")}}));
  // $actor, $today and $now land in the item as canonical values.
  EXPECT_EQ(out.item.fields.at("approved_by"), Value("mia"));
  EXPECT_EQ(out.item.fields.at("approved_on"), Value("2026-03-01"));
  EXPECT_EQ(out.item.fields.at("decided_at"), Value("2026-03-01T23:30:00Z"));
}

TEST_F(ApplyTest, TodayIsTheDateOnTheClockOfTheItemsOrganization) {
  // 23:30 UTC on March 1st is 07:30 on March 2nd in Beijing: a school's $today is the 2nd.
  ItemFacts facts;
  facts.zone = std::make_shared<const TimeZone>(TimeZone::Fixed("Asia/Shanghai", std::chrono::hours(8)));
  Item item = PurchaseItem("review");
  Outcome out = MustApply(item, "approve", kManager, {}, facts);
  EXPECT_EQ(out.item.fields.at("approved_on"), Value("2026-03-02"));
  EXPECT_EQ(out.item.fields.at("decided_at"), Value("2026-03-01T23:30:00Z"));  // an instant: no zone
  // Without the organization's clock (none gathered): UTC's date.
  EXPECT_EQ(MustApply(item, "approve", kManager).item.fields.at("approved_on"), Value("2026-03-01"));
}

TEST_F(ApplyTest, SubmittedValuesAreNormalized) {
  Outcome out = MustApply(PurchaseItem("draft"), "submit", kClerk, {{"amount", Value(12.5)}});
  EXPECT_EQ(out.item.fields.at("amount"), Value("12.50"));
  EXPECT_EQ(Changes(out.record), (std::vector<Change>{{"amount", Value("2500.00"), Value("12.50")}}));
}

TEST_F(ApplyTest, UnchangedValueIsNotAChange) {
  Outcome out = MustApply(PurchaseItem("draft"), "submit", kClerk, {{"amount", Value("2500.00")}});
  EXPECT_TRUE(out.record.changes.empty());
  EXPECT_EQ(out.item.version, 3);
}

TEST_F(ApplyTest, ClearedFieldIsRecordedAsNull) {
  Item item = PurchaseItem("review");
  item.fields["note"] = Value("draft note");
  // Cleared by the actor submitting null...
  Outcome out = MustApply(item, "comment", kManager, {{"note", Value()}});
  EXPECT_EQ(out.item.fields.count("note"), 0u);
  EXPECT_EQ(Changes(out.record), (std::vector<Change>{{"note", Value("draft note"), Value()}}));
  // ...and by an effect that sets null.
  out = MustApply(item, "revise", kManager);
  EXPECT_EQ(out.item.state, "draft");
  EXPECT_EQ(out.item.fields.count("note"), 0u);
  EXPECT_EQ(Changes(out.record), (std::vector<Change>{{"note", Value("draft note"), Value()}}));
}

TEST_F(ApplyTest, SelfLoopKeepsStateAndMovesVersion) {
  Outcome out = MustApply(PurchaseItem("review"), "comment", kClerk, {{"note", Value("checked")}});
  EXPECT_EQ(out.item.state, "review");
  EXPECT_EQ(out.record.from_state, "review");
  EXPECT_EQ(out.record.to_state, "review");
  EXPECT_EQ(out.item.version, 3);
  // The same action name from another state takes that state's loop.
  out = MustApply(PurchaseItem("draft"), "comment", kClerk);
  EXPECT_EQ(out.item.state, "draft");
}

TEST_F(ApplyTest, FromAnyWorksInEveryUnfinishedState) {
  for (const std::string state : {"draft", "review"}) {
    Outcome out = MustApply(PurchaseItem(state), "cancel", kClerk);
    EXPECT_EQ(out.item.state, "rejected") << state;
    EXPECT_EQ(out.record.from_state, state);
  }
  // A terminal state stays terminal: `from: any` does not reopen a finished item.
  for (const std::string state : {"approved", "rejected"}) {
    auto r = Apply(def_, PurchaseItem(state), {"cancel", kClerk, {}, kNow}, ItemFacts{});
    ASSERT_FALSE(r.ok()) << state;
    EXPECT_EQ(r.status().code(), Code::kRefused) << state;
  }
}

TEST_F(ApplyTest, RoleRecorded) {
  struct Case {
    Actor actor;
    std::string role;
  };
  const std::vector<Case> cases = {
      {kManager, "manager"},
      {Person("dan", {"clerk"}, {"director"}), "above:director"},
      {Person("both", {"manager"}, {"director"}), "manager"},  // a role here is preferred
      {test::System(), "system"},                               // the engine needs no role
  };
  for (const auto& c : cases) {
    Outcome out = MustApply(PurchaseItem("review"), "approve", c.actor);
    EXPECT_EQ(out.record.role, c.role) << c.actor.id;
    EXPECT_EQ(out.record.actor, c.actor.id);
    EXPECT_EQ(out.item.fields.at("approved_by"), Value(c.actor.id));
  }
}

TEST_F(ApplyTest, SystemActorTakesEngineOnlyTransition) {
  ItemFacts facts;
  facts.children = {{30, "quote", "accepted", true}};
  Outcome out = MustApply(PurchaseItem("review"), "close", test::System(), {}, facts);
  EXPECT_EQ(out.item.state, "approved");
  EXPECT_EQ(out.record.role, "system");
  EXPECT_EQ(out.record.actor, "docket");
}

TEST_F(ApplyTest, ConditionSeesTheFieldsAsTheyWouldBe) {
  Item item = PurchaseItem("review");
  item.fields["amount"] = Value("20000.00");
  // R1 (amount <= 10000.00) refuses as the item stands, but holds once the action lowers the
  // amount: the condition is evaluated on the fields after the submitted values.
  Result<Outcome> refused = Apply(def_, item, Request{"approve", kManager, {}, kNow}, {});
  EXPECT_EQ(refused.status().code(), Code::kRefused);
  Definition def = def_;
  for (auto& t : def.transitions) {
    if (t.name == "approve") t.sets.push_back("amount");
  }
  Result<Outcome> ok = Apply(def, item, Request{"approve", kManager, {{"amount", Value("9000")}}, kNow}, {});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->item.fields.at("amount"), Value("9000.00"));
}

TEST(Create, PutsTheInitialStateAndVersionOne) {
  const Definition def = PurchaseWorkflow();
  const FieldMap submitted = {
      {"title", Value("Desks")}, {"amount", Value(40)}, {"tags", Value(List{"a"})}};
  Result<Outcome> got = Create(def, "school-1", Request{"create", kClerk, submitted, kNow});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  const Item& item = got->item;
  EXPECT_EQ(item.state, "draft");
  EXPECT_EQ(item.version, 1);
  EXPECT_EQ(item.id, 0);
  EXPECT_EQ(item.org, "school-1");
  EXPECT_EQ(item.workflow, "purchase");
  EXPECT_EQ(item.workflow_version, 3);
  EXPECT_EQ(item.created_at, kNow);
  EXPECT_EQ(item.updated_at, kNow);
  EXPECT_EQ(item.fields, (FieldMap{{"amount", Value("40.00")},
                                    {"tags", Value(List{"a"})},
                                    {"title", Value("Desks")}}));
  const ActionRecord& rec = got->record;
  EXPECT_EQ(rec.action, "create");
  EXPECT_EQ(rec.role, "clerk");
  EXPECT_EQ(rec.from_state, "");
  EXPECT_EQ(rec.to_state, "draft");
  EXPECT_EQ(rec.item_version, 1);
  EXPECT_EQ(rec.time, kNow);
  EXPECT_EQ(Changes(rec), (std::vector<Change>{{"amount", Value(), Value("40.00")},
                                                {"tags", Value(), Value(List{"a"})},
                                                {"title", Value(), Value("Desks")}}));
}

TEST(Create, InitialStateNeedNotBeFirst) {
  Definition def = PurchaseWorkflow();
  def.states[0].initial = false;
  def.states[1].initial = true;
  Result<Outcome> got = Create(def, "s", Request{"create", kClerk, {{"title", Value("x")}}, kNow});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->item.state, "review");
  EXPECT_EQ(got->record.to_state, "review");
}

// The core is a function: same arguments, same answer; the arguments are left alone.
TEST(Purity, SameInputsSameOutputsAndInputUntouched) {
  const Definition def = PurchaseWorkflow();
  Item item = PurchaseItem("review");
  item.fields["note"] = Value("keep");
  const Item before = item;
  ItemFacts facts;
  facts.actors_by_transition["submit"] = {"carol"};
  const Request req{"approve", kManager, {{"note", Value()}}, kNow};

  Result<Outcome> a = Apply(def, item, req, facts);
  Result<Outcome> b = Apply(def, item, req, facts);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->item.state, b->item.state);
  EXPECT_EQ(a->item.fields, b->item.fields);
  EXPECT_EQ(a->item.version, b->item.version);
  EXPECT_EQ(a->item.updated_at, b->item.updated_at);
  EXPECT_EQ(a->record.role, b->record.role);
  EXPECT_EQ(a->record.time, b->record.time);
  EXPECT_EQ(Changes(a->record), Changes(b->record));
  EXPECT_EQ(Changes(a->record).size(), 4u);

  EXPECT_EQ(item.state, before.state);
  EXPECT_EQ(item.fields, before.fields);
  EXPECT_EQ(item.version, before.version);
  EXPECT_EQ(item.updated_at, before.updated_at);
  EXPECT_EQ(item.fields.at("note"), Value("keep"));

  // A refusal is as repeatable as a success.
  const Request refused{"approve", Person("carol", {"manager"}), {}, kNow};
  Result<Outcome> r1 = Apply(def, item, refused, facts);
  Result<Outcome> r2 = Apply(def, item, refused, facts);
  ASSERT_FALSE(r1.ok());
  EXPECT_EQ(r1.status().ToString(), r2.status().ToString());
  EXPECT_EQ(r1.status().code(), Code::kRefused);
}

TEST(ReferencedItems, CollectsItemFieldsAndItemLists) {
  Definition def = PurchaseWorkflow();
  def.fields.push_back(test::ListField("related", FieldType::kItem));
  const FieldMap fields = {{"contract", Value(42)},
                           {"related", Value(List{7, 9})},
                           {"qty", Value(5)},
                           {"unknown", Value(3)}};
  EXPECT_EQ(ReferencedItems(def, fields), (std::vector<std::int64_t>{42, 7, 9}));
  EXPECT_TRUE(ReferencedItems(def, {{"title", Value("x")}}).empty());
}

}  // namespace
}  // namespace docket
