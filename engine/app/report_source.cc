// DocketReportSource: the report module's reads, answered from the Docket's store,
// definition cache (its context) and findings; and resolving report definitions (loaded,
// else shipped).
#include "app/report_source.h"

#include <spdlog/spdlog.h>

#include <map>
#include <mutex>
#include <set>

#include "app/app_context.h"
#include "app/embedded.h"
#include "app/history.h"
#include "app/time_zones.h"
#include "audit/chain.h"

namespace docket {
namespace {

constexpr std::string_view kReportDir = "workflows/reports/";

// Everything `query` asks, as one text (the items it selects are read ahead by it).
std::string TermKey(const TermItemsQuery& q) {
  std::string key;
  for (const std::string* part : {&q.org, &q.workflow, &q.field, &q.ref, &q.ref_workflow, &q.from, &q.to, &q.created_up_to}) {
    key += *part;
    key += '\n';
  }
  for (const std::string& f : q.fields) key += f + ',';
  return key;
}

ItemRange RangeOf(const TermItemsQuery& query) {
  ItemRange range;
  range.org = query.org;
  range.workflow = query.workflow;
  range.field = query.field;
  range.ref = query.ref;
  range.ref_workflow = query.ref_workflow;
  range.from = query.from;
  range.to = query.to;
  range.created_up_to = query.created_up_to;
  range.fields = query.fields;
  return range;
}

}  // namespace

DocketReportSource::DocketReportSource(AppContext& ctx, FindingUseCases& findings)
    : ctx_(ctx), findings_(findings), store_(ctx.store) {}

DocketReportSource::DocketReportSource(Docket& docket) : DocketReportSource(*docket.context_, docket.findings_) {}

Result<std::shared_ptr<const Definition>> DocketReportSource::Workflow(const std::string& id) {
  if (auto kept = latest_.find(id); kept != latest_.end()) return kept->second;
  DOCKET_ASSIGN_OR_RETURN(std::shared_ptr<const Definition> def, ctx_.GetDefinition(id, std::nullopt));
  latest_[id] = def;
  return def;
}

Result<std::optional<std::string>> DocketReportSource::CalendarText() { return store_.GetCalendar(); }

Result<TimeZone> DocketReportSource::Zone(const std::string& name) { return LoadTimeZone(name); }

Result<Org> DocketReportSource::GetOrg(const std::string& id) { return store_.GetOrg(id); }

Result<std::vector<Org>> DocketReportSource::ListOrgs() { return store_.ListOrgs(); }

Result<Person> DocketReportSource::GetPerson(const std::string& id) { return store_.GetPerson(id); }

Result<std::vector<Item>> DocketReportSource::ItemsInTerm(const TermItemsQuery& query) {
  if (!term_items_.empty()) {
    if (auto kept = term_items_.find(TermKey(query)); kept != term_items_.end()) {
      std::vector<Item> items = std::move(kept->second);
      term_items_.erase(kept);
      return items;
    }
  }
  return store_.ListItemsInRange(RangeOf(query));
}

// Store::ListItemsInRangeOf (one query on PostgreSQL), each org's items kept by its query.
Status DocketReportSource::ReadTermAhead(const TermItemsQuery& query, const std::vector<std::string>& orgs) {
  if (orgs.empty()) return Status::Ok();
  DOCKET_ASSIGN_OR_RETURN(auto items, store_.ListItemsInRangeOf(RangeOf(query), orgs));
  std::map<std::string, std::vector<Item>> by_org;
  for (const std::string& org : orgs) by_org[org];
  for (Item& item : items) {
    auto at = by_org.find(item.org);
    if (at != by_org.end()) at->second.push_back(std::move(item));
  }
  TermItemsQuery one = query;
  for (auto& [org, kept] : by_org) {
    one.org = org;
    term_items_[TermKey(one)] = std::move(kept);
  }
  return Status::Ok();
}

Status DocketReportSource::ReadItemsOfAhead(const std::vector<std::string>& orgs, const std::string& workflow) {
  if (orgs.empty()) return Status::Ok();
  DOCKET_ASSIGN_OR_RETURN(auto items, store_.ListItemsOfOrgs(orgs, workflow, {}));
  for (const std::string& org : orgs) items_of_[{org, workflow}];
  for (Item& item : items) {
    auto at = items_of_.find({item.org, workflow});
    if (at != items_of_.end()) at->second.push_back(std::move(item));
  }
  return Status::Ok();
}

Result<std::vector<Item>> DocketReportSource::ItemsOf(const std::string& org, const std::string& workflow) {
  if (auto kept = items_of_.find({org, workflow}); kept != items_of_.end()) {
    std::vector<Item> items = std::move(kept->second);
    items_of_.erase(kept);
    return items;
  }
  ItemFilter filter;
  filter.org = org;
  filter.workflow = workflow;
  return store_.ListItems(filter);
}

Result<std::vector<Item>> DocketReportSource::ItemsEverNaming(const std::string& org, const std::string& workflow,
                                                              const std::string& field, std::int64_t id) {
  return store_.ListItemsEverNaming(org, workflow, field, id);
}

Result<Item> DocketReportSource::GetItem(std::int64_t id) { return store_.GetItem(id); }

Result<Progress> DocketReportSource::ProgressOf(std::int64_t id) {
  if (auto kept = progress_.find(id); kept != progress_.end()) return kept->second;
  return ProgressOfItem(ctx_, id);
}

Result<std::vector<Item>> DocketReportSource::GetItems(const std::vector<std::int64_t>& ids) {
  return store_.GetItems(ids);
}

// ProgressOfItem for each item, with all their children read in one query
// (Store::ListItemsUnder); the item itself is the one given (its workflow is what counts).
Status DocketReportSource::ReadProgressAhead(const std::vector<Item>& items) {
  std::vector<std::int64_t> ids;
  std::set<std::int64_t> seen;
  for (const Item& item : items) {
    if (!progress_.count(item.id) && seen.insert(item.id).second) ids.push_back(item.id);
  }
  if (ids.empty()) return Status::Ok();
  DOCKET_ASSIGN_OR_RETURN(auto children, store_.ListItemsUnder(ids));
  std::map<std::int64_t, std::vector<Item>> under;
  for (Item& child : children) {
    if (child.parent) under[*child.parent].push_back(std::move(child));
  }
  for (const Item& item : items) {
    if (progress_.count(item.id)) continue;
    DOCKET_ASSIGN_OR_RETURN(auto p, ProgressOfChildren(ctx_, item, under[item.id]));
    progress_.emplace(item.id, std::move(p));
  }
  return Status::Ok();
}

Result<std::map<std::int64_t, std::string>> DocketReportSource::EnteredStates(const std::vector<std::int64_t>& items,
                                                                              const std::vector<std::string>& states) {
  return store_.EnteredStates(items, states);
}

Result<Item> DocketReportSource::ItemAsOf(std::int64_t id, TimePoint t) { return ::docket::ItemAsOf(store_, id, t); }

Result<std::vector<ItemAction>> DocketReportSource::ItemActions(std::int64_t id) {
  DOCKET_ASSIGN_OR_RETURN(auto history, store_.ItemHistory(id));
  std::vector<ItemAction> out;
  for (AuditEntry& e : history) {
    if (e.outcome == "ok") {
      out.push_back({std::move(e.action), std::move(e.time), std::move(e.actor), std::move(e.changes), std::move(e.to_state)});
    }
  }
  return out;
}

Result<bool> DocketReportSource::EnsureFieldIndex(const std::string& workflow, const std::string& field) {
  auto made = store_.EnsureFieldIndex(workflow, field);
  if (!made.ok()) {
    spdlog::debug("no index on {}.{} ({}); reading by scan", workflow, field, made.status().message());
  }
  return made;
}

Result<ChainHead> DocketReportSource::AuditHead(const std::string& org) {
  DOCKET_ASSIGN_OR_RETURN(auto head, store_.GetAuditHead(org));
  return ChainHead{head.seq, head.hash};
}

Result<std::vector<Finding>> DocketReportSource::Findings(const std::string& org, const std::string& term,
                                                          TimePoint now) {
  if (pending_findings_ != nullptr) {
    std::unique_ptr<PendingFindings> pending = std::move(pending_findings_);
    if (pending_for_ == std::tie(org, term, now)) return pending->Wait();
  }
  return findings_.Findings(org, term, now);
}

Status DocketReportSource::FindingsAhead(const std::string& org, const std::string& term, TimePoint now) {
  pending_findings_.reset();
  DOCKET_ASSIGN_OR_RETURN(pending_findings_, findings_.Start(org, term, now));
  pending_for_ = {org, term, now};
  return Status::Ok();
}

std::vector<std::pair<std::string, std::string>> TermIndexes(Docket& docket, const ReportDefinition& def) {
  DocketReportSource source(docket);
  return TermIndexes(source, def);
}

std::vector<std::string> ShippedReportIds() {
  std::vector<std::string> ids;
  for (const auto& f : ShippedFiles()) {
    if (f.path.substr(0, kReportDir.size()) != kReportDir || f.path.size() < kReportDir.size() + 6) continue;
    std::string_view name = f.path.substr(kReportDir.size());
    if (name.substr(name.size() - 5) == ".yaml") ids.emplace_back(name.substr(0, name.size() - 5));
  }
  return ids;
}

Result<ResolvedReport> ResolveReport(Store& store, const std::string& id) {
  DOCKET_ASSIGN_OR_RETURN(auto stored, store.GetReportDefinition(id));
  std::string source, file;
  if (stored) {
    source = stored->source;
    file = id + ".yaml (stored)";
    if (Sha256Hex(source) != stored->content_hash) {
      return Status::Integrity(Msg("report '{report}': the stored definition does not match its content hash", {{"report", id}}));
    }
  } else {
    const EmbeddedFile* shipped = FindShipped(std::string(kReportDir) + id + ".yaml");
    if (shipped == nullptr) {
      std::string known;
      for (const auto& k : ShippedReportIds()) known += (known.empty() ? "" : ", ") + k;
      return Status::NotFound(Msg("no report '{report}' (loaded or shipped: {known})",
                                  {{"report", id}, {"known", known.empty() ? Msg("none") : Msg::Literal(known)}}));
    }
    source = std::string(shipped->text);
    file = std::string(shipped->path);
  }
  // Parsed once per text: the definitions are kept by the SHA-256 of their YAML, so a kept
  // one is always the text's (parsing took ~2 ms of every report and workflow load).
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const ReportDefinition>>* parsed =
      new std::map<std::string, std::shared_ptr<const ReportDefinition>>();  // never destroyed
  const std::string hash = Sha256Hex(source);
  {
    std::lock_guard lock(mu);
    auto it = parsed->find(hash);
    if (it != parsed->end()) return ResolvedReport{it->second, hash};
  }
  std::vector<Diagnostic> diags;
  auto def = ParseReportFile(source, file, &diags);
  if (!def) return Status::Integrity(Msg("report '{report}' does not parse: {errors}", {{"report", id}, {"errors", FormatErrors(diags)}}));
  auto shared = std::make_shared<const ReportDefinition>(std::move(*def));
  std::lock_guard lock(mu);
  if (parsed->size() >= 64) parsed->clear();  // a few reports' versions, in practice
  parsed->emplace(hash, shared);
  return ResolvedReport{shared, hash};
}

}  // namespace docket
