#include "core/condition_record.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "core/timer.h"

namespace docket::detail {
namespace {

// "3 days late", "less than a day late".
Msg Lateness(TimePoint at, TimePoint due) {
  const auto days = std::chrono::duration_cast<std::chrono::days>(at - due).count();
  if (days < 1) return Msg("less than a day late");
  return days == 1 ? Msg("1 day late") : Msg("{days} days late", {{"days", static_cast<std::int64_t>(days)}});
}

// The time a date or datetime field holds (a date: the start of that day).
std::optional<TimePoint> FieldTime(const ConditionContext& ctx, const std::string& field) {
  auto it = ctx.fields.find(field);
  if (it == ctx.fields.end() || !it->second.is_string()) return std::nullopt;
  return ParseTime(it->second.as_string());
}

}  // namespace

std::optional<Msg> EvaluateDeadline(const Condition& c, const ConditionContext& ctx) {
  std::set<std::string> states;  // the states that declare the timer
  const TimerDef* timer = nullptr;
  for (const StateDef& s : ctx.def.states) {
    for (const TimerDef& t : s.timers) {
      if (t.name != c.timer) continue;
      states.insert(s.name);
      if (timer == nullptr) timer = &t;
    }
  }
  if (timer == nullptr) {
    return Msg("workflow '{workflow}' declares no timer '{timer}'", {{"workflow", ctx.def.id}, {"timer", c.timer}});
  }
  const std::string state = ctx.item != nullptr ? ctx.item->state : std::string();
  const bool inside = states.count(state) > 0;
  // The last stay in those states: moving between two of them continues it.
  // (Plain values with flags, not std::optional: GCC 12 misreads the latter as uninitialized.)
  std::optional<TimePoint> entered;
  bool has_left = false;
  TimePoint left{};
  for (const HistoryFact& h : ctx.facts.history) {
    const bool to_in = states.count(h.to_state) > 0;
    const bool from_in = !h.from_state.empty() && states.count(h.from_state) > 0;
    if (to_in && !from_in) {
      entered = h.time;
      has_left = false;
    } else if (from_in && !to_in) {
      has_left = true;
      left = h.time;
    }
  }
  if (inside && !entered && ctx.item != nullptr) entered = ctx.item->created_at;  // no history: imported
  Item view;
  if (ctx.item != nullptr) view = *ctx.item;
  view.fields = ctx.fields;
  static const Calendar kNoCalendar;
  const Calendar& calendar = ctx.facts.calendar ? *ctx.facts.calendar : kNoCalendar;
  if (!entered && timer->due.base == TimerDue::Base::kEntered) return std::nullopt;
  auto due = TimerDueTime(*timer, view, StateEntry{entered.value_or(TimePoint{})}, calendar);
  if (!due) return std::nullopt;
  const TimeZone& zone = ItemZone(ctx.facts);  // the words show times on the organization's clock
  if (inside) {
    if (ctx.now < *due) return std::nullopt;
    return Msg("'{timer}' was due {due} and the item is still '{state}' at {now} ({late})",
               {{"timer", c.timer}, {"due", FormatTimeIn(*due, zone)}, {"state", state}, {"now", FormatTimeIn(ctx.now, zone)},
                {"late", Lateness(ctx.now, *due)}});
  }
  TimePoint done = left;
  if (!has_left) {
    auto recorded = c.field.empty() ? std::nullopt : FieldTime(ctx, c.field);
    if (!recorded) return std::nullopt;
    done = *recorded;
  }
  if (done < *due) return std::nullopt;
  return Msg("'{timer}' was due {due} and it was done {done} ({late})",
             {{"timer", c.timer}, {"due", FormatTimeIn(*due, zone)}, {"done", FormatTimeIn(done, zone)},
              {"late", Lateness(done, *due)}});
}

std::optional<Msg> EvaluateActorsNotListed(const Condition& c, const ConditionContext& ctx,
                                                   const std::set<std::string>& listed) {
  std::vector<Msg> bad;
  for (const HistoryFact& h : ctx.facts.history) {
    if (!c.actions.empty() && std::find(c.actions.begin(), c.actions.end(), h.action) == c.actions.end()) continue;
    if (!listed.count(h.actor)) continue;
    bad.push_back(Msg("'{actor}' took '{action}' at {time}",
                      {{"actor", h.actor}, {"action", h.action}, {"time", FormatTime(h.time)}}));
  }
  if (bad.empty()) return std::nullopt;
  return Msg("persons listed in '{field}' acted on this item: {acts}", {{"field", c.field}, {"acts", Msg::Join(bad, ", ")}});
}

std::optional<Msg> EvaluateWrittenOpinion(const Condition& c, const ConditionContext& ctx,
                                          const std::set<std::string>& recorded, const std::set<std::string>& present) {
  std::set<std::string> wrote;  // who took c.transition in the current round
  for (const HistoryFact& h : ctx.facts.history) {
    if (!c.since.empty() && h.action == c.since) wrote.clear();
    if (h.action == c.transition) wrote.insert(h.actor);
  }
  std::vector<Msg> bad;
  for (const std::string& person : recorded) {
    if (present.count(person)) {
      bad.push_back(Msg("'{person}' is recorded '{choice}' but is present ({present})",
                        {{"person", person}, {"choice", c.choice}, {"present", c.present}}));
    } else if (!wrote.count(person)) {
      bad.push_back(Msg("'{person}' is recorded '{choice}' but submitted no written opinion ('{action}')",
                        {{"person", person}, {"choice", c.choice}, {"action", c.transition}}));
    }
  }
  if (bad.empty()) return std::nullopt;
  return Msg::Join(bad, "; ");
}

Value MomentValue(const Condition& c, const FieldDef& f, TimePoint now, const TimeZone& zone) {
  if (c.moment == Condition::Moment::kToday) {
    const TimePoint day = LocalDay(now, zone);  // the local date, as its UTC midnight
    const std::chrono::seconds offset(c.moment_offset);
    if (f.type == FieldType::kDate) return Value(FormatDate(day + offset));
    if (f.type == FieldType::kDateTime) return Value(FormatTime(StartOfLocalDay(zone, day) + offset));
    return Value();
  }
  const TimePoint t = now + std::chrono::seconds(c.moment_offset);
  if (f.type == FieldType::kDate) return Value(FormatDate(t));
  if (f.type == FieldType::kDateTime) return Value(FormatTime(t));
  return Value();
}

std::string MomentText(const Condition& c) {
  std::string out = c.moment == Condition::Moment::kToday ? "$today" : "$now";
  if (c.moment_offset != 0) out += FormatOffset(c.moment_offset);
  return out;
}

}  // namespace docket::detail

