// Docket (docket.h): the door. Opens the store, makes the context and the features' use
// cases over it, and forwards each call to the feature that owns it.
#include "app/docket.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app_context.h"
#include "store/sqlite_store.h"

namespace docket {
namespace {

// "os:NAME" when this process's user owns the file at `path`, "" otherwise.
std::string LocalOwner(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || st.st_uid != ::geteuid()) return "";
  const struct passwd* pw = ::getpwuid(st.st_uid);
  return "os:" + (pw != nullptr ? std::string(pw->pw_name) : std::to_string(st.st_uid));
}

}  // namespace

Docket::Docket(Store& store, const Clock& clock, std::shared_ptr<spdlog::logger> log)
    : context_(std::make_unique<AppContext>(store, clock, std::move(log))),
      findings_(*context_),
      proofs_(*context_),
      items_(*context_, findings_),
      timers_(*context_),
      reports_(*context_, items_, proofs_, findings_),
      config_(*context_, reports_),
      imports_(*context_) {}

Docket::~Docket() = default;

Result<std::unique_ptr<Docket>> Docket::Open(const DocketOptions& options, const Clock& clock,
                                             std::shared_ptr<spdlog::logger> log) {
  SqliteOptions sqlite;
  sqlite.synchronous = options.synchronous;
  sqlite.create = options.create;
  DOCKET_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(options.db, sqlite));
  std::unique_ptr<Store> owned = std::move(store);
  auto docket = std::make_unique<Docket>(*owned, clock, std::move(log));
  docket->owned_store_ = std::move(owned);
  docket->context_->typed_clock = options.typed_clock;
  if (options.local_command_line) docket->context_->local_owner = LocalOwner(options.db);
  return docket;
}

const Clock& Docket::clock() const { return context_->clock; }

Result<std::string> Docket::InitMode(bool simulation) { return context_->InitMode(simulation); }
Result<bool> Docket::IsSimulation() { return context_->IsSimulation(); }

// Configuration. Every write first checks its time (AppContext::CheckWriteTime).
Result<OrgLoadReport> Docket::LoadOrgs(std::string_view yaml_text, const std::string& file, const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return config_.LoadOrgs(yaml_text, file, actor);
}
Result<std::vector<Org>> Docket::ListOrgs() { return config_.ListOrgs(); }
Result<std::vector<Person>> Docket::ListPeople() { return config_.ListPeople(); }
Result<TableLoadReport> Docket::LoadTable(std::string_view yaml_text, const std::string& file, const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return config_.LoadTable(yaml_text, file, actor);
}
Result<LookupTable> Docket::GetTable(const std::string& name) { return config_.GetTable(name); }
Result<WorkflowLoadReport> Docket::LoadWorkflow(std::string_view yaml_text, const std::string& file,
                                                const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return config_.LoadWorkflow(yaml_text, file, actor);
}
Result<std::vector<DefinitionRecord>> Docket::ListWorkflows() { return config_.ListWorkflows(); }
Result<std::shared_ptr<const Definition>> Docket::GetDefinition(const std::string& workflow,
                                                                std::optional<std::int64_t> version) {
  return config_.GetDefinition(workflow, version);
}
Result<std::shared_ptr<const Definition>> Docket::LabelsDefinition(const std::string& workflow,
                                                                   std::int64_t version) {
  return config_.LabelsDefinition(workflow, version);
}
Status Docket::LoadCalendar(std::string_view yaml_text, const std::string& file, ConfigRecorded* recorded,
                            const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return config_.LoadCalendar(yaml_text, file, recorded, actor);
}

