// The rules of procedure enforced end to end, on SQLite and in memory, with the example
// district (workflows/examples/org.yaml), the shipped meeting and topic workflows and the
// decision-matter list: each rule refused with its name and its counts, each refusal
// audited, and the audit chain still verifying afterwards.
//   school-a party-meeting members: wang (secretary), li (principal), chen, gao, ma, he, xu
//   school-a office-meeting members: li, chen, tang
#include <gmock/gmock.h>

#include "governance_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

TEST_P(GovernanceTest, BodiesComeFromTheOrgFile) {
  auto orgs = docket_->ListOrgs();
  ASSERT_TRUE(orgs.ok());
  ASSERT_EQ(orgs->size(), 4u);
  const Org& a = (*orgs)[1];
  ASSERT_EQ(a.id, "school-a");
  ASSERT_EQ(a.bodies.size(), 3u);
  EXPECT_EQ(a.bodies[0].id, "party-meeting");
  EXPECT_EQ(a.bodies[0].members, (std::vector<std::string>{"wang", "li", "chen", "gao", "ma", "he", "xu"}));
  EXPECT_EQ(a.bodies[0].attendees, std::vector<std::string>{"liu"});
  EXPECT_EQ(a.bodies[1].name.en, "Principal's office meeting");
}

TEST_P(GovernanceTest, R2QuorumRefusedAtHoldThenPostponed) {
  std::int64_t meeting = NewMeeting("party-meeting");
  std::string why = Refused(meeting, "hold", {{"present", "wang,li,chen"}, {"attendees", "liu"}}, "liu");
  EXPECT_THAT(why, HasSubstr("R2: The meeting lacks a quorum; it can only be postponed"));
  EXPECT_THAT(why, HasSubstr("quorum not met: 3 of 7 members of 'party-meeting' present, more than 1/2 needed "
                             "(not present: gao, ma, he, xu)"));
  // Attendance is taken once, by hold (meeting v3): postponing records only its reason.
  Ok(meeting, "postpone", {{"postpone_reason", "too few members: gao on leave, ma ill"}}, "liu");
  EXPECT_EQ(docket_->GetItem(meeting)->state, "postponed");
  Ok(meeting, "reschedule", {{"scheduled_at", "2026-03-17T09:00:00Z"}}, "liu");
  Ok(meeting, "notify", {}, "liu");
  Ok(meeting, "hold", {{"present", "wang,li,chen,gao"}}, "liu");  // 4 of 7
  Ok(meeting, "draft_minutes", {{"minutes", "..."}}, "liu");
  EXPECT_THAT(Refused(meeting, "sign_minutes", {}, "liu"), HasSubstr("may not take action 'sign_minutes'"));
  Ok(meeting, "sign_minutes", {}, "wang");
  EXPECT_EQ(docket_->GetItem(meeting)->fields.at("signed_by"), Value("wang"));
  ExpectVerifies();
}

TEST_P(GovernanceTest, R13StaffCongressNeedsTwoThirds) {
  std::int64_t meeting = NewMeeting("staff-congress");  // six delegates
  EXPECT_THAT(Refused(meeting, "hold", {{"present", "feng,cao,peng"}}, "liu"),
              HasSubstr("quorum not met: 3 of 6 members of 'staff-congress' present, at least 2/3 needed"));
  Ok(meeting, "hold", {{"present", "feng,cao,peng,lu"}}, "liu");
}

TEST_P(GovernanceTest, R1WrongBodyRefusedWithTheRuleNamed) {
  std::int64_t office = NewMeeting("office-meeting");
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t m = NewMatter("large-spending");
  Ok(m, "presign_secretary", {}, "wang");
  Ok(m, "presign_principal", {}, "li");
  EXPECT_THAT(Refused(m, "schedule", {{"meeting", std::to_string(office)}}, "liu"),
              HasSubstr("R1: This category of matter must go before the body its decision-matter list names"));
  EXPECT_THAT(Refused(m, "schedule", {{"meeting", std::to_string(office)}}, "liu"),
              HasSubstr("table 'decision-matters' maps category 'large-spending' to 'party-meeting', "
                        "but meeting.body is 'office-meeting'"));
  Ok(m, "schedule", {{"meeting", std::to_string(party)}}, "liu");
  // A routine matter goes to the office meeting, and needs no pre-meeting sign-off.
  std::int64_t routine = NewMatter("routine");
  EXPECT_THAT(Refused(routine, "schedule", {{"meeting", std::to_string(party)}}, "liu"), HasSubstr("R1: "));
  Ok(routine, "schedule", {{"meeting", std::to_string(office)}}, "liu");
  ExpectVerifies();
}

TEST_P(GovernanceTest, R8MajorMatterNeedsBothSignOffsAndNoTopicOnTheSpot) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t m = NewMatter("major-project");
  Ok(m, "presign_secretary", {}, "wang");
  EXPECT_THAT(Refused(m, "schedule", {{"meeting", std::to_string(party)}}, "liu"),
              HasSubstr("R8: A major matter needs the secretary's and the principal's pre-meeting sign-off"));
  Ok(m, "presign_principal", {}, "li");
  Ok(party, "hold", {{"present", "wang,li,chen,gao"}}, "liu");
  EXPECT_THAT(Refused(m, "schedule", {{"meeting", std::to_string(party)}}, "liu"),
              HasSubstr("R8: A topic goes on the agenda before the meeting; none is raised on the spot"));
}

