// Evaluate and Describe: every condition kind holding and failing, and the refusal text.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/condition.h"
#include "test_workflow.h"

namespace docket {
namespace {

using test::All;
using test::Any;
using test::ChildrenTerminal;
using test::Compare;
using test::DistinctActor;
using test::EnumField;
using test::Field;
using test::Not;
using test::Present;
using test::RefInState;
using test::Role;
using test::WithRule;

// A definition with one field of each orderable type, an enum, and an item reference.
Definition Fields() {
  Definition d;
  d.id = "conditions";
  d.fields = {Field("qty", FieldType::kInteger),  Field("ratio", FieldType::kNumber),
              Field("amount", FieldType::kMoney), Field("due", FieldType::kDate),
              Field("meeting", FieldType::kDateTime), EnumField("priority", {"low", "normal", "high"}),
              Field("title", FieldType::kText),   Field("contract", FieldType::kItem)};
  return d;
}

const FieldMap kFields = {{"qty", Value(10)},
                          {"ratio", Value(0.5)},
                          {"amount", Value("2500.00")},
                          {"due", Value("2026-03-01")},
                          {"meeting", Value("2026-03-01T09:00:00Z")},
                          {"priority", Value("normal")},
                          {"title", Value("Chairs")},
                          {"contract", Value(42)}};

class ConditionTest : public testing::Test {
 protected:
  // nullopt when `c` holds for the actor and facts of this fixture; the reason otherwise.
  std::optional<std::string> Eval(const Condition& c) const {
    ConditionContext ctx{def_, fields_, actor_, facts_};
    auto why = Evaluate(c, ctx);
    return why ? std::optional<std::string>(why->English()) : std::nullopt;
  }
  bool Holds(const Condition& c) const { return !Eval(c).has_value(); }

