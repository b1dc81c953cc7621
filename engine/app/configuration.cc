// ConfigUseCases (configuration.h): loading organizations and people, lookup tables,
// workflow definitions and the calendar, and reading them back.
//
// Each load of organizations, a table or the calendar is one store transaction that writes
// the configuration and appends, in the same transaction, one configuration entry
// (audit/config_entries.h) to the chain of every organization whose configuration it
// changed, with the changes [before, after] of core/config_fields.h. A load that changes
// nothing appends nothing; a refused load writes nothing at all.
//
// Where the entries go (docs/AUDIT.md, "Configuration entries"):
//   - org load: a "config-org" entry in the chain of each organization whose record, or the
//     roles people hold in it, changed (the roles of a person a file lists are replaced
//     whole, so an organization the file does not name can lose a role holder);
//   - table and calendar loads change what every organization runs under: the entry goes
//     into every organization's chain;
//   - the installation's own chain (kInstallationChain) records what belongs to no one
//     organization: each workflow version stored ("config-workflow", "workflows.W.V"
//     [null, SHA-256]) and each organization an org load creates ("config-orgs",
//     "orgs.ID" [null, ID]);
//   - an organization's first load also records the tables and the calendar in force then
//     (each from null), so that every chain, read alone, holds its whole configuration;
//   - a calendar load that replaces a stored calendar which no longer parses records, in
//     each chain, the change from the calendar that chain recorded last.
#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#include "app/configuration.h"

#include "app/app_context.h"
#include "app/reports.h"
#include "app/time_zones.h"
#include "audit/config_entries.h"
#include "audit/replay.h"
#include "core/config_fields.h"
#include "definition/calendar_loader.h"
#include "definition/org_loader.h"
#include "definition/workflow_loader.h"

namespace docket {
namespace {

// What the entries name as the source: the file's name without its folder, so that the
// chain does not depend on where the file was.
std::string FileName(const std::string& file) {
  std::string name = std::filesystem::path(file).filename().string();
  return name.empty() ? file : name;
}

// The organizations where loading `person` changes something, given what is stored of them
// (`stored`, nullptr for a new person): a new person, or a changed name or e-mail, concerns
// every organization they hold a role in, before or after (a person is one across the
// installation); otherwise only those where their roles change. A school's roster lists its
// people with their roles elsewhere kept as they are, which is no change there.
void PersonScope(const Person& person, const Person* stored, std::set<std::string>& orgs) {
  using Grant = std::pair<std::string, std::string>;  // org, role
  std::set<Grant> after;
  for (const RoleGrant& g : person.roles) after.insert({g.org, g.role});
  std::set<Grant> before;
  if (stored != nullptr) {
    for (const RoleGrant& g : stored->roles) before.insert({g.org, g.role});
  }
  const bool itself = stored == nullptr || stored->name.zh != person.name.zh || stored->name.en != person.name.en ||
                      stored->name.more != person.name.more || stored->email != person.email;
  for (const auto& grants : {after, before}) {
    for (const Grant& g : grants) {
      if (itself || after.count(g) != before.count(g)) orgs.insert(g.first);
    }
  }
}

// The organizations an org load changes, for the administrator's scope: those the file
// declares, with the parent it gives each, and those where a listed person's roles or the
// person change (PersonScope). ConfigTouchedBy's other organizations, where a listed person
// holds roles the file keeps as they are, change nothing.
Result<AppContext::AdminScope> OrgLoadScope(Store& store, const OrgFile& file) {
  AppContext::AdminScope scope;
  std::set<std::string> orgs;
  for (const Person& person : file.people) {
    Result<Person> stored = store.GetPerson(person.id);
    if (!stored.ok() && stored.status().code() != Code::kNotFound) return stored.status();
    PersonScope(person, stored.ok() ? &*stored : nullptr, orgs);
  }
  for (const Org& org : file.orgs) {
    orgs.insert(org.id);
    if (org.parent) scope.new_parents[org.id] = *org.parent;
  }
  scope.orgs.assign(orgs.begin(), orgs.end());
  return scope;
}

const FieldMap& Or(const std::map<std::string, FieldMap>& configs, const std::string& org) {
  static const FieldMap kNone;
  auto it = configs.find(org);
  return it == configs.end() ? kNone : it->second;
}

}  // namespace

ConfigUseCases::ConfigUseCases(AppContext& ctx, ReportUseCases& reports) : ctx_(ctx), reports_(reports) {}

Result<std::vector<Org>> ConfigUseCases::ListOrgs() { return ctx_.store.ListOrgs(); }
Result<std::vector<Person>> ConfigUseCases::ListPeople() { return ctx_.store.ListPeople(); }

Result<LookupTable> ConfigUseCases::GetTable(const std::string& name) { return ctx_.store.GetTable(name); }

Result<WorkflowLoadReport> ConfigUseCases::LoadWorkflow(std::string_view yaml_text, const std::string& file,
                                                        const std::string& actor) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(yaml_text, file, &diags);
  if (def) LintWorkflow(*def, file, &diags);
  if (!def || HasErrors(diags)) return Status::Invalid(FormatErrors(diags));
  DOCKET_ASSIGN_OR_RETURN(std::string admin, ctx_.Administrator(actor));
  DOCKET_RETURN_IF_ERROR(ctx_.CheckAdminScope(admin, AppContext::AdminScope::Installation()));
  const LoadSource source{file, admin};
  const DefinitionRecord record = ctx_.NewRecord(def->id, def->version, yaml_text);
  bool added = false;
  DOCKET_RETURN_IF_ERROR(ctx_.store.Transact([&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(added, ctx_.store.PutDefinition(record));
    if (!added) return Status::Ok();
    std::vector<FieldChange> changes{
        {WorkflowConfigKey(record.workflow, record.version), Value(), Value(record.content_hash)}};
    return AppendConfigEntry(kInstallationChain, kConfigWorkflowAction, std::move(changes), source);
  }));
  WorkflowLoadReport report;
  report.workflow = def->id;
  report.version = def->version;
  report.added = added;
  for (auto& d : diags) report.warnings.push_back(std::move(d));
  ctx_.log->info("workflow {} v{} {} by {}", def->id, def->version, added ? "loaded" : "already loaded", admin);
  if (added) reports_.PrepareReportIndexes();
  return report;
}

