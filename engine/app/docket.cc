// Docket (docket.h): the door. Opens the store, makes the context and the features' use
// cases over it, and forwards each call to the feature that owns it.
#include "app/docket.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app_context.h"
#include "app/lease.h"

namespace docket {
namespace {

// "os:NAME" when this process's user owns the file at `path`, "" otherwise.
std::string LocalOwner(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || st.st_uid != ::geteuid()) return "";
  const struct passwd* pw = ::getpwuid(st.st_uid);
  return kOsUserPrefix + (pw != nullptr ? std::string(pw->pw_name) : std::to_string(st.st_uid));
}

// "os:NAME" of the user this process runs as.
std::string ProcessUser() {
  const struct passwd* pw = ::getpwuid(::geteuid());
  return kOsUserPrefix + (pw != nullptr ? std::string(pw->pw_name) : std::to_string(::geteuid()));
}

// The reader's scope when reads are checked (AppContext::reader), with `org` among what they
// may read when given (a read of `what` there: refused, it is recorded, RefuseRead); nullopt
// when reads are not checked.
Result<std::optional<ReadScope>> Reading(AppContext& c, const std::optional<std::string>& org = std::nullopt,
                                         std::string_view what = "") {
  if (!c.reader) return std::optional<ReadScope>();
  Result<ReadScope> scope = c.Reader(*c.reader, org);
  if (!scope.ok()) return org ? c.RefuseRead(scope.status(), *org, 0, what) : scope.status();
  return std::optional<ReadScope>(std::move(scope).value());
}

// `got` when `scope` (when reads are checked) covers the organization `org_of` names in it;
// the refusal, recorded about item `item_id`, otherwise.
template <typename T, typename OrgOf>
Result<T> Readable(AppContext& c, const std::optional<ReadScope>& scope, Result<T> got, OrgOf org_of, std::int64_t item_id) {
  if (!scope || !got.ok()) return got;
  const std::string* org = org_of(*got);
  if (org) {
    if (Status may = c.MayRead(*scope, *org); !may.ok()) return c.RefuseRead(may, *org, item_id, "item");
  }
  return got;
}

// A listing narrowed to what `scope` covers (all of it when reads are not checked).
template <typename T, typename OrgOf>
Result<std::vector<T>> Narrowed(const std::optional<ReadScope>& scope, Result<std::vector<T>> got, OrgOf org_of) {
  if (!scope || scope->everything || !got.ok()) return got;
  std::vector<T> kept;
  for (T& x : *got) {
    if (org_of(x)) kept.push_back(std::move(x));
  }
  return kept;
}

const std::string* ItemOrg(const Item& item) { return &item.org; }

// A whole-database read (verify without an organization) needs a reader of everything.
Status MayVerify(AppContext& c, const std::optional<std::string>& org) {
  DOCKET_ASSIGN_OR_RETURN(auto scope, Reading(c, org, "verify"));
  return scope && !org ? c.MayReadAll(*scope) : Status::Ok();
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
      imports_(*context_),
      accounts_(*context_),
      attachments_(*context_) {}

Docket::~Docket() = default;

Result<std::unique_ptr<Docket>> Docket::Open(const DocketOptions& options, const Clock& clock,
                                             std::shared_ptr<spdlog::logger> log) {
  DOCKET_ASSIGN_OR_RETURN(std::unique_ptr<Store> owned, OpenStore(options.db, options.create, options.synchronous, options.fault_hook));
  auto docket = std::make_unique<Docket>(*owned, clock, std::move(log));
  docket->owned_store_ = std::move(owned);
  docket->context_->typed_clock = options.typed_clock;
  if (options.local_command_line) {
    docket->context_->local_owner = LocalOwner(options.db);
    docket->context_->via = ProcessUser();
  }
  docket->context_->reader = options.reader;
  docket->rollups_ = options.rollups;
  return docket;
}

Result<MigrateReport> Docket::Migrate(const std::string& from, const std::string& to, const Clock& clock,
                                      std::shared_ptr<spdlog::logger> log) {
  DOCKET_ASSIGN_OR_RETURN(DatabaseUrl source, ParseDatabaseUrl(from));
  DOCKET_ASSIGN_OR_RETURN(DatabaseUrl target, ParseDatabaseUrl(to));
  if (source.db == target.db) {
    return Status::Invalid(Msg("migrate copies from one database to another; '{db}' was given as both", {{"db", source.name}}));
  }
  DOCKET_ASSIGN_OR_RETURN(std::unique_ptr<Store> from_store, OpenStore(source.db, /*create=*/false));
  DOCKET_RETURN_IF_ERROR(Docket(*from_store, clock, log).Verify(std::nullopt).status());
  DOCKET_ASSIGN_OR_RETURN(std::unique_ptr<Store> to_store, OpenStore(target.db, /*create=*/true));
  DOCKET_ASSIGN_OR_RETURN(MigrateReport report, CopyStore(*from_store, *to_store, target.name, FormatTime(clock.Now())));
  report.from = source.name;
  DOCKET_RETURN_IF_ERROR(Docket(*to_store, clock, log).Verify(std::nullopt).status());
  return report;
}

const Clock& Docket::clock() const { return context_->clock; }

Result<std::string> Docket::InitMode(bool simulation) { return context_->InitMode(simulation); }
Result<bool> Docket::IsSimulation() { return context_->IsSimulation(); }
Status Docket::Ping() { return context_->store.GetSetting("mode").status(); }
bool Docket::WritersTakeTurns() const { return context_->store.SerializesWriters(); }

// Configuration. Every write first checks its time (AppContext::CheckWriteTime).
Result<OrgLoadReport> Docket::LoadOrgs(std::string_view yaml_text, const std::string& file, const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return config_.LoadOrgs(yaml_text, file, actor);
}
Result<std::vector<Org>> Docket::ListOrgs() { return config_.ListOrgs(); }
// The people holding a role in an organization the reader may read, with those roles only.
Result<std::vector<Person>> Docket::ListPeople() {
  DOCKET_ASSIGN_OR_RETURN(auto scope, Reading(*context_));
  return Narrowed(scope, config_.ListPeople(), [&](Person& p) {
    std::erase_if(p.roles, [&](const RoleGrant& g) { return !scope->Covers(g.org); });
    return !p.roles.empty();
  });
}
Result<std::vector<Person>> Docket::ListPeopleIn(const std::string& org) {
  DOCKET_ASSIGN_OR_RETURN(auto scope, Reading(*context_, org, "people"));
  return Narrowed(scope, context_->store.ListPeopleIn(org), [&](Person& p) {
    std::erase_if(p.roles, [&](const RoleGrant& g) { return !scope->Covers(g.org); });
    return !p.roles.empty();
  });
}
Result<std::vector<Org>> Docket::GetOrgs(const std::vector<std::string>& ids) {
  std::vector<Org> out;
  for (const std::string& id : ids) {
    DOCKET_ASSIGN_OR_RETURN(Org org, context_->store.GetOrg(id));
    out.push_back(std::move(org));
  }
  return out;
}
Result<TableLoadReport> Docket::LoadTable(std::string_view yaml_text, const std::string& file, const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return config_.LoadTable(yaml_text, file, actor);
}
Result<LookupTable> Docket::GetTable(const std::string& name) { return config_.GetTable(name); }
Result<OrgLoadReport> Docket::ImportRoster(std::string_view csv_text, const std::string& file, const std::string& org,
                                          const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return config_.ImportRoster(csv_text, file, org, actor);
}
Result<TableLoadReport> Docket::ImportMatterList(std::string_view csv_text, const std::string& file,
                                                 const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return config_.ImportMatterList(csv_text, file, actor);
}
Result<std::string> Docket::ExportRoster(const std::string& org, const std::string& actor) {
  return config_.ExportRoster(org, actor);
}
Result<std::string> Docket::ExportMatterList(const std::string& actor) { return config_.ExportMatterList(actor); }
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
// Reads of items: the reader is known first (a read without one is refused before anything is
// looked up), then the item's organization is one they may read; a listing without an
// organization is narrowed to theirs.
Result<Item> Docket::GetItem(std::int64_t id) {
  DOCKET_ASSIGN_OR_RETURN(auto scope, Reading(*context_));
  return Readable(*context_, scope, items_.GetItem(id), ItemOrg, id);
}
Result<std::vector<OfferedAction>> Docket::ActionsFor(const Item& item, const std::string& person) {
  return items_.ActionsFor(item, person);
}
Result<ActionJudgement> Docket::JudgeAction(const ActRequest& req) {
  DOCKET_RETURN_IF_ERROR(GetItem(req.item).status());
  return items_.JudgeAction(req);
}
Result<std::vector<RoleGrant>> Docket::RolesOf(const std::string& person) {
  DOCKET_ASSIGN_OR_RETURN(auto scope, Reading(*context_));
  if (scope && scope->reader != person) DOCKET_RETURN_IF_ERROR(context_->MayReadAll(*scope));
  DOCKET_ASSIGN_OR_RETURN(Person p, context_->store.GetPerson(person));
  return p.roles;
}
Result<std::vector<Item>> Docket::ListItems(const ItemFilter& filter) {
  DOCKET_ASSIGN_OR_RETURN(auto scope, Reading(*context_, filter.org, "items"));
  return Narrowed(scope, items_.ListItems(filter), [&](const Item& i) { return scope->Covers(i.org); });
}
Result<TimeZone> Docket::ZoneOf(const std::string& org) { return context_->ZoneOf(org); }

Result<std::vector<AuditEntry>> Docket::History(std::int64_t id) {
  DOCKET_ASSIGN_OR_RETURN(auto scope, Reading(*context_));
  return Readable(
      *context_, scope, items_.History(id),
      [](const std::vector<AuditEntry>& entries) { return entries.empty() ? nullptr : &entries.front().org; }, id);
}
Result<Item> Docket::ItemAsOf(std::int64_t id, TimePoint t) {
  DOCKET_ASSIGN_OR_RETURN(auto scope, Reading(*context_));
  return Readable(*context_, scope, items_.ItemAsOf(id, t), ItemOrg, id);
}
Result<std::vector<Item>> Docket::ItemsAsOf(const ItemFilter& filter, TimePoint t) {
  DOCKET_ASSIGN_OR_RETURN(auto scope, Reading(*context_, filter.org, "items"));
  return Narrowed(scope, items_.ItemsAsOf(filter, t), [&](const Item& i) { return scope->Covers(i.org); });
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
  DOCKET_ASSIGN_OR_RETURN(auto scope, Reading(*context_));
  if (scope) DOCKET_RETURN_IF_ERROR(Readable(*context_, scope, items_.GetItem(id), ItemOrg, id).status());
  return ProgressOfItem(*context_, id, as_of);
}

// Attachments: the item is read first, as GetItem reads it.
AttachmentPolicy& Docket::attachment_policy() { return attachments_.policy; }
Result<AttachmentLink> Docket::Attach(const AttachRequest& req) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  DOCKET_RETURN_IF_ERROR(GetItem(req.item).status());
  return attachments_.Attach(req);
}
Result<std::vector<AttachmentLink>> Docket::Attachments(std::int64_t item) {
  DOCKET_RETURN_IF_ERROR(GetItem(item).status());
  return attachments_.List(item);
}
Result<AttachedFile> Docket::AttachmentFile(std::int64_t item, const std::string& hash) {
  DOCKET_RETURN_IF_ERROR(GetItem(item).status());
  return attachments_.Fetch(item, hash);
}

// Timers.
Result<TickReport> Docket::Tick(const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return timers_.Tick(actor);
}
Result<std::vector<Notification>> Docket::Inbox(const std::string& person, bool unread_only) {
  // Each person reads their own notifications; the role admin reads anyone's.
  DOCKET_ASSIGN_OR_RETURN(auto scope, Reading(*context_));
  if (scope && !person.empty() && scope->reader != person) DOCKET_RETURN_IF_ERROR(context_->MayReadAll(*scope));
  return timers_.Inbox(person, unread_only);
}
Result<DeliveryRound> Docket::Deliver(Sender& sender, const DeliveryPolicy& policy) {
  return DeliverDue(*context_, sender, policy);
}
Result<bool> Docket::TakeLease(const std::string& name, const std::string& holder, std::chrono::seconds duration) {
  return docket::TakeLease(*context_, name, holder, duration);
}

AccountPolicy& Docket::account_policy() { return accounts_.policy; }
Result<IssuedInvitation> Docket::Invite(const std::string& person, const std::string& admin) {
  return accounts_.Invite(person, admin);
}
Result<std::string> Docket::AcceptInvitation(const std::string& token, const std::string& password) {
  return accounts_.AcceptInvitation(token, password);
}
Result<SignedIn> Docket::SignIn(const std::string& person, const std::string& password, const std::string& address) {
  return accounts_.SignIn(person, password, address);
}
Result<Caller> Docket::SessionCaller(const std::string& session) { return accounts_.SessionCaller(session); }
Status Docket::SignOut(const std::string& session, bool everywhere) { return accounts_.SignOut(session, everywhere); }
Result<IssuedToken> Docket::CreateToken(const std::string& person, const std::string& org, const std::string& scope,
                                        int days, const std::string& issuer) {
  return accounts_.CreateToken(person, org, scope, days, issuer);
}
Result<std::vector<TokenInfo>> Docket::ListTokens(const std::string& person, const std::string& by) {
  return accounts_.ListTokens(person, by);
}
Status Docket::RevokeToken(const std::string& id, const std::string& by) { return accounts_.RevokeToken(id, by); }
Result<Caller> Docket::TokenCaller(const std::string& token) { return accounts_.TokenCaller(token); }
Result<std::vector<AccountInfo>> Docket::ListAccounts(const std::string& by) { return accounts_.ListAccounts(by); }

void Docket::ActFor(const std::optional<Caller>& caller) {
  context_->reader = caller ? caller->person : std::string();
  context_->via = caller ? caller->via : std::string();
  context_->only_org = caller ? caller->org : std::string();
}

Result<int> Docket::MarkRead(const std::string& person) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return timers_.MarkRead(person);
}