TEST_P(GovernanceTest, R3TwoThirdsPerTopic) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t cadre = OnAgenda("cadre-appointment", party);
  std::int64_t plan = OnAgenda("major-decision", party);
  Ok(party, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");  // the meeting has its quorum
  // ... but one member left before the cadre topic: 4 of 7 is not two thirds.
  FieldTexts four{{"present", "wang,li,chen,gao"}, {"votes", "li:agree,chen:agree,gao:agree,wang:agree"}};
  std::string why = Refused(cadre, "vote", four, "liu");
  EXPECT_THAT(why, HasSubstr("R3: Cadre appointments and development plans need two thirds of the members present"));
  EXPECT_THAT(why, HasSubstr("quorum not met: 4 of 7 members of 'party-meeting' present, at least 2/3 needed"));
  FieldTexts four_noted = four;  // ma, at the meeting, is not present for the topic: why (matter v4)
  four_noted.push_back({"attendance_note", "ma: left early"});
  Ok(plan, "vote", four_noted, "liu");  // a topic of another category needs only more than half
  Ok(cadre, "vote",
     {{"present", "wang,li,chen,gao,ma"}, {"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}}, "liu");
  Ok(cadre, "adopt", {{"decision", "appoint"}}, "wang");
  EXPECT_EQ(docket_->GetItem(cadre)->state, "adopted");
  ExpectVerifies();
}

TEST_P(GovernanceTest, R4MajorityOfMembersNotOfPresent) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t m = OnAgenda("major-decision", party);
  Ok(party, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
  // 3 of the 5 present agree: a majority of those present, not of the 7 who should attend.
  Ok(m, "vote", {{"present", "wang,li,chen,gao,ma"}, {"votes", "li:agree,chen:agree,gao:disagree,ma:abstain,wang:agree"}},
     "liu");
  FieldTexts decision{{"decision", "d"}};
  std::string why = Refused(m, "adopt", decision, "wang");
  EXPECT_THAT(why, HasSubstr("R4: Adopted without the votes of more than half of the members who should attend"));
  EXPECT_THAT(why, HasSubstr("majority not reached: 3 'agree' of 7 members who should attend of 'party-meeting', "
                             "more than 1/2 needed"));
  Ok(m, "reject", {}, "wang");
  EXPECT_EQ(docket_->GetItem(m)->state, "rejected");
  // With four of seven in favour it passes, and then it cannot be recorded as rejected.
  std::int64_t party2 = NewMeeting("party-meeting");
  std::int64_t n = OnAgenda("major-decision", party2);
  Ok(party2, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
  Ok(n, "vote", {{"present", "wang,li,chen,gao,ma"}, {"votes", "li:agree,chen:agree,gao:agree,ma:abstain,wang:agree"}},
     "liu");
  EXPECT_THAT(Refused(n, "reject", {}, "wang"),
              HasSubstr("R4: The motion has its majority; it cannot be recorded as rejected"));
  Ok(n, "adopt", decision, "wang");
  ExpectVerifies();
}

TEST_P(GovernanceTest, R5SecretaryStatesAPositionLast) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t m = OnAgenda("major-decision", party);
  Ok(party, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
  std::string why = Refused(
      m, "vote", {{"present", "wang,li,chen,gao,ma"}, {"votes", "li:agree,wang:agree,chen:agree,gao:agree,ma:agree"}},
      "liu");
  EXPECT_THAT(why, HasSubstr("R5: The secretary states a position last"));
  EXPECT_THAT(why, HasSubstr("'wang' (secretary) stated a position 2nd of 5 in 'votes'"));
  Ok(m, "vote", {{"present", "wang,li,chen,gao,ma"}, {"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}},
     "liu");
  EXPECT_EQ(docket_->GetItem(m)->fields.at("votes").ToText(), "li:agree, chen:agree, gao:agree, ma:agree, wang:agree");
}

TEST_P(GovernanceTest, R6RecusedMemberNeitherVotesNorActs) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t m = OnAgenda("cadre-appointment", party);
  Ok(party, "hold", {{"present", "wang,li,chen,gao,ma,he"}}, "liu");
  Ok(m, "recuse", {{"recused", "li"}}, "liu");  // the topic concerns the principal's relative
  FieldTexts present{{"present", "wang,chen,gao,ma,he"}};  // R6: not li
  FieldTexts with_vote = present;
  with_vote.push_back({"votes", "li:agree,chen:agree,gao:agree,ma:agree,he:agree,wang:agree"});
  std::string why = Refused(m, "vote", with_vote, "liu");
  EXPECT_THAT(why, HasSubstr("R6: A recused member does not vote"));
  EXPECT_THAT(why, HasSubstr("persons listed in 'recused' hold positions in 'votes' (li:agree)"));
  FieldTexts recused_vote = present;
  recused_vote.push_back({"votes", "li:recused,chen:agree,gao:agree,ma:agree,he:agree,wang:agree"});
  Ok(m, "vote", recused_vote, "liu");
  FieldTexts decision{{"decision", "d"}};
  EXPECT_THAT(Refused(m, "adopt", decision, "li"),
              HasSubstr("R6: 'li' is listed in 'recused' and may not take this action"));
  EXPECT_THAT(Refused(m, "defer", {{"defer_reason", "x"}}, "li"), HasSubstr("R6: 'li' is listed in 'recused'"));
  Ok(m, "adopt", decision, "wang");
  ExpectVerifies();
}

TEST_P(GovernanceTest, R9DeferredMatterGoesToALaterMeeting) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t m = OnAgenda("major-decision", party);
  Ok(party, "hold", {{"present", "wang,li,chen,gao"}}, "liu");
  Ok(m, "defer", {{"defer_reason", "views differ"}}, "wang");
  std::int64_t later = NewMeeting("party-meeting");
  Ok(m, "schedule", {{"meeting", std::to_string(later)}}, "liu");
  EXPECT_EQ(docket_->GetItem(m)->state, "on_agenda");
}

INSTANTIATE_TEST_SUITE_P(Stores, GovernanceTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