Result<std::vector<DefinitionRecord>> ConfigUseCases::ListWorkflows() { return ctx_.store.ListDefinitions(); }

Result<std::shared_ptr<const Definition>> ConfigUseCases::GetDefinition(const std::string& workflow,
                                                                        std::optional<std::int64_t> version) {
  return ctx_.GetDefinition(workflow, version);
}

Result<std::shared_ptr<const Definition>> ConfigUseCases::LabelsDefinition(const std::string& workflow,
                                                                           std::int64_t version) {
  return ctx_.LabelsDefinition(workflow, version);
}

Result<std::map<std::string, FieldMap>> ConfigUseCases::ConfigTouchedBy(const OrgFile& file,
                                                                       std::set<std::string>* absent) {
  std::map<std::string, FieldMap> out;
  for (const Org& org : file.orgs) {
    FieldMap& fields = out[org.id];
    Result<Org> stored = ctx_.store.GetOrg(org.id);
    if (stored.ok()) {
      fields = OrgConfigFields(*stored);
    } else if (stored.status().code() == Code::kNotFound) {
      if (absent != nullptr) absent->insert(org.id);
    } else {
      return stored.status();
    }
  }
  // The roles of a person the file lists (replaced whole), and every role held in an
  // organization the file declares (held only by the people it lists).
  std::set<std::string> listed;
  for (const Person& person : file.people) listed.insert(person.id);
  std::set<std::string> declared;
  for (const Org& org : file.orgs) declared.insert(org.id);
  DOCKET_ASSIGN_OR_RETURN(std::vector<Person> people, ctx_.store.ListPeople());
  for (const Person& stored : people) {
    for (const RoleGrant& grant : stored.roles) {
      if (listed.count(stored.id) || declared.count(grant.org)) AddRoleFields(grant.org, stored, &out[grant.org]);
    }
  }
  return out;
}

Status ConfigUseCases::AppendConfigEntry(const std::string& org, std::string_view action,
                                         std::vector<FieldChange> changes, const LoadSource& source) {
  DOCKET_ASSIGN_OR_RETURN(const TimePoint at, ctx_.WriteTime(org));
  AuditEntry e = ConfigEntry(org, action, std::move(changes), FormatTime(at), FileName(source.file), source.actor);
  return ctx_.AppendAudit(e);
}

Result<int> ConfigUseCases::AppendToEveryOrg(std::string_view action, const std::vector<FieldChange>& changes,
                                             const LoadSource& source) {
  if (changes.empty()) return 0;
  DOCKET_ASSIGN_OR_RETURN(std::vector<Org> orgs, ctx_.store.ListOrgs());
  for (const Org& org : orgs) DOCKET_RETURN_IF_ERROR(AppendConfigEntry(org.id, action, changes, source));
  return static_cast<int>(orgs.size());
}

