// Timers of a state: YAML -> core TimerDef. A timer has a name, a due time and a ladder:
//
//   timers:
//     - name: deadline
//       due: {field: due_date}          # or "+14d", or "semester_end+30d"
//       semester: semester              # semester_end only: the field naming the semester
//       on_holiday: next_school_day     # or previous_school_day, keep (the default)
//       skip: holiday_weeks             # a due time whose week has no school day moves a week on
//       ladder:
//         - {at: -2sd, do: notify, owner: owner}   # offsets: +14d, -36h, +1w, +30m, +5sd (school days)
//         - {at: +1d, do: notify, to: [principal]}
//         - {at: +7d, do: escalate, to: [supervisor]}
//         - {at: +30d, do: transition, action: lapse}
//
// Everything a step names is checked here: the field types, the person field, and that the
// transition exists and may start from this state.
#include <algorithm>
#include <set>
#include <string>

#include "core/timer.h"
#include "definition/workflow_parse.h"

namespace docket::detail {
namespace {

bool ReadDueText(WorkflowParse& p, const YAML::Node& n, const Msg& what, TimerDue* due) {
  std::string text = n.Scalar();
  due->text = text;
  const std::string calendar = "semester_end";
  if (text.rfind(calendar, 0) == 0) {
    due->base = TimerDue::Base::kSemesterEnd;
    text.erase(0, calendar.size());
    if (text.empty()) return true;
  } else {
    due->base = TimerDue::Base::kEntered;
  }
  auto off = ParseTimerOffset(text);
  if (!off) {
    p.reader.Error(n, Msg("{what}: due '{due}' is not an offset such as +14d, -2d, +36h, +1w or +5sd (school days) from entering the state, semester_end+30d, or {field: FIELD}",
                          {{"what", what}, {"due", Shown(due->text)}}));
    return false;
  }
  due->offset_seconds = off->seconds;
  due->offset_school_days = off->school_days;
  return true;
}

bool ReadDue(WorkflowParse& p, const YAML::Node& n, const Msg& what, TimerDue* due) {
  due->pos = YamlReader::Pos(n);
  if (n.IsScalar()) return ReadDueText(p, n, what, due);
  auto m = p.reader.Map(n, KeyOf(what, "due"), {"field", "offset"});
  if (!m) return false;
  const YAML::Node* fn = Need(p, *m, n, "field", KeyOf(what, "due"));
  if (fn == nullptr) return false;
  const FieldDef* f = ReadFieldRef(p, *fn, KeyOf(what, "due.field"));
  if (f == nullptr) return false;
  if (f->type != FieldType::kDate && f->type != FieldType::kDateTime) {
    p.reader.Error(*fn, Msg("{what}: due.field names '{field}', which is {type}, not date or datetime",
                            {{"what", what}, {"field", f->name}, {"type", FieldTypeName(f->type)}}));
    return false;
  }
  due->base = TimerDue::Base::kField;
  due->field = f->name;
  due->text = "{field: " + f->name + "}";
  if (const MapEntry* o = m->Find("offset")) {
    auto off = o->value.IsScalar() ? ParseTimerOffset(o->value.Scalar()) : std::nullopt;
    if (!off) {
      p.reader.Error(o->value, Msg("{what}: due.offset must be an offset such as +14d, -2d, +36h, +1w or +5sd (school days)", {{"what", what}}));
      return false;
    }
    due->offset_seconds = off->seconds;
    due->offset_school_days = off->school_days;
  }
  return true;
}

std::optional<LadderStep> ReadStep(WorkflowParse& p, const YAML::Node& n, const StateDef& state, const Msg& what) {
  auto m = p.reader.Map(n, what, {"at", "do", "to", "owner", "action", "message"});
  if (!m) return std::nullopt;
  LadderStep s;
  s.pos = YamlReader::Pos(n);
  bool ok = true;
  if (const YAML::Node* at = Need(p, *m, n, "at", what)) {
    auto off = at->IsScalar() ? ParseTimerOffset(at->Scalar()) : std::nullopt;
    if (off) {
      s.at_seconds = off->seconds;
      s.at_school_days = off->school_days;
    } else {
      p.reader.Error(*at, Msg("{what}: at must be an offset such as +14d, -2d, +36h, +1w or -2sd (school days) from the due time, signed", {{"what", what}}));
      ok = false;
    }
  } else {
    ok = false;
  }
  const YAML::Node* d = Need(p, *m, n, "do", what);
  if (d == nullptr) return std::nullopt;
  std::string kind = d->IsScalar() ? d->Scalar() : "";
  if (kind == "notify") {
    s.what = LadderStep::Do::kNotify;
  } else if (kind == "escalate") {
    s.what = LadderStep::Do::kEscalate;
  } else if (kind == "transition") {
    s.what = LadderStep::Do::kTransition;
  } else {
    p.reader.Error(*d, Msg("{what}: do must be notify, escalate or transition, not '{kind}'", {{"what", what}, {"kind", Shown(kind)}}));
    return std::nullopt;
  }
  if (const MapEntry* to = m->Find("to")) {
    if (to->value.IsScalar()) {
      if (auto r = p.reader.Identifier(to->value, KeyOf(what, "to"))) s.roles.push_back(*r);
    } else {
      s.roles = p.reader.IdentifierList(to->value, KeyOf(what, "to"));
    }
  }
  if (const MapEntry* o = m->Find("owner")) {
    const FieldDef* f = ReadFieldRef(p, o->value, KeyOf(what, "owner"));
    if (f != nullptr && f->type != FieldType::kPerson) {
      p.reader.Error(o->value, Msg("{what}: owner names '{field}', which is {type}, not person",
                                   {{"what", what}, {"field", f->name}, {"type", FieldTypeName(f->type)}}));
      ok = false;
    } else if (f != nullptr) {
      s.owner = f->name;
    } else {
      ok = false;
    }
  }
  if (const MapEntry* a = m->Find("action")) {
    if (s.what != LadderStep::Do::kTransition) {
      p.reader.Error(a->key_node, Msg("{what}: action is only for do: transition", {{"what", what}}));
      ok = false;
    } else if (auto name = p.reader.Identifier(a->value, KeyOf(what, "action"))) {
      if (p.def.FindTransition(*name, state.name) == nullptr) {
        p.reader.Error(a->value, Msg("{what}: no transition '{transition}' starts from state '{state}'",
                                     {{"what", what}, {"transition", Shown(*name)}, {"state", Shown(state.name)}}));
        ok = false;
      }
      s.action = *name;
    }
  } else if (s.what == LadderStep::Do::kTransition) {
    p.reader.Error(n, Msg("{what}: do: transition needs 'action', the transition to take", {{"what", what}}));
    ok = false;
  }
  if (s.what != LadderStep::Do::kTransition && s.roles.empty() && s.owner.empty()) {
    p.reader.Error(n, Msg("{what}: {kind} needs 'to' (roles) or 'owner' (a person field): nobody would be told",
                          {{"what", what}, {"kind", kind}}));
    ok = false;
  }
  if (const MapEntry* msg = m->Find("message")) s.message = p.reader.ReadLabels(msg->value, KeyOf(what, "message"));
  if (!ok) return std::nullopt;
  return s;
}

// `on_holiday` and `skip`: where a due time on a day, or in a week, without school moves.
bool ReadTimerOptions(WorkflowParse& p, const MapView& m, const Msg& what, TimerDef* t) {
  bool ok = true;
  if (const MapEntry* h = m.Find("on_holiday")) {
    const std::string v = h->value.IsScalar() ? h->value.Scalar() : "";
    if (v == "keep") {
      t->on_holiday = TimerDef::OnHoliday::kKeep;
    } else if (v == "next_school_day") {
      t->on_holiday = TimerDef::OnHoliday::kNextSchoolDay;
    } else if (v == "previous_school_day") {
      t->on_holiday = TimerDef::OnHoliday::kPreviousSchoolDay;
    } else {
      p.reader.Error(h->value, Msg("{what}: on_holiday must be next_school_day, previous_school_day or keep, not '{value}'",
                                   {{"what", what}, {"value", Shown(v)}}));
      ok = false;
    }
  }
  if (const MapEntry* k = m.Find("skip")) {
    const std::string v = k->value.IsScalar() ? k->value.Scalar() : "";
    if (v == "holiday_weeks") {
      t->skip_holiday_weeks = true;
    } else {
      p.reader.Error(k->value, Msg("{what}: skip must be holiday_weeks, not '{value}'", {{"what", what}, {"value", Shown(v)}}));
      ok = false;
    }
  }
  return ok;
}

std::optional<TimerDef> ReadTimer(WorkflowParse& p, const YAML::Node& n, const StateDef& state, const Msg& where) {
  auto m = p.reader.Map(n, where, {"name", "due", "semester", "on_holiday", "skip", "ladder"});
  if (!m) return std::nullopt;
  TimerDef t;
  t.pos = YamlReader::Pos(n);
  Msg what = where;
  if (const YAML::Node* name = Need(p, *m, n, "name", where)) {
    if (auto id = p.reader.Identifier(*name, KeyOf(where, "name"))) {
      t.name = *id;
      what = Msg("state '{state}' timer '{timer}'", {{"state", Shown(state.name)}, {"timer", Shown(t.name)}});
    }
  }
  bool ok = !t.name.empty();
  if (const YAML::Node* due = Need(p, *m, n, "due", what)) {
    ok = ReadDue(p, *due, what, &t.due) && ok;
  } else {
    ok = false;
  }
  if (const MapEntry* sem = m->Find("semester")) {
    const FieldDef* f = ReadFieldRef(p, sem->value, KeyOf(what, "semester"));
    if (f != nullptr && f->type != FieldType::kText && f->type != FieldType::kEnum) {
      p.reader.Error(sem->value, Msg("{what}: semester names '{field}', which is {type}, not text or enum",
                                     {{"what", what}, {"field", f->name}, {"type", FieldTypeName(f->type)}}));
      ok = false;
    } else if (f != nullptr && t.due.base != TimerDue::Base::kSemesterEnd) {
      p.reader.Error(sem->key_node, Msg("{what}: semester is only for a due time from semester_end", {{"what", what}}));
      ok = false;
    } else if (f != nullptr) {
      t.semester_field = f->name;
    } else {
      ok = false;
    }
  }
  ok = ReadTimerOptions(p, *m, what, &t) && ok;
  const YAML::Node* ladder = Need(p, *m, n, "ladder", what);
  if (ladder == nullptr) return std::nullopt;
  if (!ladder->IsSequence() || ladder->size() == 0) {
    p.reader.Error(*ladder, Msg("{what}: ladder must be a non-empty list of steps", {{"what", what}}));
    return std::nullopt;
  }
  std::size_t i = 0;
  for (const auto& step : *ladder) {
    const Msg step_what = Msg("{what} step #{n}", {{"what", what}, {"n", ++i}});
    auto s = ReadStep(p, step, state, step_what);
    bool twice = s && std::any_of(t.ladder.begin(), t.ladder.end(), [&](const LadderStep& o) {
      return o.at_seconds == s->at_seconds && o.at_school_days == s->at_school_days && o.what == s->what;
    });
    if (twice) {
      p.reader.Error(step, Msg("{what}: another step already does {kind} at {at}",
                               {{"what", step_what}, {"kind", StepKindName(s->what)}, {"at", FormatTimerOffset({s->at_seconds, s->at_school_days})}}));
      ok = false;
    } else if (s) {
      t.ladder.push_back(std::move(*s));
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return t;
}

}  // namespace

void ReadTimers(WorkflowParse& p, const YAML::Node& states) {
  if (!states.IsMap()) return;  // ReadStates reported it
  for (const auto& kv : states) {
    if (!kv.first.IsScalar() || !kv.second.IsMap()) continue;
    StateDef* state = nullptr;
    for (auto& s : p.def.states) {
      if (s.name == kv.first.Scalar()) state = &s;
    }
    const YAML::Node timers = kv.second["timers"];
    if (state == nullptr || !timers) continue;
    const Msg where = Msg("state '{state}' timers", {{"state", Shown(state->name)}});
    if (state->terminal) {
      p.reader.Error(timers, Msg("{what}: a terminal state cannot have timers (nothing happens there)", {{"what", where}}));
      continue;
    }
    if (!timers.IsSequence()) {
      p.reader.Error(timers, Msg("{what} must be a list of {name, due, ladder}", {{"what", where}}));
      continue;
    }
    std::set<std::string> names;
    std::size_t i = 0;
    for (const auto& n : timers) {
      auto t = ReadTimer(p, n, *state, Numbered(where, ++i));
      if (!t) continue;
      if (!names.insert(t->name).second) {
        p.reader.Error(n, Msg("{what}: timer '{timer}' appears twice", {{"what", where}, {"timer", Shown(t->name)}}));
        continue;
      }
      state->timers.push_back(std::move(*t));
    }
  }
}

}  // namespace docket::detail
