// Which term a moment belongs to: the one rule that findings (app/findings.cc) and reports
// (report/items.cc, `in_term:`) share. docs/REPORTS.md ("Terms") states it for readers.
//
// A term (a semester of the calendar) covers the moments from the start of its first day
// up to, not including, the start of the next semester's first day, both days on the clock
// of the organization (Calendar::zone, Calendar::StartOf); the last semester has no end. So the holidays after a semester belong to it, a moment on a semester's first
// instant belongs to that semester, and every moment from the first semester's start on
// belongs to exactly one term; a moment before it belongs to none.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "core/clock.h"
#include "core/timer.h"

namespace docket {

struct TermSpan {
  TimePoint from{};
  std::optional<TimePoint> to;  // nullopt: the last semester, open-ended
  // The same span as local dates (UTC midnights): the term's first day, the next one's.
  TimePoint from_day{};
  std::optional<TimePoint> to_day;
};

// The span of `term`, one of `calendar`'s semesters, on the clock of `calendar.zone`.
TermSpan SpanOf(const Calendar& calendar, const Semester& term);
// The term `t` belongs to (Calendar::At); nullptr before the first semester.
const Semester* TermAt(const Calendar& calendar, TimePoint t);
// The span as [from, to) ISO texts, compared as text by the stores: dates ("2026-02-23")
// for a date field, else times ("2026-02-23T00:00:00Z"); an open end is far in the future.
std::pair<std::string, std::string> SpanText(const TermSpan& span, bool dates);

}  // namespace docket