Result<int> ConfigUseCases::AppendSharedConfig(const std::string& org, const LoadSource& source) {
  int appended = 0;
  DOCKET_ASSIGN_OR_RETURN(std::vector<std::string> tables, ctx_.store.ListTables());
  for (const std::string& name : tables) {
    DOCKET_ASSIGN_OR_RETURN(LookupTable table, ctx_.store.GetTable(name));
    DOCKET_RETURN_IF_ERROR(
        AppendConfigEntry(org, kConfigTableAction, DiffConfigFields({}, TableConfigFields(name, table)), source));
    ++appended;
  }
  Result<std::shared_ptr<const Calendar>> calendar = ctx_.LoadedCalendar();
  // A stored calendar that no longer parses is recorded by the `calendar load` that
  // replaces it; it must not stop organizations from being loaded meanwhile.
  if (!calendar.ok() && calendar.status().code() == Code::kIntegrity) return appended;
  if (!calendar.ok()) return calendar.status();
  std::vector<FieldChange> changes = DiffConfigFields({}, CalendarConfigFields(**calendar));
  if (!changes.empty()) {
    DOCKET_RETURN_IF_ERROR(AppendConfigEntry(org, kConfigCalendarAction, std::move(changes), source));
    ++appended;
  }
  return appended;
}