// Items.
Result<ActResult> Docket::CreateItem(const CreateRequest& req) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return items_.CreateItem(req);
}
Result<ActResult> Docket::Act(const ActRequest& req) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return items_.Act(req);
}
Result<Item> Docket::GetItem(std::int64_t id) { return items_.GetItem(id); }
Result<std::vector<Item>> Docket::ListItems(const ItemFilter& filter) { return items_.ListItems(filter); }
Result<std::vector<AuditEntry>> Docket::History(std::int64_t id) { return items_.History(id); }
Result<Item> Docket::ItemAsOf(std::int64_t id, TimePoint t) { return items_.ItemAsOf(id, t); }
Result<std::vector<Item>> Docket::ItemsAsOf(const ItemFilter& filter, TimePoint t) {
  return items_.ItemsAsOf(filter, t);
}
Status Docket::Bulk(const std::function<Status()>& fn) { return items_.Bulk(fn); }
Result<std::vector<PublicItem>> Docket::ListPublic(const std::string& org) { return items_.ListPublic(org); }
Result<ImportReport> Docket::ImportItems(const ImportRequest& req) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return imports_.Import(req);
}
Result<Progress> Docket::ProgressOf(const Item& parent, const std::vector<Item>& children) {
  return ProgressOfChildren(*context_, parent, children);
}
Result<Progress> Docket::ItemProgress(std::int64_t id, std::optional<TimePoint> as_of) {
  return ProgressOfItem(*context_, id, as_of);
}

// Timers.
Result<TickReport> Docket::Tick(const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return timers_.Tick(actor);
}
Result<std::vector<Notification>> Docket::Inbox(const std::string& person, bool unread_only) {
  return timers_.Inbox(person, unread_only);
}
Result<int> Docket::MarkRead(const std::string& person) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return timers_.MarkRead(person);
}

// Findings.
Result<std::vector<Finding>> Docket::Findings(const std::string& org, const std::optional<std::string>& term,
                                              std::optional<TimePoint> as_of) {
  return findings_.Findings(org, term, as_of);
}

// Reports.
Result<WorkflowLoadReport> Docket::LoadReport(std::string_view yaml_text, const std::string& file,
                                              const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return reports_.LoadReport(yaml_text, file, actor);
}
void Docket::PrepareReportIndexes(const std::string& report) { reports_.PrepareReportIndexes(report); }
Result<ReportDoc> Docket::Report(const std::string& report, const std::string& org, const std::string& term) {
  return reports_.Report(report, org, term);
}
Result<ReportDoc> Docket::Rollup(const std::string& report, const std::string& org, const std::string& term) {
  return reports_.Rollup(report, org, term);
}
Result<ReportDoc> Docket::SubmittedReport(const std::string& report, const std::string& org, const std::string& term) {
  return reports_.SubmittedReport(report, org, term);
}
Result<ActResult> Docket::ReviewReport(const std::string& report, const std::string& org, const std::string& term,
                                       bool accept, const std::string& comment, const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return reports_.ReviewReport(report, org, term, accept, comment, actor);
}
Result<SubmissionCheck> Docket::VerifySubmission(const std::string& report, const std::string& org,
                                                 const std::string& term,
                                                 const std::optional<std::string>& document_json) {
  return reports_.VerifySubmission(report, org, term, document_json);
}

// Proofs.
Result<VerifyReport> Docket::Verify(const std::optional<std::string>& org) { return proofs_.Verify(org); }
Result<ExportReport> Docket::ExportAudit(const std::string& org, const std::string& path, bool force) {
  return proofs_.ExportAudit(org, path, force);
}
Result<std::vector<TreeExport>> Docket::ExportAuditTree(const std::string& org, const std::string& dir, bool force) {
  return proofs_.ExportAuditTree(org, dir, force);
}
Result<Checkpoint> Docket::MakeCheckpoint(const std::string& org, const std::string& key_path) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return proofs_.MakeCheckpoint(org, key_path);
}
Result<CheckpointProof> Docket::VerifyAgainstCheckpoint(const std::string& checkpoint_path,
                                                        const std::string& trusted_public_hex,
                                                        const std::optional<std::string>& org) {
  return proofs_.VerifyAgainstCheckpoint(checkpoint_path, trusted_public_hex, org);
}
Result<ExportProof> Docket::VerifyExport(const std::string& path, const std::optional<std::string>& checkpoint_path,
                                         const std::string& trusted_public_hex) {
  return ProofUseCases::VerifyExport(path, checkpoint_path, trusted_public_hex);
}
std::vector<Result<ExportVerifyReport>> Docket::VerifyExports(const std::vector<std::string>& paths) {
  return ProofUseCases::VerifyExports(paths);
}

}  // namespace docket