  Definition def_ = Fields();
  FieldMap fields_ = kFields;
  Actor actor_ = test::Person("alice", {"clerk"}, {"director"});
  ItemFacts facts_;
};

struct CompareCase {
  std::string field;
  CompareOp op;
  std::vector<Value> values;
  bool holds;
};

TEST_F(ConditionTest, CompareEveryOpOnEveryOrderableType) {
  using Op = CompareOp;
  const std::vector<CompareCase> cases = {
      // integer: qty = 10
      {"qty", Op::kLess, {11}, true},          {"qty", Op::kLess, {10}, false},
      {"qty", Op::kLessEq, {10}, true},        {"qty", Op::kLessEq, {9}, false},
      {"qty", Op::kGreater, {9}, true},        {"qty", Op::kGreater, {10}, false},
      {"qty", Op::kGreaterEq, {10}, true},     {"qty", Op::kGreaterEq, {11}, false},
      {"qty", Op::kEquals, {10}, true},        {"qty", Op::kEquals, {11}, false},
      {"qty", Op::kNotEquals, {11}, true},     {"qty", Op::kNotEquals, {10}, false},
      {"qty", Op::kIn, {1, 10}, true},         {"qty", Op::kIn, {1, 2}, false},
      {"qty", Op::kNotIn, {1, 2}, true},       {"qty", Op::kNotIn, {10}, false},
      // number: ratio = 0.5
      {"ratio", Op::kLess, {0.75}, true},      {"ratio", Op::kLess, {0.5}, false},
      {"ratio", Op::kLessEq, {0.5}, true},     {"ratio", Op::kGreater, {0.25}, true},
      {"ratio", Op::kGreater, {1}, false},     {"ratio", Op::kGreaterEq, {0.5}, true},
      {"ratio", Op::kGreaterEq, {0.51}, false},
      // money: amount = 2500.00, ordered as amounts, not as text
      {"amount", Op::kLess, {"10000.00"}, true},      {"amount", Op::kGreater, {"300.00"}, true},
      {"amount", Op::kLessEq, {"2500.00"}, true},     {"amount", Op::kLessEq, {"2499.99"}, false},
      {"amount", Op::kGreaterEq, {"2500.01"}, false}, {"amount", Op::kGreater, {"-1.00"}, true},
      {"amount", Op::kEquals, {"2500.00"}, true},     {"amount", Op::kEquals, {"2500"}, false},
      // date: due = 2026-03-01
      {"due", Op::kLess, {"2026-03-02"}, true},       {"due", Op::kLess, {"2026-03-01"}, false},
      {"due", Op::kLessEq, {"2026-03-01"}, true},     {"due", Op::kGreater, {"2026-02-28"}, true},
      {"due", Op::kGreaterEq, {"2026-03-02"}, false},
      // datetime: meeting = 2026-03-01T09:00:00Z
      {"meeting", Op::kLess, {"2026-03-01T09:00:01Z"}, true},
      {"meeting", Op::kGreater, {"2026-03-01T08:59:59Z"}, true},
      {"meeting", Op::kGreaterEq, {"2026-03-01T09:00:00Z"}, true},
      {"meeting", Op::kLessEq, {"2026-03-01T08:00:00Z"}, false},
      // enum: priority = normal; only equality and membership mean anything
      {"priority", Op::kEquals, {"normal"}, true},    {"priority", Op::kEquals, {"high"}, false},
      {"priority", Op::kNotEquals, {"high"}, true},   {"priority", Op::kNotEquals, {"normal"}, false},
      {"priority", Op::kIn, {"normal", "high"}, true}, {"priority", Op::kIn, {"low", "high"}, false},
      {"priority", Op::kNotIn, {"low", "high"}, true}, {"priority", Op::kNotIn, {"normal"}, false},
      {"priority", Op::kLess, {"high"}, false},  // no order on an enum
      // text has no order either
      {"title", Op::kGreater, {"A"}, false},
      // an unset field equals nothing, and is in nothing
      {"note", Op::kEquals, {"x"}, false},  {"note", Op::kNotEquals, {"x"}, true},
      {"note", Op::kIn, {"x"}, false},      {"note", Op::kNotIn, {"x"}, true},
      {"note", Op::kLess, {"x"}, false},
  };
  for (const auto& c : cases) {
    Condition cond = Compare(c.field, c.op, c.values);
    SCOPED_TRACE(Text(Describe(cond), Lang::kEn));
    auto why = Eval(cond);
    EXPECT_EQ(!why.has_value(), c.holds) << why.value_or("(holds)");
  }
}

TEST_F(ConditionTest, CompareFailureSaysWhatWasRequiredAndWhatWasThere) {
  EXPECT_EQ(Eval(Compare("amount", CompareOp::kGreaterEq, {"100000.00"})),
            "requires amount >= 100000.00, but amount is '2500.00'");
  EXPECT_EQ(Eval(Compare("priority", CompareOp::kIn, {"low", "high"})),
            "requires priority in [low, high], but priority is 'normal'");
  fields_.erase("amount");
  EXPECT_EQ(Eval(Compare("amount", CompareOp::kLess, {"1.00"})),
            "requires amount < 1.00, but amount is empty");
}

TEST_F(ConditionTest, Present) {
  EXPECT_TRUE(Holds(Present("title")));
  EXPECT_EQ(Eval(Present("note")), "field 'note' has no value");
  fields_["note"] = Value();
  EXPECT_EQ(Eval(Present("note")), "field 'note' has no value");
}

TEST_F(ConditionTest, AllAnyNot) {
  const Condition yes = Present("title");
  const Condition no = Present("note");
  EXPECT_TRUE(Holds(All({yes, yes})));
  EXPECT_TRUE(Holds(All({})));
  EXPECT_EQ(Eval(All({yes, no, Present("missing")})), "field 'note' has no value");  // the first failure
  EXPECT_TRUE(Holds(Any({no, yes})));
  EXPECT_EQ(Eval(Any({no, Present("missing")})),
            "none of the alternatives holds: field 'note' has no value; field 'missing' has no value");
  EXPECT_TRUE(Holds(Not(no)));
  EXPECT_EQ(Eval(Not(yes)), "it must not be that title is set");
}

// Alternatives and the operand of `not` are first evaluated only for whether they hold
// (no sentence built); the sentences said when they fail are whole, rules included, and a
// failure evaluated after them is said in full.
TEST_F(ConditionTest, WhyIsSaidInFullAfterAlternativesWereOnlyTried) {
  const Condition yes = Present("title");
  const Condition no = Present("note");
  EXPECT_TRUE(Holds(Any({Not(yes), Not(Any({no, Not(yes)}))})));
  EXPECT_EQ(Eval(All({Any({no, yes}), Not(no), no})), "field 'note' has no value");
  EXPECT_EQ(Eval(Any({Not(yes), WithRule(no, "R9", "a note is needed"), Any({no, Not(yes)})})),
            "none of the alternatives holds: it must not be that title is set; R9: a note is needed [field 'note' "
            "has no value]; none of the alternatives holds: field 'note' has no value; it must not be that title "
            "is set");
  EXPECT_TRUE(Holds(Not(All({yes, no}))));
}

TEST_F(ConditionTest, NestingEvaluatesInnerRulesAndMessages) {
  // all(R2: any(qty > 100, priority = high), not(present(note)))
  Condition inner = WithRule(Any({Compare("qty", CompareOp::kGreater, {100}),
                                  Compare("priority", CompareOp::kEquals, {"high"})}),
                             "R2", "small orders must be urgent");
  Condition c = All({inner, Not(Present("note"))});
  EXPECT_EQ(Eval(c),
            "R2: small orders must be urgent [none of the alternatives holds: requires qty > 100, but qty "
            "is '10'; requires priority equals high, but priority is 'normal']");
  fields_["priority"] = Value("high");
  EXPECT_TRUE(Holds(c));
  fields_["note"] = Value("hi");
  EXPECT_EQ(Eval(c), "it must not be that note is set");
  EXPECT_TRUE(Holds(Not(c)));
}

TEST_F(ConditionTest, RulePrefixAndAuthorMessages) {
  const Condition base = Compare("amount", CompareOp::kLessEq, {"1000.00"});
  const std::string why = "requires amount <= 1000.00, but amount is '2500.00'";
  EXPECT_EQ(Eval(WithRule(base, "R1")), "R1: " + why);
  EXPECT_EQ(Eval(WithRule(base, "R1", "needs the board")), "R1: needs the board [" + why + "]");
  EXPECT_EQ(Eval(WithRule(base, "", "", "需要董事会")), "需要董事会 [" + why + "]");
  // With both languages, each reader gets one: English here, Chinese through the catalog.
  const Condition both = WithRule(base, "R7", "needs the board", "需要董事会");
  EXPECT_EQ(Eval(both), "R7: needs the board [" + why + "]");
  ConditionContext ctx{def_, fields_, actor_, facts_};
  EXPECT_EQ(Text(*Evaluate(both, ctx), Lang::kZh), "R7：需要董事会［要求 amount <= 1000.00，但 amount 为 “2500.00”］");
  // A rule that holds says nothing, whatever its message.
  EXPECT_TRUE(Holds(WithRule(Compare("amount", CompareOp::kLessEq, {"2500.00"}), "R1", "x")));
}

TEST_F(ConditionTest, RoleInOrgAndAbove) {
  // alice: clerk here, director above.
  EXPECT_TRUE(Holds(Role({"manager", "clerk"})));
  EXPECT_EQ(Eval(Role({"manager", "director"})),
            "'alice' holds none of the roles manager, director in this organization");
  EXPECT_TRUE(Holds(Role({"director"}, RoleScope::kAbove)));
  EXPECT_EQ(Eval(Role({"clerk"}, RoleScope::kAbove)),
            "'alice' holds none of the roles clerk in a supervising organization");
  actor_ = test::System();
  EXPECT_TRUE(Holds(Role({"manager"})));
  EXPECT_TRUE(Holds(Role({"manager"}, RoleScope::kAbove)));
}

TEST_F(ConditionTest, RoleRefusalNamesRolesByTheirLabels) {
  facts_.role_labels["manager"] = Labels("经理", "Manager");
  ConditionContext ctx{def_, fields_, actor_, facts_};
  auto why = Evaluate(Role({"manager", "director"}), ctx);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(Text(*why, Lang::kZh), "“alice”在本组织不担任以下任一角色：经理（manager）、director");
  EXPECT_EQ(Text(*why, Lang::kEn), "'alice' holds none of the roles manager, director in this organization");
}

TEST_F(ConditionTest, DistinctActor) {
  EXPECT_TRUE(Holds(DistinctActor("submit")));  // nobody submitted yet
  facts_.actors_by_transition["submit"] = {"bob"};
  EXPECT_TRUE(Holds(DistinctActor("submit")));
  facts_.actors_by_transition["submit"].insert("alice");
  EXPECT_EQ(Eval(DistinctActor("submit")),
            "'alice' already took 'submit' on this item; a different person must act (separation of duties)");
  EXPECT_TRUE(Holds(DistinctActor("review")));
}

TEST_F(ConditionTest, ChildrenTerminal) {
  EXPECT_TRUE(Holds(ChildrenTerminal()));  // no children
  facts_.children = {{5, "quote", "accepted", true}, {6, "quote", "open", false},
                     {7, "invoice", "paid", true}};
  EXPECT_EQ(Eval(ChildrenTerminal()), "child items are not finished: #6 (open)");
  EXPECT_EQ(Eval(ChildrenTerminal("quote")), "child items are not finished: #6 (open)");
  EXPECT_TRUE(Holds(ChildrenTerminal("invoice")));  // the open quote is not an invoice
  facts_.children.push_back({8, "invoice", "draft", false});
  EXPECT_EQ(Eval(ChildrenTerminal()), "child items are not finished: #6 (open), #8 (draft)");
  EXPECT_EQ(Eval(ChildrenTerminal("invoice")), "child items are not finished: #8 (draft)");
}

TEST_F(ConditionTest, RefInState) {
  const Condition c = RefInState("contract", {"signed", "active"});
  EXPECT_EQ(Eval(c), "item #42 referenced by 'contract' does not exist");
  facts_.refs[42] = {"contract", "draft"};
  EXPECT_EQ(Eval(c), "item #42 referenced by 'contract' is 'draft', expected one of: signed, active");
  facts_.refs[42].state = "active";
  EXPECT_TRUE(Holds(c));
  fields_.erase("contract");
  EXPECT_EQ(Eval(c), "field 'contract' does not reference an item");
}

TEST(Describe, PlainEnglish) {
  EXPECT_EQ(Text(Describe(Compare("amount", CompareOp::kGreaterEq, {"100000.00"})), Lang::kEn), "amount >= 100000.00");
  EXPECT_EQ(Text(Describe(Compare("priority", CompareOp::kNotIn, {"low", "high"})), Lang::kEn), "priority not_in [low, high]");
  EXPECT_EQ(Text(Describe(All({Present("a"), Any({Present("b"), Not(Present("c"))})})), Lang::kEn),
            "(a is set and (b is set or not c is set))");
  EXPECT_EQ(Text(Describe(Role({"manager"}, RoleScope::kAbove)), Lang::kEn),
            "the actor holds one of manager above this organization");
  EXPECT_EQ(Text(Describe(DistinctActor("submit")), Lang::kEn), "the actor did not take 'submit'");
  EXPECT_EQ(Text(Describe(ChildrenTerminal("quote")), Lang::kEn), "all child items of quote are finished");
  EXPECT_EQ(Text(Describe(RefInState("contract", {"signed", "active"})), Lang::kEn),
            "the item in contract is signed or active");
}

// A refusal quoting what a condition requires reads in one language: no English inside Chinese.
TEST(Describe, InChinese) {
  EXPECT_EQ(Text(Describe(All({Present("a"), Any({Present("b"), Not(Present("c"))})})), Lang::kZh),
            "（a已填写且（b已填写或并非c已填写））");
  EXPECT_EQ(Text(Describe(RefInState("contract", {"signed", "active"})), Lang::kZh), "contract所指事项处于signed或active");
  EXPECT_EQ(Text(Describe(Role({"manager", "clerk"}, RoleScope::kOrg)), Lang::kZh), "操作人担任manager、clerk之一");
}

}  // namespace
}  // namespace docket
