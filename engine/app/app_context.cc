// AppContext (app_context.h): the definitions and the calendar as this instance parsed
// them, who acts, the fields as typed, and writing what the core decided — the item, its
// audit entry, the children it spawns — or a refusal. The facts the core reads are
// gathered in app_context_facts.cc.
#include "app/app_context.h"

#include <algorithm>

#include "app/definition_cache.h"
#include "app/message_json.h"
#include "app/time_zones.h"
#include "audit/chain.h"
#include "core/field.h"
#include "definition/calendar_loader.h"
#include "definition/workflow_loader.h"

namespace docket {
namespace {

// Makes `e`, a new entry, one about `item`, to be completed with what happened.
void AboutItem(const Item& item, AuditEntry& e) {
  e.org = item.org;
  e.item_id = item.id;
  e.workflow = item.workflow;
  e.workflow_version = item.workflow_version;
}

}  // namespace

AppContext::AppContext(Store& store, const Clock& clock, std::shared_ptr<spdlog::logger> log)
    : store(store), clock(clock), log(std::move(log)) {}

DefinitionRecord AppContext::NewRecord(const std::string& id, std::int64_t version, std::string_view yaml_text) const {
  return {id, version, Sha256Hex(yaml_text), std::string(yaml_text), FormatTime(clock.Now())};
}

Result<std::shared_ptr<const Definition>> AppContext::GetDefinition(const std::string& workflow,
                                                                    std::optional<std::int64_t> version) {
  if (version) {
    auto it = definitions_.find({workflow, *version});
    if (it != definitions_.end()) return it->second;
  }
  DOCKET_ASSIGN_OR_RETURN(auto rec, store.GetDefinition(workflow, version));
  auto it = definitions_.find({workflow, rec.version});
  if (it != definitions_.end()) return it->second;
  // The text of a hash already checked and parsed in this process is not read again.
  if (auto kept = CachedDefinition(rec.content_hash); kept && kept->id == workflow && kept->version == rec.version) {
    definitions_[{workflow, rec.version}] = kept;
    return kept;
  }
  if (Sha256Hex(rec.source) != rec.content_hash) {
    return Status::Integrity(Msg("workflow '{workflow}' version {version}: stored source does not match its content hash",
                                 {{"workflow", workflow}, {"version", rec.version}}));
  }
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(rec.source, workflow + ".yaml (stored)", &diags);
  if (!def) return Status::Integrity(Msg("stored workflow does not parse: {errors}", {{"errors", FormatErrors(diags)}}));
  auto shared = KeepDefinition(rec.content_hash, std::make_shared<const Definition>(std::move(*def)));
  definitions_[{workflow, rec.version}] = shared;
  return shared;
}

Result<std::shared_ptr<const Definition>> AppContext::LabelsDefinition(const std::string& workflow,
                                                                       std::int64_t version) {
  auto def = GetDefinition(workflow, version);
  if (def.ok() && !(*def)->value_labels.empty()) return def;
  auto latest = GetDefinition(workflow, std::nullopt);
  return latest.ok() ? latest : def;
}

Result<std::shared_ptr<const Calendar>> AppContext::LoadedCalendar() {
  DOCKET_ASSIGN_OR_RETURN(auto source, store.GetCalendar());
  const std::string text = source ? *source : std::string();
  if (calendar_ && text == calendar_source_) return calendar_;
  auto parsed = std::make_shared<Calendar>();
  if (!text.empty()) {
    std::vector<Diagnostic> diags;
    *parsed = ParseCalendarFile(text, "calendar (stored)", &diags);
    if (HasErrors(diags)) return Status::Integrity(Msg("the stored calendar no longer parses"));
  }
  calendar_ = std::move(parsed);
  calendar_source_ = text;
  return calendar_;
}

Result<Actor> AppContext::ResolveActor(const std::string& person_id, const std::string& org_id) {
  if (person_id.empty()) {
    return Status::Invalid(Msg("no acting person: give --as PERSON (or set DOCKET_USER)"));
  }
  if (!only_org.empty() && org_id != only_org) {
    return Status::Forbidden(Msg("the API token of '{person}' is for organization '{token_org}' only, not '{org}'",
                                 {{"person", person_id}, {"token_org", only_org}, {"org", org_id}}));
  }
  auto person = store.GetPerson(person_id);
  if (!person.ok()) return Status::NotFound(Msg("no person '{person}'", {{"person", person_id}}));
  auto lineage = store.OrgAncestry(org_id);
  if (!lineage.ok()) return Status::NotFound(Msg("no organization '{org}'", {{"org", org_id}}));
  const std::vector<std::string> above(lineage->begin() + 1, lineage->end());
  Actor actor;
  actor.id = person_id;
  for (const auto& g : person->roles) {
    if (g.org == org_id) actor.roles.push_back(g.role);
    if (std::find(above.begin(), above.end(), g.org) != above.end()) actor.roles_above.push_back(g.role);
  }
  if (actor.roles.empty() && actor.roles_above.empty()) {
    return Status::Forbidden(Msg("'{person}' holds no role in organization '{org}' or in an organization above it",
                                 {{"person", person_id}, {"org", org_id}}));
  }
  return actor;
}

Result<TimeZone> AppContext::ZoneOf(const std::string& org) {
  DOCKET_ASSIGN_OR_RETURN(auto found, store.GetOrg(org));
  return LoadTimeZone(found.time_zone);
}

Result<FieldMap> AppContext::ParseFields(const Definition& def, const std::string& org, const FieldTexts& texts) {
  FieldMap out;
  std::optional<TimeZone> zone;
  for (const auto& [name, text] : texts) {
    const FieldDef* f = def.FindField(name);
    if (f == nullptr) {
      std::string known;
      for (const auto& fd : def.fields) known += (known.empty() ? "" : ", ") + fd.name;
      return Status::Invalid(Msg("workflow '{workflow}' has no field '{field}' (fields: {fields})",
                                 {{"workflow", def.id}, {"field", name}, {"fields", known}}));
    }
    if (!zone && (f->type == FieldType::kDateTime || f->element == FieldType::kDateTime)) {
      DOCKET_ASSIGN_OR_RETURN(zone, ZoneOf(org));
    }
    DOCKET_ASSIGN_OR_RETURN(auto v, ParseFieldText(*f, text, zone ? *zone : UtcZone()));
    out[name] = std::move(v);
  }
  return out;
}

Status AppContext::CheckReferences(const Definition& def, const std::string& org, const FieldMap& fields) {
  for (const auto& [name, value] : fields) {
    const FieldDef* f = def.FindField(name);
    if (f == nullptr) continue;
    const bool one = f->type == FieldType::kItem;
    if (!one && !(f->type == FieldType::kList && f->element == FieldType::kItem)) continue;
    const List ids = value.is_list() ? value.as_list() : List{value};
    for (const Value& id : ids) {
      if (!id.is_int()) continue;
      auto other = store.GetItem(id.as_int());
      if (!other.ok()) {
        if (other.status().code() != Code::kNotFound) return other.status();
        return Status::Invalid(Msg("field '{field}': item #{id} does not exist", {{"field", name}, {"id", id.as_int()}}));
      }
      if (other->org != org) {
        return Status::Invalid(Msg("field '{field}': item #{id} belongs to organization '{other}', not to '{org}'",
                                   {{"field", name}, {"id", id.as_int()}, {"other", other->org}, {"org", org}}));
      }
      if (!f->workflow.empty() && other->workflow != f->workflow) {
        return Status::Invalid(Msg("field '{field}': item #{id} is a {workflow}, not a {expected}",
                                   {{"field", name}, {"id", id.as_int()}, {"workflow", other->workflow}, {"expected", f->workflow}}));
      }
    }
  }
  return Status::Ok();
}

Status AppContext::RecordAction(const Item& item, ActionRecord rec, AuditEntry* entry) {
  AuditEntry local;
  AuditEntry& e = entry != nullptr ? *entry : local;
  AboutItem(item, e);
  e.time = FormatTime(rec.time);
  e.actor = std::move(rec.actor);
  e.role = std::move(rec.role);
  e.action = std::move(rec.action);
  e.outcome = "ok";
  e.from_state = std::move(rec.from_state);
  e.to_state = std::move(rec.to_state);
  e.changes = std::move(rec.changes);
  if (item.parent && rec.item_version == 1) e.changes.push_back(ParentChange(*item.parent));
  e.item_version = rec.item_version;
  return AppendAudit(e);
}

Status AppContext::RecordRefusal(const Item& item, const std::string& actor, const std::string& action,
                                 const Status& why, std::vector<FieldChange> marks) {
  AuditEntry e;
  AboutItem(item, e);
  DOCKET_ASSIGN_OR_RETURN(const TimePoint at, WriteTime(item.org));
  e.time = FormatTime(at);
  e.actor = actor;
  e.action = action;
  e.outcome = "refused";
  e.from_state = item.state;
  e.to_state = item.state;
  e.item_version = item.version;
  e.reason = RefusalReason(why);
  e.changes = std::move(marks);
  log->info("refused {} by {} on item #{}: {}", action, actor, item.id, why.message());
  return AppendAudit(e);
}

Status AppContext::SpawnChildren(const Item& parent, const std::vector<SpawnRequest>& spawns, const std::string& actor,
                                 int depth, std::vector<SpawnedItem>* spawned, const std::vector<FieldChange>& marks) {
  constexpr int kMaxSpawnDepth = 8;
  for (const auto& spawn : spawns) {
    const Msg what = Msg("item #{id} spawning '{workflow}'", {{"id", parent.id}, {"workflow", spawn.workflow}});
    if (depth >= kMaxSpawnDepth) {
      return Status::Invalid(Msg("{what}: children spawn children more than {n} levels deep", {{"what", what}, {"n", kMaxSpawnDepth}}));
    }
    auto def = GetDefinition(spawn.workflow, std::nullopt);
    if (!def.ok()) return Status(def.status().code(), Msg("{what}: {why}", {{"what", what}, {"why", def.status().msg()}}));
    FieldMap fields;
    for (const auto& [name, value] : spawn.values) {
      const FieldDef* f = (*def)->FindField(name);
      if (f == nullptr) {
        return Status::Invalid(Msg("{what}: workflow '{workflow}' has no field '{field}'",
                                   {{"what", what}, {"workflow", spawn.workflow}, {"field", name}}));
      }
      auto v = NormalizeFieldValue(*f, value);
      if (!v.ok()) return Status::Invalid(Msg("{what}: {why}", {{"what", what}, {"why", v.status().msg()}}));
      fields[name] = std::move(v).value();
    }
    auto parsed = ParseFields(**def, parent.org, spawn.texts);
    if (!parsed.ok()) return Status::Invalid(Msg("{what}: {why}", {{"what", what}, {"why", parsed.status().msg()}}));
    for (auto& [name, value] : *parsed) fields[name] = std::move(value);
    Actor system{actor, {}, {}, true};
    DOCKET_ASSIGN_OR_RETURN(ItemFacts facts, CreationFacts(**def, parent.org, fields));
    auto out = Create(**def, parent.org, Request{"create", system, fields, clock.Now()}, facts);
    if (!out.ok()) return Status(out.status().code(), Msg("{what}: {why}", {{"what", what}, {"why", out.status().msg()}}));
    if (Status admit = AdmitChild(parent, **def, out->item.state, false); !admit.ok()) {
      return Status(admit.code(), Msg("{what}: {why}", {{"what", what}, {"why", admit.msg()}}));
    }
    out->item.parent = parent.id;
    ActResult written;
    DOCKET_RETURN_IF_ERROR(WriteOutcome(std::move(out).value(), std::nullopt, actor, depth + 1, &written, marks));
    if (spawned != nullptr) {
      // The child was inserted before its own children were: it comes first.
      spawned->push_back({written.item.id, written.item.workflow, written.item.workflow_version, parent.id});
      spawned->insert(spawned->end(), written.spawned.begin(), written.spawned.end());
    }
  }
  return Status::Ok();
}

Status AppContext::WriteOutcome(Outcome&& out, std::optional<std::int64_t> expected_version, const std::string& actor,
                                int depth, ActResult* result, const std::vector<FieldChange>& marks) {
  Item& item = result->item;
  item = std::move(out.item);
  if (expected_version) {
    DOCKET_RETURN_IF_ERROR(store.UpdateItem(item, *expected_version));
  } else {
    DOCKET_ASSIGN_OR_RETURN(item.id, store.InsertItem(item));
  }
  out.record.changes.insert(out.record.changes.end(), marks.begin(), marks.end());
  DOCKET_RETURN_IF_ERROR(RecordAction(item, std::move(out.record), &result->entry));
  result->spawned.clear();
  return SpawnChildren(item, out.spawns, actor, depth, &result->spawned, marks);
}

}  // namespace docket
