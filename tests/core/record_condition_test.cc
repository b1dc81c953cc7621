// The condition kinds about an item's record over time — deadline (a timer of the workflow,
// counted from a field, from entering its states, or from a semester's end), actors_not_listed
// (who acted, from the history) and compare against $now / $today — holding and failing,
// with the text they explain themselves in; and what a check evaluates (AppliesIn, rule ids,
// severities).
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "core/condition.h"
#include "core/timer.h"
#include "test_workflow.h"

namespace docket {
namespace {

using test::Field;
using test::ListField;

TimePoint At(const char* iso) { return *ParseTime(iso); }

TimerDef Timer(std::string name, TimerDue::Base base, std::int64_t offset, std::string field = "") {
  TimerDef t;
  t.name = std::move(name);
  t.due.base = base;
  t.due.offset_seconds = offset;
  t.due.field = std::move(field);
  return t;
}

StateDef State(std::string name, std::vector<TimerDef> timers = {}, bool terminal = false) {
  StateDef s;
  s.name = std::move(name);
  s.timers = std::move(timers);
  s.terminal = terminal;
  return s;
}

constexpr std::int64_t kDay = 86400;

// A report due 30 days after its semester ends (drafted, approved), a task due on its
// due_date (open, doing) and an action to explain within 30 days of being taken (taken).
Definition Record() {
  Definition d;
  d.id = "record";
  d.fields = {Field("due_date", FieldType::kDate), Field("submitted_at", FieldType::kDateTime),
              Field("semester", FieldType::kText), ListField("recused", FieldType::kPerson),
              Field("taken_at", FieldType::kDateTime)};
  TimerDef report = Timer("report_due", TimerDue::Base::kSemesterEnd, 30 * kDay);
  report.semester_field = "semester";
  d.states = {State("drafted", {report}), State("approved", {report}), State("submitted"),
              State("open", {Timer("deadline", TimerDue::Base::kField, 0, "due_date")}),
              State("doing", {Timer("deadline", TimerDue::Base::kField, 0, "due_date")}),
              State("taken", {Timer("explain_due", TimerDue::Base::kEntered, 30 * kDay)}),
              State("done", {}, true)};
  return d;
}

Condition Deadline(std::string timer, std::string done = "") {
  Condition c;
  c.kind = Condition::Kind::kDeadline;
  c.timer = std::move(timer);
  c.field = std::move(done);
  return c;
}

Condition ActorsNotListed(std::vector<std::string> actions) {
  Condition c;
  c.kind = Condition::Kind::kActorsNotListed;
  c.field = "recused";
  c.actions = std::move(actions);
  return c;
}

Condition CompareMoment(std::string field, CompareOp op, Condition::Moment m, std::int64_t offset) {
  Condition c;
  c.kind = Condition::Kind::kCompare;
  c.field = std::move(field);
  c.op = op;
  c.moment = m;
  c.moment_offset = offset;
  return c;
}

class RecordConditionTest : public testing::Test {
 protected:
  std::optional<std::string> Eval(const Condition& c) const {
    ConditionContext ctx{def_, item_.fields, nobody_, facts_, now_, &item_};
    auto why = Evaluate(c, ctx);
    return why ? std::optional<std::string>(why->English()) : std::nullopt;
  }
  void Step(const char* time, std::string actor, std::string action, std::string from, std::string to) {
    facts_.history.push_back({At(time), std::move(actor), std::move(action), std::move(from), std::move(to)});
  }
  void UseCalendar() {
    auto cal = std::make_shared<Calendar>();
    Semester s;
    s.id = "2026-spring";
    s.start = At("2026-02-23");
    s.last_day = At("2026-07-10");  // over at 2026-07-11T00:00:00Z; report due 2026-08-10
    cal->semesters.push_back(s);
    facts_.calendar = cal;
  }

