// SectionValues: an item's values as a report section reads and shows them, and its
// execution status against a due date.
//
// Execution (docs/REPORTS.md): the deadline is the one the item's timers see — a date due
// date means the end of that day (UTC), moved as the timer that runs to the field moves it
// (`on_holiday`, `skip`; core/timer.h TimerDueTime, on the calendar the report read). Done
// on or before it: on time; after it: late, by the calendar days between the (moved) due
// date and the day it was done (when it last entered a done state, from the audit log:
// ReportSource::EnteredStates, read once per section).
// Not done: overdue from the day after the due date (days counted to now), else open.
#include "report/values.h"

#include <algorithm>
#include <limits>

#include "core/time_zone.h"

namespace docket {

bool Contains(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

int RuleNumber(const std::string& rule) {
  int n = 0;
  for (char c : rule) {
    if (c >= '0' && c <= '9') n = n * 10 + (c - '0');
  }
  return n;
}

namespace {

std::int64_t DaysBetween(TimePoint from, TimePoint to) {
  return std::chrono::duration_cast<std::chrono::days>(to - from).count();
}

// The timer that runs to field `field` itself (due {field: F}, no offset): in state `state`
// if it has one, else in any state (a done state has no timers); nullptr when none does.
const TimerDef* DeadlineTimer(const Definition& def, const std::string& state, const std::string& field) {
  auto in = [&](const StateDef& s) -> const TimerDef* {
    for (const TimerDef& t : s.timers) {
      if (t.due.base == TimerDue::Base::kField && t.due.field == field && t.due.offset_seconds == 0 &&
          t.due.offset_school_days == 0) {
        return &t;
      }
    }
    return nullptr;
  };
  if (const StateDef* s = def.FindState(state)) {
    if (const TimerDef* t = in(*s)) return t;
  }
  for (const StateDef& s : def.states) {
    if (const TimerDef* t = in(s)) return t;
  }
  return nullptr;
}

}  // namespace

Labels StateLabel(const Definition& def, const std::string& state) {
  const StateDef* s = def.FindState(state);
  return s == nullptr ? Labels{state, state} : Labels{s->labels.Get(Lang::kZh, state), s->labels.Get(Lang::kEn, state)};
}

Labels ValueLabel(const Definition& def, const std::string& value) {
  auto it = def.value_labels.find(value);
  return it == def.value_labels.end() ? Labels{value, value} : it->second;
}

std::string LocalMinute(const std::string& iso, const TimeZone& zone) {
  if (iso.empty()) return "";
  auto t = ParseTime(iso);
  if (!t) return iso;
  const std::string s = FormatTimeIn(*t, zone);  // 2026-04-14T17:00:00+08:00
  return s.size() >= 16 ? s.substr(0, 10) + " " + s.substr(11, 5) : s;
}

std::string LocalMinuteWithOffset(const std::string& iso, const TimeZone& zone) {
  auto t = ParseTime(iso);
  if (!t) return iso;
  const std::string s = FormatTimeIn(*t, zone);  // 2026-04-14T17:00:00+08:00, or ...Z in UTC
  if (s.size() < 20) return s;
  const std::string offset = s.substr(19);
  return s.substr(0, 10) + " " + s.substr(11, 5) + " " + (offset == "Z" ? std::string("UTC") : offset);
}

Status SectionValues::ReadCalendar() {
  if (calendar_) return Status::Ok();
  DOCKET_ASSIGN_OR_RETURN(auto calendar, b_.CalendarOf(org_));
  calendar_ = std::move(calendar);
  return Status::Ok();
}

void AddMeasure(Value* sum, const Value& v) {
  if (v.is_int()) {
    *sum = Value((sum->is_int() ? sum->as_int() : 0) + v.as_int());
  } else if (v.is_list() && v.as_list().size() == 2) {
    std::int64_t num = v.as_list()[0].as_int(), den = v.as_list()[1].as_int();
    if (sum->is_list()) {
      num += sum->as_list()[0].as_int();
      den += sum->as_list()[1].as_int();
    }
    *sum = Value(List{Value(num), Value(den)});
  }
}

ReportCell MeasureCell(const Value& v) {
  if (v.is_list() && v.as_list().size() == 2) {
    const std::string text = RateText(v.as_list()[0].as_int(), v.as_list()[1].as_int());
    return {v, {text, text}};
  }
  return {v.is_null() ? Value(std::int64_t{0}) : v, {}};
}

std::string RateText(std::int64_t num, std::int64_t den) {
  if (den <= 0) return "—";
  const std::int64_t permille = (num * 2000 + den) / (2 * den);  // rounded half up
  return std::to_string(num) + "/" + std::to_string(den) + " (" + std::to_string(permille / 10) + "." +
         std::to_string(permille % 10) + "%)";
}

Labels ExecutionLabels(const std::string& status) {
  if (status == "on_time") return LabelsOf(Msg("On time"));
  if (status == "late") return LabelsOf(Msg("Done late"));
  if (status == "overdue") return LabelsOf(Msg("Overdue"));
  if (status == "open") return LabelsOf(Msg("Open"));
  if (status == "discontinued") return LabelsOf(Msg("Discontinued"));
  return {status, status};
}

Result<const Item*> SectionValues::Ref(const Item& item, const std::string& ref) {
  auto it = item.fields.find(ref);
  if (it == item.fields.end() || !it->second.is_int()) return static_cast<const Item*>(nullptr);
  const std::int64_t id = it->second.as_int();
  auto cached = refs_.find(id);
  if (cached == refs_.end()) {
    auto other = b_.source().GetItem(id);
    if (!other.ok() && other.status().code() != Code::kNotFound) return other.status();
    cached = refs_.emplace(id, other.ok() ? std::optional<Item>(std::move(other).value()) : std::nullopt).first;
  }
  return cached->second ? &*cached->second : nullptr;
}

Status SectionValues::ReadRefsAhead(const std::vector<Item>& items, const std::vector<const ReportOperand*>& operands) {
  std::set<std::int64_t> wanted;
  for (const ReportOperand* o : operands) {
    if (o->source != ReportOperand::Source::kRef) continue;
    for (const Item& item : items) {
      auto it = item.fields.find(o->ref);
      if (it != item.fields.end() && it->second.is_int() && !refs_.count(it->second.as_int())) {
        wanted.insert(it->second.as_int());
      }
    }
  }
  if (wanted.empty()) return Status::Ok();
  DOCKET_ASSIGN_OR_RETURN(auto found, b_.source().GetItems({wanted.begin(), wanted.end()}));
  for (Item& item : found) {
    const std::int64_t id = item.id;
    refs_[id] = std::move(item);
  }
  for (std::int64_t id : wanted) refs_.emplace(id, std::nullopt);  // not found
  return Status::Ok();
}

TimePoint SectionValues::DoneAt(const Item& item) const {
  auto it = done_at_.find(item.id);
  std::optional<TimePoint> at = it == done_at_.end() ? std::nullopt : ParseTime(it->second);
  return at.value_or(item.updated_at);  // a record without the move (an import): its last change
}

Result<Execution> SectionValues::ExecutionOf(const Item& item) {
  if (!s_.execution) return Execution{};
  const ExecutionRule& rule = *s_.execution;
  if (Contains(rule.dropped, item.state)) return Execution{"discontinued", std::nullopt};
  DOCKET_RETURN_IF_ERROR(ReadCalendar());
  const TimeZone& zone = calendar_->zone;  // a date ends at midnight on the organization's clock
  std::optional<TimePoint> due_day, deadline;
  auto due = item.fields.find(rule.due);
  if (due != item.fields.end() && due->second.is_string()) {
    if (auto d = ParseDate(due->second.as_string())) {
      due_day = *d;
      deadline = EndOfLocalDay(zone, *d);
    } else if (auto t = ParseTime(due->second.as_string())) {
      deadline = *t;
    }
  }
  // The deadline the timers see: moved off a day without school as the timer says.
  if (const TimerDef* timer = DeadlineTimer(wf_, item.state, rule.due); timer != nullptr && deadline) {
    if (auto moved = TimerDueTime(*timer, item, StateEntry{}, *calendar_)) {
      if (due_day) due_day = *due_day + (*moved - *deadline);
      deadline = *moved;
    }
  }
  auto days_late = [&](TimePoint t) -> std::int64_t {
    if (due_day) return DaysBetween(*due_day, LocalDay(t, zone));
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(t - *deadline).count();
    return (secs + 86399) / 86400;
  };
  if (Contains(rule.done, item.state)) {
    if (!deadline || !need_done_time_) return Execution{"on_time", std::nullopt};
    const TimePoint at = DoneAt(item);
    if (at < *deadline) return Execution{"on_time", std::nullopt};
    return Execution{"late", days_late(at)};
  }
  if (deadline && b_.now() >= *deadline) return Execution{"overdue", days_late(b_.now())};
  return Execution{"open", std::nullopt};
}

Result<const FieldDef*> SectionValues::FieldOf(const ReportOperand& o) {
  if (o.source == ReportOperand::Source::kField) return wf_.FindField(o.field);
  if (o.source != ReportOperand::Source::kRef) return static_cast<const FieldDef*>(nullptr);
  const FieldDef* ref = wf_.FindField(o.ref);
  if (ref == nullptr || ref->workflow.empty()) return static_cast<const FieldDef*>(nullptr);
  DOCKET_ASSIGN_OR_RETURN(auto target, b_.Workflow(ref->workflow));
  return target->FindField(o.field);
}

Result<Value> SectionValues::Raw(const Item& item, const ReportOperand& o, const Execution& ex) {
  switch (o.source) {
    case ReportOperand::Source::kState: return Value(item.state);
    case ReportOperand::Source::kExecution:
      if (o.execution == "status") return ex.status.empty() ? Value() : Value(ex.status);
      return ex.days ? Value(*ex.days) : Value();
    case ReportOperand::Source::kProgress: {
      DOCKET_ASSIGN_OR_RETURN(auto p, b_.source().ProgressOf(item.id));
      return p.percent ? Value(static_cast<std::int64_t>(*p.percent)) : Value();
    }
    case ReportOperand::Source::kField: {
      auto it = item.fields.find(o.field);
      return it == item.fields.end() ? Value() : it->second;
    }
    case ReportOperand::Source::kRef: {
      DOCKET_ASSIGN_OR_RETURN(auto other, Ref(item, o.ref));
      if (other == nullptr) return Value();
      auto it = other->fields.find(o.field);
      return it == other->fields.end() ? Value() : it->second;
    }
  }
  return Value();
}

Result<ReportCell> SectionValues::Show(const ReportOperand& o, const Value& raw) {
  ReportCell cell{raw, {}};
  if (o.source == ReportOperand::Source::kProgress) {  // "40%"; "—" without tasks
    const std::string text = raw.is_int() ? std::to_string(raw.as_int()) + "%" : "—";
    cell.shown = {text, text};
    return cell;
  }
  if (raw.is_null()) return cell;
  if (o.source == ReportOperand::Source::kState) {
    const StateDef* st = wf_.FindState(raw.as_string());
    if (st != nullptr) cell.shown = {st->labels.Get(Lang::kZh, st->name), st->labels.Get(Lang::kEn, st->name)};
    return cell;
  }
  if (o.source == ReportOperand::Source::kExecution) {
    if (o.execution == "status") cell.shown = ExecutionLabels(raw.as_string());
    return cell;
  }
  DOCKET_ASSIGN_OR_RETURN(auto f, FieldOf(o));
  const FieldDef* fd = f;
  if (o.as == "body" && raw.is_string()) {
    cell.shown = b_.BodyName(org_.id, raw.as_string());
  } else if (fd != nullptr && fd->type == FieldType::kPerson && raw.is_string()) {
    cell.shown = b_.PersonName(raw.as_string());
  } else if (fd != nullptr && fd->type == FieldType::kList && fd->element == FieldType::kPerson && raw.is_list()) {
    std::vector<Msg> names;
    for (const Value& p : raw.as_list()) {
      if (p.is_string()) names.push_back(Msg::Of(b_.PersonName(p.as_string()), p.as_string()));
    }
    cell.shown = LabelsOf(Msg::Join(std::move(names), Msg::ListSeparator()));
  } else if (fd != nullptr && fd->type == FieldType::kBool && raw.is_bool()) {
    cell.shown = LabelsOf(raw.as_bool() ? Msg("yes") : Msg("no"));
  } else if (fd != nullptr && fd->type == FieldType::kDateTime && raw.is_string()) {
    DOCKET_RETURN_IF_ERROR(ReadCalendar());
    const std::string text = LocalMinuteWithOffset(raw.as_string(), calendar_->zone);
    cell.shown = {text, text};
  } else if (raw.is_string()) {
    auto label = def_.value_labels.find(raw.as_string());
    if (label != def_.value_labels.end()) {
      cell.shown = {label->second.Get(Lang::kZh, raw.as_string()), label->second.Get(Lang::kEn, raw.as_string())};
    }
  }
  return cell;
}

Result<ReportColumn> SectionValues::Column(const ReportOperand& o) {
  ReportColumn c;
  c.labels = o.labels;
  switch (o.source) {
    case ReportOperand::Source::kState: c.id = "state"; break;
    case ReportOperand::Source::kExecution: c.id = o.execution; c.number = o.execution == "days_overdue"; break;
    case ReportOperand::Source::kProgress: c.id = "progress"; break;
    case ReportOperand::Source::kField: c.id = o.field; break;
    case ReportOperand::Source::kRef: c.id = o.ref + "." + o.field; break;
  }
  if (!c.labels.zh.empty() || !c.labels.en.empty()) return c;
  if (o.source == ReportOperand::Source::kState) {
    c.labels = LabelsOf(Msg("State"));
  } else if (o.source == ReportOperand::Source::kProgress) {
    // In context "report": "Progress" alone is an item's progress in the CLI (进度).
    c.labels = LabelsOf(Msg::In("report", "Progress"));
  } else if (o.source == ReportOperand::Source::kExecution) {
    c.labels = LabelsOf(o.execution == "status" ? Msg("Execution") : Msg("Days late"));
  } else {
    DOCKET_ASSIGN_OR_RETURN(auto f, FieldOf(o));
    c.labels = f ? Labels{f->labels.Get(Lang::kZh, o.field), f->labels.Get(Lang::kEn, o.field)}
                  : Labels{o.field, o.field};
  }
  return c;
}

Result<std::pair<std::size_t, std::string>> SectionValues::SortKey(const ReportOperand& o, const Value& raw) {
  constexpr std::size_t kLast = std::numeric_limits<std::size_t>::max();
  if (raw.is_null()) return std::make_pair(kLast, std::string());
  const std::string text = raw.ToText();
  if (o.as == "body") {
    for (std::size_t i = 0; i < org_.bodies.size(); ++i) {
      if (org_.bodies[i].id == text) return std::make_pair(i, text);
    }
  }
  DOCKET_ASSIGN_OR_RETURN(auto f, FieldOf(o));
  if (f != nullptr) {
    const auto& values = f->values;
    auto it = std::find(values.begin(), values.end(), text);
    if (it != values.end()) return std::make_pair(static_cast<std::size_t>(it - values.begin()), text);
  }
  return std::make_pair(kLast - 1, text);
}

}  // namespace docket
