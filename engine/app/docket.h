// Docket: the application layer — every use case the CLI and the server offer.
//
// It ties the pure core, the YAML loaders and a Store together and adds what none of them
// knows: who the actor is and which roles they hold where, which definition version an
// item runs on, and that every change and every refusal lands in the audit log in the same
// transaction as the item. Time comes from the injected Clock. Not thread-safe: one Docket
// per thread (the Store serialises writers across processes).
//
// Docket is the one door: it owns the context the use cases share (app_context.h) and one
// object of each feature's use cases, and forwards every call to the feature that owns it;
// the feature headers document each use case:
//   items.h          create, act, read, history, as-of history, bulk, public listing
//   import.h         the audited import of records from before Docket
//   progress.h       a decision's progress over its tasks
//   configuration.h  organizations, tables, workflows and the calendar; definitions
//   timers.h         tick, inbox, mark read
//   findings.h       compliance findings
//   reports.h        reports, roll-ups, submissions and their review and proof
//   proofs.h         verify, export, checkpoints and verification against them
//   accounts.h       invitations, passwords, sessions and API tokens
//   attachments.h    files attached to items
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/logger.h>

#include "app/accounts.h"
#include "app/attachments.h"
#include "app/audit_proof.h"
#include "app/configuration.h"
#include "app/delivery.h"
#include "app/findings.h"
#include "app/import.h"
#include "app/items.h"
#include "app/migrate.h"
#include "app/progress.h"
#include "app/proofs.h"
#include "app/report.h"
#include "app/reports.h"
#include "app/timers.h"
#include "core/clock.h"
#include "core/time_zone.h"
#include "core/definition.h"
#include "core/finding.h"
#include "core/item.h"
#include "core/org.h"
#include "core/status.h"
#include "core/timer.h"
#include "core/transition.h"
#include "definition/diagnostic.h"
#include "store/audit_verify.h"
#include "store/store.h"

namespace docket {

class AppContext;
class RollupCache;

// How to open the application on a database file (Docket::Open).
struct DocketOptions {
  // The SQLite file, or a postgresql:// (postgres://) URL; migrated when older than the program.
  std::string db = "docket.db";
  std::string synchronous = "FULL";  // FULL, NORMAL or OFF (SQLite's durability setting)
  // Create the file (mode 0600) when missing: `docket init` and the demo. Otherwise a
  // missing or empty file is NotFound.
  bool create = false;
  // The clock was fixed by the caller (--now), not read from the system: writes are then
  // refused unless the database is a simulation.
  bool typed_clock = false;
  // The caller is the local command line: the operating-system user who owns the database
  // file counts as an administrator, recorded as "os:NAME".
  bool local_command_line = false;
  // Whose reads these are (the adapter's --as; "" for no one given): every read of the
  // record below is then decided by AppContext::Reader (app_context.h) and Forbidden, or
  // narrowed to what they may read. Unset, reads are not checked (a caller inside the
  // program). The public listing needs no one.
  std::optional<std::string> reader;
  // The roll-ups kept per school for every Docket of the process (rollup_cache.h; the
  // server's workers share one). Unset: each roll-up is derived afresh.
  std::shared_ptr<RollupCache> rollups;
  // For tests: called at the store's fault points (SqliteOptions::fault_hook); a failure
  // aborts the transaction it happens in.
  std::function<Status(const char* point)> fault_hook;
};

class Docket {
  friend class DocketReportSource;  // the report module's reads (app/report_source.h)

