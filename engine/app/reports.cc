// ReportUseCases (reports.h, docs/REPORTS.md): load a report definition, derive a report
// or a roll-up, show the kept copy of a submission, accept or return a report, and prove
// which version was submitted.
#include "app/reports.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>

#include "app/app_context.h"
#include "app/items.h"
#include "app/proofs.h"
#include "app/report_source.h"
#include "audit/chain.h"
#include "audit/config_entries.h"
#include "audit/json_value.h"

namespace docket {
namespace {

// The report item of `org` for `term`: NotFound naming what is missing.
Result<Item> FindReportItem(Store& store, const ResolvedReport& report, const std::string& org, const std::string& term) {
  if (!report.def->item) {
    return Status::Invalid(Msg("report '{report}' names no item that carries it upward (its file has no 'item')", {{"report", report.def->id}}));
  }
  const ReportItemRule& rule = *report.def->item;
  ItemFilter filter;
  filter.org = org;
  filter.workflow = rule.workflow;
  DOCKET_ASSIGN_OR_RETURN(auto items, store.ListItems(filter));
  const Item* item = PickReportItem(items, rule, term);
  if (item == nullptr) {
    return Status::NotFound(Msg("organization '{org}' has no {workflow} item for term '{term}'",
                                {{"org", org}, {"workflow", rule.workflow}, {"term", term}}));
  }
  return *item;
}

// A report as it concerns one organization and term: its definition and the item that
// carries it upward. NotFound naming what is missing.
struct ReportTarget {
  ResolvedReport report;
  Item item;
};
Result<ReportTarget> FindTarget(Store& store, const std::string& report, const std::string& org,
                                const std::string& term) {
  if (!store.GetOrg(org).ok()) return Status::NotFound(Msg("no organization '{org}'", {{"org", org}}));
  DOCKET_ASSIGN_OR_RETURN(auto r, ResolveReport(store, report));
  DOCKET_ASSIGN_OR_RETURN(auto item, FindReportItem(store, r, org, term));
  return ReportTarget{std::move(r), std::move(item)};
}

// A document of `report` for `org` over `term`, as `build` makes it from the builder, the
// report's definition and the organization (the semester report or the roll-up).
template <typename Build>
Result<ReportDoc> Built(AppContext& ctx, FindingUseCases& findings, TimePoint now, const std::string& report,
                        const std::string& org, const std::string& term, Build build) {
  auto o = ctx.store.GetOrg(org);
  if (!o.ok()) return Status::NotFound(Msg("no organization '{org}'", {{"org", org}}));
  DOCKET_ASSIGN_OR_RETURN(auto r, ResolveReport(ctx.store, report));
  DocketReportSource source(ctx, findings);
  ReportBuilder builder(source, now);
  DOCKET_RETURN_IF_ERROR(builder.UseTerm(term));
  return build(builder, r, *o);
}

}  // namespace

ReportUseCases::ReportUseCases(AppContext& ctx, ItemUseCases& items, ProofUseCases& proofs,
                               FindingUseCases& findings)
    : ctx_(ctx), items_(items), proofs_(proofs), findings_(findings) {}

Result<WorkflowLoadReport> ReportUseCases::LoadReport(std::string_view yaml_text, const std::string& file,
                                                      const std::string& actor) {
  std::vector<Diagnostic> diags;
  auto def = ParseReportFile(yaml_text, file, &diags);
  if (def) {
    std::map<std::string, std::shared_ptr<const Definition>> seen;
    LintReport(*def, file,
               [&](const std::string& id) -> const Definition* {
                 auto it = seen.find(id);
                 if (it == seen.end()) {
                   auto d = ctx_.GetDefinition(id, std::nullopt);
                   it = seen.emplace(id, d.ok() ? *d : nullptr).first;
                 }
                 return it->second.get();
               },
               &diags);
  }
  if (!def || HasErrors(diags)) return Status::Invalid(FormatErrors(diags));
  DOCKET_ASSIGN_OR_RETURN(std::string admin, ctx_.Administrator(actor));
  DOCKET_RETURN_IF_ERROR(ctx_.CheckAdminScope(admin, AppContext::AdminScope::Installation()));
  DOCKET_ASSIGN_OR_RETURN(auto added, ctx_.store.PutReportDefinition(ctx_.NewRecord(def->id, def->version, yaml_text)));
  ctx_.log->info("report {} v{} {} by {}", def->id, def->version, added ? "loaded" : "already loaded", admin);
  if (added) PrepareReportIndexes(def->id);
  return WorkflowLoadReport{def->id, def->version, added, {}};
}

void ReportUseCases::PrepareReportIndexes(const std::string& report) {
  const std::vector<std::string> ids = report.empty() ? ShippedReportIds() : std::vector<std::string>{report};
  for (const std::string& id : ids) {
    Result<ResolvedReport> r = ResolveReport(ctx_.store, id);
    if (!r.ok()) {
      ctx_.log->debug("report {}: {}; its indexes are made when it is first built", id, r.status().message());
      continue;
    }
    DocketReportSource source(ctx_, findings_);
    for (const auto& [workflow, field] : TermIndexes(source, *r->def)) {
      Result<bool> made = ctx_.store.EnsureFieldIndex(workflow, field);
      if (!made.ok()) ctx_.log->debug("no index on {}.{}: {}", workflow, field, made.status().message());
    }
  }
}

ReportBasis ReportUseCases::BasisOf(const std::string& report, const std::string& org) {
  ReportBasis basis;
  basis.second = std::chrono::duration_cast<std::chrono::seconds>(ctx_.clock.Now().time_since_epoch()).count();
  Result<AuditHead> head = ctx_.store.GetAuditHead(org);
  Result<AuditHead> installation = ctx_.store.GetAuditHead(kInstallationChain);
  Result<std::optional<DefinitionRecord>> stored = ctx_.store.GetReportDefinition(report);
  if (!head.ok() || head->seq == 0 || !installation.ok() || !stored.ok()) return basis;
  basis.record = std::to_string(head->seq) + head->hash + " " + std::to_string(installation->seq) + installation->hash +
                 " " + (*stored ? (*stored)->content_hash : std::string("shipped"));
  return basis;
}

Result<ReportDoc> ReportUseCases::Report(const std::string& report, const std::string& org, const std::string& term) {
  return Built(ctx_, findings_, ctx_.clock.Now(), report, org, term,
               [](ReportBuilder& b, const ResolvedReport& r, const Org& o) { return b.Build(r, o); });
}

Result<ReportDoc> ReportUseCases::Rollup(const std::string& report, const std::string& org, const std::string& term) {
  return Built(ctx_, findings_, ctx_.clock.Now(), report, org, term, BuildRollup);
}

Result<ReportDoc> ReportUseCases::SubmittedReport(const std::string& report, const std::string& org,
                                                  const std::string& term) {
  DOCKET_ASSIGN_OR_RETURN(auto target, FindTarget(ctx_.store, report, org, term));
  const Item* item = &target.item;
  DOCKET_ASSIGN_OR_RETURN(auto def, ctx_.GetDefinition(item->workflow, item->workflow_version));
  const std::string field = ReportHashField(*def);
  auto hash = field.empty() ? item->fields.end() : item->fields.find(field);
  if (hash == item->fields.end() || !hash->second.is_string()) {
    return Status::NotFound(Msg("the report of '{org}' for '{term}' (item #{id}) has not been submitted",
                                {{"org", org}, {"term", term}, {"id", item->id}}));
  }
  DOCKET_ASSIGN_OR_RETURN(auto kept, ctx_.store.GetDocument(hash->second.as_string()));
  if (!kept) return Status::Integrity(Msg("the kept copy of submitted report {hash} is missing", {{"hash", hash->second.as_string()}}));
  if (Sha256Hex(*kept) != hash->second.as_string()) {
    return Status::Integrity(Msg("the kept copy of submitted report {hash} was altered", {{"hash", hash->second.as_string()}}));
  }
  auto j = ParseJson(*kept, "the kept report");
  if (!j.ok()) return Status::Integrity(j.status().message());
  return ReportFromJson(*j);
}

Result<ActResult> ReportUseCases::ReviewReport(const std::string& report, const std::string& org,
                                               const std::string& term, bool accept, const std::string& comment,
                                               const std::string& actor) {
  DOCKET_ASSIGN_OR_RETURN(auto target, FindTarget(ctx_.store, report, org, term));
  const Item* item = &target.item;
  const ReportItemRule& rule = *target.report.def->item;
  FieldTexts fields;
  if (!comment.empty()) fields.emplace_back(rule.comment, comment);
  return items_.Act({item->id, accept ? rule.accept : rule.return_action, fields, std::nullopt, actor});
}

Result<SubmissionCheck> ReportUseCases::VerifySubmission(const std::string& report, const std::string& org,
                                                         const std::string& term,
                                                         const std::optional<std::string>& document_json) {
  DOCKET_ASSIGN_OR_RETURN(auto target, FindTarget(ctx_.store, report, org, term));
  const Item* item = &target.item;
  DOCKET_ASSIGN_OR_RETURN(auto def, ctx_.GetDefinition(item->workflow, item->workflow_version));
  const std::string field = ReportHashField(*def);
  if (field.empty()) {
    return Status::Invalid(Msg("workflow '{workflow}' v{version} records no report hash ($report)",
                               {{"workflow", item->workflow}, {"version", item->workflow_version}}));
  }
  SubmissionCheck check;
  check.item = item->id;
  check.state = item->state;
  // The chain first: the entries below are only evidence if it holds.
  DOCKET_ASSIGN_OR_RETURN(auto verified, proofs_.Verify(org));
  check.chain_entries = verified.entries;
  DOCKET_ASSIGN_OR_RETURN(auto history, ctx_.store.ItemHistory(item->id));
  for (const auto& e : history) {
    if (e.outcome != "ok") continue;
    for (const auto& c : e.changes) {
      if (c.field == field && c.after.is_string()) check.submissions.push_back({e.seq, e.time, e.action, e.actor, c.after.as_string()});
    }
  }
  const Msg what = Msg("the report of '{org}' for '{term}' (item #{id})", {{"org", org}, {"term", term}, {"id", item->id}});
  if (check.submissions.empty()) return Status::NotFound(Msg("{what} has not been submitted", {{"what", what}}));
  const std::string& last = check.submissions.back().hash;
  auto current = item->fields.find(field);
  if (current == item->fields.end() || !current->second.is_string() || current->second.as_string() != last) {
    return Status::Integrity(Msg("{what}: the item's {field} is not the hash its last submission recorded", {{"what", what}, {"field", field}}));
  }
  DOCKET_ASSIGN_OR_RETURN(auto kept, ctx_.store.GetDocument(last));
  if (!kept) {
    return Status::Integrity(Msg("{what}: the kept copy of the submitted report ({hash}) is missing", {{"what", what}, {"hash", last}}));
  }
  if (Sha256Hex(*kept) != last) {
    return Status::Integrity(Msg("{what}: the kept copy of the submitted report was altered", {{"what", what}}));
  }
  if (document_json) {
    DOCKET_ASSIGN_OR_RETURN(auto j, ParseJson(*document_json, "the report document"));
    DOCKET_ASSIGN_OR_RETURN(auto doc, ReportFromJson(j));  // is it a report at all?
    check.file_hash = Sha256Hex(DumpJson(j));  // its canonical form, extra keys and all
    for (std::size_t i = 0; i < check.submissions.size(); ++i) {
      if (check.submissions[i].hash == *check.file_hash) check.file_matches = i;
    }
    if (!check.file_matches) {
      return Status::Integrity(Msg("the document's hash {hash} matches no submission of {what} (last submitted: {last})",
                                   {{"hash", *check.file_hash}, {"what", what}, {"last", last}}));
    }
  }
  return check;
}

}  // namespace docket
