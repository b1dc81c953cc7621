// Lock-outs on the record (app/lockouts.h).
#include "app/lockouts.h"

#include <set>

#include "app/app_context.h"
#include "app/message_json.h"
#include "audit/config_entries.h"

namespace docket {
namespace {

constexpr const char* kSignInAction = "$sign-in";

Status AppendLockOut(AppContext& ctx, const std::string& org, const std::string& actor, const Status& why) {
  DOCKET_ASSIGN_OR_RETURN(const TimePoint at, ctx.WriteTime(org));
  AuditEntry e;
  e.org = org;
  e.time = FormatTime(at);
  e.actor = actor;
  e.action = kSignInAction;
  e.outcome = "refused";
  e.reason = RefusalReason(why);
  return ctx.AppendAudit(e);
}

}  // namespace

Status RecordPersonLockOut(AppContext& ctx, const std::string& person, const std::string& address, int failures,
                           std::int64_t minutes) {
  DOCKET_ASSIGN_OR_RETURN(Person who, ctx.store.GetPerson(person));
  const Status why = Status::Refused(
      Msg("{failures} failed sign-ins of '{person}' within {minutes} minutes, the last from {address}: signing in as them is refused until the window has passed",
          {{"failures", failures}, {"person", person}, {"minutes", minutes}, {"address", address}}));
  std::set<std::string> orgs;
  for (const RoleGrant& grant : who.roles) orgs.insert(grant.org);
  for (const std::string& org : orgs) DOCKET_RETURN_IF_ERROR(AppendLockOut(ctx, org, person, why));
  ctx.log->warn("'{}' locked out after {} failed sign-ins (the last from {}): recorded in {} chain(s)", person, failures,
                address, orgs.size());
  return Status::Ok();
}

Status RecordAddressLockOut(AppContext& ctx, const std::string& address, int failures, std::int64_t minutes) {
  const Status why = Status::Refused(
      Msg("{failures} failed sign-ins from {address} within {minutes} minutes: signing in from there is refused until the window has passed",
          {{"failures", failures}, {"address", address}, {"minutes", minutes}}));
  DOCKET_RETURN_IF_ERROR(AppendLockOut(ctx, kInstallationChain, "", why));
  ctx.log->warn("address {} locked out after {} failed sign-ins: recorded in the installation's chain", address, failures);
  return Status::Ok();
}

}  // namespace docket
