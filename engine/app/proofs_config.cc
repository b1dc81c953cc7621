// ProofUseCases::VerifyConfig (proofs.h), `audit verify`'s last part: the stored
// configuration is what the configuration entries of each chain say it is (docs/AUDIT.md,
// "Configuration entries"). An organization's name, bodies, members or roles, a table or the
// calendar changed in the database without a load leaves the chain behind, and this names
// the key.
//
// Every key a chain has named must hold the value its last entry gave it (absent when that
// was null). When the chain holds the organization's creation (ReplayedConfig::complete),
// the stored configuration must also have no key the chain never named. An organization
// stored before loads were recorded has its recorded keys checked, and no more.
#include <map>
#include <set>

#include "app/app_context.h"
#include "app/chain_facts.h"
#include "app/proofs.h"
#include "audit/config_entries.h"
#include "audit/json_value.h"
#include "core/config_fields.h"

namespace docket {

Status ProofUseCases::VerifyConfig(const VerifyReport& report) {
  bool any = false;
  for (const auto& [org, config] : report.configs) any = any || !config.named.empty();
  if (!any) return Status::Ok();

  // The stored configuration, keyed as the entries key it: each organization's record and
  // the roles held in it; the tables and the calendar, the same for every organization.
  DOCKET_ASSIGN_OR_RETURN(std::vector<Org> orgs, ctx_.store.ListOrgs());
  std::map<std::string, FieldMap> own;
  for (const Org& o : orgs) own[o.id] = OrgConfigFields(o);
  DOCKET_ASSIGN_OR_RETURN(std::vector<Person> people, ctx_.store.ListPeople());
  for (const Person& person : people) {
    for (const RoleGrant& grant : person.roles) AddRoleFields(grant.org, person, &own[grant.org]);
  }
  FieldMap shared;
  DOCKET_ASSIGN_OR_RETURN(std::vector<std::string> tables, ctx_.store.ListTables());
  for (const std::string& name : tables) {
    DOCKET_ASSIGN_OR_RETURN(LookupTable table, ctx_.store.GetTable(name));
    shared.merge(TableConfigFields(name, table));
  }
  Result<std::shared_ptr<const Calendar>> calendar = ctx_.LoadedCalendar();
  Status calendar_unreadable;  // a stored calendar that does not parse
  if (calendar.ok()) {
    shared.merge(CalendarConfigFields(**calendar));
  } else if (calendar.status().code() == Code::kIntegrity) {
    calendar_unreadable = calendar.status();
  } else {
    return calendar.status();
  }

  for (const auto& [org, config] : report.configs) {
    if (org == kInstallationChain) continue;  // CheckInstallationChain
    FieldMap stored = shared;
    for (const auto& [key, value] : own[org]) stored[key] = value;
    std::set<std::string> keys = config.named;
    if (config.complete) {
      for (const auto& [key, value] : stored) keys.insert(key);
    }
    for (const std::string& key : keys) {
      if (!calendar_unreadable.ok() && IsCalendarConfigKey(key)) {
        return Status::Integrity(Msg("organization '{org}': its audit log records the calendar, but {why}",
                                     {{"org", org}, {"why", calendar_unreadable.msg()}}));
      }
      auto a = stored.find(key);
      auto b = config.values.find(key);
      const bool same = a == stored.end() ? b == config.values.end() : b != config.values.end() && a->second == b->second;
      if (!same) {
        return Status::Integrity(
            Msg("organization '{org}', configuration '{key}': stored {stored} but its audit log gives {logged} (changed without a load?)",
                {{"org", org}, {"key", key}, {"stored", ShowConfigValue(stored, key)}, {"logged", ShowConfigValue(config.values, key)}}));
      }
    }
  }
  return Status::Ok();
}

}  // namespace docket
