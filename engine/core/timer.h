// Timers: the school calendar and which rungs of a state's timer ladders are due.
//
// A state's timers (TimerDef in core/definition.h) run while an item stays in that state.
// DueSteps is a pure function: given a definition, an item, when the item entered its
// current state, the calendar and `now`, it lists every ladder step whose time has come,
// each with a stable key. The application fires each key once (the store refuses a key
// twice), so ticking again, or late, neither repeats nor skips a step.
//
// Time rules (docs/WORKFLOWS.md, "Timers"):
//   - a date (a `date` field, a semester's end) means the END of that day, UTC: a task due
//     2026-06-30 is overdue from 2026-07-01T00:00:00Z;
//   - a datetime field is that instant;
//   - `+14d` counts from the time the item entered the state (the last audit entry that
//     changed its state); a transition back into the same state does not restart it;
//   - `semester_end+30d` counts from the end of the semester named by the timer's
//     `semester` field, or else of the semester the entry time falls in (between semesters:
//     the last one that ended before it);
//   - a school day is a day (UTC) that is neither a Saturday nor a Sunday nor inside one of
//     the calendar's holidays; a weekend day made a working day is not modelled (it stays a
//     day without school), and the days between semesters are school days unless a holiday
//     covers them;
//   - the day a time falls on is the day holding the moment just before it, so the end of a
//     day (00:00 of the next) falls on that day;
//   - `+5sd` moves forward one whole day at a time, keeping the time of day, until 5 of the
//     days it lands on are school days; `-2sd` moves back until it has landed on 2 school
//     days, where a landing at 00:00 counts as the day it starts. With no day off between,
//     `+Nsd` is `+Nd`. `+0sd` is `+0d`;
//   - the order: base, then offset, then `skip: holiday_weeks` (while the 7 days before the
//     due time hold no whole school day, it moves a week later), then `on_holiday`
//     (`next_school_day` / `previous_school_day`: a due time falling on a day without school
//     moves a whole day at a time until it falls on a school day; `keep` leaves it);
//   - a ladder step's `at` counts from that final due time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/definition.h"
#include "core/item.h"
#include "core/time_zone.h"

namespace docket {

struct Semester {
  std::string id;      // "2026-spring"
  TimePoint start{};     // the first day, a date (its UTC midnight)
  TimePoint last_day{};  // the last day, a date (its UTC midnight)
  Labels labels;
};

struct Holiday {
  TimePoint first_day{};
  TimePoint last_day{};
  Labels labels;
};

// What the engine opens when a semester ends: one item of `workflow` for every
// organization of kind `org_kind`, with the semester's id in `field`.
struct SemesterEndRule {
  std::string workflow;
  std::string org_kind;
  std::string field;
};

// The school calendar, loaded from a calendar file. Semesters are sorted by start and do
// not overlap (the loader checks).
struct Calendar {
  std::vector<Semester> semesters;
  std::vector<Holiday> holidays;
  std::vector<SemesterEndRule> on_semester_end;
  // Whose days the school days are: the dates of holidays and weekdays are read on the clock
  // of the organization whose deadlines are being moved (UTC unless the caller sets it).
  TimeZone zone;

  const Semester* Find(std::string_view id) const;
  // The instant semester `s` begins, the start of its first day on the clock of `zone`, and
  // the instant it is over, the end of its last day (core/time_zone.h, StartOfLocalDay).
  TimePoint StartOf(const Semester& s) const;
  TimePoint EndOf(const Semester& s) const;
  // The semester `t` falls in, or the last one that ended before it; nullptr when `t` is
  // before every semester.
  const Semester* At(TimePoint t) const;
  // Whether the local day (in `zone`) holding `t` is in a holiday.
  bool IsHoliday(TimePoint t) const;
  // Whether the local day (in `zone`) holding `t` is a school day: not a Saturday or Sunday,
  // not in a holiday.
  bool IsSchoolDay(TimePoint t) const;
  // The same for a local date and time written as if it were UTC (core/time_zone.h).
  bool IsLocalSchoolDay(TimePoint local) const;
  // `t` moved by `n` school days (negative: back), keeping its time of day (the rules above);
  // nullopt when the calendar has no school days enough within ten years.
  std::optional<TimePoint> AddSchoolDays(TimePoint t, std::int64_t n) const;
};

// An offset as a timer writes it: seconds ("+14d", "-36h") or school days ("+5sd").
struct TimerOffset {
  std::int64_t seconds = 0;
  std::int64_t school_days = 0;
};

// `t` moved by `offset`; nullopt as for Calendar::AddSchoolDays.
std::optional<TimePoint> ApplyOffset(TimePoint t, const TimerOffset& offset, const Calendar& calendar);
// The due time after `skip: holiday_weeks` and `on_holiday` (the rules above).
TimePoint AdjustDueTime(const TimerDef& timer, TimePoint due, const Calendar& calendar);

// A ladder step whose time has come.
struct DueStep {
  std::string key;  // StepKey(): unique per firing
  const TimerDef* timer = nullptr;
  std::size_t index = 0;  // in timer->ladder
  TimePoint due{};        // the timer's due time
  TimePoint at{};         // when this step is due (due + step.at)
};

// Where an item stands in its current state.
struct StateEntry {
  TimePoint time{};  // when it entered the state
};

// The due time of `timer` for `item`, or nullopt when it has none yet (the field is empty,
// or the calendar has no such semester).
std::optional<TimePoint> TimerDueTime(const TimerDef& timer, const Item& item, const StateEntry& entry,
                                      const Calendar& calendar);

// The stable key of a step: "item:ID:TIMER@DUE:AT:DO", e.g.
// "item:7:deadline@2026-07-01T00:00:00Z:+1d:notify". It names the deadline, not the state:
//   - a timer of the same name in the next state with the same due time (a task's due date
//     carried from `decided` to `in_execution`) does not repeat the steps already fired;
//   - moving the due date (an extension) re-arms the ladder for the new date;
//   - a due time counted from entering the state differs on every stay, so each stay gets
//     its own ladder.
std::string StepKey(std::int64_t item_id, const std::string& timer, TimePoint due, const LadderStep& step);

// Every step of the timers of `item`'s current state with a time <= now, earliest first
// (ties in ladder order). Fired steps are not excluded: the caller's firing record is.
std::vector<DueStep> DueSteps(const Definition& def, const Item& item, const StateEntry& entry,
                              const Calendar& calendar, TimePoint now);

// "+14d", "-2d", "+36h", "+1w", "+30m" -> seconds. The sign is required when `signed_only`.
std::optional<std::int64_t> ParseOffset(std::string_view text, bool signed_only);
// "-2d", "+0d", "+36h": the shortest whole-unit form of `seconds`.
std::string FormatOffset(std::int64_t seconds);
// A timer's offset, signed: everything ParseOffset takes, and "+5sd" / "-2sd" school days.
std::optional<TimerOffset> ParseTimerOffset(std::string_view text);
// "+5sd" for school days, else FormatOffset(seconds).
std::string FormatTimerOffset(const TimerOffset& offset);
// "notify", "escalate", "transition".
const char* StepKindName(LadderStep::Do d);

}  // namespace docket