  Definition def_ = Record();
  Item item_;
  Actor nobody_;
  ItemFacts facts_;
  TimePoint now_ = At("2026-03-02T09:00:00Z");
};

// --- deadline: a date field (a task's due date) ---

TEST_F(RecordConditionTest, DeadlineFromADateFieldIsTheEndOfThatDay) {
  item_.state = "doing";
  item_.fields["due_date"] = Value("2026-03-01");
  now_ = At("2026-03-01T23:59:59Z");
  EXPECT_EQ(Eval(Deadline("deadline")), std::nullopt);
  now_ = At("2026-03-04T10:00:00Z");
  EXPECT_EQ(Eval(Deadline("deadline")),
            "'deadline' was due 2026-03-02T00:00:00Z and the item is still 'doing' at 2026-03-04T10:00:00Z "
            "(2 days late)");
}

TEST_F(RecordConditionTest, DeadlineHoldsWhenTheDueTimeCannotBeTold) {
  item_.state = "open";  // no due_date
  now_ = At("2030-01-01T00:00:00Z");
  EXPECT_EQ(Eval(Deadline("deadline")), std::nullopt);
}

TEST_F(RecordConditionTest, DeadlineJudgesWhenTheItemLeftTheTimersStates) {
  item_.fields["due_date"] = Value("2026-03-10");
  Step("2026-03-01T09:00:00Z", "wang", "create", "", "open");
  Step("2026-03-02T09:00:00Z", "li", "start", "open", "doing");  // within the timer's states
  Step("2026-03-09T09:00:00Z", "li", "finish", "doing", "done");
  item_.state = "done";
  now_ = At("2026-04-01T00:00:00Z");
  EXPECT_EQ(Eval(Deadline("deadline")), std::nullopt);
  facts_.history.back().time = At("2026-03-12T09:00:00Z");
  EXPECT_EQ(Eval(Deadline("deadline")),
            "'deadline' was due 2026-03-11T00:00:00Z and it was done 2026-03-12T09:00:00Z (1 day late)");
}

// --- deadline: a semester's end (the semester report, R14) ---

TEST_F(RecordConditionTest, DeadlineFromASemesterEndOpenOrSubmittedLate) {
  UseCalendar();
  item_.fields["semester"] = Value("2026-spring");
  item_.state = "drafted";
  now_ = At("2026-08-09T12:00:00Z");
  EXPECT_EQ(Eval(Deadline("report_due", "submitted_at")), std::nullopt);
  now_ = At("2026-08-20T00:00:00Z");
  EXPECT_EQ(Eval(Deadline("report_due", "submitted_at")),
            "'report_due' was due 2026-08-10T00:00:00Z and the item is still 'drafted' at 2026-08-20T00:00:00Z "
            "(10 days late)");
  // Submitted on time, then returned and resubmitted late: the first submission counts.
  Step("2026-07-11T00:00:00Z", "system", "create", "", "drafted");
  Step("2026-08-01T00:00:00Z", "wang", "approve", "drafted", "approved");
  Step("2026-08-05T00:00:00Z", "wang", "submit", "approved", "submitted");
  Step("2026-08-30T00:00:00Z", "wang", "resubmit", "returned", "submitted");
  item_.state = "submitted";
  item_.fields["submitted_at"] = Value("2026-08-30T00:00:00Z");
  EXPECT_EQ(Eval(Deadline("report_due", "submitted_at")), std::nullopt);
  // Imported with no history: the done field tells.
  facts_.history.clear();
  EXPECT_EQ(Eval(Deadline("report_due", "submitted_at")),
            "'report_due' was due 2026-08-10T00:00:00Z and it was done 2026-08-30T00:00:00Z (20 days late)");
  item_.fields.erase("submitted_at");
  EXPECT_EQ(Eval(Deadline("report_due", "submitted_at")), std::nullopt);  // nothing shows it late
}

TEST_F(RecordConditionTest, DeadlineWithoutTheCalendarsSemesterHolds) {
  item_.fields["semester"] = Value("2031-spring");
  item_.state = "drafted";
  now_ = At("2040-01-01T00:00:00Z");
  EXPECT_EQ(Eval(Deadline("report_due")), std::nullopt);
}

// --- deadline: counted from entering the state (a temporary action, R10) ---

TEST_F(RecordConditionTest, DeadlineFromEnteringTheStateOrFromCreationWithoutHistory) {
  item_.state = "taken";
  item_.created_at = At("2026-03-01T08:00:00Z");
  now_ = At("2026-03-30T00:00:00Z");
  EXPECT_EQ(Eval(Deadline("explain_due")), std::nullopt);
  now_ = At("2026-04-05T08:00:00Z");
  EXPECT_EQ(Eval(Deadline("explain_due")),
            "'explain_due' was due 2026-03-31T08:00:00Z and the item is still 'taken' at 2026-04-05T08:00:00Z "
            "(5 days late)");
  Step("2026-03-20T08:00:00Z", "li", "create", "", "taken");  // the history wins over created_at
  EXPECT_EQ(Eval(Deadline("explain_due")), std::nullopt);
}

TEST_F(RecordConditionTest, DeadlineNamingNoTimerSaysSo) {
  EXPECT_EQ(Eval(Deadline("nope")), "workflow 'record' declares no timer 'nope'");
}

// --- actors_not_listed (R6: a recused member who acted) ---

TEST_F(RecordConditionTest, ActorsNotListedReadsTheHistory) {
  item_.fields["recused"] = Value(List{Value("chen"), Value("gao")});
  Step("2026-03-01T09:00:00Z", "chen", "create", "", "open");
  Step("2026-03-02T09:00:00Z", "wang", "adopt", "open", "done");
  EXPECT_EQ(Eval(ActorsNotListed({"adopt", "vote"})), std::nullopt);  // chen only created it
  EXPECT_EQ(Eval(ActorsNotListed({})),
            "persons listed in 'recused' acted on this item: 'chen' took 'create' at 2026-03-01T09:00:00Z");
  Step("2026-03-03T09:00:00Z", "gao", "vote", "open", "open");
  EXPECT_EQ(Eval(ActorsNotListed({"adopt", "vote"})),
            "persons listed in 'recused' acted on this item: 'gao' took 'vote' at 2026-03-03T09:00:00Z");
  item_.fields.erase("recused");
  EXPECT_EQ(Eval(ActorsNotListed({})), std::nullopt);
}

// --- compare against $now / $today ---

TEST_F(RecordConditionTest, CompareWithTodayAndNowAndAnOffset) {
  now_ = At("2026-03-02T09:00:00Z");
  item_.fields["due_date"] = Value("2026-03-02");
  EXPECT_EQ(Eval(CompareMoment("due_date", CompareOp::kGreaterEq, Condition::Moment::kToday, 0)), std::nullopt);
  item_.fields["due_date"] = Value("2026-03-01");
  EXPECT_EQ(Eval(CompareMoment("due_date", CompareOp::kGreaterEq, Condition::Moment::kToday, 0)),
            "requires due_date >= $today ($today is 2026-03-02), but due_date is '2026-03-01'");
  item_.fields["taken_at"] = Value("2026-01-20T10:00:00Z");  // more than 30 days ago
  EXPECT_EQ(Eval(CompareMoment("taken_at", CompareOp::kGreater, Condition::Moment::kNow, -30 * kDay)),
            "requires taken_at > $now-30d ($now-30d is 2026-01-31T09:00:00Z), but taken_at is "
            "'2026-01-20T10:00:00Z'");
  EXPECT_EQ(Eval(CompareMoment("taken_at", CompareOp::kLess, Condition::Moment::kNow, -30 * kDay)), std::nullopt);
  item_.fields.erase("taken_at");  // no value: never ordered
  EXPECT_NE(Eval(CompareMoment("taken_at", CompareOp::kLess, Condition::Moment::kNow, 0)), std::nullopt);
}

TEST_F(RecordConditionTest, TodayIsTheDateOnTheOrganizationsClock) {
  now_ = At("2026-03-01T20:00:00Z");  // 04:00 on March 2nd in Beijing
  facts_.zone = std::make_shared<const TimeZone>(TimeZone::Fixed("Asia/Shanghai", std::chrono::hours(8)));
  item_.fields["due_date"] = Value("2026-03-01");
  EXPECT_EQ(Eval(CompareMoment("due_date", CompareOp::kGreaterEq, Condition::Moment::kToday, 0)),
            "requires due_date >= $today ($today is 2026-03-02), but due_date is '2026-03-01'");
  EXPECT_EQ(Eval(CompareMoment("due_date", CompareOp::kGreaterEq, Condition::Moment::kToday, -kDay)), std::nullopt);
  // As a time, $today is the instant the local date begins: midnight in Beijing.
  item_.fields["taken_at"] = Value("2026-03-01T15:59:59Z");
  EXPECT_EQ(Eval(CompareMoment("taken_at", CompareOp::kLess, Condition::Moment::kToday, 0)), std::nullopt);
  item_.fields["taken_at"] = Value("2026-03-01T16:00:00Z");
  EXPECT_NE(Eval(CompareMoment("taken_at", CompareOp::kLess, Condition::Moment::kToday, 0)), std::nullopt);
  facts_.zone.reset();  // UTC
  item_.fields["due_date"] = Value("2026-03-01");
  EXPECT_EQ(Eval(CompareMoment("due_date", CompareOp::kGreaterEq, Condition::Moment::kToday, 0)), std::nullopt);
}

TEST(CheckDefTest, AppliesInAndNames) {
  CheckDef c;
  EXPECT_TRUE(c.AppliesIn("anything"));
  c.in = {"adopted", "rejected"};
  EXPECT_TRUE(c.AppliesIn("rejected"));
  EXPECT_FALSE(c.AppliesIn("drafted"));
  for (const char* ok : {"R1", "R9", "R10", "R16", "R99"}) EXPECT_TRUE(IsRuleId(ok)) << ok;
  for (const char* bad : {"", "R", "R0", "r1", "X1", "R100", "R1a", "R01"}) EXPECT_FALSE(IsRuleId(bad)) << bad;
  EXPECT_TRUE(IsCheckSeverity("medium"));
  EXPECT_FALSE(IsCheckSeverity("critical"));
  EXPECT_STREQ(ConditionKindName(Condition::Kind::kDeadline), "deadline");
  EXPECT_STREQ(ConditionKindName(Condition::Kind::kActorsNotListed), "actors_not_listed");
}

}  // namespace
}  // namespace docket
