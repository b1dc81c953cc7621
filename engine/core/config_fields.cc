#include "core/config_fields.h"

#include <set>

namespace docket {
namespace {

// Empty values are left out (the header's invariant).
void Put(FieldMap* out, const std::string& key, const std::string& text) {
  if (!text.empty()) (*out)[key] = Value(text);
}

void Put(FieldMap* out, const std::string& key, List list) {
  if (!list.empty()) (*out)[key] = Value(std::move(list));
}

void PutLabels(FieldMap* out, const std::string& prefix, const Labels& labels) {
  Put(out, prefix + "name.en", labels.en);
  Put(out, prefix + "name.zh", labels.zh);
}

List Texts(const std::vector<std::string>& texts) { return List(texts.begin(), texts.end()); }

const Value* Get(const FieldMap& config, const std::string& key) {
  auto it = config.find(key);
  return it == config.end() ? nullptr : &it->second;
}

std::string TextOf(const FieldMap& config, const std::string& key) {
  const Value* v = Get(config, key);
  return v != nullptr && v->is_string() ? v->as_string() : std::string();
}

std::vector<std::string> TextsOf(const Value* v) {
  std::vector<std::string> out;
  if (v == nullptr || !v->is_list()) return out;
  for (const Value& e : v->as_list()) {
    if (e.is_string()) out.push_back(e.as_string());
  }
  return out;
}

Labels LabelsOf(const FieldMap& config, const std::string& prefix) {
  return Labels{TextOf(config, prefix + "name.zh"), TextOf(config, prefix + "name.en")};
}

}  // namespace

FieldMap OrgConfigFields(const Org& org) {
  FieldMap out;
  // Never changes: recorded from null only by the load that creates the organization,
  // which marks a chain that holds its whole configuration (ReplayedConfig::complete).
  Put(&out, "id", org.id);
  PutLabels(&out, "", org.name);
  if (org.parent) Put(&out, "parent", *org.parent);
  Put(&out, "kind", org.kind);
  // Recorded only when the file names another zone than the default: chains recorded before
  // organizations had zones stay whole.
  if (org.time_zone != kDefaultTimeZone) Put(&out, "time_zone", org.time_zone);
  for (const auto& [key, value] : org.attrs) Put(&out, "attrs." + key, value);
  List ids;
  for (const Body& body : org.bodies) {
    ids.emplace_back(body.id);
    const std::string prefix = "bodies." + body.id + ".";
    PutLabels(&out, prefix, body.name);
    Put(&out, prefix + "members", Texts(body.members));
    Put(&out, prefix + "attendees", Texts(body.attendees));
  }
  Put(&out, "bodies", std::move(ids));
  return out;
}

void AddRoleFields(const std::string& org, const Person& person, FieldMap* out) {
  std::set<std::string> roles;
  for (const RoleGrant& grant : person.roles) {
    if (grant.org == org) roles.insert(grant.role);
  }
  Put(out, "roles." + person.id, List(roles.begin(), roles.end()));
}

FieldMap TableConfigFields(const std::string& name, const LookupTable& table) {
  FieldMap out;
  for (const auto& [key, value] : table) Put(&out, "tables." + name + "." + key, value);
  return out;
}

FieldMap CalendarConfigFields(const Calendar& calendar) {
  FieldMap out;
  List ids;
  for (const Semester& s : calendar.semesters) {
    ids.emplace_back(s.id);
    const std::string prefix = "semesters." + s.id + ".";
    Put(&out, prefix + "start", FormatDate(s.start));
    Put(&out, prefix + "end", FormatDate(s.last_day));
    PutLabels(&out, prefix, s.labels);
  }
  Put(&out, "semesters", std::move(ids));
  List holidays;
  for (const Holiday& h : calendar.holidays) {
    holidays.emplace_back(List{FormatDate(h.first_day), FormatDate(h.last_day), h.labels.zh, h.labels.en});
  }
  Put(&out, "holidays", std::move(holidays));
  List rules;
  for (const SemesterEndRule& r : calendar.on_semester_end) {
    rules.emplace_back(List{r.workflow, r.org_kind, r.field});
  }
  Put(&out, "on_semester_end", std::move(rules));
  return out;
}

bool IsCalendarConfigKey(const std::string& key) {
  return key == "semesters" || key.rfind("semesters.", 0) == 0 || key == "holidays" || key == "on_semester_end";
}

std::string OrgRegistryKey(const std::string& org) { return "orgs." + org; }
std::string PinConfigKey(const std::string& org) { return "pins." + org; }
std::string CheckpointConfigKey(const std::string& org) { return "checkpoints." + org; }

std::string WorkflowConfigKey(const std::string& workflow, std::int64_t version) {
  return "workflows." + workflow + "." + std::to_string(version);
}

std::vector<std::string> RolesFromConfigFields(const FieldMap& config, const std::string& person) {
  return TextsOf(Get(config, "roles." + person));
}

std::map<std::string, Body> BodiesFromConfigFields(const FieldMap& config) {
  std::map<std::string, Body> out;
  for (const std::string& id : TextsOf(Get(config, "bodies"))) {
    const std::string prefix = "bodies." + id + ".";
    out[id] = Body{id, LabelsOf(config, prefix), TextsOf(Get(config, prefix + "members")),
                   TextsOf(Get(config, prefix + "attendees"))};
  }
  return out;
}

std::map<std::string, LookupTable> TablesFromConfigFields(const FieldMap& config) {
  std::map<std::string, LookupTable> out;
  for (auto it = config.lower_bound("tables."); it != config.end() && it->first.rfind("tables.", 0) == 0; ++it) {
    const std::string rest = it->first.substr(7);
    const std::size_t dot = rest.find('.');
    if (dot == std::string::npos || !it->second.is_string()) continue;
    out[rest.substr(0, dot)][rest.substr(dot + 1)] = it->second.as_string();
  }
  return out;
}

Calendar CalendarFromConfigFields(const FieldMap& config) {
  Calendar out;
  for (const std::string& id : TextsOf(Get(config, "semesters"))) {
    const std::string prefix = "semesters." + id + ".";
    auto start = ParseDate(TextOf(config, prefix + "start"));
    auto end = ParseDate(TextOf(config, prefix + "end"));
    if (start && end) out.semesters.push_back(Semester{id, *start, *end, LabelsOf(config, prefix)});
  }
  if (const Value* v = Get(config, "holidays"); v != nullptr && v->is_list()) {
    for (const Value& h : v->as_list()) {
      std::vector<std::string> parts = TextsOf(&h);
      if (parts.size() != 4) continue;
      auto first = ParseDate(parts[0]);
      auto last = ParseDate(parts[1]);
      if (first && last) out.holidays.push_back(Holiday{*first, *last, Labels{parts[2], parts[3]}});
    }
  }
  if (const Value* v = Get(config, "on_semester_end"); v != nullptr && v->is_list()) {
    for (const Value& r : v->as_list()) {
      std::vector<std::string> parts = TextsOf(&r);
      if (parts.size() == 3) out.on_semester_end.push_back(SemesterEndRule{parts[0], parts[1], parts[2]});
    }
  }
  return out;
}

std::vector<FieldChange> DiffConfigFields(const FieldMap& before, const FieldMap& after) {
  std::vector<FieldChange> out;
  auto b = before.begin();
  auto a = after.begin();
  while (b != before.end() || a != after.end()) {
    if (a == after.end() || (b != before.end() && b->first < a->first)) {
      out.push_back({b->first, b->second, Value()});
      ++b;
    } else if (b == before.end() || a->first < b->first) {
      out.push_back({a->first, Value(), a->second});
      ++a;
    } else {
      if (!(b->second == a->second)) out.push_back({a->first, b->second, a->second});
      ++b;
      ++a;
    }
  }
  return out;
}

}  // namespace docket