// Findings.
Result<std::vector<Finding>> Docket::Findings(const std::string& org, const std::optional<std::string>& term,
                                              std::optional<TimePoint> as_of) {
  DOCKET_RETURN_IF_ERROR(Reading(*context_, org, "findings").status());
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
  DOCKET_RETURN_IF_ERROR(Reading(*context_, org, "report").status());
  return reports_.Report(report, org, term);
}
Result<ReportBasis> Docket::BasisOfReport(const std::string& report, const std::string& org) {
  DOCKET_RETURN_IF_ERROR(Reading(*context_, org, "report").status());
  return reports_.BasisOf(report, org);
}
Result<ReportDoc> Docket::Rollup(const std::string& report, const std::string& org, const std::string& term) {
  DOCKET_ASSIGN_OR_RETURN(KeptReport kept, RollupKept(report, org, term));
  return *kept.doc;
}
Result<KeptReport> Docket::RollupKept(const std::string& report, const std::string& org, const std::string& term) {
  DOCKET_RETURN_IF_ERROR(Reading(*context_, org, "rollup").status());
  if (rollups_) return KeptRollup(report, org, term);
  return FreshRollup(report, org, term);
}
Result<ReportDoc> Docket::SubmittedReport(const std::string& report, const std::string& org, const std::string& term) {
  DOCKET_RETURN_IF_ERROR(Reading(*context_, org, "report").status());
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
  DOCKET_RETURN_IF_ERROR(Reading(*context_, org, "report").status());
  return reports_.VerifySubmission(report, org, term, document_json);
}

