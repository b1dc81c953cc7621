#include "audit/rule_replay.h"

#include <algorithm>
#include <set>
#include <utility>

#include "audit/config_entries.h"
#include "audit/json_value.h"
#include "core/condition_needs.h"
#include "core/config_fields.h"
#include "core/transition.h"

namespace docket {
namespace {

bool IsLowerHex(std::string_view s, std::size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

namespace {

Status NotAllowed(Msg why) {
  return Status::Integrity(Msg("the rules do not allow it: {why}", {{"why", std::move(why)}}));
}

Msg Show(const std::map<std::string, Value>& changed, const std::string& field) {
  auto it = changed.find(field);
  return it == changed.end() ? Msg("unchanged") : Msg::Literal(DumpJson(ValueToJson(it->second)));
}

// Whether a timer of `state` takes transition `action` (a ladder step of kind transition).
bool TimerTakes(const Definition& def, const std::string& state, const std::string& action) {
  const StateDef* s = def.FindState(state);
  if (s == nullptr) return false;
  for (const TimerDef& t : s->timers) {
    for (const LadderStep& step : t.ladder) {
      if (step.what == LadderStep::Do::kTransition && step.action == action) return true;
    }
  }
  return false;
}

// Whether state `state` has a timer named `name`.
bool HasTimer(const Definition& def, const std::string& state, const std::string& name) {
  const StateDef* s = def.FindState(state);
  if (s == nullptr) return false;
  for (const TimerDef& t : s->timers) {
    if (t.name == name) return true;
  }
  return false;
}

bool OpensAtSemesterEnd(const Calendar& calendar, const std::string& workflow) {
  for (const SemesterEndRule& r : calendar.on_semester_end) {
    if (r.workflow == workflow) return true;
  }
  return false;
}

// The first field whose change the rules give otherwise than the entry records; "" if none.
std::string FirstDifference(const std::vector<FieldChange>& ruled, const std::vector<FieldChange>& logged,
                            std::map<std::string, Value>* ruled_after, std::map<std::string, Value>* logged_after) {
  for (const FieldChange& c : ruled) (*ruled_after)[c.field] = c.after;
  for (const FieldChange& c : logged) {
    if (!IsEngineMark(c.field)) (*logged_after)[c.field] = c.after;
  }
  std::set<std::string> fields;
  for (const auto& [f, v] : *ruled_after) fields.insert(f);
  for (const auto& [f, v] : *logged_after) fields.insert(f);
  for (const std::string& f : fields) {
    auto a = ruled_after->find(f);
    auto b = logged_after->find(f);
    if (a == ruled_after->end() || b == logged_after->end() || !(a->second == b->second)) return f;
  }
  return "";
}

}  // namespace

Result<std::shared_ptr<const Definition>> RuleReplay::Def(const std::string& workflow, std::int64_t version) {
  auto key = std::make_pair(workflow, version);
  if (auto it = defs_.find(key); it != defs_.end()) return it->second;
  if (!sources_.definitions) {
    return Status::Integrity(Msg("workflow '{workflow}' version {version} is not at hand", {{"workflow", workflow}, {"version", version}}));
  }
  Result<std::shared_ptr<const Definition>> def = sources_.definitions(workflow, version);
  if (!def.ok()) {
    if (def.status().code() == Code::kStorage || def.status().code() == Code::kInternal) return def.status();
    return Status::Integrity(Msg("workflow '{workflow}' version {version}, which it names: {why}",
                                 {{"workflow", workflow}, {"version", version}, {"why", def.status().msg()}}));
  }
  defs_.emplace(key, *def);
  return def;
}

Status RuleReplay::Apply(const AuditEntry& e) {
  const bool item_ok = e.outcome == "ok" && e.item_id > 0;
  // An entry that does not continue its item's replay is the replay's to report.
  const ReplayedItem* r = item_ok ? replay_.Find(e.item_id) : nullptr;
  const bool continues = r == nullptr ? e.from_state.empty() && e.item_version == 1
                                      : e.workflow == r->workflow && e.from_state == r->state && e.item_version == r->version + 1;
  if (item_ok && continues) DOCKET_RETURN_IF_ERROR(Judge(e));
  if ((item_ok && continues) || (e.outcome == "refused" && e.item_id > 0)) DOCKET_RETURN_IF_ERROR(JudgeRunBy(e));
  DOCKET_RETURN_IF_ERROR(JudgeVia(e));
  const bool config = IsConfigEntry(e);
  DOCKET_RETURN_IF_ERROR(replay_.Apply(e));
  if (config) calendar_.reset();
  if (!item_ok) return Status::Ok();
  std::vector<HistoryFact>& history = history_[e.item_id];
  if (history.empty()) {
    const ReplayedItem* created = replay_.Find(e.item_id);
    if (created != nullptr && created->parent) children_[*created->parent].push_back(e.item_id);
  }
  history.push_back({ParseTime(e.time).value_or(TimePoint{}), e.actor, e.action, e.from_state, e.to_state});
  return Status::Ok();
}

Status RuleReplay::JudgeVia(const AuditEntry& e) {
  int count = 0;
  for (const FieldChange& c : e.changes) {
    if (c.field != kViaField) continue;
    ++count;
    const bool shaped = c.before.is_null() && c.after.is_string() && count == 1;
    const std::string how = shaped ? c.after.as_string() : std::string();
    const bool session = how.rfind(kViaSession, 0) == 0 && IsLowerHex(how.substr(std::string_view(kViaSession).size()), 16);
    const bool token = how.rfind(kViaToken, 0) == 0 && IsLowerHex(how.substr(std::string_view(kViaToken).size()), 16);
    const bool os = how.rfind(kOsUserPrefix, 0) == 0 && how.size() > std::string_view(kOsUserPrefix).size() &&
                    how.find_first_of(std::string_view("\0\n\r\t", 4)) == std::string::npos;
    if (!session && !token && !os) {
      return NotAllowed(Msg("'{field}' must appear once as [null, \"session:ID\", \"token:ID\" (ID 16 lower-case hex digits) or \"os:NAME\"]",
                            {{"field", kViaField}}));
    }
    if (e.actor.empty() || e.actor == kEngineActor || e.actor.rfind(kOsUserPrefix, 0) == 0) {
      return NotAllowed(Msg("'{field}' records how a person signed in; this entry's actor '{actor}' is not a person",
                            {{"field", kViaField}, {"actor", e.actor}}));
    }
  }
  return Status::Ok();
}

Status RuleReplay::JudgeRunBy(const AuditEntry& e) {
  const FieldChange* run_by = nullptr;
  for (const FieldChange& c : e.changes) {
    if (c.field == kRunByField) run_by = &c;
  }
  if (e.actor != kEngineActor) {
    if (run_by == nullptr) return Status::Ok();
    return NotAllowed(Msg("only an entry the engine writes on its own records who ran the tick ('{field}'); this one is by '{actor}'",
                          {{"field", kRunByField}, {"actor", e.actor}}));
  }
  if (run_by == nullptr || !run_by->before.is_null() || !run_by->after.is_string()) {
    return NotAllowed(Msg("the engine's entry does not record who ran the tick that wrote it ('{field}': [null, PERSON])",
                          {{"field", kRunByField}}));
  }
  const std::string& who = run_by->after.as_string();
  if (who.rfind(kOsUserPrefix, 0) == 0) {
    ++unjudged_;  // the database file's owner: in no chain (docs/AUDIT.md)
    return Status::Ok();
  }
  std::optional<TimePoint> now = ParseTime(e.time);
  if (!now) return Status::Integrity(Msg("time '{time}' is not a time (YYYY-MM-DDTHH:MM:SSZ)", {{"time", e.time}}));
  std::optional<bool> admin;
  if (sources_.administrator) {
    admin = sources_.administrator(who, *now);
  } else {
    // This chain alone: its organization, if it has no parent, and the person's roles in it.
    const ReplayedConfig& config = replay_.config();
    const std::vector<std::string> roles = RolesFromConfigFields(config.values, who);
    if (config.complete && config.values.count("parent") == 0 &&
        std::find(roles.begin(), roles.end(), kAdminRole) != roles.end()) {
      admin = true;
    }
  }
  if (!admin) {
    ++unjudged_;
    return Status::Ok();
  }
  if (!*admin) {
    return NotAllowed(Msg("the tick that wrote it was run by '{person}', who was not then an administrator of the whole installation (the role admin in an organization without a parent)",
                          {{"person", who}}));
  }
  return Status::Ok();
}

Status RuleReplay::Judge(const AuditEntry& e) {
  DOCKET_ASSIGN_OR_RETURN(std::shared_ptr<const Definition> def, Def(e.workflow, e.workflow_version));
  std::optional<TimePoint> now = ParseTime(e.time);
  if (!now) return Status::Integrity(Msg("time '{time}' is not a time (YYYY-MM-DDTHH:MM:SSZ)", {{"time", e.time}}));
  const FieldMap& config = replay_.config().values;
  const bool system = e.role == "system";
  std::multiset<std::string> spawned;  // what this entry's spawn effects ask for
  spawned.swap(spawned_);              // an entry that is not a spawned creation ends the last spawns
  Actor actor;
  actor.id = e.actor;
  actor.system = system;
  // A chain without its organization's creation (stored other than by a load) holds only
  // the configuration its entries changed: roles it never named are not known.
  const bool complete = replay_.config().complete;
  bool above_known = true;
  bool roles_known = true;
  if (!system) {
    roles_known = complete || replay_.config().named.count("roles." + e.actor) > 0;
    actor.roles = RolesFromConfigFields(config, e.actor);
    auto parent = config.find("parent");
    if (parent != config.end() && parent->second.is_string()) {
      std::optional<std::vector<std::string>> above;
      if (sources_.roles_above) above = sources_.roles_above(parent->second.as_string(), e.actor, *now);
      above_known = above.has_value();
      if (above) actor.roles_above = std::move(*above);
    } else if (!complete) {
      above_known = false;  // a parent the chain never named
    }
  }

  if (e.action == kImportAction) {
    Result<std::string> role = ImportRole(actor, e.org);
    if (!role.ok() && !roles_known) {
      ++unjudged_;
      return Status::Ok();
    }
    if (!role.ok()) return NotAllowed(role.status().msg());
    if (*role != e.role) {
      return NotAllowed(Msg("'{actor}' imports as '{role}', not as '{logged}'", {{"actor", e.actor}, {"role", *role}, {"logged", e.role}}));
    }
    return Status::Ok();
  }
  if (e.action.rfind("timer:", 0) == 0) {
    const std::string rest = e.action.substr(6);
    const std::string name = rest.substr(0, rest.find(':'));
    const bool changes_nothing =
        std::all_of(e.changes.begin(), e.changes.end(), [](const FieldChange& c) { return IsEngineMark(c.field); });
    if (!system || e.from_state != e.to_state || !changes_nothing || !HasTimer(*def, e.from_state, name)) {
      return NotAllowed(Msg("'{action}' is not a firing by the engine of a timer of state '{state}' that changes nothing",
                            {{"action", e.action}, {"state", e.from_state}}));
    }
    return Status::Ok();
  }

  const ReplayedItem* r = replay_.Find(e.item_id);
  const bool creation = r == nullptr;
  Item item;
  item.org = e.org;
  item.workflow = def->id;
  item.workflow_version = def->version;
  item.created_at = *now;
  if (!creation) {
    item.id = r->id;
    item.state = r->state;
    item.fields = r->fields;
    item.version = r->version;
    item.created_at = ParseTime(r->created_at).value_or(TimePoint{});
    item.updated_at = ParseTime(r->updated_at).value_or(TimePoint{});
  } else if (e.action != "create") {
    return NotAllowed(Msg("an item is created by 'create' or 'import', not by '{action}'", {{"action", e.action}}));
  }
  const TransitionDef* t = creation ? &def->create : def->FindTransition(e.action, item.state);
  if (system && creation) {
    auto it = spawned.find(e.workflow);
    if (it != spawned.end()) {
      spawned.erase(it);
    } else if (!OpensAtSemesterEnd(CalendarFromConfigFields(config), e.workflow)) {
      return NotAllowed(Msg("the engine creates an item of workflow '{workflow}' that no action before it spawned and no semester's end opens",
                            {{"workflow", e.workflow}}));
    }
    spawned_.swap(spawned);  // the rest of the spawns still to come
  } else if (system && !TimerTakes(*def, item.state, e.action)) {
    return NotAllowed(Msg("the engine takes action '{action}' only when a timer of state '{state}' takes it",
                          {{"action", e.action}, {"state", item.state}}));
  }

  // What a person submitted: the changes to fields the action lets them set (effects and
  // defaults make the others).
  FieldMap submitted;
  if (t != nullptr) {
    for (const FieldChange& c : e.changes) {
      if (t->MaySet(c.field)) submitted[c.field] = c.after;
    }
  }
  FieldMap fields = item.fields;
  for (const auto& [k, v] : submitted) fields[k] = v;
  DOCKET_ASSIGN_OR_RETURN(ItemFacts facts, Facts(*def, item, fields));
  if (t != nullptr) {
    for (const Effect& effect : t->effects) {
      if (effect.kind != Effect::Kind::kSet || effect.computed != Effect::Computed::kReport) continue;
      for (const FieldChange& c : e.changes) {
        if (c.field == effect.field && c.after.is_string()) facts.report_hash = c.after.as_string();
      }
    }
  }
  Request req{creation ? "create" : e.action, actor, submitted, *now};
  Result<Outcome> out = creation ? Create(*def, e.org, req, facts) : docket::Apply(*def, item, req, facts);
  if (!out.ok()) {
    const Code code = out.status().code();
    if (code != Code::kInvalid && code != Code::kForbidden && code != Code::kRefused) return out.status();
    // A condition refused on configuration this chain may not hold: not judged.
    if (!complete && code == Code::kRefused && RefusalWhy(out.status().msg()) != nullptr) {
      ++unjudged_;
      return Status::Ok();
    }
    const bool maybe_held =
        t != nullptr && ((!above_known && !t->roles_above.empty()) || (!roles_known && !t->roles.empty()));
    if (code != Code::kForbidden || !maybe_held) return NotAllowed(out.status().msg());
    // Perhaps held where this chain cannot tell: the rest is judged as if so.
    ++unjudged_;
    if (!above_known) req.actor.roles_above = t->roles_above;
    if (!roles_known) req.actor.roles = t->roles;
    out = creation ? Create(*def, e.org, req, facts) : docket::Apply(*def, item, req, facts);
    if (!out.ok()) return out.status().code() == Code::kInternal || out.status().code() == Code::kStorage ? out.status() : NotAllowed(out.status().msg());
  }
  const ActionRecord& rec = out->record;
  if (rec.to_state != e.to_state) {
    return NotAllowed(Msg("action '{action}' goes to state '{state}', not '{logged}'",
                          {{"action", e.action}, {"state", rec.to_state}, {"logged", e.to_state}}));
  }
  if (rec.role != e.role) {
    return NotAllowed(Msg("'{actor}' takes action '{action}' as '{role}', not as '{logged}'",
                          {{"actor", e.actor}, {"action", e.action}, {"role", rec.role}, {"logged", e.role}}));
  }
  std::map<std::string, Value> ruled, logged;
  const std::string differs = FirstDifference(rec.changes, e.changes, &ruled, &logged);
  if (!differs.empty()) {
    return NotAllowed(Msg("action '{action}' sets field '{field}' to {value}; the entry records {logged}",
                          {{"action", e.action}, {"field", differs}, {"value", Show(ruled, differs)}, {"logged", Show(logged, differs)}}));
  }
  for (const SpawnRequest& s : out->spawns) spawned_.insert(s.workflow);
  return Status::Ok();
}

}  // namespace docket
