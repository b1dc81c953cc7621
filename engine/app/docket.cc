#include "app/docket.h"

#include <algorithm>

#include "audit/chain.h"
#include "app/definition_cache.h"
#include "app/history.h"
#include "definition/workflow_loader.h"
#include "store/sqlite_store.h"

namespace docket {
Docket::Docket(Store& store, const Clock& clock, std::shared_ptr<spdlog::logger> log)
    : store_(store), clock_(clock), log_(std::move(log)) {}

Docket::~Docket() = default;

Result<std::unique_ptr<Docket>> Docket::Open(const DocketOptions& options, const Clock& clock,
                                             std::shared_ptr<spdlog::logger> log) {
  SqliteOptions sqlite;
  sqlite.synchronous = options.synchronous;
  auto store = SqliteStore::Open(options.db, sqlite);
  if (!store.ok()) return store.status();
  std::unique_ptr<Store> owned = std::move(store).value();
  auto docket = std::make_unique<Docket>(*owned, clock, std::move(log));
  docket->owned_store_ = std::move(owned);
  return docket;
}

Result<Item> Docket::ItemAsOf(std::int64_t id, TimePoint t) { return docket::ItemAsOf(store_, id, t); }

Result<std::vector<Item>> Docket::ItemsAsOf(const ItemFilter& filter, TimePoint t) {
  return docket::ItemsAsOf(store_, filter, t);
}

Result<LookupTable> Docket::GetTable(const std::string& name) { return store_.GetTable(name); }

Result<std::vector<Org>> Docket::ListOrgs() { return store_.ListOrgs(); }
Result<std::vector<Person>> Docket::ListPeople() { return store_.ListPeople(); }

DefinitionRecord Docket::NewRecord(const std::string& id, std::int64_t version, std::string_view yaml_text) const {
  return {id, version, Sha256Hex(yaml_text), std::string(yaml_text), FormatTime(clock_.Now())};
}

Result<WorkflowLoadReport> Docket::LoadWorkflow(std::string_view yaml_text, const std::string& file) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(yaml_text, file, &diags);
  if (def) LintWorkflow(*def, file, &diags);
  if (!def || HasErrors(diags)) return Status::Invalid(FormatErrors(diags));
  auto added = store_.PutDefinition(NewRecord(def->id, def->version, yaml_text));
  if (!added.ok()) return added.status();
  WorkflowLoadReport report;
  report.workflow = def->id;
  report.version = def->version;
  report.added = *added;
  for (auto& d : diags) report.warnings.push_back(std::move(d));
  log_->info("workflow {} v{} {}", def->id, def->version, *added ? "loaded" : "already loaded");
  if (*added) PrepareReportIndexes();
  return report;
}

Result<std::vector<DefinitionRecord>> Docket::ListWorkflows() { return store_.ListDefinitions(); }

Result<std::shared_ptr<const Definition>> Docket::GetDefinition(const std::string& workflow,
                                                                std::optional<std::int64_t> version) {
  if (version) {
    auto it = definitions_.find({workflow, *version});
    if (it != definitions_.end()) return it->second;
  }
  auto rec = store_.GetDefinition(workflow, version);
  if (!rec.ok()) return rec.status();
  auto it = definitions_.find({workflow, rec->version});
  if (it != definitions_.end()) return it->second;
  // The text of a hash already checked and parsed in this process is not read again.
  if (auto kept = CachedDefinition(rec->content_hash); kept && kept->id == workflow && kept->version == rec->version) {
    definitions_[{workflow, rec->version}] = kept;
    return kept;
  }
  if (Sha256Hex(rec->source) != rec->content_hash) {
    return Status::Integrity("workflow '" + workflow + "' version " + std::to_string(rec->version) +
                             ": stored source does not match its content hash");
  }
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(rec->source, workflow + ".yaml (stored)", &diags);
  if (!def) return Status::Integrity("stored workflow does not parse: " + FormatErrors(diags));
  auto shared = KeepDefinition(rec->content_hash, std::make_shared<const Definition>(std::move(*def)));
  definitions_[{workflow, rec->version}] = shared;
  return shared;
}

Result<std::vector<PublicItem>> Docket::ListPublic(const std::string& org) {
  if (!store_.GetOrg(org).ok()) return Status::NotFound("no organization '" + org + "'");
  ItemFilter filter;
  filter.org = org;
  auto items = store_.ListItems(filter);
  if (!items.ok()) return items.status();
  std::vector<PublicItem> out;
  for (const auto& item : *items) {
    auto def = GetDefinition(item.workflow, item.workflow_version);
    if (!def.ok()) return def.status();
    const auto& pub = (*def)->publish;
    if (!pub) continue;
    auto flag = item.fields.find(pub->flag);
    if (flag == item.fields.end() || !flag->second.is_bool() || !flag->second.as_bool()) continue;
    PublicItem p{item, *def};
    p.item.fields.clear();
    for (const auto& name : pub->fields) {
      auto it = item.fields.find(name);
      if (it != item.fields.end()) p.item.fields[name] = it->second;
    }
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(),
            [](const PublicItem& a, const PublicItem& b) { return a.item.updated_at > b.item.updated_at; });
  return out;
}

Result<VerifyReport> Docket::Verify(const std::optional<std::string>& org) {
  if (org && !store_.GetOrg(*org).ok()) return Status::NotFound("no organization '" + *org + "'");
  Result<VerifyReport> report = VerifyAudit(store_, org);
  if (!report.ok()) return report;
  DOCKET_RETURN_IF_ERROR(VerifyConfig(*report));
  return report;
}

}  // namespace docket