// Proofs.
Result<VerifyReport> Docket::Verify(const std::optional<std::string>& org) {
  DOCKET_RETURN_IF_ERROR(MayVerify(*context_, org));
  return proofs_.Verify(org);
}
Result<ExportReport> Docket::ExportAudit(const std::string& org, const std::string& path, bool force) {
  DOCKET_RETURN_IF_ERROR(Reading(*context_, org, "export").status());
  return proofs_.ExportAudit(org, path, force);
}
Result<std::vector<TreeExport>> Docket::ExportAuditTree(const std::string& org, const std::string& dir, bool force) {
  // Whoever reads an organization reads every one below it.
  DOCKET_RETURN_IF_ERROR(Reading(*context_, org, "export").status());
  return proofs_.ExportAuditTree(org, dir, force);
}
Result<Checkpoint> Docket::MakeCheckpoint(const std::string& org, const SigningKey& key) {
  DOCKET_RETURN_IF_ERROR(Reading(*context_, org, "checkpoint").status());
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return proofs_.MakeCheckpoint(org, key);
}
Result<Checkpoint> Docket::MakeCheckpoint(const std::string& org, const std::string& key_path) {
  DOCKET_RETURN_IF_ERROR(Reading(*context_, org, "checkpoint").status());
  DOCKET_ASSIGN_OR_RETURN(SigningKey key, LoadKey(key_path, /*create=*/true, ""));
  return MakeCheckpoint(org, key);
}
Result<CheckpointProof> Docket::VerifyAgainstCheckpoint(const std::string& checkpoint_path,
                                                        const std::string& trusted_public_hex,
                                                        const std::optional<std::string>& org) {
  DOCKET_RETURN_IF_ERROR(MayVerify(*context_, org));
  return proofs_.VerifyAgainstCheckpoint(checkpoint_path, trusted_public_hex, org);
}
Result<ExportProof> Docket::VerifyExport(const std::string& path, const std::optional<std::string>& checkpoint_path,
                                         const std::string& trusted_public_hex) {
  return ProofUseCases::VerifyExport(path, checkpoint_path, trusted_public_hex);
}
std::vector<Result<ExportVerifyReport>> Docket::VerifyExports(const std::vector<std::string>& paths) {
  return ProofUseCases::VerifyExports(paths);
}
Result<PinnedKey> Docket::PinKey(const std::string& org, const std::string& key, const std::string& actor) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return proofs_.PinKey(org, key, actor);
}
Result<ReceivedCheckpoints> Docket::ReceiveCheckpoint(std::string_view text, const std::string& from) {
  DOCKET_RETURN_IF_ERROR(context_->CheckWriteTime());
  return proofs_.ReceiveCheckpoint(text, from);
}
Result<std::vector<ReceivedCheckpoints>> Docket::Pins() {
  DOCKET_RETURN_IF_ERROR(MayVerify(*context_, std::nullopt));
  return proofs_.Pins();
}

}  // namespace docket
