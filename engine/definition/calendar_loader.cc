// ParseCalendarFile: semesters, holidays and on_semester_end rules from YAML.
#include "definition/calendar_loader.h"

#include <algorithm>
#include <set>

#include "definition/yaml_reader.h"

namespace docket {
namespace {

using detail::Key;
using detail::KeyOf;
using detail::LabelsOf;
using detail::MapView;
using detail::Shown;
using detail::YamlReader;

std::optional<TimePoint> ReadDay(YamlReader& r, const MapView& m, const YAML::Node& at, const char* key,
                                 const Msg& what) {
  const detail::MapEntry* e = m.Find(key);
  if (e == nullptr) {
    r.Error(at, Msg("{what} needs '{key}' (a date, YYYY-MM-DD)", {{"what", what}, {"key", key}}));
    return std::nullopt;
  }
  auto d = e->value.IsScalar() ? ParseDate(e->value.Scalar()) : std::nullopt;
  if (!d) r.Error(e->value, Msg("{what} must be a date, YYYY-MM-DD", {{"what", KeyOf(what, key)}}));
  return d;
}

void ReadSemesters(YamlReader& r, const YAML::Node& n, Calendar* cal) {
  if (!n.IsSequence()) {
    r.Error(n, Msg("semesters must be a list of {id, start, end}"));
    return;
  }
  std::set<std::string> ids;
  std::size_t i = 0;
  for (const auto& s : n) {
    Msg what = Msg("semester #{n}", {{"n", ++i}});
    auto m = r.Map(s, what, {"id", "start", "end", "labels"});
    if (!m) continue;
    Semester sem;
    const detail::MapEntry* id = m->Find("id");
    if (id == nullptr) {
      r.Error(s, Msg("{what} needs 'id', e.g. 2026-spring", {{"what", what}}));
      continue;
    }
    auto text = r.Text(id->value, KeyOf(what, "id"));
    if (!text) continue;
    sem.id = *text;
    what = Msg("semester '{semester}'", {{"semester", Shown(sem.id)}});
    if (!ids.insert(sem.id).second) {
      r.Error(id->value, Msg("{what} appears twice", {{"what", what}}));
      continue;
    }
    auto start = ReadDay(r, *m, s, "start", what);
    auto end = ReadDay(r, *m, s, "end", what);
    if (const detail::MapEntry* l = m->Find("labels")) sem.labels = r.ReadLabels(l->value, LabelsOf(what));
    if (!start || !end) continue;
    if (*end < *start) {
      r.Error(s, Msg("{what} ends ({end}) before it starts ({start})",
                     {{"what", what}, {"end", FormatDate(*end)}, {"start", FormatDate(*start)}}));
      continue;
    }
    sem.start = *start;
    sem.last_day = *end;
    cal->semesters.push_back(std::move(sem));
  }
  std::sort(cal->semesters.begin(), cal->semesters.end(),
            [](const Semester& a, const Semester& b) { return a.start < b.start; });
  for (std::size_t k = 1; k < cal->semesters.size(); ++k) {
    const Semester& a = cal->semesters[k - 1];
    const Semester& b = cal->semesters[k];
    if (b.start <= a.last_day) {
      r.Error(n, Msg("semesters '{first}' and '{second}' overlap", {{"first", Shown(a.id)}, {"second", Shown(b.id)}}));
    }
  }
}

void ReadHolidays(YamlReader& r, const YAML::Node& n, Calendar* cal) {
  if (!n.IsSequence()) {
    r.Error(n, Msg("holidays must be a list of {start, end, labels}"));
    return;
  }
  std::size_t i = 0;
  for (const auto& h : n) {
    const Msg what = Msg("holiday #{n}", {{"n", ++i}});
    auto m = r.Map(h, what, {"start", "end", "labels"});
    if (!m) continue;
    Holiday hol;
    auto start = ReadDay(r, *m, h, "start", what);
    auto end = ReadDay(r, *m, h, "end", what);
    if (const detail::MapEntry* l = m->Find("labels")) hol.labels = r.ReadLabels(l->value, LabelsOf(what));
    if (!start || !end) continue;
    if (*end < *start) {
      r.Error(h, Msg("{what} ends before it starts", {{"what", what}}));
      continue;
    }
    hol.first_day = *start;
    hol.last_day = *end;
    cal->holidays.push_back(std::move(hol));
  }
}

void ReadRules(YamlReader& r, const YAML::Node& n, Calendar* cal) {
  if (!n.IsSequence()) {
    r.Error(n, Msg("on_semester_end must be a list of {open: WORKFLOW, for_orgs_of_kind: KIND, field: FIELD}"));
    return;
  }
  std::size_t i = 0;
  for (const auto& x : n) {
    const Msg what = detail::Numbered(Key("on_semester_end"), ++i);
    auto m = r.Map(x, what, {"open", "for_orgs_of_kind", "field"});
    if (!m) continue;
    SemesterEndRule rule;
    bool ok = true;
    for (const char* key : {"open", "for_orgs_of_kind", "field"}) {
      const detail::MapEntry* e = m->Find(key);
      if (e == nullptr) {
        r.Error(x, detail::Needs(what, key));
        ok = false;
        continue;
      }
      auto id = r.Identifier(e->value, KeyOf(what, key));
      if (!id) {
        ok = false;
        continue;
      }
      std::string k = key;
      (k == "open" ? rule.workflow : k == "field" ? rule.field : rule.org_kind) = *id;
    }
    if (ok) cal->on_semester_end.push_back(std::move(rule));
  }
}

}  // namespace

Calendar ParseCalendarFile(std::string_view yaml_text, const std::string& file,
                           std::vector<Diagnostic>* diags) {
  Calendar cal;
  YamlReader r(file, diags);
  YAML::Node root;
  auto top = r.LoadRoot(yaml_text, Msg("a calendar file"), Msg("the file is empty; a calendar needs semesters"),
                        {"semesters", "holidays", "on_semester_end"}, &root);
  if (!top) return cal;
  if (const detail::MapEntry* e = top->Find("semesters")) {
    ReadSemesters(r, e->value, &cal);
  } else {
    r.Error(root, Msg("a calendar needs 'semesters'"));
  }
  if (const detail::MapEntry* e = top->Find("holidays")) ReadHolidays(r, e->value, &cal);
  if (const detail::MapEntry* e = top->Find("on_semester_end")) ReadRules(r, e->value, &cal);
  return cal;
}

}  // namespace docket
