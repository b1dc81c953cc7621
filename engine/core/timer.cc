#include "core/timer.h"

#include <algorithm>
#include <cctype>

namespace docket {
namespace {

constexpr std::int64_t kMinute = 60;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kWeek = 7 * kDay;
// Offsets beyond ten years are surely typos; refusing them also keeps time arithmetic far
// from overflow.
constexpr std::int64_t kMaxOffset = 3660 * kDay;

const Value* ItemFieldValue(const Item& item, const std::string& name) {
  auto it = item.fields.find(name);
  if (it == item.fields.end() || it->second.is_null()) return nullptr;
  return &it->second;
}

}  // namespace

const Semester* Calendar::Find(std::string_view id) const {
  for (const auto& s : semesters) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

TimePoint Calendar::StartOf(const Semester& s) const { return StartOfLocalDay(zone, s.start); }

TimePoint Calendar::EndOf(const Semester& s) const { return EndOfLocalDay(zone, s.last_day); }

const Semester* Calendar::At(TimePoint t) const {
  const Semester* best = nullptr;
  for (const auto& s : semesters) {
    if (StartOf(s) <= t) best = &s;  // sorted by start: the last one that began by t
  }
  return best;
}

bool Calendar::IsHoliday(TimePoint instant) const {
  const TimePoint t = instant + zone.OffsetAt(instant);
  for (const auto& h : holidays) {
    if (h.first_day <= t && t < h.last_day + std::chrono::days(1)) return true;
  }
  return false;
}

namespace {

// The time a timer's due time counts from, before its offset.
std::optional<TimePoint> DueBase(const TimerDef& timer, const Item& item, const StateEntry& entry,
                                 const Calendar& calendar) {
  switch (timer.due.base) {
    case TimerDue::Base::kEntered:
      return entry.time;
    case TimerDue::Base::kField: {
      const Value* v = ItemFieldValue(item, timer.due.field);
      if (v == nullptr || !v->is_string()) return std::nullopt;
      const std::string& text = v->as_string();
      // A date is the end of that day on the organization's clock.
      if (auto day = ParseDate(text)) return EndOfLocalDay(calendar.zone, *day);
      if (auto t = ParseTime(text)) return *t;
      return std::nullopt;
    }
    case TimerDue::Base::kSemesterEnd: {
      const Semester* s = nullptr;
      if (!timer.semester_field.empty()) {
        const Value* v = ItemFieldValue(item, timer.semester_field);
        if (v != nullptr && v->is_string()) s = calendar.Find(v->as_string());
      } else {
        s = calendar.At(entry.time);
      }
      if (s == nullptr) return std::nullopt;
      return calendar.EndOf(*s);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<TimePoint> TimerDueTime(const TimerDef& timer, const Item& item, const StateEntry& entry,
                                      const Calendar& calendar) {
  auto base = DueBase(timer, item, entry, calendar);
  if (!base) return std::nullopt;
  auto due = ApplyOffset(*base, {timer.due.offset_seconds, timer.due.offset_school_days}, calendar);
  if (!due) return std::nullopt;
  return AdjustDueTime(timer, *due, calendar);
}

const char* StepKindName(LadderStep::Do d) {
  switch (d) {
    case LadderStep::Do::kNotify: return "notify";
    case LadderStep::Do::kEscalate: return "escalate";
    case LadderStep::Do::kTransition: return "transition";
  }
  return "notify";
}

std::string StepKey(std::int64_t item_id, const std::string& timer, TimePoint due, const LadderStep& step) {
  return "item:" + std::to_string(item_id) + ":" + timer + "@" + FormatTime(due) + ":" +
         FormatTimerOffset({step.at_seconds, step.at_school_days}) + ":" + StepKindName(step.what);
}

std::vector<DueStep> DueSteps(const Definition& def, const Item& item, const StateEntry& entry,
                              const Calendar& calendar, TimePoint now) {
  std::vector<DueStep> out;
  const StateDef* state = def.FindState(item.state);
  if (state == nullptr) return out;
  for (const TimerDef& timer : state->timers) {
    auto due = TimerDueTime(timer, item, entry, calendar);
    if (!due) continue;
    for (std::size_t i = 0; i < timer.ladder.size(); ++i) {
      const LadderStep& step = timer.ladder[i];
      auto at = ApplyOffset(*due, {step.at_seconds, step.at_school_days}, calendar);
      if (!at || *at > now) continue;
      out.push_back({StepKey(item.id, timer.name, *due, step), &timer, i, *due, *at});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const DueStep& a, const DueStep& b) { return a.at < b.at; });
  return out;
}

std::optional<std::int64_t> ParseOffset(std::string_view text, bool signed_only) {
  if (text.empty()) return std::nullopt;
  std::int64_t sign = 1;
  if (text.front() == '+' || text.front() == '-') {
    sign = text.front() == '-' ? -1 : 1;
    text.remove_prefix(1);
  } else if (signed_only) {
    return std::nullopt;
  }
  if (text.size() < 2) return std::nullopt;
  std::int64_t unit = 0;
  switch (text.back()) {
    case 'w': unit = kWeek; break;
    case 'd': unit = kDay; break;
    case 'h': unit = kHour; break;
    case 'm': unit = kMinute; break;
    default: return std::nullopt;
  }
  text.remove_suffix(1);
  if (text.size() > 6) return std::nullopt;
  std::int64_t n = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n * unit > kMaxOffset) return std::nullopt;
  return sign * n * unit;
}

std::optional<TimerOffset> ParseTimerOffset(std::string_view text) {
  constexpr std::string_view kSchoolDays = "sd";
  if (text.size() > kSchoolDays.size() && text.substr(text.size() - kSchoolDays.size()) == kSchoolDays) {
    // "+5sd" reads as "+5d": the same digits and limits, counted in school days.
    std::string days(text.substr(0, text.size() - kSchoolDays.size()));
    days += 'd';
    auto seconds = ParseOffset(days, true);
    if (!seconds) return std::nullopt;
    return TimerOffset{0, *seconds / kDay};
  }
  auto seconds = ParseOffset(text, true);
  if (!seconds) return std::nullopt;
  return TimerOffset{*seconds, 0};
}

std::string FormatTimerOffset(const TimerOffset& offset) {
  if (offset.school_days == 0) return FormatOffset(offset.seconds);
  return (offset.school_days < 0 ? "-" : "+") + std::to_string(offset.school_days < 0 ? -offset.school_days : offset.school_days) + "sd";
}

std::string FormatOffset(std::int64_t seconds) {
  std::string sign = seconds < 0 ? "-" : "+";
  std::int64_t a = seconds < 0 ? -seconds : seconds;
  if (a % kDay == 0) return sign + std::to_string(a / kDay) + "d";
  if (a % kHour == 0) return sign + std::to_string(a / kHour) + "h";
  return sign + std::to_string(a / kMinute) + "m";
}

}  // namespace docket
