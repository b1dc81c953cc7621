// Time zones: how an organization's clocks read an instant, and which instant a local time
// typed without an offset means.
//
// Every time is stored as an instant (UTC seconds, core/clock.h). An organization has a
// time zone, an IANA name (Asia/Shanghai by default, kDefaultTimeZone); a time typed
// without an offset is local to it, and a time shown to a person is shown in it, with its
// offset ("2026-03-02T17:00:00+08:00"). The rules come from the zone's TZif file (RFC 8536,
// Debian's tzdata), read by whoever has files (app/time_zones.h) and handed here as bytes:
// the core reads no file.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace docket {

// The time zone of an organization whose file names none: the schools' clocks are Beijing time.
inline constexpr std::string_view kDefaultTimeZone = "Asia/Shanghai";

class TimeZone {
 public:
  // UTC, offset zero.
  TimeZone() : name_("UTC") {}
  // A zone whose offset never changes (UTC, or Asia/Shanghai since 1991 when the machine
  // has no tzdata).
  static TimeZone Fixed(std::string name, std::chrono::seconds offset);
  // The zone from its TZif file's bytes. Invalid, naming `name`, when the bytes are not a
  // TZif file, or when the zone's rules for times after its last listed transition change
  // the offset over the year (daylight saving time, which no Chinese zone has): the offset
  // of such a zone's future could not be told.
  static Result<TimeZone> FromTzif(std::string name, std::string_view bytes);

  const std::string& name() const { return name_; }
  // The offset from UTC of the local clock at instant `t`.
  std::chrono::seconds OffsetAt(TimePoint t) const;
  // The instant at which the local clock reads `local` (a local date and time written as if
  // it were UTC). Where the clock was set back and reads `local` twice, the earlier one;
  // where it jumped over `local`, the instant read with the offset before the jump.
  TimePoint FromLocal(TimePoint local) const;

 private:
  std::string name_;
  std::int32_t before_ = 0;                                  // before the first transition
  std::vector<std::pair<std::int64_t, std::int32_t>> steps_;  // (instant, offset from then on)
};

// The UTC zone, for times that belong to no organization.
const TimeZone& UtcZone();

// An IANA zone name as a file of tzdata may be named: letters, digits, '_', '-', '+' in parts
// joined by '/', none empty or starting with '.', at most 64 bytes ("Asia/Shanghai", "UTC").
bool IsTimeZoneName(std::string_view name);

// "2026-03-02T17:00:00+08:00": `t` on the local clock of `zone` with its offset ("Z" in UTC).
std::string FormatTimeIn(TimePoint t, const TimeZone& zone);
// The same for a clock `offset` ahead of UTC.
std::string FormatTimeAtOffset(TimePoint t, std::chrono::seconds offset);
// "2026-03-02": the local date of `t` in `zone`.
std::string FormatDateIn(TimePoint t, const TimeZone& zone);
// The local calendar day of `t` in `zone`, as the UTC midnight that starts the same date.
TimePoint LocalDay(TimePoint t, const TimeZone& zone);
// The instant local date `date` (a UTC midnight, as LocalDay gives) begins on the clock of
// `zone`, and the instant it is over (the start of the next date): what a date means wherever
// a day is a span of time (a date field's deadline, a semester's first and last day).
TimePoint StartOfLocalDay(const TimeZone& zone, TimePoint date);
TimePoint EndOfLocalDay(const TimeZone& zone, TimePoint date);

// As ParseTime (core/clock.h), but a time written without "Z" or an offset, or a bare date
// (its midnight), is local to `zone`.
std::optional<TimePoint> ParseTimeIn(std::string_view text, const TimeZone& zone);

}  // namespace docket
