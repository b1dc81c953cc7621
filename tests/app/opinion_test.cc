// A member's written opinion when absent (issue 16, workflows/matter.yaml `submit_opinion`,
// the condition `member_of`): a voting member of the meeting's body writes it before the
// meeting; anyone else — an attendee, a member of another body, the clerk — is refused, and
// so is the opinion once the meeting is held or of a recused member. The opinion is in the
// chain, the clerk records the position absent-with-opinion — the engine refuses it (R7) for
// a member present for the topic or one who wrote no opinion for this meeting — and the
// minutes draft carries each member's text. Every case runs on every store backend.
#include "app/meeting_docs.h"
#include "core/catalog.h"
#include "governance_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class OpinionFixture : public GovernanceFixture {
 protected:
  // The action `name` as offered to `person` on item `id`; nullopt when not offered.
  std::optional<OfferedAction> Offered(std::int64_t id, const std::string& person, const std::string& name) {
    auto item = docket_->GetItem(id);
    EXPECT_TRUE(item.ok()) << item.status().ToString();
    auto actions = docket_->ActionsFor(*item, person);
    EXPECT_TRUE(actions.ok()) << actions.status().ToString();
    for (const OfferedAction& a : *actions) {
      if (a.name == name) return a;
    }
    return std::nullopt;
  }
  std::string FieldText(std::int64_t id, const std::string& field) {
    auto item = docket_->GetItem(id);
    if (!item.ok() || !item->fields.count(field) || !item->fields.at(field).is_string()) return "";
    return item->fields.at(field).as_string();
  }
};
using OpinionTest = OnEachStore<OpinionFixture>;

constexpr const char* kOpinion = "同意改造，建议分两期实施";

TEST_P(OpinionTest, AMemberWritesAnOpinionBeforeTheMeetingAndTheChainKeepsIt) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t m = OnAgenda("major-project", party);
  auto offered = Offered(m, "he", "submit_opinion");
  ASSERT_TRUE(offered.has_value()) << "a member of the body is not offered submit_opinion";
  EXPECT_FALSE(offered->blocked.has_value()) << Text(*offered->blocked, Lang::kEn);
  Ok(m, "submit_opinion", {{"opinion", kOpinion}}, "he");
  EXPECT_EQ(FieldText(m, "opinion"), kOpinion);
  EXPECT_EQ(FieldText(m, "opinion_by"), "he");
  EXPECT_EQ(docket_->GetItem(m)->state, "on_agenda");
  auto h = docket_->History(m);
  ASSERT_TRUE(h.ok());
  const AuditEntry& e = h->back();
  EXPECT_EQ(e.action, "submit_opinion");
  EXPECT_EQ(e.actor, "he");
  EXPECT_EQ(e.outcome, "ok");
  bool recorded = false;
  for (const FieldChange& c : e.changes) recorded = recorded || (c.field == "opinion" && c.after.ToText() == kOpinion);
  EXPECT_TRUE(recorded) << "the opinion's text is not in the audit entry";
  ExpectVerifies();
}

TEST_P(OpinionTest, OnlyAVotingMemberOfTheMeetingsBodyMayWriteOne) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t m = OnAgenda("major-project", party);
  // tang sits on the office meeting only: refused by member_of, offered blocked.
  EXPECT_THAT(Refused(m, "submit_opinion", {{"opinion", "x"}}, "tang"),
              HasSubstr("'tang' is not a member of 'party-meeting'"));
  auto tang = Offered(m, "tang", "submit_opinion");
  ASSERT_TRUE(tang.has_value());
  ASSERT_TRUE(tang->blocked.has_value());
  EXPECT_THAT(Text(*tang->blocked, Lang::kEn), HasSubstr("Only a member of the meeting's body"));
  // The clerk liu holds none of the roles: not offered at all.
  EXPECT_FALSE(Offered(m, "liu", "submit_opinion").has_value());
  EXPECT_THAT(Refused(m, "submit_opinion", {{"opinion", "x"}}, "liu"), HasSubstr("it needs one of the roles"));
  // wang attends the office meeting without a vote (and sits on the Party committee).
  std::int64_t office = NewMeeting("office-meeting");
  std::int64_t routine = NewMatter("routine");
  Ok(routine, "schedule", {{"meeting", std::to_string(office)}}, "liu");
  EXPECT_THAT(Refused(routine, "submit_opinion", {{"opinion", "x"}}, "wang"),
              HasSubstr("'wang' is not a member of 'office-meeting'"));
  Ok(routine, "submit_opinion", {{"opinion", "同意"}}, "tang");
  EXPECT_EQ(FieldText(m, "opinion"), "");
}

TEST_P(OpinionTest, NoOpinionOnceTheMeetingIsHeldNorFromARecusedMember) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t m = OnAgenda("major-project", party);
  Ok(m, "recuse", {{"recused", "ma"}}, "liu");
  EXPECT_THAT(Refused(m, "submit_opinion", {{"opinion", "x"}}, "ma"), HasSubstr("R6"));
  Ok(party, "hold", {{"present", "wang,li,chen,gao,ma"}, {"absent", "he: 外出培训, xu: 病假"}}, "liu");
  EXPECT_THAT(Refused(m, "submit_opinion", {{"opinion", "x"}}, "he"), HasSubstr("A written opinion is submitted before the meeting"));
  auto he = Offered(m, "he", "submit_opinion");
  ASSERT_TRUE(he.has_value());
  EXPECT_TRUE(he->blocked.has_value());
}