 public:
  // The one door for adapters (the CLI, the server): opens the database at `options.db`
  // (migrating it; creating it when options.create), and the application over it, which
  // owns the store. Invalid for a bad option, NotFound naming the file when it is missing or
  // empty and !options.create, Storage when it cannot be opened or migrated.
  static Result<std::unique_ptr<Docket>> Open(const DocketOptions& options, const Clock& clock,
                                              std::shared_ptr<spdlog::logger> log);
  // Migration (migrate.h): verifies the record at `from` as `audit verify` does, copies all
  // of it into the database at `to` (made when missing; it must be empty) in one
  // transaction, and verifies `to` the same way. Invalid for a name that is no database or
  // the same database twice, NotFound when `from` is missing, Conflict (nothing written)
  // when `to` holds anything, Integrity when either side does not verify.
  static Result<MigrateReport> Migrate(const std::string& from, const std::string& to, const Clock& clock,
                                       std::shared_ptr<spdlog::logger> log);
  // Over a store the caller owns (tests, benchmarks, another backend); `store` outlives it.
  Docket(Store& store, const Clock& clock, std::shared_ptr<spdlog::logger> log);
  ~Docket();

  // The database's mode: InitMode makes a fresh database a simulation or real and returns
  // the mode ("simulation" or "real"), Conflict when asked to make a real one a simulation.
  // On a real database every write below is Invalid when the clock was fixed by the caller
  // (DocketOptions::typed_clock); loads and tick need an administrator (their `actor`, a
  // person with the role admin, or the local owner; app_context.h).
  Result<std::string> InitMode(bool simulation);
  Result<bool> IsSimulation();
  // Whether the database answers a trivial read now (the server's /healthz): Ok, or the
  // store's Status. Reads no record and needs no one.
  Status Ping();
  // Whether the database lets one writer at a time (SQLite): then more writing connections
  // only wait; otherwise (PostgreSQL) writers run side by side, taking turns per chain.
  bool WritersTakeTurns() const;

  // Accounts (accounts.h): how a person proves who they are to the server.
  AccountPolicy& account_policy();
  Result<IssuedInvitation> Invite(const std::string& person, const std::string& admin = "");
  Result<std::string> AcceptInvitation(const std::string& token, const std::string& password);
  Result<SignedIn> SignIn(const std::string& person, const std::string& password, const std::string& address);
  Result<Caller> SessionCaller(const std::string& session);
  Status SignOut(const std::string& session, bool everywhere);
  Result<IssuedToken> CreateToken(const std::string& person, const std::string& org, const std::string& scope, int days,
                                  const std::string& issuer = "");
  Result<std::vector<TokenInfo>> ListTokens(const std::string& person, const std::string& by = "");
  Status RevokeToken(const std::string& id, const std::string& by = "");
  Result<Caller> TokenCaller(const std::string& token);
  Result<std::vector<AccountInfo>> ListAccounts(const std::string& by = "");
  // The calls that follow are made for `caller` (the server sets it per request): reads are
  // decided for caller.person, narrowed to caller.org when set, and every entry a person's
  // action writes records caller.via. ActFor(std::nullopt): for no one (reads refused on a
  // real database), as opened.
  void ActFor(const std::optional<Caller>& caller);

  // Configuration (configuration.h).
  Result<OrgLoadReport> LoadOrgs(std::string_view yaml_text, const std::string& file, const std::string& actor = "");
  Result<std::vector<Org>> ListOrgs();
  Result<std::vector<Person>> ListPeople();
  // ListPeople of one organization: the people holding a role in `org`, with the roles the
  // reader may read; Forbidden (recorded, as a refused read) when the reader may not read `org`.
  Result<std::vector<Person>> ListPeopleIn(const std::string& org);
  // The organizations `ids` (ListOrgs' records), in the order given; NotFound for an unknown one.
  Result<std::vector<Org>> GetOrgs(const std::vector<std::string>& ids);
  Result<TableLoadReport> LoadTable(std::string_view yaml_text, const std::string& file, const std::string& actor = "");
  Result<LookupTable> GetTable(const std::string& name);
  // The roster of `org` and the decision-matter list as CSV (ConfigUseCases): imports are
  // loads, audited; both need an administrator, as the loads do.
  Result<OrgLoadReport> ImportRoster(std::string_view csv_text, const std::string& file, const std::string& org,
                                     const std::string& actor = "");
  Result<TableLoadReport> ImportMatterList(std::string_view csv_text, const std::string& file,
                                           const std::string& actor = "");
  Result<std::string> ExportRoster(const std::string& org, const std::string& actor = "");
  Result<std::string> ExportMatterList(const std::string& actor = "");
  Result<WorkflowLoadReport> LoadWorkflow(std::string_view yaml_text, const std::string& file,
                                          const std::string& actor = "");
  Result<std::vector<DefinitionRecord>> ListWorkflows();
  Result<std::shared_ptr<const Definition>> GetDefinition(const std::string& workflow,
                                                          std::optional<std::int64_t> version);
  Result<std::shared_ptr<const Definition>> LabelsDefinition(const std::string& workflow, std::int64_t version);

