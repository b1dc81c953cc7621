// AppContext (app_context.h): who may read what.
//
// A read changes nothing and is not written to the audit log; it is logged at info level. A
// read refused to a person of the directory is recorded like a refused action (RefuseRead).
// On a simulation a read without a person reads everything (like an administration there);
// on a real database only the operating-system user who owns the database file may read
// without naming themselves. A person named reads the organizations where they hold a role
// and every one below them (a supervisor reads the schools below), and everything with the
// role admin. The public listing needs no one and does not come here.
#include "app/app_context.h"

#include "app/message_json.h"

namespace docket {

Result<ReadScope> AppContext::Reader(const std::string& person, const std::optional<std::string>& org) {
  ReadScope scope;
  if (person.empty()) {
    DOCKET_ASSIGN_OR_RETURN(bool simulation, IsSimulation());
    if (!simulation) {
      if (local_owner.empty()) {
        return Status::Forbidden(Msg("who reads? on a real database a read needs --as PERSON (or DOCKET_USER), unless it is run by the operating-system user who owns the database file"));
      }
      scope.reader = local_owner;
    }
    scope.everything = true;
  } else {
    Result<Person> found = store.GetPerson(person);
    if (!found.ok()) {
      if (found.status().code() != Code::kNotFound) return found.status();
      return Status::Forbidden(Msg("'{person}' is not in the directory: a read needs --as a person of the organization file",
                                   {{"person", person}}));
    }
    scope.reader = person;
    DOCKET_ASSIGN_OR_RETURN(std::vector<Org> orgs, store.ListOrgs());
    for (const RoleGrant& grant : found->roles) {
      if (grant.role == kAdminRole) scope.everything = true;
      for (const Org* o : Subtree(orgs, grant.org)) scope.orgs.insert(o->id);
    }
  }
  if (!only_org.empty()) {  // an API token's one organization
    const bool covered = scope.Covers(only_org);
    scope.everything = false;
    scope.orgs.clear();
    if (covered) scope.orgs.insert(only_org);
  }
  log->info("read by '{}'{}", scope.reader, org ? " of organization '" + *org + "'" : std::string());
  if (org) DOCKET_RETURN_IF_ERROR(MayRead(scope, *org));
  return scope;
}

Status AppContext::MayRead(const ReadScope& scope, const std::string& org) const {
  if (scope.Covers(org)) return Status::Ok();
  return Status::Forbidden(Msg("'{person}' may not read organization '{org}': a person reads the organizations where they hold a role and those below them (the role admin reads all)",
                               {{"person", scope.reader}, {"org", org}}));
}

Status AppContext::RefuseRead(const Status& why, const std::string& org, std::int64_t item_id, std::string_view what) {
  if (why.code() != Code::kForbidden || !reader || reader->empty() || org.empty()) return why;
  Status st = store.Transact([&]() -> Status {
    if (!store.GetPerson(*reader).ok() || !store.GetOrg(org).ok()) return Status::Ok();  // no one's, or nowhere
    if (item_id > 0) {
      Result<Item> item = store.GetItem(item_id);
      if (item.ok() && item->org == org) return RecordRefusal(*item, *reader, "$read", why);
    }
    AuditEntry e;
    e.org = org;
    DOCKET_ASSIGN_OR_RETURN(const TimePoint at, WriteTime(org));
    e.time = FormatTime(at);
    e.actor = *reader;
    e.action = "$read:" + std::string(what);
    e.outcome = "refused";
    e.reason = RefusalReason(why);
    return AppendAudit(e);
  });
  if (!st.ok()) log->warn("refused read by '{}' of '{}' not recorded: {}", *reader, org, st.ToString());
  return why;
}

Status AppContext::MayReadAll(const ReadScope& scope) const {
  if (scope.everything) return Status::Ok();
  return Status::Forbidden(Msg("'{person}' may not read every organization: name one with --org (the role admin reads all)",
                               {{"person", scope.reader}}));
}

}  // namespace docket
