// An action judged before it is taken, with the fields it would be given (Docket::JudgeAction,
// app_judge.cc): the same answer as taking it — the same refusal in the same words, the same
// code — for scheduling a matter into a meeting, where R1 reads the meeting's body and R8 the
// sign-offs and the meeting's state; and nothing written or recorded by judging.
#include "core/catalog.h"
#include "core/condition.h"
#include "governance_fixture.h"

namespace docket::testing {
namespace {

class JudgeActionTest : public GovernanceTest {};

TEST_P(JudgeActionTest, SchedulingIsJudgedAsTakingItWouldBeAndJudgingWritesNothing) {
  const std::int64_t party = NewMeeting("party-meeting");
  const std::int64_t office = NewMeeting("office-meeting");
  const std::int64_t held = NewMeeting("party-meeting");
  Ok(held, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
  auto signed_off = [&](const std::string& category) {
    const std::int64_t m = NewMatter(category);
    Ok(m, "presign_secretary", {}, "wang");
    Ok(m, "presign_principal", {}, "li");
    return m;
  };
  struct Case {
    const char* what;
    std::int64_t matter;
    std::int64_t meeting;
    const char* who;
    Code code;         // kOk: allowed
    const char* rule;  // the rule the refusal names, "" for none
  };
  const std::vector<Case> cases{
      {"routine before the Party committee", NewMatter("routine"), party, "liu", Code::kRefused, "R1"},
      {"routine before the office meeting", NewMatter("routine"), office, "liu", Code::kOk, ""},
      {"large spending not signed off", NewMatter("large-spending"), party, "liu", Code::kRefused, "R8"},
      {"a major project signed off", signed_off("major-project"), party, "liu", Code::kOk, ""},
      {"a major project before the office meeting", signed_off("major-project"), office, "liu", Code::kRefused, "R1"},
      {"into a meeting already held", signed_off("major-project"), held, "liu", Code::kRefused, "R8"},
      {"by a member without the clerk's role", signed_off("major-project"), party, "xu", Code::kForbidden, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const FieldTexts fields{{"meeting", std::to_string(c.meeting)}};
    const int before = Entries(c.matter);
    auto judged = docket_->JudgeAction({c.matter, "schedule", fields, std::nullopt, c.who});
    ASSERT_TRUE(judged.ok()) << judged.status().ToString();
    EXPECT_EQ(Entries(c.matter), before) << "judging writes and records nothing";
    EXPECT_EQ(judged->code, c.code);
    EXPECT_EQ(judged->rule, c.rule);
    auto taken = Act(c.matter, "schedule", fields, c.who);
    if (c.code == Code::kOk) {
      EXPECT_FALSE(judged->refusal.has_value()) << Text(*judged->refusal, Lang::kEn);
      EXPECT_TRUE(taken.ok()) << taken.status().ToString();
      continue;
    }
    ASSERT_TRUE(judged->refusal.has_value());
    ASSERT_FALSE(taken.ok()) << "judged refused, taken accepted";
    EXPECT_EQ(taken.status().code(), c.code);
    for (Lang lang : {Lang::kZh, Lang::kEn}) EXPECT_EQ(Text(*judged->refusal, lang), Text(taken.status().msg(), lang));
  }
}

TEST_P(JudgeActionTest, WhatIsNoRefusalIsAStatusAndAStaleVersionAConflict) {
  const std::int64_t matter = NewMatter("routine");
  EXPECT_EQ(docket_->JudgeAction({999999, "schedule", {}, std::nullopt, "liu"}).status().code(), Code::kNotFound);
  auto item = docket_->GetItem(matter);
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(docket_->JudgeAction({matter, "submit", {}, item->version + 1, "liu"}).status().code(), Code::kConflict);
  // A field the action does not take is the action's own refusal (Invalid), judged as such.
  auto invalid = docket_->JudgeAction({matter, "withdraw", {{"nonsense", "1"}}, item->version, "liu"});
  ASSERT_TRUE(invalid.ok()) << invalid.status().ToString();
  EXPECT_EQ(invalid->code, Code::kInvalid);
  // No action of that name from its state: refused, as taking it would be.
  auto none = docket_->JudgeAction({matter, "adopt", {}, std::nullopt, "wang"});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->code, Code::kRefused);
}

INSTANTIATE_TEST_SUITE_P(Stores, JudgeActionTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