  // Organization `org`'s time zone, in which its times are shown (core/time_zone.h).
  Result<TimeZone> ZoneOf(const std::string& org);

  // Items (items.h).
  Result<ActResult> CreateItem(const CreateRequest& req);
  Result<ActResult> Act(const ActRequest& req);
  Result<Item> GetItem(std::int64_t id);
  // What `person` may try on `item` now (ItemUseCases::ActionsFor): for a page to offer.
  Result<std::vector<OfferedAction>> ActionsFor(const Item& item, const std::string& person);
  // Whether an action with the fields it would be given would go through now, for a page to
  // say before the click (ItemUseCases::JudgeAction); the item must be one the reader reads.
  Result<ActionJudgement> JudgeAction(const ActRequest& req);
  // The roles `person` holds, in every organization (a person reads their own).
  Result<std::vector<RoleGrant>> RolesOf(const std::string& person);
  Result<std::vector<Item>> ListItems(const ItemFilter& filter);
  Result<std::vector<AuditEntry>> History(std::int64_t id);
  Result<Item> ItemAsOf(std::int64_t id, TimePoint t);
  Result<std::vector<Item>> ItemsAsOf(const ItemFilter& filter, TimePoint t);
  Status Bulk(const std::function<Status()>& fn);
  Result<std::vector<PublicItem>> ListPublic(const std::string& org);
  // The audited import of records from before Docket (import.h).
  Result<ImportReport> ImportItems(const ImportRequest& req);
  // A decision's progress, the roll-up over all its tasks (progress.h, core/progress.h):
  // over `children` as given (an item's children, now or as of a moment), or over item
  // `id`'s children now or as of `as_of`.
  Result<Progress> ProgressOf(const Item& parent, const std::vector<Item>& children);
  Result<Progress> ItemProgress(std::int64_t id, std::optional<TimePoint> as_of = std::nullopt);

  // Attachments (attachments.h). Attach needs a reader of the item (as GetItem: a refusal
  // is recorded) and an actor with a role there; the list and the bytes, a reader of it.
  AttachmentPolicy& attachment_policy();
  Result<AttachmentLink> Attach(const AttachRequest& req);
  Result<std::vector<AttachmentLink>> Attachments(std::int64_t item);
  Result<AttachedFile> AttachmentFile(std::int64_t item, const std::string& hash);

  // The calendar (configuration.h) and the timers (timers.h).
  Status LoadCalendar(std::string_view yaml_text, const std::string& file, ConfigRecorded* recorded = nullptr,
                      const std::string& actor = "");
  Result<TickReport> Tick(const std::string& actor = "");
  // app/lease.h: lease `name` for `holder` for `duration`, true when taken or renewed.
  Result<bool> TakeLease(const std::string& name, const std::string& holder, std::chrono::seconds duration);
  Result<std::vector<Notification>> Inbox(const std::string& person, bool unread_only);
  Result<int> MarkRead(const std::string& person);
  // Sends the notifications' deliveries that are due through `sender` (app/delivery.h).
  Result<DeliveryRound> Deliver(Sender& sender, const DeliveryPolicy& policy);

  // Compliance findings (findings.h).
  Result<std::vector<Finding>> Findings(const std::string& org, const std::optional<std::string>& term = std::nullopt,
                                        std::optional<TimePoint> as_of = std::nullopt);

