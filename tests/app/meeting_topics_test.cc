// A meeting's topics as its documents read them (engine/report/meeting_docs_read.cc): those on
// its agenda now, and those deferred there and scheduled for a later meeting since, which name
// the later one now and are found only in their history — also when the deferral and the next
// scheduling are recorded within one second (a script's, a fixed clock's). The store's
// narrowing (Store::ListItemsEverNaming: only the matters whose `meeting` ever named the
// meeting, found in the audit table) keeps every one of them and no other. Every case runs on
// every store backend.
#include "app/meeting_docs.h"
#include "governance_fixture.h"

namespace docket::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class MeetingTopicsFixture : public GovernanceFixture {
 protected:
  std::vector<std::int64_t> EverNaming(std::int64_t meeting) {
    auto items = store_->ListItemsEverNaming("school-a", "matter", "meeting", meeting);
    EXPECT_TRUE(items.ok()) << items.status().ToString();
    std::vector<std::int64_t> ids;
    if (items.ok()) {
      for (const Item& i : *items) ids.push_back(i.id);
    }
    return ids;
  }
  // A topic on `meeting`'s agenda, the meeting held, the positions recorded, then deferred;
  // and (the clock not moved) scheduled for a new meeting. Returns the new meeting's id.
  std::int64_t DeferToNext(std::int64_t meeting, std::int64_t topic) {
    Ok(meeting, "hold", {{"present", "wang,li,chen,gao,ma"}, {"absent", "he: 外出培训, xu: 病假"}}, "liu");
    Ok(topic, "vote", {{"votes", "li:defer,chen:defer,gao:agree,ma:defer,wang:defer"}}, "liu");
    Ok(topic, "defer", {{"defer_reason", "意见分歧较大，下次再议"}}, "wang");
    std::int64_t next = NewMeeting("party-meeting");
    Ok(topic, "schedule", {{"meeting", std::to_string(next)}}, "liu");
    return next;
  }
};
using MeetingTopicsTest = OnEachStore<MeetingTopicsFixture>;

TEST_P(MeetingTopicsTest, ATopicDeferredToALaterMeetingWithinOneSecondIsInTheFirstMeetingsMinutes) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t topic = OnAgenda("major-project", party);
  std::int64_t next = DeferToNext(party, topic);  // the clock stands still: every entry at one time
  auto first = MeetingMinutesDraft(*docket_, party, Lang::kZh);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_THAT(*first, HasSubstr("议题1：a major-project matter"));
  EXPECT_THAT(*first, HasSubstr("缓议原因：意见分歧较大，下次再议"));
  EXPECT_THAT(*first, HasSubstr("结果：缓议"));
  EXPECT_THAT(*first, Not(HasSubstr("本次会议未记录议题")));
  // Its positions at the first meeting, as stated there.
  auto record = MeetingDocuments(*docket_, party);
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  ASSERT_EQ(record->topics.size(), 1u);
  EXPECT_EQ(record->topics[0].id, topic);
  EXPECT_EQ(record->topics[0].state, "deferred");
  EXPECT_EQ(record->topics[0].positions.size(), 5u);
  // At the next meeting it is on the agenda, its positions not yet taken.
  auto second = MeetingDocuments(*docket_, next);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_EQ(second->topics.size(), 1u);
  EXPECT_EQ(second->topics[0].state, "on_agenda");
  EXPECT_TRUE(second->topics[0].positions.empty());
}

TEST_P(MeetingTopicsTest, ATopicDeferredADayBeforeItIsScheduledAgainToo) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t topic = OnAgenda("major-project", party);
  Ok(party, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
  Ok(topic, "vote", {{"votes", "li:defer,chen:defer,gao:agree,ma:defer,wang:defer"}}, "liu");
  Ok(topic, "defer", {{"defer_reason", "再议"}}, "wang");
  clock_.Advance(std::chrono::hours(24));
  std::int64_t next = NewMeeting("party-meeting");
  Ok(topic, "schedule", {{"meeting", std::to_string(next)}}, "liu");
  auto record = MeetingDocuments(*docket_, party);
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  ASSERT_EQ(record->topics.size(), 1u);
  EXPECT_EQ(record->topics[0].defer_reason, "再议");
}

// The store's narrowing: the matters whose `meeting` names the meeting now or named it before,
// in id order; not a matter only ever on another meeting's agenda, nor one never scheduled.
TEST_P(MeetingTopicsTest, TheMattersThatEverNamedAMeetingAreTheOnesItsMinutesRead) {
  std::int64_t party = NewMeeting("party-meeting");
  std::int64_t other = NewMeeting("party-meeting");
  std::int64_t deferred = OnAgenda("major-project", party);
  std::int64_t elsewhere = OnAgenda("major-decision", other);
  std::int64_t unscheduled = NewMatter("routine");
  std::int64_t staying = OnAgenda("major-decision", party);
  std::int64_t next = DeferToNext(party, deferred);
  EXPECT_THAT(EverNaming(party), ElementsAre(deferred, staying));
  EXPECT_THAT(EverNaming(next), ElementsAre(deferred));
  EXPECT_THAT(EverNaming(other), ElementsAre(elsewhere));
  EXPECT_TRUE(EverNaming(unscheduled).empty());  // no matter names a matter
  // What the minutes read is what every matter's history says (the store's default).
  auto all = store_->Store::ListItemsEverNaming("school-a", "matter", "meeting", party);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, deferred);
  EXPECT_EQ((*all)[1].id, staying);
  auto record = MeetingDocuments(*docket_, party);
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  ASSERT_EQ(record->topics.size(), 2u);
  EXPECT_EQ(record->topics[0].id, deferred);
  EXPECT_EQ(record->topics[1].id, staying);
  // A field named by anything but an id is refused, as the item filter refuses it.
  EXPECT_FALSE(store_->ListItemsEverNaming("school-a", "matter", "meeting') OR 1=1 --", party).ok());
}

INSTANTIATE_TEST_SUITE_P(Stores, MeetingTopicsTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