Result<FieldMap> ConfigUseCases::RecordedConfig(const std::string& org, std::string_view action) {
  ReplayedConfig config;
  Status st = ctx_.store.ScanAudit(org, 1, std::numeric_limits<std::int64_t>::max(), [&](const AuditEntry& e) {
    if (IsConfigEntry(e) && e.action == action) FoldConfigEntry(e, &config);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return config.values;
}

Status ConfigUseCases::DropUnlistedRoles(const OrgFile& file) {
  std::set<std::string> declared;
  for (const Org& org : file.orgs) declared.insert(org.id);
  std::set<std::string> listed;
  for (const Person& person : file.people) listed.insert(person.id);
  DOCKET_ASSIGN_OR_RETURN(std::vector<Person> people, ctx_.store.ListPeople());
  for (Person& person : people) {
    if (listed.count(person.id)) continue;
    const std::size_t before = person.roles.size();
    std::erase_if(person.roles, [&](const RoleGrant& g) { return declared.count(g.org) > 0; });
    if (person.roles.size() != before) DOCKET_RETURN_IF_ERROR(ctx_.store.UpsertPerson(person));
  }
  return Status::Ok();
}

Status ConfigUseCases::CheckNoParentCycle(const OrgFile& file, const std::string& path) {
  for (const Org& org : file.orgs) {
    DOCKET_ASSIGN_OR_RETURN(std::vector<std::string> above, ctx_.store.OrgAncestry(org.id));
    if (std::find(above.begin() + 1, above.end(), org.id) != above.end()) {
      std::string cycle;
      for (const std::string& id : above) {
        cycle += (cycle.empty() ? "" : " -> ") + id;
        if (id == org.id && cycle != id) break;
      }
      return Status::Invalid(Msg("{file}: organization '{org}' would be above itself through the organizations already loaded ({cycle})",
                                 {{"file", path}, {"org", org.id}, {"cycle", cycle}}));
    }
  }
  return Status::Ok();
}

Result<OrgLoadReport> ConfigUseCases::LoadOrgs(std::string_view yaml_text, const std::string& file,
                                               const std::string& actor) {
  std::vector<Diagnostic> diags;
  OrgFile parsed = ParseOrgFile(yaml_text, file, &diags);
  if (HasErrors(diags)) return Status::Invalid(FormatErrors(diags));
  return LoadOrgFile(parsed, file, actor);
}

Result<OrgLoadReport> ConfigUseCases::LoadOrgFile(const OrgFile& parsed, const std::string& file,
                                                  const std::string& actor) {
  for (const Org& org : parsed.orgs) {
    auto zone = LoadTimeZone(org.time_zone);
    if (!zone.ok()) {
      return Status(zone.status().code(), Msg("{file}: organization '{org}': {why}",
                                              {{"file", file}, {"org", org.id}, {"why", zone.status().msg()}}));
    }
  }
  DOCKET_ASSIGN_OR_RETURN(std::string admin, ctx_.Administrator(actor));
  const LoadSource source{file, admin};
  OrgLoadReport report;
  Status st = ctx_.store.Transact([&]() -> Status {
    report = {};
    std::set<std::string> created;
    DOCKET_ASSIGN_OR_RETURN(auto before, ConfigTouchedBy(parsed, &created));
    DOCKET_ASSIGN_OR_RETURN(AppContext::AdminScope scope, OrgLoadScope(ctx_.store, parsed));
    DOCKET_RETURN_IF_ERROR(ctx_.CheckAdminScope(admin, scope));
    DOCKET_RETURN_IF_ERROR(ctx_.store.PutRoleLabels(parsed.roles));
    std::set<std::string> declared;
    for (const auto& org : parsed.orgs) {
      if (org.parent && !declared.count(*org.parent)) {
        auto parent = ctx_.store.GetOrg(*org.parent);
        if (!parent.ok()) {
          return Status::NotFound(Msg("{file}: organization '{org}' names parent '{parent}', which is neither in the file nor loaded",
                                      {{"file", file}, {"org", org.id}, {"parent", *org.parent}}));
        }
      }
      DOCKET_RETURN_IF_ERROR(ctx_.store.UpsertOrg(org));
      declared.insert(org.id);
      ++report.orgs;
    }
    std::set<std::string> people;
    for (const auto& person : parsed.people) people.insert(person.id);
    for (const auto& org : parsed.orgs) {
      for (const auto& body : org.bodies) {
        std::vector<std::string> all = body.members;
        all.insert(all.end(), body.attendees.begin(), body.attendees.end());
        for (const auto& person : all) {
          if (!people.count(person) && !ctx_.store.GetPerson(person).ok()) {
            return Status::NotFound(Msg("{file}: body '{body}' of organization '{org}' names person '{person}', who is neither in the file nor loaded",
                                        {{"file", file}, {"body", body.id}, {"org", org.id}, {"person", person}}));
          }
        }
      }
    }
    for (const auto& person : parsed.people) {
      for (const auto& grant : person.roles) {
        if (!declared.count(grant.org) && !ctx_.store.GetOrg(grant.org).ok()) {
          return Status::NotFound(Msg("{file}: person '{person}' has a role in organization '{org}', which is neither in the file nor loaded",
                                      {{"file", file}, {"person", person.id}, {"org", grant.org}}));
        }
      }
      DOCKET_RETURN_IF_ERROR(ctx_.store.UpsertPerson(person));
      ++report.people;
      report.roles += static_cast<int>(person.roles.size());
    }
    DOCKET_RETURN_IF_ERROR(DropUnlistedRoles(parsed));
    DOCKET_RETURN_IF_ERROR(CheckNoParentCycle(parsed, file));
    DOCKET_ASSIGN_OR_RETURN(auto after, ConfigTouchedBy(parsed, nullptr));
    std::set<std::string> orgs;
    for (const auto& [org, fields] : before) orgs.insert(org);
    for (const auto& [org, fields] : after) orgs.insert(org);
    for (const std::string& org : orgs) {
      std::vector<FieldChange> changes = DiffConfigFields(Or(before, org), Or(after, org));
      if (!changes.empty()) {
        report.changed = true;
        DOCKET_RETURN_IF_ERROR(AppendConfigEntry(org, kConfigOrgAction, std::move(changes), source));
        ++report.audit_entries;
      }
      if (created.count(org)) {
        DOCKET_ASSIGN_OR_RETURN(int shared, AppendSharedConfig(org, source));
        report.audit_entries += shared;
      }
    }
    // The installation's chain registers the organizations this load created.
    std::vector<FieldChange> registered;
    for (const std::string& org : created) registered.push_back({OrgRegistryKey(org), Value(), Value(org)});
    if (!registered.empty()) {
      DOCKET_RETURN_IF_ERROR(AppendConfigEntry(kInstallationChain, kConfigOrgsAction, std::move(registered), source));
      ++report.audit_entries;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  ctx_.log->info("loaded {} organizations and {} people from {} ({} audit entries)", report.orgs, report.people,
             file, report.audit_entries);
  return report;
}

Result<TableLoadReport> ConfigUseCases::LoadTable(std::string_view yaml_text, const std::string& file,
                                                  const std::string& actor) {
  std::vector<Diagnostic> diags;
  TableFile parsed = ParseTableFile(yaml_text, file, &diags);
  if (HasErrors(diags)) return Status::Invalid(FormatErrors(diags));
  return LoadTableFile(parsed, file, actor);
}

Result<TableLoadReport> ConfigUseCases::LoadTableFile(const TableFile& parsed, const std::string& file,
                                                      const std::string& actor) {
  DOCKET_ASSIGN_OR_RETURN(std::string admin, ctx_.Administrator(actor));
  // A table is read by every organization: the load changes them all.
  AppContext::AdminScope scope;
  DOCKET_ASSIGN_OR_RETURN(std::vector<Org> all, ctx_.store.ListOrgs());
  for (const Org& org : all) scope.orgs.push_back(org.id);
  DOCKET_RETURN_IF_ERROR(ctx_.CheckAdminScope(admin, scope));
  const LoadSource source{file, admin};
  TableLoadReport report;
  report.table = parsed.name;
  report.entries = static_cast<int>(parsed.entries.size());
  DOCKET_RETURN_IF_ERROR(ctx_.store.Transact([&]() -> Status {
    LookupTable before;
    Result<LookupTable> stored = ctx_.store.GetTable(parsed.name);
    if (stored.ok()) {
      before = std::move(stored).value();
    } else if (stored.status().code() != Code::kNotFound) {
      return stored.status();
    }
    DOCKET_RETURN_IF_ERROR(ctx_.store.PutTable(parsed.name, parsed.entries));
    const std::vector<FieldChange> changes =
        DiffConfigFields(TableConfigFields(parsed.name, before), TableConfigFields(parsed.name, parsed.entries));
    DOCKET_ASSIGN_OR_RETURN(int appended, AppendToEveryOrg(kConfigTableAction, changes, source));
    report.changed = !changes.empty();
    report.audit_entries = appended;
    return Status::Ok();
  }));
  ctx_.log->info("loaded table {} ({} entries) from {} ({} audit entries)", parsed.name, parsed.entries.size(), file,
             report.audit_entries);
  return report;
}

Status ConfigUseCases::LoadCalendar(std::string_view yaml_text, const std::string& file,
                                    ConfigRecorded* recorded_out, const std::string& actor) {
  std::vector<Diagnostic> diags;
  Calendar cal = ParseCalendarFile(yaml_text, file, &diags);
  if (HasErrors(diags)) return Status::Invalid(FormatErrors(diags));
  DOCKET_ASSIGN_OR_RETURN(std::string admin, ctx_.Administrator(actor));
  DOCKET_RETURN_IF_ERROR(ctx_.CheckAdminScope(admin, AppContext::AdminScope::Installation()));
  const LoadSource source{file, admin};
  for (const auto& rule : cal.on_semester_end) {
    auto def = ctx_.GetDefinition(rule.workflow, std::nullopt);
    if (!def.ok()) {
      return Status::Invalid(Msg("{file}: on_semester_end opens workflow '{workflow}', which is not loaded; load it first",
                                 {{"file", file}, {"workflow", rule.workflow}}));
    }
    const FieldDef* f = (*def)->FindField(rule.field);
    if (f == nullptr || (f->type != FieldType::kText && f->type != FieldType::kEnum)) {
      return Status::Invalid(Msg("{file}: on_semester_end writes the semester into field '{field}', but workflow '{workflow}' has no text or enum field of that name",
                                 {{"file", file}, {"field", rule.field}, {"workflow", rule.workflow}}));
    }
  }
  ConfigRecorded recorded;
  DOCKET_RETURN_IF_ERROR(ctx_.store.Transact([&]() -> Status {
    Result<std::shared_ptr<const Calendar>> before = ctx_.LoadedCalendar();
    if (!before.ok() && before.status().code() != Code::kIntegrity) return before.status();
    DOCKET_RETURN_IF_ERROR(ctx_.store.PutCalendar(std::string(yaml_text), FormatTime(ctx_.clock.Now())));
    const FieldMap after = CalendarConfigFields(cal);
    if (before.ok()) {
      const std::vector<FieldChange> changes = DiffConfigFields(CalendarConfigFields(**before), after);
      DOCKET_ASSIGN_OR_RETURN(int appended, AppendToEveryOrg(kConfigCalendarAction, changes, source));
      recorded = {!changes.empty(), appended};
      return Status::Ok();
    }
    // A stored calendar that no longer parses (changed without a load) is replaced, never a
    // reason to refuse the load that repairs it. Each chain records the change from the
    // calendar it recorded last, so that what it records still adds up to what is stored.
    recorded.changed = true;
    DOCKET_ASSIGN_OR_RETURN(std::vector<Org> orgs, ctx_.store.ListOrgs());
    for (const Org& org : orgs) {
      DOCKET_ASSIGN_OR_RETURN(FieldMap last, RecordedConfig(org.id, kConfigCalendarAction));
      std::vector<FieldChange> changes = DiffConfigFields(last, after);
      if (changes.empty()) continue;
      DOCKET_RETURN_IF_ERROR(AppendConfigEntry(org.id, kConfigCalendarAction, std::move(changes), source));
      ++recorded.audit_entries;
    }
    return Status::Ok();
  }));
  ctx_.log->info("loaded the calendar from {} ({} audit entries)", file, recorded.audit_entries);
  if (recorded_out != nullptr) *recorded_out = recorded;
  return Status::Ok();
}

}  // namespace docket