  // Reports (reports.h).
  Result<WorkflowLoadReport> LoadReport(std::string_view yaml_text, const std::string& file,
                                        const std::string& actor = "");
  void PrepareReportIndexes(const std::string& report = "");
  Result<ReportDoc> Report(const std::string& report, const std::string& org, const std::string& term);
  // What Report(report, org, term) is built from now (report.h ReportBasis). Refused as
  // Report is.
  Result<ReportBasis> BasisOfReport(const std::string& report, const std::string& org);
  // The roll-up, from the process's RollupCache when one is in use (UseRollups, or
  // DocketOptions::rollups): its document then says what it is as of (generated_at).
  Result<ReportDoc> Rollup(const std::string& report, const std::string& org, const std::string& term);
  // The same, shared and versioned (app/report.h KeptReport): the server renders a version once.
  Result<KeptReport> RollupKept(const std::string& report, const std::string& org, const std::string& term);
  void UseRollups(std::shared_ptr<RollupCache> rollups);
  Result<ReportDoc> SubmittedReport(const std::string& report, const std::string& org, const std::string& term);
  Result<ActResult> ReviewReport(const std::string& report, const std::string& org, const std::string& term,
                                 bool accept, const std::string& comment, const std::string& actor);
  Result<SubmissionCheck> VerifySubmission(const std::string& report, const std::string& org, const std::string& term,
                                           const std::optional<std::string>& document_json);

  // Verification and portable proofs (proofs.h).
  Result<VerifyReport> Verify(const std::optional<std::string>& org);

  const Clock& clock() const;

  Result<ExportReport> ExportAudit(const std::string& org, const std::string& path, bool force);
  Result<std::vector<TreeExport>> ExportAuditTree(const std::string& org, const std::string& dir, bool force);
  Result<Checkpoint> MakeCheckpoint(const std::string& org, const SigningKey& key);
  // The same with the key file at `key_path` (made when absent; a sealed one: LoadKey first).
  Result<Checkpoint> MakeCheckpoint(const std::string& org, const std::string& key_path);
  Result<CheckpointProof> VerifyAgainstCheckpoint(const std::string& checkpoint_path,
                                                  const std::string& trusted_public_hex,
                                                  const std::optional<std::string>& org);
  static Result<ExportProof> VerifyExport(const std::string& path,
                                          const std::optional<std::string>& checkpoint_path,
                                          const std::string& trusted_public_hex);
  static std::vector<Result<ExportVerifyReport>> VerifyExports(const std::vector<std::string>& paths);
  // The supervisor's side: pinned keys and the checkpoints received under them. PinKey
  // needs an administrator of `org` or above (`actor`); ReceiveCheckpoint needs no one (the
  // pinned key's signature is the proof); Pins reads every organization.
  Result<PinnedKey> PinKey(const std::string& org, const std::string& key, const std::string& actor = "");
  Result<ReceivedCheckpoints> ReceiveCheckpoint(std::string_view text, const std::string& from);
  Result<std::vector<ReceivedCheckpoints>> Pins();

 private:
  // Rollup through rollups_ (docket_rollup.cc), after the read was allowed.
  // Derived afresh for this call, with its subtotals per district (rollup_districts.h).
  Result<KeptReport> FreshRollup(const std::string& report, const std::string& org, const std::string& term);
  Result<KeptReport> KeptRollup(const std::string& report, const std::string& org, const std::string& term);

  std::unique_ptr<Store> owned_store_;  // set when Open made the store
  std::unique_ptr<AppContext> context_;
  // Each feature holds the context, and the features it needs, by reference: declared (so
  // made) after them.
  FindingUseCases findings_;
  ProofUseCases proofs_;
  ItemUseCases items_;
  TimerUseCases timers_;
  ReportUseCases reports_;
  ConfigUseCases config_;
  ImportUseCases imports_;
  AccountUseCases accounts_;
  AttachmentUseCases attachments_;
  std::shared_ptr<RollupCache> rollups_;  // may be null
};

}  // namespace docket
