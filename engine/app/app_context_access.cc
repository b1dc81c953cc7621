// AppContext (app_context.h): the database's mode, the time of a write, administrators, and
// each chain moving forward only.
//
// A simulation database (docket init --simulation) lets the caller fix the clock for writes
// (the demo, tests, rehearsals); a real one records every write at the time it is made. On
// a real database configuration loads and ticks need an administrator: a person holding the
// role "admin", or the operating-system user who owns the database file, acting on the
// local command line. A person's admin role reaches the organization that holds it and every
// organization below it; what every organization runs under (workflows, the calendar,
// reports, ticks) needs it in a root organization.
#include <limits>
#include <set>

#include "app/app_context.h"

namespace docket {
namespace {

constexpr const char* kModeKey = "mode";
constexpr const char* kSimulation = "simulation";
constexpr const char* kReal = "real";

// Whether `t` is written as FormatTime writes a time in the years 0000-9999, fixed width in
// UTC ("2026-12-07T08:39:23Z"): two such texts compare as their times do.
bool IsFixedUtc(std::string_view t) {
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') {
    return false;
  }
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  return true;
}

// Whether the time `later` is before `earlier`; false when either is not a time.
bool MovesBack(std::string_view earlier, std::string_view later) {
  if (IsFixedUtc(earlier) && IsFixedUtc(later) && later >= earlier) return false;  // the usual case, unparsed
  const std::optional<TimePoint> then = ParseTime(earlier);
  const std::optional<TimePoint> now = ParseTime(later);
  return then && now && *now < *then;
}

}  // namespace

Result<bool> AppContext::IsSimulation() {
  if (simulation_) return *simulation_;
  DOCKET_ASSIGN_OR_RETURN(std::optional<std::string> mode, store.GetSetting(kModeKey));
  if (!mode) return false;  // not yet set: real until `init` says otherwise
  simulation_ = *mode == kSimulation;
  return *simulation_;
}

Result<std::string> AppContext::InitMode(bool simulation) {
  std::string mode;
  DOCKET_RETURN_IF_ERROR(store.Transact([&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(std::optional<std::string> stored, store.GetSetting(kModeKey));
    if (!stored) {
      // A database written before its mode was set is real.
      DOCKET_ASSIGN_OR_RETURN(std::vector<std::string> chains, store.AuditOrgs());
      if (!chains.empty()) stored = kReal;
    }
    if (stored) {
      if (simulation && *stored != kSimulation) {
        return Status::Conflict(Msg("this database is real: it cannot become a simulation (make a new one with docket init --simulation)"));
      }
      mode = *stored;
    } else {
      mode = simulation ? kSimulation : kReal;
    }
    return store.PutSetting(kModeKey, mode);
  }));
  simulation_ = mode == kSimulation;
  return mode;
}

Status AppContext::CheckWriteTime() {
  if (!typed_clock) return Status::Ok();
  DOCKET_ASSIGN_OR_RETURN(bool simulation, IsSimulation());
  if (simulation) return Status::Ok();
  return Status::Invalid(Msg("this database is real: a write happens at the time it is made, and a fixed time (--now) is only for a simulation database (docket init --simulation); reads may still look back with --as-of"));
}

Result<std::string> AppContext::Administrator(const std::string& person, bool even_simulation) {
  DOCKET_ASSIGN_OR_RETURN(bool simulation, IsSimulation());
  if (person.empty()) {
    // A simulation records no one it was not told of: its record does not depend on which
    // account ran it.
    if (simulation) return std::string();
    if (!local_owner.empty()) return local_owner;
    return Status::Forbidden(Msg("no administrator: on a real database this needs --as PERSON with the role admin, or the operating-system user who owns the database file"));
  }
  if (simulation && !even_simulation && !SignedIn()) return person;
  Result<Person> found = store.GetPerson(person);
  if (!found.ok() && found.status().code() != Code::kNotFound) return found.status();
  if (found.ok()) {
    for (const RoleGrant& grant : found->roles) {
      if (grant.role == kAdminRole) return person;
    }
  }
  return Status::Forbidden(Msg("'{person}' is not an administrator: this needs a person with the role admin in the organization file, or, on the command line of a real database, the operating-system user who owns the database file",
                               {{"person", person}}));
}

Status AppContext::CheckAdminScope(const std::string& admin, const AdminScope& scope, bool even_simulation) {
  DOCKET_ASSIGN_OR_RETURN(bool simulation, IsSimulation());
  if ((simulation && !even_simulation && !SignedIn()) || admin.empty() || admin == local_owner) return Status::Ok();
  DOCKET_ASSIGN_OR_RETURN(Person person, store.GetPerson(admin));
  std::set<std::string> held;
  for (const RoleGrant& grant : person.roles) {
    if (grant.role == kAdminRole) held.insert(grant.org);
  }
  if (scope.installation) {
    for (const std::string& org : held) {
      Result<Org> stored = store.GetOrg(org);
      if (!stored.ok() && stored.status().code() != Code::kNotFound) return stored.status();
      if (stored.ok() && !stored->parent) return Status::Ok();
    }
    return Status::Forbidden(Msg("'{person}' is not an administrator of the whole installation: this needs the role admin in a root organization (one without a parent)",
                                 {{"person", admin}}));
  }
  for (const std::string& org : scope.orgs) {
    // The organization and those above it: as stored, or, for a new one, through the
    // parents the file gives until a stored one.
    std::vector<std::string> lineage;
    std::string at = org;
    for (std::size_t depth = 0; !at.empty() && depth < kMaxOrgDepth; ++depth) {
      Result<std::vector<std::string>> stored = store.OrgAncestry(at);
      if (stored.ok()) {
        lineage.insert(lineage.end(), stored->begin(), stored->end());
        break;
      }
      if (stored.status().code() != Code::kNotFound) return stored.status();
      lineage.push_back(at);
      auto parent = scope.new_parents.find(at);
      at = parent == scope.new_parents.end() ? std::string() : parent->second;
    }
    bool may = false;
    for (const std::string& above : lineage) may = may || held.count(above) > 0;
    if (!may) {
      return Status::Forbidden(Msg("'{person}' is not an administrator of organization '{org}': changing it needs the role admin there or in an organization above it",
                                   {{"person", admin}, {"org", org}}));
    }
  }
  return Status::Ok();
}

bool AppContext::SignedIn() const { return !via.empty() && via.rfind(kOsUserPrefix, 0) != 0; }

Result<TimePoint> AppContext::WriteTime(const std::string& org) {
  if (!store.SerializesWriters()) DOCKET_RETURN_IF_ERROR(store.GetAuditHead(org).status());
  return clock.Now();
}

Status AppContext::AppendAudit(AuditEntry& e) {
  DOCKET_ASSIGN_OR_RETURN(AuditHead head, store.GetAuditHead(e.org));
  if (head.seq > 0 && MovesBack(head.time, e.time)) {
    return Status::Invalid(Msg("organization '{org}': its audit log's last entry is at {last}; an entry at {time} would move it back in time (each organization's log moves forward only)",
                               {{"org", e.org}, {"last", head.time}, {"time", e.time}}));
  }
  if (!via.empty() && !e.actor.empty() && e.actor != kEngineActor && e.actor.rfind(kOsUserPrefix, 0) != 0) {
    e.changes.push_back({kViaField, Value(), Value(via)});
  }
  // Store::AppendAudit, with the head read above: linked after it, appended if it is still
  // the head (else Conflict).
  LinkEntry(e, head.seq, head.hash);
  return store.AppendLinked(e);
}

}  // namespace docket
