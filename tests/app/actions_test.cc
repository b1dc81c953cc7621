// The actions a person is offered on an item (ItemUseCases::ActionsFor) are judged as taking
// them would judge them (core Judge): one its conditions refuse now is offered blocked, with
// the words the refusal gives; one that waits only on what the person has yet to type is
// not. And a task is carried out by its owner or the principal (R12, workflows/task.yaml).
#include "core/catalog.h"
#include "governance_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class ActionsTest : public GovernanceTest {
 protected:
  // A decision of school-a in execution, with one open task per owner in `owners`.
  std::int64_t DecisionInExecution(const std::string& owners) {
    const std::int64_t d = AdoptedDecision();
    Ok(d, "assign", {{"owners", owners}, {"due_date", "2026-04-30"}}, "wang");
    return d;
  }
  // The action `name` offered to `person` on item `id`; fails the test when it is not offered.
  OfferedAction Offered(std::int64_t id, const std::string& person, const std::string& name) {
    auto item = docket_->GetItem(id);
    EXPECT_TRUE(item.ok()) << item.status().ToString();
    auto actions = docket_->ActionsFor(*item, person);
    EXPECT_TRUE(actions.ok()) << actions.status().ToString();
    for (const OfferedAction& a : *actions) {
      if (a.name == name) return a;
    }
    ADD_FAILURE() << "'" << name << "' is not offered to " << person << " on #" << id;
    return {};
  }
};

TEST_P(ActionsTest, AnActionItsConditionsRefuseIsOfferedBlockedWithTheRefusalsWords) {
  const std::int64_t d = DecisionInExecution("li,chen");
  const OfferedAction complete = Offered(d, "li", "complete");
  ASSERT_TRUE(complete.blocked.has_value()) << "执行完毕 is offered while its tasks are open";
  EXPECT_EQ(complete.blocked_rule, "R12");
  const int entries = Entries(d);
  EXPECT_EQ(Entries(d), entries) << "judging an action writes nothing";

  auto refused = Act(d, "complete", {}, "li");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kRefused);
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    EXPECT_EQ(Text(*complete.blocked, lang), Text(refused.status().msg(), lang));
  }
  EXPECT_THAT(Text(*complete.blocked, Lang::kEn), HasSubstr("#" + std::to_string(Tasks(d).at(0).id)));

  // Once every task is finished the same action is offered open.
  for (const Item& t : Tasks(d)) Ok(t.id, "cancel", {{"comment", "并入二期"}}, "wang");
  EXPECT_FALSE(Offered(d, "li", "complete").blocked.has_value());
  Ok(d, "complete", {}, "li");
}

TEST_P(ActionsTest, AConditionOnAFieldStillToBeTypedIsLeftToTheActionItself) {
  const std::int64_t d = DecisionInExecution("chen");
  // reconsider: its only hurdle is the reason the person types.
  EXPECT_FALSE(Offered(d, "wang", "reconsider").blocked.has_value());
  Ok(d, "reconsider", {{"reconsider_reason", "预算调整"}}, "wang");
  // amend reads the meeting it requires (ref_state, lookup R9): not known until typed.
  const OfferedAction amend = Offered(d, "wang", "amend");
  EXPECT_FALSE(amend.blocked.has_value()) << Text(*amend.blocked, Lang::kEn);
  ASSERT_EQ(amend.required.size(), 2u);
  // Typed, it is judged: an office meeting is not the body of a major project (R9).
  std::int64_t office = NewMeeting("office-meeting");
  Ok(office, "hold", {{"present", "li,chen,tang"}}, "liu");
  EXPECT_THAT(Refused(d, "amend", {{"outcome", "改"}, {"reconsidered_at", std::to_string(office)}}, "wang"),
              HasSubstr("R9"));

  // A task's report requires a progress within 0..100: offered open; complete reads the
  // recorded progress, which it does not set: blocked until it is 100.
  const std::int64_t d2 = DecisionInExecution("chen");
  const std::int64_t t = Tasks(d2).at(0).id;
  Ok(t, "acknowledge", {}, "chen");
  Ok(t, "start", {}, "chen");
  EXPECT_FALSE(Offered(t, "chen", "report").blocked.has_value());
  Ok(t, "report", {{"progress", "60"}}, "chen");
  const OfferedAction complete = Offered(t, "chen", "complete");
  ASSERT_TRUE(complete.blocked.has_value());
  EXPECT_THAT(Text(*complete.blocked, Lang::kZh), HasSubstr("进度须达到100%"));
  EXPECT_EQ(Text(*complete.blocked, Lang::kEn), Refused(t, "complete", {}, "chen"));
  Ok(t, "report", {{"progress", "100"}}, "chen");
  EXPECT_FALSE(Offered(t, "chen", "complete").blocked.has_value());
}

TEST_P(ActionsTest, ATaskIsCarriedOutByItsOwnerOrThePrincipalOnly) {
  const std::int64_t d = DecisionInExecution("li,chen");
  const std::int64_t lis = Tasks(d).at(0).id, chens = Tasks(d).at(1).id;
  ASSERT_EQ(docket_->GetItem(lis)->fields.at("owner"), Value("li"));

  // Another vice principal: offered blocked, and refused with the same words.
  const OfferedAction offered = Offered(lis, "tang", "acknowledge");
  ASSERT_TRUE(offered.blocked.has_value());
  EXPECT_EQ(offered.blocked_rule, "R12");
  const std::string why = Refused(lis, "acknowledge", {}, "tang");
  EXPECT_THAT(why, HasSubstr("R12: A task is carried out by its owner or by the principal"));
  EXPECT_EQ(Text(*offered.blocked, Lang::kEn), why);
  EXPECT_THAT(Refused(lis, "acknowledge", {}, "chen"), HasSubstr("R12"));
  // The owner is not refused.
  EXPECT_FALSE(Offered(lis, "li", "acknowledge").blocked.has_value());
  Ok(lis, "acknowledge", {}, "li");
  EXPECT_THAT(Refused(lis, "start", {}, "chen"), HasSubstr("R12"));
  Ok(lis, "start", {}, "li");
  EXPECT_THAT(Refused(lis, "report", {{"progress", "50"}}, "tang"), HasSubstr("R12"));
  Ok(lis, "report", {{"progress", "100"}}, "li");
  EXPECT_THAT(Refused(lis, "complete", {}, "chen"), HasSubstr("R12"));
  Ok(lis, "complete", {}, "li");

  // The principal answers for all execution (R12): li may act on chen's task; tang may not.
  EXPECT_THAT(Refused(chens, "acknowledge", {}, "tang"), HasSubstr("R12"));
  Ok(chens, "acknowledge", {}, "li");
  Ok(chens, "start", {}, "chen");
  ExpectVerifies();
}

INSTANTIATE_TEST_SUITE_P(Stores, ActionsTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
