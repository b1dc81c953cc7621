// Conditions about an item's record over time, evaluated for condition.cc (internal):
// deadlines of the workflow's own timers, the actors of the item's history, and compare
// against the moment of evaluation ($now, $today). They read ConditionContext::now and
// ::item and ItemFacts::history and ::calendar, which the application fills in.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "core/condition.h"

namespace docket::detail {

// deadline: holds unless the due time of timer `c.timer` has passed while the item is still
// in a state that declares it, or the item left those states (or, when its history does not
// show that, the time in field `c.field`) at or after the due time. Holds when the due time
// cannot be told (an empty due field, a semester the calendar lacks).
std::optional<Msg> EvaluateDeadline(const Condition& c, const ConditionContext& ctx);

// actors_not_listed: no accepted action of the history (only `c.actions`, when given) was
// taken by a person in `listed`.
std::optional<Msg> EvaluateActorsNotListed(const Condition& c, const ConditionContext& ctx,
                                                   const std::set<std::string>& listed);

// written_opinion: every person in `recorded` (those whose position in `c.ballot` is
// `c.choice`) is not in `present` (the person list `c.present`) and took `c.transition` on
// the item after its last `c.since` (any time when `c.since` is empty), by the history.
std::optional<Msg> EvaluateWrittenOpinion(const Condition& c, const ConditionContext& ctx,
                                          const std::set<std::string>& recorded, const std::set<std::string>& present);

// The value a compare against $now/$today stands for, in the canonical form of `f`
// (date or datetime); null for any other type. $today is the date on the clock of `zone`
// (as a datetime: the instant that date begins there).
Value MomentValue(const Condition& c, const FieldDef& f, TimePoint now, const TimeZone& zone);
// "$today-30d", "$now".
std::string MomentText(const Condition& c);

}  // namespace docket::detail
