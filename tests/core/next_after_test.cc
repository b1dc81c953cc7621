// next_after (R10): the meeting a temporary action is explained at is the first of the
// organization's meetings held strictly after the action was taken — to the second for
// datetimes; a bare date is the start of that day on the organization's clock, not UTC's.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/condition.h"
#include "test_workflow.h"

namespace docket {
namespace {

using test::Field;

class NextAfterTest : public ::testing::Test {
 protected:
  NextAfterTest() {
    def_.id = "temporary-action";
    def_.fields = {Field("taken_at", FieldType::kDateTime), Field("meeting", FieldType::kItem)};
    cond_.kind = Condition::Kind::kNextAfter;
    cond_.ref = "meeting";
    cond_.field = "held_at";
    cond_.after = "taken_at";
    cond_.workflow = "meeting";
    facts_.zone = std::make_shared<const TimeZone>(TimeZone::Fixed("Asia/Shanghai", std::chrono::hours(8)));
  }
  void Meeting(std::int64_t id, const std::string& held_at) {
    facts_.org_items["meeting"].push_back({id, "held", {{"held_at", Value(held_at)}}});
  }
  // Why the action taken at `taken_at` may not be explained at meeting `id` ("" when it may).
  std::string Why(const std::string& taken_at, std::int64_t id) {
    FieldMap fields{{"taken_at", Value(taken_at)}, {"meeting", Value(id)}};
    ConditionContext ctx{def_, fields, actor_, facts_};
    auto why = Evaluate(cond_, ctx);
    return why ? why->English() : "";
  }
  Definition def_;
  Condition cond_;
  ItemFacts facts_;
  Actor actor_{"wang", {"secretary"}, {}};
};

TEST_F(NextAfterTest, AMeetingHeldEarlierTheSameDayDoesNotCount) {
  Meeting(1, "2026-03-05T01:00:00Z");  // 09:00 Beijing
  Meeting(2, "2026-03-05T07:00:00Z");  // 15:00 Beijing
  const std::string taken = "2026-03-05T03:30:00Z";  // 11:30 Beijing, between the two
  EXPECT_NE(Why(taken, 1), "");
  EXPECT_EQ(Why(taken, 2), "");
  // Held the very second the action was taken is not after it; a second later is.
  Meeting(3, "2026-03-05T03:30:00Z");
  Meeting(4, "2026-03-05T03:30:01Z");
  EXPECT_NE(Why(taken, 3), "");
  EXPECT_EQ(Why(taken, 4), "");
  EXPECT_THAT(Why(taken, 2), ::testing::HasSubstr("the first meeting after taken_at (2026-03-05T03:30:00Z) is #4"));
}

TEST_F(NextAfterTest, ABareDateIsTheStartOfTheLocalDay) {
  // Meeting 1 recorded by its date only (an imported record): 5 March on Beijing's clock
  // begins at 4 March 16:00 UTC. An action taken at 07:00 Beijing on 5 March (4 March
  // 23:00 UTC) was taken after that start: the meeting of the 5th is not shown to be after
  // it — UTC's midnight (08:00 Beijing) would have put it after.
  Meeting(1, "2026-03-05");
  Meeting(2, "2026-03-06");
  EXPECT_NE(Why("2026-03-04T23:00:00Z", 1), "");
  EXPECT_EQ(Why("2026-03-04T23:00:00Z", 2), "");
  // Taken on the evening of 4 March Beijing time (before 16:00 UTC): the 5th is next.
  EXPECT_EQ(Why("2026-03-04T12:00:00Z", 1), "");
}

}  // namespace
}  // namespace docket
