// ProofUseCases::VerifyRules (proofs.h), `audit verify`'s judgement of each chain by the
// rules (audit/rule_replay.h): every "ok" entry of an item is decided again by the core, on
// the stored definition version it names, with the roles its chain's configuration entries
// gave the actor then, and the roles above from the chains of the organizations above.
//
// An item's children are those whose creation entries name it ("$parent", audit/replay.h).
// Who ran a tick ("$run_by") must have held the role admin in an organization without a
// parent then, by every chain's configuration entries; on a simulation no one needs to.
//
// ProofUseCases::VerifyExportRules does the same for an export file, offline, with the
// definitions the file carries, and checks that its chain moves forward only in time
// (audit/time_order.h, as `audit verify` does on the database). The file holds one chain: the roles held above the
// organization are not known from it (an action a role above may take is judged as if the
// actor held it, RuleReplay::unjudged), and nor is who ran a tick, unless this chain's own
// organization has no parent and gave them the role admin.
#include <algorithm>
#include <fstream>
#include <limits>
#include <map>
#include <set>

#include "app/app_context.h"
#include "app/definition_cache.h"
#include "app/proofs.h"
#include "app/time_zones.h"
#include "audit/canonical_json.h"
#include "audit/config_entries.h"
#include "audit/rule_replay.h"
#include "audit/time_order.h"
#include "core/config_fields.h"
#include "definition/workflow_loader.h"

namespace docket {
namespace {

// An organization's configuration entries that say who holds which role there and what its
// parent is, in chain order, each with its time.
struct ConfigTimeline {
  std::vector<std::pair<TimePoint, std::vector<FieldChange>>> entries;
};

// Reads `org`'s timeline from its chain into `timelines` (once).
Status ReadTimeline(Store& store, const std::string& org, std::map<std::string, ConfigTimeline>* timelines) {
  if (!timelines->emplace(org, ConfigTimeline{}).second) return Status::Ok();
  ConfigTimeline& tl = (*timelines)[org];
  return store.ScanAudit(org, 1, std::numeric_limits<std::int64_t>::max(), [&](const AuditEntry& e) {
    if (e.action == kConfigOrgAction && IsConfigEntry(e)) tl.entries.emplace_back(ParseTime(e.time).value_or(TimePoint{}), e.changes);
    return Status::Ok();
  });
}

// The keys "roles.PERSON" and "parent" as `tl` gave them at `time`.
FieldMap ConfigAt(const ConfigTimeline& tl, const std::string& person, TimePoint time) {
  const std::string role_key = "roles." + person;
  FieldMap then;
  for (const auto& [at, changes] : tl.entries) {
    if (at > time) break;
    for (const FieldChange& c : changes) {
      if (c.field != role_key && c.field != "parent") continue;
      if (c.after.is_null()) {
        then.erase(c.field);
      } else {
        then[c.field] = c.after;
      }
    }
  }
  return then;
}

// Whether `person` held the role admin at `time` in an organization that then had no parent,
// by `timelines` (every organization's).
bool AdministratorThen(const std::map<std::string, ConfigTimeline>& timelines, const std::string& person, TimePoint time) {
  for (const auto& [org, tl] : timelines) {
    const FieldMap then = ConfigAt(tl, person, time);
    const std::vector<std::string> roles = RolesFromConfigFields(then, person);
    if (then.count("parent") == 0 && std::find(roles.begin(), roles.end(), kAdminRole) != roles.end()) return true;
  }
  return false;
}

// The roles `person` held at `time` in `org` and the organizations above it, by their
// chains; nullopt when an organization on the way was not read.
std::optional<std::vector<std::string>> RolesAbove(const std::map<std::string, ConfigTimeline>& timelines,
                                                   std::string org, const std::string& person, TimePoint time) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (std::size_t depth = 0; !org.empty() && depth < kMaxOrgDepth && seen.insert(org).second; ++depth) {
    auto tl = timelines.find(org);
    if (tl == timelines.end()) return std::nullopt;
    const FieldMap then = ConfigAt(tl->second, person, time);
    for (std::string& role : RolesFromConfigFields(then, person)) out.push_back(std::move(role));
    auto parent = then.find("parent");
    org = parent != then.end() && parent->second.is_string() ? parent->second.as_string() : std::string();
  }
  return out;
}

}  // namespace

