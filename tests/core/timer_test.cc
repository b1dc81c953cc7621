// Timers in the core: offsets, due times from a field, the state entry and the calendar,
// and which ladder steps are due at a given moment, with their keys. Pure functions: tables.
#include <gtest/gtest.h>

#include "core/timer.h"

namespace docket {
namespace {

TimePoint T(const char* iso) { return *ParseTime(iso); }

TEST(TimerOffset, ParsesAndFormats) {
  struct Case {
    const char* text;
    bool signed_only;
    std::optional<std::int64_t> want;
  } cases[] = {
      {"+14d", true, 14 * 86400}, {"-2d", true, -2 * 86400}, {"+0d", true, 0},
      {"+36h", true, 36 * 3600},  {"+1w", true, 7 * 86400},  {"+30m", true, 1800},
      {"14d", false, 14 * 86400}, {"14d", true, std::nullopt}, {"+d", true, std::nullopt},
      {"+2x", true, std::nullopt}, {"", false, std::nullopt}, {"+1.5d", true, std::nullopt},
      {"+99999d", true, std::nullopt},  // beyond ten years
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseOffset(c.text, c.signed_only), c.want);
  }
  EXPECT_EQ(FormatOffset(-2 * 86400), "-2d");
  EXPECT_EQ(FormatOffset(0), "+0d");
  EXPECT_EQ(FormatOffset(36 * 3600), "+36h");
  EXPECT_EQ(FormatOffset(90 * 60), "+90m");
}

Calendar TwoSemesters() {
  Calendar c;
  c.semesters.push_back({"2026-spring", T("2026-02-23"), T("2026-07-10"), {}});
  c.semesters.push_back({"2026-autumn", T("2026-09-01"), T("2027-01-22"), {}});
  c.holidays.push_back({T("2026-05-01"), T("2026-05-05"), {}});
  return c;
}

TEST(Calendar, FindsTheSemesterOfATime) {
  Calendar c = TwoSemesters();
  EXPECT_EQ(c.At(T("2026-01-01")), nullptr);
  EXPECT_EQ(c.At(T("2026-03-01"))->id, "2026-spring");
  EXPECT_EQ(c.At(T("2026-08-01"))->id, "2026-spring");  // between semesters: the last one
  EXPECT_EQ(c.At(T("2026-09-01"))->id, "2026-autumn");
  EXPECT_EQ(c.EndOf(*c.Find("2026-autumn")), T("2027-01-23"));
  EXPECT_EQ(c.Find("2027-spring"), nullptr);
  EXPECT_TRUE(c.IsHoliday(T("2026-05-05T23:59:59Z")));
  EXPECT_FALSE(c.IsHoliday(T("2026-05-06")));
}

TEST(Calendar, ASemestersDaysAreTheDaysOfTheCalendarsClock) {
  Calendar c = TwoSemesters();
  c.zone = TimeZone::Fixed("Asia/Shanghai", std::chrono::hours(8));
  const Semester& autumn = *c.Find("2026-autumn");
  EXPECT_EQ(c.StartOf(autumn), T("2026-08-31T16:00:00Z"));  // 00:00 on 1 September in Beijing
  EXPECT_EQ(c.EndOf(autumn), T("2027-01-22T16:00:00Z"));
  EXPECT_EQ(c.At(T("2026-08-31T15:59:59Z"))->id, "2026-spring");
  EXPECT_EQ(c.At(T("2026-08-31T16:00:00Z"))->id, "2026-autumn");
  EXPECT_EQ(StartOfLocalDay(c.zone, T("2026-09-01")), T("2026-08-31T16:00:00Z"));
  EXPECT_EQ(EndOfLocalDay(c.zone, T("2026-09-01")), T("2026-09-01T16:00:00Z"));
}

TimerDef Deadline() {
  TimerDef t;
  t.name = "deadline";
  t.due.base = TimerDue::Base::kField;
  t.due.field = "due";
  LadderStep remind{LadderStep::Do::kNotify, -2 * 86400, {}, "owner", "", {}, {}};
  LadderStep late{LadderStep::Do::kNotify, 86400, {"principal"}, "", "", {}, {}};
  LadderStep up{LadderStep::Do::kEscalate, 7 * 86400, {"supervisor"}, "", "", {}, {}};
  t.ladder = {remind, late, up};
  return t;
}

Item ItemWith(FieldMap fields, std::string state = "open") {
  Item i;
  i.id = 7;
  i.state = std::move(state);
  i.fields = std::move(fields);
  return i;
}

TEST(TimerDue, ComesFromAFieldTheEntryOrTheCalendar) {
  Calendar cal = TwoSemesters();
  StateEntry entered{T("2026-03-02T09:00:00Z")};
  TimerDef field = Deadline();
  TimerDef entry;
  entry.due.base = TimerDue::Base::kEntered;
  entry.due.offset_seconds = 14 * 86400;
  TimerDef sem_by_field;
  sem_by_field.due.base = TimerDue::Base::kSemesterEnd;
  sem_by_field.due.offset_seconds = 30 * 86400;
  sem_by_field.semester_field = "semester";
  TimerDef sem_by_entry = sem_by_field;
  sem_by_entry.semester_field.clear();

  struct Case {
    const char* name;
    const TimerDef& timer;
    FieldMap fields;
    StateEntry entry;
    std::optional<TimePoint> want;
  } cases[] = {
      {"a date is due at the end of that day", field, {{"due", Value("2026-06-30")}}, entered, T("2026-07-01")},
      {"a datetime is that instant", field, {{"due", Value("2026-06-30T12:00:00Z")}}, entered,
       T("2026-06-30T12:00:00Z")},
      {"no value, no due time", field, {}, entered, std::nullopt},
      {"null value, no due time", field, {{"due", Value()}}, entered, std::nullopt},
      {"+14d from entering", entry, {}, entered, T("2026-03-16T09:00:00Z")},
      {"semester named by a field", sem_by_field, {{"semester", Value("2026-spring")}}, entered, T("2026-08-10")},
      {"unknown semester", sem_by_field, {{"semester", Value("1999-spring")}}, entered, std::nullopt},
      {"semester of the entry time", sem_by_entry, {}, StateEntry{T("2026-10-01")}, T("2027-02-22")},
      {"entered between semesters: the last one", sem_by_entry, {}, StateEntry{T("2026-07-20")}, T("2026-08-10")},
      {"entered before every semester", sem_by_entry, {}, StateEntry{T("2025-01-01")}, std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(TimerDueTime(c.timer, ItemWith(c.fields), c.entry, cal), c.want);
  }
}

Definition WithTimer(TimerDef t) {
  Definition d;
  d.id = "task";
  StateDef open;
  open.name = "open";
  open.initial = true;
  open.timers.push_back(std::move(t));
  StateDef other;
  other.name = "done";
  other.terminal = true;
  d.states = {open, other};
  return d;
}

TEST(DueSteps, LadderStepsComeDueInOrder) {
  Definition def = WithTimer(Deadline());
  Item item = ItemWith({{"due", Value("2026-06-30")}});  // due 2026-07-01T00:00Z
  StateEntry entry{T("2026-03-02T09:00:00Z")};
  Calendar cal;
  struct Case {
    const char* now;
    std::size_t want;
  } cases[] = {
      {"2026-06-28T23:59:59Z", 0}, {"2026-06-29T00:00:00Z", 1}, {"2026-07-01T23:59:59Z", 1},
      {"2026-07-02T00:00:00Z", 2}, {"2026-07-08T00:00:00Z", 3}, {"2027-01-01T00:00:00Z", 3},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.now);
    auto steps = DueSteps(def, item, entry, cal, T(c.now));
    ASSERT_EQ(steps.size(), c.want);
    for (std::size_t i = 0; i < steps.size(); ++i) {
      EXPECT_EQ(steps[i].index, i);  // earliest first
      EXPECT_EQ(steps[i].due, T("2026-07-01"));
      EXPECT_LE(steps[i].at, T(c.now));
    }
  }
  // Another state has no timers; an unknown state neither.
  EXPECT_TRUE(DueSteps(def, ItemWith({{"due", Value("2026-06-30")}}, "done"), entry, cal, T("2027-01-01")).empty());
  EXPECT_TRUE(DueSteps(def, ItemWith({{"due", Value("2026-06-30")}}, "gone"), entry, cal, T("2027-01-01")).empty());
}

TEST(DueSteps, KeysAreStableDistinctAndFollowTheDueTime) {
  Definition def = WithTimer(Deadline());
  Calendar cal;
  StateEntry entry{T("2026-03-02T09:00:00Z")};
  auto a = DueSteps(def, ItemWith({{"due", Value("2026-06-30")}}), entry, cal, T("2027-01-01"));
  auto again = DueSteps(def, ItemWith({{"due", Value("2026-06-30")}}), StateEntry{T("2026-05-01")}, cal,
                        T("2027-01-01"));
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].key, "item:7:deadline@2026-07-01T00:00:00Z:-2d:notify");
  EXPECT_EQ(a[2].key, "item:7:deadline@2026-07-01T00:00:00Z:+7d:escalate");
  EXPECT_NE(a[0].key, a[1].key);
  // The same deadline after re-entering a state (e.g. carried to the next state): same keys.
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].key, again[i].key);
  // An extended deadline re-arms the ladder.
  auto moved = DueSteps(def, ItemWith({{"due", Value("2026-07-31")}}), entry, cal, T("2027-01-01"));
  EXPECT_NE(moved[0].key, a[0].key);
}

TEST(DueSteps, EntryTimersRestartOnEveryStay) {
  TimerDef t;
  t.name = "respond";
  t.due.base = TimerDue::Base::kEntered;
  t.due.offset_seconds = 14 * 86400;
  t.ladder = {LadderStep{LadderStep::Do::kNotify, 0, {"secretary"}, "", "", {}, {}}};
  Definition def = WithTimer(t);
  Calendar cal;
  auto first = DueSteps(def, ItemWith({}), StateEntry{T("2026-03-01")}, cal, T("2026-03-15"));
  auto second = DueSteps(def, ItemWith({}), StateEntry{T("2026-04-01")}, cal, T("2026-04-15"));
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_NE(first[0].key, second[0].key);
  EXPECT_TRUE(DueSteps(def, ItemWith({}), StateEntry{T("2026-04-01")}, cal, T("2026-04-14T23:59:59Z")).empty());
}

}  // namespace
}  // namespace docket
