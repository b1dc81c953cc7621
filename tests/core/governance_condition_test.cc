// The conditions of the rules of procedure — quorum, majority, not_listed, ballot_excludes,
// last_of_role, lookup, member_of — holding and failing, with the exact refusal text; and the ballot
// field type (text form, canonical value, order kept, bad input).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/condition.h"
#include "core/condition_needs.h"
#include "core/field.h"
#include "test_workflow.h"

namespace docket {
namespace {

using test::Field;
using test::ListField;
using test::WithRule;

FieldDef Ballot(std::string name) {
  FieldDef f = Field(std::move(name), FieldType::kBallot);
  f.values = {"agree", "disagree", "abstain", "recused"};
  return f;
}

Definition Meeting() {
  Definition d;
  d.id = "meeting";
  d.fields = {Field("body", FieldType::kText), ListField("present", FieldType::kPerson), ListField("recused", FieldType::kPerson),
              Ballot("votes"), Field("category", FieldType::kText), Field("meeting", FieldType::kItem),
              Field("chair", FieldType::kPerson)};
  return d;
}

Operand FieldOperand(std::string f) {
  Operand o;
  o.field = std::move(f);
  return o;
}

Operand RefOperand(std::string ref, std::string f) {
  Operand o;
  o.source = Operand::Source::kRef;
  o.ref = std::move(ref);
  o.field = std::move(f);
  return o;
}

Condition Quorum(Threshold t) {
  Condition c;
  c.kind = Condition::Kind::kQuorum;
  c.present = "present";
  c.body = FieldOperand("body");
  c.threshold = t;
  return c;
}

Condition Majority(MajorityBase base, Threshold t = {}) {
  Condition c;
  c.kind = Condition::Kind::kMajority;
  c.ballot = "votes";
  c.choice = "agree";
  c.body = FieldOperand("body");
  c.base = base;
  c.present = "present";
  c.threshold = t;
  return c;
}

Condition Kind(Condition::Kind k) {
  Condition c;
  c.kind = k;
  return c;
}

const Threshold kHalf{1, 2, true};
const Threshold kTwoThirds{2, 3, false};

class GovernanceConditionTest : public testing::Test {
 protected:
  std::optional<std::string> Eval(const Condition& c) const {
    ConditionContext ctx{def_, fields_, actor_, facts_};
    auto why = Evaluate(c, ctx);
    return why ? std::optional<std::string>(why->English()) : std::nullopt;
  }
  void SetBallot(const std::string& text) {
    auto v = ParseFieldText(*def_.FindField("votes"), text);
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    fields_["votes"] = *v;
  }
  void SetPresent(List persons) { fields_["present"] = Value(std::move(persons)); }

  GovernanceConditionTest() {
    Body b;
    b.id = "committee";
    b.members = {"wang", "li", "chen", "gao", "ma", "he", "xu"};
    b.attendees = {"liu"};
    facts_.bodies["committee"] = b;
    fields_["body"] = Value("committee");
  }

