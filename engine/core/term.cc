// SpanOf, TermAt, SpanText (term.h).
#include "core/term.h"

namespace docket {

TermSpan SpanOf(const Calendar& calendar, const Semester& term) {
  TermSpan span{calendar.StartOf(term), std::nullopt, term.start, std::nullopt};
  for (const Semester& s : calendar.semesters) {  // sorted by start, not overlapping
    if (s.start > term.start && (!span.to_day || s.start < *span.to_day)) span.to_day = s.start;
  }
  if (span.to_day) span.to = StartOfLocalDay(calendar.zone, *span.to_day);
  return span;
}

const Semester* TermAt(const Calendar& calendar, TimePoint t) { return calendar.At(t); }

std::pair<std::string, std::string> SpanText(const TermSpan& span, bool dates) {
  if (dates) return {FormatDate(span.from_day), span.to_day ? FormatDate(*span.to_day) : std::string("9999-12-31")};
  return {FormatTime(span.from), span.to ? FormatTime(*span.to) : std::string("9999-12-31T23:59:59Z")};
}

}  // namespace docket
