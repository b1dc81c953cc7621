// School days in the core (core/timer.h, "Time rules"): weekends and holidays, offsets in
// school days both ways, a due date moved off a holiday, weeks without school skipped.
#include <gtest/gtest.h>

#include "core/timer.h"

namespace docket {
namespace {

TimePoint T(const char* iso) { return *ParseTime(iso); }

// Labour Day 2026-05-01 (Fri) .. 05-05 (Tue); an autumn break 2026-09-28 (Mon) .. 10-09 (Fri)
// that spans two weeks and the weekend between them.
Calendar Holidays() {
  Calendar c;
  c.holidays.push_back({T("2026-05-01"), T("2026-05-05"), {}});
  c.holidays.push_back({T("2026-09-28"), T("2026-10-09"), {}});
  return c;
}

TEST(SchoolDays, AreWeekdaysOutsideHolidays) {
  Calendar c = Holidays();
  EXPECT_TRUE(c.IsSchoolDay(T("2026-04-30T23:59:59Z")));   // Thursday
  EXPECT_FALSE(c.IsSchoolDay(T("2026-05-01T00:00:00Z")));  // Friday, a holiday
  EXPECT_FALSE(c.IsSchoolDay(T("2026-05-09T12:00:00Z")));  // Saturday
  EXPECT_FALSE(c.IsSchoolDay(T("2026-05-10T12:00:00Z")));  // Sunday
  EXPECT_FALSE(c.IsSchoolDay(T("2026-05-05T23:59:59Z")));  // Tuesday, the holiday's last day
  EXPECT_TRUE(c.IsSchoolDay(T("2026-05-06T00:00:00Z")));   // Wednesday
}

TEST(SchoolDays, AreTheDaysOfTheOrganizationsClock) {
  Calendar c = Holidays();
  c.zone = TimeZone::Fixed("Asia/Shanghai", std::chrono::hours(8));
  // 16:30 UTC on Thursday 04-30 is 00:30 on Friday 05-01 in Beijing: the holiday has begun.
  EXPECT_FALSE(c.IsSchoolDay(T("2026-04-30T16:30:00Z")));
  EXPECT_TRUE(c.IsSchoolDay(T("2026-04-30T15:59:59Z")));
  // 16:00 UTC on Tuesday 05-05 is Wednesday in Beijing: school again.
  EXPECT_TRUE(c.IsSchoolDay(T("2026-05-05T16:00:00Z")));
  EXPECT_TRUE(c.IsHoliday(T("2026-05-05T15:00:00Z")));
  EXPECT_FALSE(c.IsHoliday(T("2026-05-05T16:00:00Z")));
  // Sunday 05-10 at 17:00 UTC is Monday 05-11 in Beijing.
  EXPECT_TRUE(c.IsSchoolDay(T("2026-05-10T17:00:00Z")));
  // A deadline at the end of Beijing's Thursday 04-30 moved by one school day lands at the end
  // of Beijing's Wednesday 05-06, past the holiday.
  EXPECT_EQ(c.AddSchoolDays(T("2026-04-30T16:00:00Z"), 1), T("2026-05-06T16:00:00Z"));
}

TEST(SchoolDays, OffsetsCountThemBothWays) {
  Calendar c = Holidays();
  Calendar none;
  struct Case {
    const char* name;
    const Calendar& cal;
    const char* from;
    std::int64_t n;
    const char* want;
  } cases[] = {
      {"a plain week: +5sd is +5d", none, "2026-06-01", 5, "2026-06-06"},
      {"a plain week: -2sd is -2d", none, "2026-07-01", -2, "2026-06-29"},
      {"over a weekend, from the end of Friday", none, "2026-06-06", 1, "2026-06-09"},
      {"back over a weekend, from the end of Monday", none, "2026-06-30", -2, "2026-06-26"},
      {"the time of day is kept", c, "2026-04-30T10:00:00Z", 1, "2026-05-06T10:00:00Z"},
      {"across a holiday spanning two weeks", c, "2026-09-26", 1, "2026-10-13"},
      {"back across it", c, "2026-10-13", -2, "2026-09-25"},
      {"zero school days", c, "2026-05-02T08:00:00Z", 0, "2026-05-02T08:00:00Z"},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.name);
    EXPECT_EQ(k.cal.AddSchoolDays(T(k.from), k.n), T(k.want));
  }
  // A calendar with no school day for ten years: no answer rather than a endless walk.
  Calendar all;
  all.holidays.push_back({T("2026-01-01"), T("2040-01-01"), {}});
  EXPECT_EQ(all.AddSchoolDays(T("2026-06-01"), 1), std::nullopt);
}

TEST(SchoolDays, OffsetsParseAndFormat) {
  struct Case {
    const char* text;
    std::optional<std::int64_t> seconds;
    std::int64_t school_days;
  } cases[] = {
      {"+5sd", 0, 5}, {"-2sd", 0, -2}, {"+14d", 14 * 86400, 0}, {"-36h", -36 * 3600, 0},
      {"5sd", std::nullopt, 0}, {"+sd", std::nullopt, 0}, {"+1.5sd", std::nullopt, 0},
      {"+1wsd", std::nullopt, 0}, {"+5s", std::nullopt, 0}, {"+99999sd", std::nullopt, 0},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.text);
    auto got = ParseTimerOffset(k.text);
    ASSERT_EQ(got.has_value(), k.seconds.has_value());
    if (!got) continue;
    EXPECT_EQ(got->seconds, *k.seconds);
    EXPECT_EQ(got->school_days, k.school_days);
    EXPECT_EQ(FormatTimerOffset(*got), k.text);
  }
}