namespace docket {

bool ReadsHistory(const Condition& c, const Definition& def, const std::string& state, const FieldMap& fields) {
  switch (c.kind) {
    case Condition::Kind::kDistinctActor:
      return true;
    case Condition::Kind::kActorsNotListed: {
      auto it = fields.find(c.field);  // no one listed: no one to look for
      return it != fields.end() && !it->second.is_null() && !(it->second.is_list() && it->second.as_list().empty());
    }
    case Condition::Kind::kWrittenOpinion: {  // someone holds the position: who wrote, by the history
      auto it = fields.find(c.ballot);
      if (it == fields.end() || !it->second.is_list()) return false;
      for (const Value& e : it->second.as_list()) {
        if (e.is_list() && e.as_list().size() == 2 && e.as_list()[1] == Value(c.choice)) return true;
      }
      return false;
    }
    case Condition::Kind::kDeadline: {
      const TimerDef* timer = nullptr;
      bool inside = false;
      for (const StateDef& s : def.states) {
        for (const TimerDef& t : s.timers) {
          if (t.name != c.timer) continue;
          if (timer == nullptr) timer = &t;
          inside = inside || s.name == state;
        }
      }
      if (timer == nullptr) return false;
      if (!inside) return true;  // when it left the timer's states
      return timer->due.base == TimerDue::Base::kEntered ||
             (timer->due.base == TimerDue::Base::kSemesterEnd && timer->semester_field.empty());
    }
    default:
      break;
  }
  for (const Condition& op : c.operands) {
    if (ReadsHistory(op, def, state, fields)) return true;
  }
  return false;
}

}  // namespace docket