  Definition def_ = Meeting();
  FieldMap fields_;
  Actor actor_ = test::Person("liu", {"clerk"}, {});
  ItemFacts facts_;
};

// --- quorum (R2, R3) ---

TEST_F(GovernanceConditionTest, QuorumMoreThanHalf) {
  SetPresent({"wang", "li", "chen", "gao", "liu"});  // liu attends without a vote
  EXPECT_EQ(Eval(Quorum(kHalf)), std::nullopt);
  SetPresent({"wang", "li", "chen", "liu", "zhou"});
  EXPECT_EQ(Eval(WithRule(Quorum(kHalf), "R2")),
            "R2: quorum not met: 3 of 7 members of 'committee' present, more than 1/2 needed "
            "(not present: gao, ma, he, xu)");
}

TEST_F(GovernanceConditionTest, QuorumAtLeastTwoThirdsCountsExactly) {
  SetPresent({"wang", "li", "chen", "gao", "ma"});  // 5/7 >= 2/3
  EXPECT_EQ(Eval(Quorum(kTwoThirds)), std::nullopt);
  SetPresent({"wang", "li", "chen", "gao"});  // 4/7 < 2/3
  EXPECT_EQ(Eval(Quorum(kTwoThirds)),
            "quorum not met: 4 of 7 members of 'committee' present, at least 2/3 needed (not present: ma, he, xu)");
  facts_.bodies["committee"].members = {"a", "b", "c"};
  SetPresent({"a", "b"});  // 2/3 exactly: at least holds, more than does not
  EXPECT_EQ(Eval(Quorum(kTwoThirds)), std::nullopt);
  EXPECT_NE(Eval(Quorum({2, 3, true})), std::nullopt);
}

TEST_F(GovernanceConditionTest, QuorumNamesAMissingBodyOrBodyField) {
  fields_["body"] = Value("senate");
  EXPECT_EQ(Eval(Quorum(kHalf)), "this organization has no body 'senate' (named by body)");
  fields_.erase("body");
  EXPECT_EQ(Eval(Quorum(kHalf)), "field 'body' has no value");
  facts_.bodies["empty"] = Body{"empty", {}, {}, {}};
  fields_["body"] = Value("empty");
  EXPECT_EQ(Eval(Quorum(kHalf)), "quorum not met: body 'empty' has no members");
}

TEST_F(GovernanceConditionTest, QuorumReadsTheBodyOfAReferencedItem) {
  Condition c = Quorum(kHalf);
  c.body = RefOperand("meeting", "body");
  fields_["meeting"] = Value(7);
  SetPresent({"wang", "li", "chen", "gao"});
  EXPECT_EQ(Eval(c), "item #7 referenced by 'meeting' does not exist");
  facts_.refs[7] = RefFact{"meeting", "held", {{"body", Value("committee")}}};
  EXPECT_EQ(Eval(c), std::nullopt);
  facts_.refs[7].fields.clear();
  EXPECT_EQ(Eval(c), "meeting.body (field 'body' of item #7) has no value");
}

// --- member_of (a member's own action: the written opinion) ---

TEST_F(GovernanceConditionTest, MemberOfAdmitsAVotingMemberOfTheBodyOnly) {
  Condition c = Kind(Condition::Kind::kMemberOf);
  c.body = RefOperand("meeting", "body");
  fields_["meeting"] = Value(7);
  facts_.refs[7] = RefFact{"meeting", "notified", {{"body", Value("committee")}}};
  EXPECT_EQ(Eval(c), "'liu' is not a member of 'committee'");  // liu attends without a vote
  actor_.id = "he";
  EXPECT_EQ(Eval(c), std::nullopt);
  actor_.id = "tang";
  EXPECT_EQ(Eval(WithRule(c, "R2")), "R2: 'tang' is not a member of 'committee'");
  actor_.system = true;
  EXPECT_EQ(Eval(c), std::nullopt);  // the engine itself (a timer) is not asked
  actor_.system = false;
  facts_.refs[7].fields["body"] = Value("senate");
  EXPECT_EQ(Eval(c), "this organization has no body 'senate' (named by meeting.body)");
  Definition d = def_;
  TransitionDef t;
  t.name = "opine";
  t.when = c;
  d.transitions.push_back(t);
  EXPECT_TRUE(NeedsOf(d, false, "open", fields_).bodies);
}

// --- majority (R4) ---

TEST_F(GovernanceConditionTest, MajorityOfMembersNotOfPresent) {
  SetPresent({"wang", "li", "chen", "gao", "ma"});
  SetBallot("li:agree, chen:agree, gao:disagree, ma:abstain, wang:agree");  // 3 of 5 present
  EXPECT_EQ(Eval(Majority(MajorityBase::kPresent)), std::nullopt);
  EXPECT_EQ(Eval(Majority(MajorityBase::kCast)), std::nullopt);
  EXPECT_EQ(Eval(WithRule(Majority(MajorityBase::kMembers), "R4")),
            "R4: majority not reached: 3 'agree' of 7 members who should attend of 'committee', "
            "more than 1/2 needed");
  SetBallot("li:agree, chen:agree, gao:agree, ma:abstain, wang:agree");
  EXPECT_EQ(Eval(Majority(MajorityBase::kMembers)), std::nullopt);
}

TEST_F(GovernanceConditionTest, MajorityIgnoresNonMembersAndStatesTheBase) {
  SetPresent({"wang", "li"});
  SetBallot("liu:agree, zhou:agree, wang:disagree");  // liu and zhou have no vote
  EXPECT_EQ(Eval(Majority(MajorityBase::kCast)),
            "majority not reached: 0 'agree' of 1 members who stated a position of 'committee', more than 1/2 needed");
  EXPECT_EQ(Eval(Majority(MajorityBase::kPresent)),
            "majority not reached: 0 'agree' of 2 members present of 'committee', more than 1/2 needed");
}

// --- not_listed (R6) ---

TEST_F(GovernanceConditionTest, NotListedKeepsARecusedMemberFromActing) {
  Condition c = Kind(Condition::Kind::kNotListed);
  c.field = "recused";
  EXPECT_EQ(Eval(c), std::nullopt);  // no one recused yet
  fields_["recused"] = Value(List{Value("chen"), Value("liu")});
  EXPECT_EQ(Eval(WithRule(c, "R6")), "R6: 'liu' is listed in 'recused' and may not take this action");
  actor_.id = "wang";
  EXPECT_EQ(Eval(c), std::nullopt);
  actor_.system = true;
  actor_.id = "chen";
  EXPECT_EQ(Eval(c), std::nullopt);  // the engine itself is never recused
}

TEST_F(GovernanceConditionTest, NotListedReadsAChoiceInABallotAndAPersonField) {
  Condition c = Kind(Condition::Kind::kNotListed);
  c.field = "votes";
  c.choice = "recused";
  actor_.id = "chen";
  SetBallot("chen:agree");
  EXPECT_EQ(Eval(c), std::nullopt);
  SetBallot("chen:recused, li:agree");
  EXPECT_EQ(Eval(c), "'chen' holds position 'recused' in 'votes' and may not take this action");
  c.field = "chair";
  c.choice.clear();
  fields_["chair"] = Value("chen");
  EXPECT_EQ(Eval(c), "'chen' is listed in 'chair' and may not take this action");
}

// --- ballot_excludes (R6) ---

TEST_F(GovernanceConditionTest, BallotExcludesTheVotesOfRecusedMembers) {
  Condition c = Kind(Condition::Kind::kBallotExcludes);
  c.ballot = "votes";
  c.present = "recused";
  c.choice = "recused";
  fields_["recused"] = Value(List{Value("chen")});
  SetBallot("li:agree, chen:recused, wang:agree");
  EXPECT_EQ(Eval(c), std::nullopt);
  SetBallot("li:agree, chen:agree, wang:agree");
  EXPECT_EQ(Eval(WithRule(c, "R6")),
            "R6: persons listed in 'recused' hold positions in 'votes' (chen:agree); "
            "the only position allowed them is 'recused'");
  c.choice.clear();
  SetBallot("chen:recused");
  EXPECT_EQ(Eval(c), "persons listed in 'recused' hold positions in 'votes' (chen:recused); they may hold none");
}

// --- last_of_role (R5) ---

TEST_F(GovernanceConditionTest, LastOfRoleWantsTheSecretaryLast) {
  Condition c = Kind(Condition::Kind::kLastOfRole);
  c.ballot = "votes";
  c.roles = {"secretary"};
  facts_.role_holders["secretary"] = {"wang"};
  SetBallot("li:agree, chen:agree, wang:agree");
  EXPECT_EQ(Eval(c), std::nullopt);
  SetBallot("li:agree, chen:agree");  // the secretary is absent: nothing to order
  EXPECT_EQ(Eval(c), std::nullopt);
  SetBallot("li:agree, wang:agree, chen:disagree, gao:agree, ma:agree");
  EXPECT_EQ(Eval(WithRule(c, "R5")),
            "R5: 'wang' (secretary) stated a position 2nd of 5 in 'votes'; the secretary states a position last");
}

// --- lookup (R1) ---

TEST_F(GovernanceConditionTest, LookupDecidedByTheRightBody) {
  Condition c = Kind(Condition::Kind::kLookup);
  c.table = "decision-matters";
  c.key = FieldOperand("category");
  c.expected = RefOperand("meeting", "body");
  fields_["category"] = Value("large-spending");
  fields_["meeting"] = Value(3);
  facts_.refs[3] = RefFact{"meeting", "planned", {{"body", Value("office-meeting")}}};
  EXPECT_EQ(Eval(c), "table 'decision-matters' is not loaded (docket table load FILE)");
  facts_.tables["decision-matters"] = {{"large-spending", "party-meeting"}, {"routine", "office-meeting"}};
  EXPECT_EQ(Eval(WithRule(c, "R1")),
            "R1: table 'decision-matters' maps category 'large-spending' to 'party-meeting', "
            "but meeting.body is 'office-meeting'");
  facts_.refs[3].fields["body"] = Value("party-meeting");
  EXPECT_EQ(Eval(c), std::nullopt);
  fields_["category"] = Value("gossip");
  EXPECT_EQ(Eval(c), "table 'decision-matters' has no entry for category 'gossip'");
  c.key.source = Operand::Source::kValue;
  c.key.value = "routine";
  EXPECT_EQ(Eval(c), "table 'decision-matters' maps 'routine' to 'office-meeting', but meeting.body is 'party-meeting'");
}

TEST(GovernanceDescribe, SaysWhatEachKindRequires) {
  Condition q = Quorum(kTwoThirds);
  EXPECT_EQ(Text(Describe(q), Lang::kEn), "at least 2/3 of the members of body body are in present");
  EXPECT_EQ(Text(Describe(Majority(MajorityBase::kMembers)), Lang::kEn),
            "more than 1/2 of the members of body body state 'agree' in votes");
  Condition n = Kind(Condition::Kind::kNotListed);
  n.field = "recused";
  EXPECT_EQ(Text(Describe(n), Lang::kEn), "the actor is not listed in recused");
}

// --- the ballot field type ---

TEST(BallotField, ParsesPositionsInOrderToPairs) {
  FieldDef f = Ballot("votes");
  auto v = ParseFieldText(f, " li:agree, wang : disagree ,chen:recused");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v, Value(List{Value(List{Value("li"), Value("agree")}), Value(List{Value("wang"), Value("disagree")}),
                           Value(List{Value("chen"), Value("recused")})}));
  EXPECT_EQ(v->ToText(), "li:agree, wang:disagree, chen:recused");
  EXPECT_TRUE(ParseFieldText(f, "")->is_null());
  // The canonical value, its text form inside a list, and the whole text all normalise alike.
  EXPECT_EQ(NormalizeFieldValue(f, *v).value(), *v);
  EXPECT_EQ(NormalizeFieldValue(f, Value(List{Value("li:agree"), Value("wang:disagree"), Value("chen:recused")})).value(), *v);
  EXPECT_EQ(NormalizeFieldValue(f, Value("li:agree,wang:disagree,chen:recused")).value(), *v);
}

TEST(BallotField, RefusesBadPositions) {
  FieldDef f = Ballot("votes");
  EXPECT_EQ(ParseFieldText(f, "li:agree,li:disagree").status().message(),
            "field 'votes' (ballot): 'li:disagree' gives 'li' two positions");
  EXPECT_EQ(ParseFieldText(f, "li:maybe").status().message(),
            "field 'votes' (ballot): 'li:maybe' has a position that is not one of: agree, disagree, abstain, recused");
  EXPECT_EQ(ParseFieldText(f, "li agree").status().message(),
            "field 'votes' (ballot): 'li agree' is not a position PERSON:CHOICE");
  EXPECT_EQ(ParseFieldText(f, "li:agree,,wang:agree").status().message(),
            "field 'votes' (ballot): '' is not a position PERSON:CHOICE");
  EXPECT_EQ(ParseFieldText(f, ":agree").status().message(),
            "field 'votes' (ballot): ':agree' does not start with a person id (write PERSON:CHOICE)");
  EXPECT_FALSE(NormalizeFieldValue(f, Value(List{Value(List{Value("li")})})).ok());
  EXPECT_FALSE(NormalizeFieldValue(f, Value(3)).ok());
  EXPECT_STREQ(FieldTypeName(FieldType::kBallot), "ballot");
  EXPECT_EQ(FieldTypeFromName("ballot"), FieldType::kBallot);
}

}  // namespace
}  // namespace docket
