// Time for the engine: a Clock seam and ISO 8601 conversions.
//
// The engine never reads the system clock; whoever calls it passes a Clock (the CLI's
// `--now` gives a FixedClock, tests use FixedClock or a hand-advanced one). All times are
// UTC seconds; ISO strings are written as "YYYY-MM-DDTHH:MM:SSZ", which sorts as text.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace docket {

using TimePoint = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// A clock that always answers the same time until told otherwise. Not thread-safe to Set.
class FixedClock : public Clock {
 public:
  explicit FixedClock(TimePoint t) : t_(t) {}
  TimePoint Now() const override { return t_; }
  void Set(TimePoint t) { t_ = t; }
  void Advance(std::chrono::seconds d) { t_ += d; }

 private:
  TimePoint t_;
};

// "2026-03-01T09:00:00Z".
std::string FormatTime(TimePoint t);
// "2026-03-01".
std::string FormatDate(TimePoint t);

// A time as it is written: the date and time it reads (as if that were UTC) and the offset
// it names ("Z" is zero), if any.
struct WrittenTime {
  TimePoint reads;
  std::optional<std::chrono::seconds> offset;
};
// The forms ParseTime accepts, with the offset left to the caller (core/time_zone.h reads a
// time without one as local).
std::optional<WrittenTime> ParseWrittenTime(std::string_view text);

// Accepts "YYYY-MM-DD" (midnight UTC), "YYYY-MM-DDTHH:MM", "...:SS", each optionally
// followed by "Z" or "+HH:MM"/"-HH:MM". Checks the calendar (no 2026-02-30).
// Returns nullopt when the text is not such a time.
std::optional<TimePoint> ParseTime(std::string_view text);
// Accepts only "YYYY-MM-DD" with a real calendar date.
std::optional<TimePoint> ParseDate(std::string_view text);

}  // namespace docket