Status ProofUseCases::VerifyRules(const VerifyReport& report) {
  if (report.orgs.empty()) return Status::Ok();
  // The timelines of every organization above a verified one (as stored; a recorded parent
  // outside them leaves the roles above unknown).
  std::map<std::string, ConfigTimeline> timelines;
  for (const std::string& org : report.orgs) {
    Result<std::vector<std::string>> lineage = ctx_.store.OrgAncestry(org);
    if (!lineage.ok()) continue;  // an organization with a chain but no record: nothing above it known
    for (std::size_t i = 1; i < lineage->size(); ++i) DOCKET_RETURN_IF_ERROR(ReadTimeline(ctx_.store, (*lineage)[i], &timelines));
  }
  // Who ran a tick: read from every chain, once, when the first entry by the engine asks. A
  // simulation needs no administrator (only the mark itself is checked).
  DOCKET_ASSIGN_OR_RETURN(bool simulation, ctx_.IsSimulation());
  std::map<std::string, ConfigTimeline> all;
  bool all_read = false;
  Status read_all;
  auto administrator = [&](const std::string& person, TimePoint time) -> std::optional<bool> {
    if (simulation) return true;
    if (!all_read) {
      all_read = true;
      Result<std::vector<std::string>> chains = ctx_.store.AuditOrgs();
      read_all = chains.status();
      for (std::size_t i = 0; read_all.ok() && i < chains->size(); ++i) read_all = ReadTimeline(ctx_.store, (*chains)[i], &all);
    }
    if (!read_all.ok()) return std::nullopt;
    return AdministratorThen(all, person, time);
  };
  DOCKET_ASSIGN_OR_RETURN(RoleLabels labels, ctx_.store.GetRoleLabels());
  for (const std::string& org : report.orgs) {
    RuleSources sources;
    sources.definitions = [this](const std::string& workflow, std::int64_t version) {
      return ctx_.GetDefinition(workflow, version);
    };
    sources.roles_above = [&timelines](const std::string& parent, const std::string& person, TimePoint time) {
      return RolesAbove(timelines, parent, person, time);
    };
    sources.administrator = administrator;
    sources.role_labels = labels;
    sources.zones = [](const std::string& name) { return LoadTimeZone(name); };
    RuleReplay rules(std::move(sources));
    DOCKET_RETURN_IF_ERROR(ctx_.store.ScanAudit(org, 1, std::numeric_limits<std::int64_t>::max(), [&](const AuditEntry& e) {
      Status st = rules.Apply(e);
      if (st.ok() && !read_all.ok()) return read_all;
      if (st.ok() || st.code() != Code::kIntegrity) return st;
      return Status::Integrity(Msg("organization '{org}', entry {seq}: {why}", {{"org", org}, {"seq", e.seq}, {"why", st.msg()}}));
    }));
  }
  return Status::Ok();
}

Status ProofUseCases::VerifyExportRules(const std::string& path, const ExportVerifyReport& file) {
  std::map<std::pair<std::string, std::int64_t>, const ExportDefinition*> listed;
  for (const ExportDefinition& d : file.definitions) listed.emplace(std::make_pair(d.workflow, d.version), &d);
  RuleSources sources;
  sources.definitions = [&](const std::string& workflow, std::int64_t version) -> Result<std::shared_ptr<const Definition>> {
    auto it = listed.find({workflow, version});
    if (it == listed.end()) return Status::NotFound(Msg("the file lists no such definition"));
    const ExportDefinition& d = *it->second;
    if (auto kept = CachedDefinition(d.sha256); kept && kept->id == workflow && kept->version == version) return kept;
    std::vector<Diagnostic> diags;
    auto def = ParseWorkflow(d.source, workflow + ".yaml (exported)", &diags);
    if (!def) return Status::Invalid(Msg("its text does not parse: {errors}", {{"errors", FormatErrors(diags)}}));
    if (def->id != workflow || def->version != version) {
      return Status::Invalid(Msg("its text is workflow '{id}' version {text_version}", {{"id", def->id}, {"text_version", def->version}}));
    }
    return KeepDefinition(d.sha256, std::make_shared<const Definition>(std::move(*def)));
  };
  sources.zones = [](const std::string& name) { return LoadTimeZone(name); };
  RuleReplay rules(std::move(sources));
  ChainTimeOrder time_order;  // the chain moves forward only, as `audit verify` checks it on the database
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Storage(Msg("{file}: cannot open the file", {{"file", path}}));
  std::string line;
  std::getline(in, line);  // the header
  for (std::int64_t seq = 1; seq <= file.header.entries && std::getline(in, line); ++seq) {
    AuditEntry e;
    DOCKET_RETURN_IF_ERROR(ParseEntryLine(line, &e));
    Msg back = time_order.Next(e);
    Status st = back.empty() ? rules.Apply(e) : Status::Integrity(std::move(back));
    if (st.ok()) continue;
    if (st.code() != Code::kIntegrity) return st;
    return Status::Integrity(Msg("{file}, line {line} (entry {seq}): {why}",
                                 {{"file", path}, {"line", seq + 1}, {"seq", seq}, {"why", st.msg()}}));
  }
  return Status::Ok();
}

}  // namespace docket
