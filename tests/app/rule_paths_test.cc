// Rules that hold on every path (issue 13): each outcome the rules forbid, reached by a path
// other than the action meant for it, is refused — and the refusal is in the history. One
// test per hole found with the shipped workflows; every case runs on every store backend.
#include "governance_fixture.h"

namespace docket::testing {
namespace {

ItemFilter DecisionsFilter() {
  ItemFilter f;
  f.workflow = "decision";
  return f;
}

using ::testing::HasSubstr;

class RulePathsFixture : public GovernanceFixture {
 protected:
  // A party meeting of school-a held with `present`, and a major matter on its agenda.
  std::pair<std::int64_t, std::int64_t> HeldWithMatter(const std::string& present) {
    std::int64_t party = NewMeeting("party-meeting");
    std::int64_t m = OnAgenda("major-decision", party);
    Ok(party, "hold", {{"present", present}}, "liu");
    return {party, m};
  }
};
using RulePathsTest = OnEachStore<RulePathsFixture>;

// R2, R3, R5, R6 were checked by `vote` only; `adopt` took the ballot as a field of its own.
TEST_P(RulePathsTest, AdoptTakesNoBallotAndNeedsOneRecordedByVote) {
  std::int64_t party = NewMeeting("party-meeting");  // notified, never held
  std::int64_t m = OnAgenda("major-decision", party);
  FieldTexts typed{{"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}, {"decision", "d"}};
  EXPECT_THAT(Refused(m, "adopt", typed, "wang"), HasSubstr("action 'adopt' may not set field 'votes'"));
  EXPECT_THAT(Refused(m, "adopt", {{"decision", "d"}}, "wang"),
              HasSubstr("Record the members' positions with 'vote' first"));
  EXPECT_THAT(Refused(m, "reject", {{"votes", "li:disagree"}}, "wang"),
              HasSubstr("action 'reject' may not set field 'votes'"));
  EXPECT_EQ(docket_->GetItem(m)->state, "on_agenda");
  ExpectVerifies();
}

// R6: a recusal recorded after the vote would leave a recused member's position standing.
TEST_P(RulePathsTest, RecusingSomeoneWhoVotedIsRefused) {
  auto [party, m] = HeldWithMatter("wang,li,chen,gao,ma");
  Ok(m, "vote", {{"present", "wang,li,chen,gao,ma"}, {"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}},
     "liu");
  std::string why = Refused(m, "recuse", {{"recused", "chen"}}, "liu");
  EXPECT_THAT(why, HasSubstr("R6: A recused member voted"));
  EXPECT_THAT(why, HasSubstr("check 'recused_did_not_vote'"));
}

// R6: a recused member edited `recused` to remove himself, then took part.
TEST_P(RulePathsTest, ARecusalIsNotWithdrawnByAnyone) {
  auto [party, m] = HeldWithMatter("wang,li,chen,gao,ma,he");
  Ok(m, "recuse", {{"recused", "li"}}, "liu");
  EXPECT_THAT(Refused(m, "recuse", {{"recused", "chen"}}, "li"),
              HasSubstr("R6: 'li' is listed in 'recused' and may not take this action"));
  EXPECT_THAT(Refused(m, "recuse", {{"recused", "chen"}}, "liu"),
              HasSubstr("R6: A recorded recusal is not withdrawn"));
  Ok(m, "recuse", {{"recused", "li,chen"}}, "liu");  // it may grow
  Item now = docket_->GetItem(m).value();
  EXPECT_EQ(now.fields.at("recused").as_list().size(), 2u);
  // li recused: his only position is `recused`, and he may not adopt.
  Ok(m, "vote",  // R6: neither is present for the topic
     {{"present", "wang,gao,ma,he"}, {"votes", "li:recused,chen:recused,gao:agree,ma:agree,he:agree,wang:agree"}}, "liu");
  EXPECT_THAT(Refused(m, "adopt", {{"decision", "d"}}, "li"), HasSubstr("R6: "));
}

// R2: a topic's attendance is the meeting's or fewer, never more.
TEST_P(RulePathsTest, ATopicsPresentListStaysWithinTheMeetingsAttendance) {
  auto [party, m] = HeldWithMatter("wang,li,chen,gao");
  std::string why = Refused(
      m, "vote", {{"present", "wang,li,chen,gao,ma"}, {"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}},
      "liu");
  EXPECT_THAT(why, HasSubstr("R2: Those present for the topic must be among those present at the meeting"));
  EXPECT_THAT(why, HasSubstr("ma in 'present' is not in 'meeting.present'"));
  Ok(m, "vote", {{"present", "wang,li,chen,gao"}, {"votes", "li:agree,chen:agree,gao:agree,wang:agree"}}, "liu");
  Ok(m, "adopt", {{"decision", "d"}}, "wang");
  ExpectVerifies();
}

// R1: a decision exists only when an adopted matter spawns it.
TEST_P(RulePathsTest, NoOneCreatesADecisionDirectly) {
  auto office = NewMeeting("office-meeting");
  auto r = docket_->CreateItem({"decision", "school-a", std::nullopt,
                                {{"title", "t"}, {"category", "large-spending"}, {"meeting", std::to_string(office)}},
                                "wang"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kForbidden);
  EXPECT_THAT(r.status().message(), HasSubstr("'wang' may not create an item of workflow 'decision': no one creates one directly"));
  auto decisions = docket_->ListItems(DecisionsFilter());
  ASSERT_TRUE(decisions.ok());
  EXPECT_TRUE(decisions->empty());
  // The adopted matter spawns its decision, with the matter as its parent.
  auto [party, m] = HeldWithMatter("wang,li,chen,gao,ma");
  Ok(m, "vote", {{"present", "wang,li,chen,gao,ma"}, {"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}},
     "liu");
  Ok(m, "adopt", {{"decision", "d"}}, "wang");
  decisions = docket_->ListItems(DecisionsFilter());
  ASSERT_EQ(decisions->size(), 1u);
  EXPECT_EQ((*decisions)[0].parent, m);
}

// R8 with one person as both secretary and principal (一肩挑, sun in school-b): one sign-off.
TEST_P(RulePathsTest, OnePersonHoldingBothPostsSignsOnce) {
  auto meeting = docket_->CreateItem(
      {"meeting", "school-b", std::nullopt,
       {{"title", "t"}, {"body", "party-meeting"}, {"scheduled_at", "2026-03-10T09:00:00Z"}}, "zhou"});
  ASSERT_TRUE(meeting.ok()) << meeting.status().ToString();
  auto matter = docket_->CreateItem(
      {"matter", "school-b", std::nullopt, {{"title", "t"}, {"category", "major-decision"}}, "zhou"});
  ASSERT_TRUE(matter.ok()) << matter.status().ToString();
  std::int64_t m = matter->item.id;
  Ok(m, "submit", {}, "zhou");
  Ok(m, "presign_secretary", {}, "sun");
  Ok(m, "schedule", {{"meeting", std::to_string(meeting->item.id)}}, "zhou");
  // In school-a the secretary and the principal are two people: both sign.
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t a = NewMatter("major-decision");
  Ok(a, "presign_secretary", {}, "wang");
  EXPECT_THAT(Refused(a, "schedule", {{"meeting", std::to_string(party)}}, "liu"),
              HasSubstr("R8: A major matter needs the secretary's and the principal's pre-meeting sign-off"));
}

// R10: a temporary action is explained at the first Party organization meeting held after it,
// and that meeting is not archived while the action is unexplained.
TEST_P(RulePathsTest, ATemporaryActionIsExplainedAtTheNextPartyMeetingBeforeItIsArchived) {
  std::int64_t earlier = NewMeeting("party-meeting");
  Ok(earlier, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
  clock_.Advance(std::chrono::hours(24));
  auto storm = docket_->CreateItem({"temporary-action", "school-a", std::nullopt,
                                    {{"title", "暴雨停课"}, {"reason", "暴雨"}, {"action_taken", "停课一天"}}, "li"});
  ASSERT_TRUE(storm.ok()) << storm.status().ToString();
  const std::int64_t t = storm->item.id;
  clock_.Advance(std::chrono::hours(24));
  std::int64_t next = NewMeeting("party-meeting");
  Ok(next, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
  clock_.Advance(std::chrono::hours(1));
  std::int64_t later = NewMeeting("party-meeting");
  Ok(later, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
  Ok(next, "draft_minutes", {{"minutes", "m"}}, "liu");
  Ok(next, "sign_minutes", {}, "wang");
  std::string why = Refused(next, "archive", {}, "liu");
  EXPECT_THAT(why, HasSubstr("R10: A Party organization meeting is archived only once the temporary actions taken "
                             "before it have been explained"));
  EXPECT_THAT(why, HasSubstr("#" + std::to_string(t)));
  for (std::int64_t wrong : {earlier, later}) {
    std::string w = Refused(t, "explain", {{"meeting", std::to_string(wrong)}, {"explanation", "e"}}, "li");
    EXPECT_THAT(w, HasSubstr("R10: A temporary action is explained to the first Party organization meeting held after it"));
    EXPECT_THAT(w, HasSubstr("is #" + std::to_string(next)));
  }
  Ok(t, "explain", {{"meeting", std::to_string(next)}, {"explanation", "e"}}, "li");
  Ok(next, "archive", {}, "liu");
  ExpectVerifies();
}

INSTANTIATE_TEST_SUITE_P(Stores, RulePathsTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
