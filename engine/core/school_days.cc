// School days (core/timer.h, "Time rules"): which days are school days, offsets counted in
// them, and a due time moved off days without school or past weeks without school.
#include <chrono>

#include "core/timer.h"

namespace docket {
namespace {

constexpr std::chrono::days kOneDay{1};
constexpr std::chrono::seconds kOneSecond{1};
// Walks stop after about ten years: a calendar without school days must not loop forever.
constexpr int kMaxWalkDays = 3660;
constexpr int kMaxWalkWeeks = kMaxWalkDays / 7;

// Whether the day a time falls on (the day holding the moment just before it) is a school day.
bool FallsOnSchoolDay(const Calendar& c, TimePoint t) { return c.IsSchoolDay(t - kOneSecond); }

// Whether [t - 7 days, t) holds a whole school day.
bool WeekHoldsSchoolDay(const Calendar& c, TimePoint instant) {
  const TimePoint t = instant + c.zone.OffsetAt(instant);  // local
  const TimePoint from = t - std::chrono::days(7);
  auto day = std::chrono::ceil<std::chrono::days>(from);
  for (; day + kOneDay <= t; day += kOneDay) {
    if (c.IsLocalSchoolDay(day)) return true;
  }
  return false;
}

}  // namespace

bool Calendar::IsSchoolDay(TimePoint t) const { return IsLocalSchoolDay(t + zone.OffsetAt(t)); }

bool Calendar::IsLocalSchoolDay(TimePoint local) const {
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::weekday wd{day};
  if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) return false;
  for (const auto& h : holidays) {
    if (h.first_day <= day && day <= h.last_day) return false;
  }
  return true;
}

std::optional<TimePoint> Calendar::AddSchoolDays(TimePoint t, std::int64_t n) const {
  const bool forward = n > 0;
  std::int64_t left = forward ? n : -n;
  for (int walked = 0; left > 0; ++walked) {
    if (walked == kMaxWalkDays) return std::nullopt;
    t += forward ? kOneDay : -kOneDay;
    // Forward, the day just passed is the one that ends where it lands; back, the one it
    // lands at the start of.
    if (forward ? FallsOnSchoolDay(*this, t) : IsSchoolDay(t)) --left;
  }
  return t;
}

std::optional<TimePoint> ApplyOffset(TimePoint t, const TimerOffset& offset, const Calendar& calendar) {
  if (offset.school_days != 0) return calendar.AddSchoolDays(t, offset.school_days);
  return t + std::chrono::seconds(offset.seconds);
}

TimePoint AdjustDueTime(const TimerDef& timer, TimePoint due, const Calendar& calendar) {
  if (timer.skip_holiday_weeks) {
    TimePoint t = due;
    for (int weeks = 0; weeks < kMaxWalkWeeks && !WeekHoldsSchoolDay(calendar, t); ++weeks) t += std::chrono::days(7);
    if (WeekHoldsSchoolDay(calendar, t)) due = t;
  }
  if (timer.on_holiday != TimerDef::OnHoliday::kKeep) {
    const auto step = timer.on_holiday == TimerDef::OnHoliday::kNextSchoolDay ? kOneDay : -kOneDay;
    TimePoint t = due;
    for (int days = 0; days < kMaxWalkDays && !FallsOnSchoolDay(calendar, t); ++days) t += step;
    if (FallsOnSchoolDay(calendar, t)) due = t;
  }
  return due;
}

}  // namespace docket