TimerDef DueField(TimerDef::OnHoliday on_holiday) {
  TimerDef t;
  t.name = "deadline";
  t.due.base = TimerDue::Base::kField;
  t.due.field = "due";
  t.on_holiday = on_holiday;
  t.ladder = {LadderStep{LadderStep::Do::kNotify, 0, {"principal"}, "", "", {}, {}, -2}};
  return t;
}

Item Due(const char* date) {
  Item i;
  i.id = 7;
  i.state = "open";
  i.fields = {{"due", Value(date)}};
  return i;
}

TEST(SchoolDays, ADueDateInAHolidayMovesAsConfigured) {
  Calendar c = Holidays();
  const StateEntry entry{T("2026-03-02")};
  using H = TimerDef::OnHoliday;
  // Due Saturday 2026-05-02, inside Labour Day: the end of that day is 05-03T00:00.
  EXPECT_EQ(TimerDueTime(DueField(H::kKeep), Due("2026-05-02"), entry, c), T("2026-05-03"));
  EXPECT_EQ(TimerDueTime(DueField(H::kNextSchoolDay), Due("2026-05-02"), entry, c), T("2026-05-07"));
  EXPECT_EQ(TimerDueTime(DueField(H::kPreviousSchoolDay), Due("2026-05-02"), entry, c), T("2026-05-01"));
  // A school day stays.
  EXPECT_EQ(TimerDueTime(DueField(H::kNextSchoolDay), Due("2026-05-06"), entry, c), T("2026-05-07"));
  // A datetime on a holiday keeps its time of day.
  EXPECT_EQ(TimerDueTime(DueField(H::kNextSchoolDay), Due("2026-05-04T15:00:00Z"), entry, c),
            T("2026-05-06T15:00:00Z"));
  // The ladder counts from the moved due time, in school days; its key says so.
  Definition def;
  StateDef open;
  open.name = "open";
  open.timers.push_back(DueField(H::kNextSchoolDay));
  def.states = {open};
  auto steps = DueSteps(def, Due("2026-05-02"), entry, c, T("2026-05-30"));
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].due, T("2026-05-07"));
  EXPECT_EQ(steps[0].at, T("2026-04-30"));  // -2sd: 05-06 (Wed), then back over the holiday to 04-30 (Thu)
  EXPECT_EQ(steps[0].key, "item:7:deadline@2026-05-07T00:00:00Z:-2sd:notify");
}

TEST(SchoolDays, AWeekWithoutSchoolIsSkipped) {
  Calendar c = Holidays();
  TimerDef weekly;
  weekly.name = "weekly";
  weekly.due.base = TimerDue::Base::kEntered;
  weekly.due.offset_seconds = 7 * 86400;
  weekly.skip_holiday_weeks = true;
  TimerDef plain = weekly;
  plain.skip_holiday_weeks = false;
  Item item;
  item.state = "open";
  struct Case {
    const char* name;
    const TimerDef& timer;
    const char* entered;
    const char* want;
  } cases[] = {
      {"a week with school days stays", weekly, "2026-09-14T10:00:00Z", "2026-09-21T10:00:00Z"},
      {"a week whose only school time is part of its first day is skipped, twice", weekly,
       "2026-09-25T10:00:00Z", "2026-10-16T10:00:00Z"},
      {"whole holiday weeks are skipped", weekly, "2026-09-28", "2026-10-19"},
      {"a holiday week with one school day stays", weekly, "2026-04-27", "2026-05-04"},
      {"without skip the week stays", plain, "2026-09-28", "2026-10-05"},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.name);
    EXPECT_EQ(TimerDueTime(k.timer, item, StateEntry{T(k.entered)}, c), T(k.want));
  }
}

}  // namespace
}  // namespace docket