TEST_P(OpinionTest, TheClerkRecordsItAsAPositionAndTheMinutesDraftCarriesIt) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t m = OnAgenda("major-project", party);
  Ok(m, "submit_opinion", {{"opinion", "初稿"}}, "he");
  Ok(m, "submit_opinion", {{"opinion", kOpinion}}, "he");  // again: the latest counts
  Ok(m, "submit_opinion", {{"opinion", "赞成"}}, "xu");
  Ok(party, "hold", {{"present", "wang,li,chen,gao,ma"}, {"absent", "he: 外出培训, xu: 病假"}}, "liu");
  Ok(m, "vote", {{"votes", "li:agree,chen:agree,he:absent-with-opinion,xu:absent-with-opinion,gao:agree,ma:agree,wang:agree"}},
     "liu");
  Ok(m, "adopt", {{"decision", "改造食堂"}}, "wang");
  auto zh = MeetingMinutesDraft(*docket_, party, Lang::kZh);
  ASSERT_TRUE(zh.ok()) << zh.status().ToString();
  EXPECT_THAT(*zh, HasSubstr("缺席成员书面意见："));
  EXPECT_THAT(*zh, HasSubstr(std::string("何志远：") + kOpinion));
  EXPECT_THAT(*zh, HasSubstr("书面意见（缺席）"));
  EXPECT_THAT(*zh, Not(HasSubstr("初稿")));
  auto en = MeetingMinutesDraft(*docket_, party, Lang::kEn);
  ASSERT_TRUE(en.ok());
  EXPECT_THAT(*en, HasSubstr("Written opinions of absent members:"));
  EXPECT_THAT(*en, HasSubstr(std::string("He Zhiyuan: ") + kOpinion));
  ExpectVerifies();
}

TEST_P(OpinionTest, AnOpinionIsForOneMeetingADeferredTopicStartsWithout) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t m = OnAgenda("major-project", party);
  Ok(m, "submit_opinion", {{"opinion", kOpinion}}, "he");
  Ok(party, "hold", {{"present", "wang,li,chen,gao,ma"}, {"absent", "he: 外出培训, xu: 病假"}}, "liu");
  Ok(m, "vote", {{"votes", "li:defer,chen:defer,he:absent-with-opinion,gao:defer,ma:agree,wang:defer"}}, "liu");
  Ok(m, "defer", {{"defer_reason", "再议"}}, "wang");
  clock_.Advance(std::chrono::hours(24));  // the topic as it stood at the first meeting is read by time
  std::int64_t next = NewMeeting("party-meeting");
  Ok(m, "schedule", {{"meeting", std::to_string(next)}}, "liu");
  EXPECT_EQ(FieldText(m, "opinion"), "");
  auto first = MeetingMinutesDraft(*docket_, party, Lang::kZh);
  ASSERT_TRUE(first.ok());
  EXPECT_THAT(*first, HasSubstr(kOpinion));
  // The opinion was for the first meeting: at this one he is absent without one.
  Ok(next, "hold", {{"present", "wang,li,chen,gao,ma,xu"}, {"absent", "he: 外出培训"}}, "liu");
  EXPECT_THAT(Refused(m, "vote", {{"votes", "li:agree,chen:agree,he:absent-with-opinion,gao:agree,ma:agree,xu:agree,wang:agree"}}, "liu"),
              HasSubstr("'he' is recorded 'absent-with-opinion' but submitted no written opinion"));
  auto second = MeetingMinutesDraft(*docket_, next, Lang::kZh);
  ASSERT_TRUE(second.ok());
  EXPECT_THAT(*second, Not(HasSubstr(kOpinion)));
  EXPECT_THAT(*second, Not(HasSubstr("缺席成员书面意见")));
}

// R7: the position absent-with-opinion is the engine's to check, not only the page's.
TEST_P(OpinionTest, AbsentWithOpinionOnlyForAMemberAbsentFromTheTopicWhoWroteOne) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t m = OnAgenda("major-project", party);
  Ok(m, "submit_opinion", {{"opinion", kOpinion}}, "he");
  Ok(party, "hold", {{"present", "wang,li,chen,gao,ma,he"}, {"absent", "xu: 病假"}}, "liu");
  // he wrote one but came: present for the topic.
  const std::string present = Refused(m, "vote", {{"votes", "li:agree,chen:agree,he:absent-with-opinion,gao:agree,ma:agree,wang:agree"}}, "liu");
  EXPECT_THAT(present, HasSubstr("R7: 'Written opinion (absent)' is only for a member absent from the topic"));
  EXPECT_THAT(present, HasSubstr("'he' is recorded 'absent-with-opinion' but is present"));
  // xu is absent but wrote none.
  EXPECT_THAT(Refused(m, "vote", {{"votes", "li:agree,chen:agree,he:agree,xu:absent-with-opinion,gao:agree,ma:agree,wang:agree"}}, "liu"),
              HasSubstr("'xu' is recorded 'absent-with-opinion' but submitted no written opinion"));
  // In Chinese, the rule's words.
  auto zh = Act(m, "vote", {{"votes", "li:agree,chen:agree,he:absent-with-opinion,gao:agree,ma:agree,wang:agree"}}, "liu");
  ASSERT_FALSE(zh.ok());
  EXPECT_THAT(Text(zh.status().msg(), Lang::kZh), HasSubstr("“书面意见（缺席）”只能记给本议题缺席、且会前提交了书面意见的成员"));
  // he left before the topic (not present for it, the reason recorded): now it stands.
  Ok(m, "vote", {{"present", "wang,li,chen,gao,ma"}, {"attendance_note", "何志远提前离会"},
                 {"votes", "li:agree,chen:agree,he:absent-with-opinion,gao:agree,ma:agree,wang:agree"}}, "liu");
  ExpectVerifies();
}

INSTANTIATE_TEST_SUITE_P(Stores, OpinionTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
