// Docket: the application layer — every use case the CLI and the server offer.
//
// It ties the pure core, the YAML loaders and a Store together and adds what none of them
// knows: who the actor is and which roles they hold where, which definition version an
// item runs on, and that every change and every refusal lands in the audit log in the same
// transaction as the item. Time comes from the injected Clock. Not thread-safe: one Docket
// per thread (the Store serialises writers across processes).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <spdlog/logger.h>

#include "app/report.h"
#include "core/clock.h"
#include "core/definition.h"
#include "core/finding.h"
#include "core/item.h"
#include "core/org.h"
#include "core/status.h"
#include "core/timer.h"
#include "core/transition.h"
#include "definition/diagnostic.h"
#include "app/audit_proof.h"
#include "store/audit_verify.h"
#include "store/store.h"

namespace docket {

// FIELD=VALUE pairs as typed by a person; parsed against the item's definition.
using FieldTexts = std::vector<std::pair<std::string, std::string>>;

// What a configuration load recorded: whether it changed the configuration, and in how
// many configuration entries (one per organization whose chain records it: a table or
// calendar changed while no organization exists yet is recorded in none, until each
// organization's first load records it).
struct ConfigRecorded {
  bool changed = false;
  int audit_entries = 0;
};

struct OrgLoadReport : ConfigRecorded {
  int orgs = 0;
  int people = 0;
  int roles = 0;
};

struct TableLoadReport : ConfigRecorded {
  std::string table;
  int entries = 0;
};

struct OrgFile;

struct WorkflowLoadReport {
  std::string workflow;
  std::int64_t version = 0;
  bool added = false;  // false: this exact version was already loaded
  std::vector<Diagnostic> warnings;
};

// One published item as anyone may see it: only the fields its workflow publishes.
struct PublicItem {
  Item item;  // fields reduced to the published ones
  std::shared_ptr<const Definition> definition;
};

struct CreateRequest {
  std::string workflow;
  std::string org;
  std::optional<std::int64_t> parent;
  FieldTexts fields;
  std::string actor;
};

struct ActRequest {
  std::int64_t item = 0;
  std::string action;
  FieldTexts fields;
  std::optional<std::int64_t> expect_version;
  std::string actor;
};

// The result of an accepted action: the item after it and the audit entry written.
struct ActResult {
  Item item;
  AuditEntry entry;
};

// One thing `Tick` did: a ladder step fired, or an item opened at a semester's end.
struct TickFiring {
  std::string key;       // the exactly-once key (TimerFiring)
  std::string kind;      // notify, escalate, transition, refused (a transition refused), open
  std::string org;
  std::int64_t item = 0;
  std::string workflow;
  std::string timer;     // "" for open
  std::string action;    // transition: its name; open: the semester id
  std::string due;       // ISO time the step was due
  std::vector<std::string> told;  // the persons notified
};

struct TickReport {
  std::string now;
  std::vector<TickFiring> fired;
};

// How to open the application on a database file (Docket::Open).
struct DocketOptions {
  std::string db = "docket.db";      // the SQLite file; created and migrated when missing
  std::string synchronous = "FULL";  // FULL, NORMAL or OFF (SQLite's durability setting)
};

class Docket {
  friend class DocketReportSource;  // the report module's reads (app/report_source.h)

 public:
  // The one door for adapters (the CLI, the server): opens the database at `options.db`
  // (creating and migrating it), and the application over it, which owns the store.
  // Invalid for a bad option, Storage when the file cannot be opened or migrated.
  static Result<std::unique_ptr<Docket>> Open(const DocketOptions& options, const Clock& clock,
                                              std::shared_ptr<spdlog::logger> log);
  // Over a store the caller owns (tests, benchmarks, another backend); `store` outlives it.
  Docket(Store& store, const Clock& clock, std::shared_ptr<spdlog::logger> log);
  ~Docket();

  // Configuration loads (docket_config.cc). Each writes the configuration and its audit
  // entries in one transaction: a "config-org" entry in the chain of every organization
  // whose record or role holders changed, a "config-table" / "config-calendar" entry in
  // every organization's chain when a table or the calendar changed (docs/AUDIT.md). A load
  // that changes nothing appends nothing; a refused one writes nothing.
  //
  // Organizations and people, from an org file's text. Loading again updates, never duplicates.
  Result<OrgLoadReport> LoadOrgs(std::string_view yaml_text, const std::string& file);
  Result<std::vector<Org>> ListOrgs();
  Result<std::vector<Person>> ListPeople();
  // A lookup table (e.g. a decision-matter list) from a table file's text; replaces the
  // table of that name whole. Invalid with every diagnostic when the file has errors.
  Result<TableLoadReport> LoadTable(std::string_view yaml_text, const std::string& file);
  Result<LookupTable> GetTable(const std::string& name);

  // Lints and stores a workflow definition. Invalid (with every diagnostic) when it has
  // errors; Conflict when the same id and version were loaded with other content. Then
  // makes the indexes the reports read a term's items by (PrepareReportIndexes), while the
  // workflow's items are few, so that no first report has to build them.
  Result<WorkflowLoadReport> LoadWorkflow(std::string_view yaml_text, const std::string& file);
  Result<std::vector<DefinitionRecord>> ListWorkflows();
  // The definition of `workflow` at `version` (latest when empty), parsed and cached.
  Result<std::shared_ptr<const Definition>> GetDefinition(const std::string& workflow,
                                                          std::optional<std::int64_t> version);

  // Creates an item on the latest version of its workflow; records the creation.
  Result<ActResult> CreateItem(const CreateRequest& req);
  // Takes an action on an item in one transaction. A refusal (Invalid, Forbidden, Refused)
  // is returned as the status and recorded in the audit log; nothing else changes.
  Result<ActResult> Act(const ActRequest& req);
  Result<Item> GetItem(std::int64_t id);
  Result<std::vector<Item>> ListItems(const ItemFilter& filter);
  Result<std::vector<AuditEntry>> History(std::int64_t id);
  // History as of a moment (history.h): item `id` as it was at `t`, and the items matching
  // `filter` that existed at `t`, as they were then, rebuilt from the audit log.
  Result<Item> ItemAsOf(std::int64_t id, TimePoint t);
  Result<std::vector<Item>> ItemsAsOf(const ItemFilter& filter, TimePoint t);

  // Runs fn, which makes several CreateItem/Act calls, in one store transaction: one commit
  // (one fsync) for all of them. Each call inside still succeeds or fails on its own (a
  // savepoint), refusals included; a non-ok status from fn undoes everything fn wrote.
  Status Bulk(const std::function<Status()>& fn);

  // The items of `org` that their workflows publish (publish.when is true), newest first,
  // with only the published fields. Needs no actor: publication is for everyone.
  Result<std::vector<PublicItem>> ListPublic(const std::string& org);

  // Timers (docket_tick.cc). LoadCalendar (docket_config.cc) checks and stores the school
  // calendar (Invalid with every diagnostic); `recorded`, when given, receives whether it
  // changed the calendar and how many configuration entries it appended. Tick fires every timer step and every semester-end opening due
  // up to now, each exactly once and each in its own transaction with its audit entry (actor
  // "system"); a step already fired, by this or another process, is skipped. Inbox lists a
  // person's notifications, oldest first.
  Status LoadCalendar(std::string_view yaml_text, const std::string& file, ConfigRecorded* recorded = nullptr);
  Result<TickReport> Tick();
  Result<std::vector<Notification>> Inbox(const std::string& person, bool unread_only);
  // Marks `person`'s notifications read; returns how many changed.
  Result<int> MarkRead(const std::string& person);

  // Compliance findings (docket_findings.cc): the `checks:` of the LATEST version of each
  // workflow, evaluated on the items of `org` and of every organization below it as recorded
  // (no actor), whatever version they run on; plus the items a check expects that are
  // missing. `term` (a semester id of the loaded calendar) keeps the items of that term;
  // `as_of` (default now) is the moment deadlines are judged at. NotFound for an unknown
  // org, Invalid for an unknown term. Ordered by org, item id, then check.
  Result<std::vector<Finding>> Findings(const std::string& org, const std::optional<std::string>& term = std::nullopt,
                                        std::optional<TimePoint> as_of = std::nullopt);

  // Reports (report_*.cc over engine/report, docs/REPORTS.md): documents declared in YAML
  // and derived from the items and the audit log alone (R16), as of now. `report` is a report definition's id:
  // the latest version loaded with LoadReport, else the shipped workflows/reports/ID.yaml.
  // NotFound for an unknown org, report or report item; Invalid for a term the loaded
  // calendar lacks. LoadReport lints the file against the loaded workflows (Invalid with
  // every diagnostic) and keeps it (Conflict for a version loaded with other content).
  Result<WorkflowLoadReport> LoadReport(std::string_view yaml_text, const std::string& file);
  // Makes the store's indexes for the term fields of report `report` (ResolveReport), or of
  // every shipped report when empty, as far as their workflows are loaded. A failure is
  // logged, not returned: a report without its index reads by scan, and makes it itself.
  void PrepareReportIndexes(const std::string& report = "");
  Result<ReportDoc> Report(const std::string& report, const std::string& org, const std::string& term);
  // Every organization of the roll-up's kind at or below `org`, with its report's status.
  Result<ReportDoc> Rollup(const std::string& report, const std::string& org, const std::string& term);
  // The copy kept when the org's report item for `term` was last submitted: the document
  // whose hash the audit chain records. NotFound when it was never submitted.
  Result<ReportDoc> SubmittedReport(const std::string& report, const std::string& org, const std::string& term);
  // A supervisor accepts the report item of `org` for `term`, or returns it with `comment`:
  // the item's own transitions through Act, so roles are checked and the step audited.
  Result<ActResult> ReviewReport(const std::string& report, const std::string& org, const std::string& term,
                                 bool accept, const std::string& comment, const std::string& actor);
  // Proves which report was submitted: the org's chain verifies, the entries that recorded
  // a content hash, the kept copy matches the last, and `document_json` (a report's json
  // form, when given) is one of them. Integrity when any of that fails.
  Result<SubmissionCheck> VerifySubmission(const std::string& report, const std::string& org, const std::string& term,
                                           const std::optional<std::string>& document_json);

  // Recomputes every chain (or one org's), replays every item and compares the stored
  // configuration with the chains' configuration entries (VerifyConfig). Integrity on
  // mismatch.
  Result<VerifyReport> Verify(const std::optional<std::string>& org);

  const Clock& clock() const { return clock_; }

  // Portable proofs (docket_audit.cc, docs/AUDIT.md). ExportAudit writes `org`'s chain and
  // the definitions it names to `path` (stamped with now). MakeCheckpoint verifies `org`'s
  // chain, then signs its head with the key at `key_path` (made when absent); Invalid for
  // an org without entries. VerifyAgainstCheckpoint proves the database's log extends the
  // checkpoint at `checkpoint_path`, which `trusted_public_hex` must have signed (Integrity
  // when not, or when the log was cut off below it or rewritten before it; Invalid when
  // `org` is given and is not the checkpoint's). VerifyExport does the same for an export
  // file, with no database (without a checkpoint it only verifies the file).
  Result<ExportReport> ExportAudit(const std::string& org, const std::string& path, bool force);
  // ExportAuditTree exports `org` and every organization below it, at any depth, one file
  // each: `dir`/<org>.jsonl, the folder made when missing; the files are written side by
  // side on the CPUs (audit/export_batch.h). NotFound for an unknown `org`, Invalid when
  // `dir` is a file; otherwise each organization's own result, `org` first, then by id.
  Result<std::vector<TreeExport>> ExportAuditTree(const std::string& org, const std::string& dir, bool force);
  Result<Checkpoint> MakeCheckpoint(const std::string& org, const std::string& key_path);
  Result<CheckpointProof> VerifyAgainstCheckpoint(const std::string& checkpoint_path,
                                                  const std::string& trusted_public_hex,
                                                  const std::optional<std::string>& org);
  static Result<ExportProof> VerifyExport(const std::string& path,
                                          const std::optional<std::string>& checkpoint_path,
                                          const std::string& trusted_public_hex);
  // VerifyExports verifies each file offline, side by side on the CPUs; results in order.
  static std::vector<Result<ExportVerifyReport>> VerifyExports(const std::vector<std::string>& paths);

 private:
  // A definition's text as the store keeps it: hashed, stamped with the time of loading.
  DefinitionRecord NewRecord(const std::string& id, std::int64_t version, std::string_view yaml_text) const;
  Result<Actor> ResolveActor(const std::string& person, const std::string& org);
  Result<FieldMap> ParseFields(const Definition& def, const FieldTexts& texts);
  // What GatherFacts may keep between the items of one read-only pass (Findings): the
  // referenced items, bodies, tables, people and calendar, each read once. Not for acting,
  // where every read belongs to the action's own transaction.
  struct FactsCache {
    using Bodies = std::map<std::string, std::map<std::string, Body>>;  // org -> its bodies by id
    using People = std::map<std::string, std::optional<Person>>;
    std::map<std::int64_t, std::optional<RefFact>> refs;
    Bodies bodies;
    std::map<std::string, std::optional<LookupTable>> tables;
    People people;
    std::shared_ptr<const Calendar> calendar;
  };
  // The facts the transitions' conditions of `def` read (with `for_checks`, those of the
  // checks that apply in the item's state), and only those.
  Result<ItemFacts> GatherFacts(const Definition& def, const Item& item, const FieldMap& submitted,
                                bool for_checks = false, FactsCache* cache = nullptr);
  // The org's bodies, tables and role holders that those conditions read (only those).
  Status GatherOrgFacts(const Definition& def, const std::string& org, const FieldMap& fields,
                        ItemFacts* facts, bool for_checks = false, FactsCache* cache = nullptr,
                        const std::string& state = "");
  // What Findings asks of each organization in its scope.
  struct FindingsScope {
    const Calendar* calendar = nullptr;
    std::set<std::string> workflows;  // every workflow with a stored definition
    std::optional<std::string> term;
    std::optional<ItemRange> created;  // the term as a range of creation times
    TimePoint now;
  };
  // The findings of the organizations `orgs`, appended to `out` in the order Findings sorts
  // them stably (docket_findings.cc).
  Status CollectFindings(const std::vector<const Org*>& orgs, const FindingsScope& scope,
                         std::vector<Finding>* out);
  // The stored calendar, parsed once per text (docket_findings.cc); an empty one when none
  // was loaded. Integrity when the stored text no longer parses.
  Result<std::shared_ptr<const Calendar>> LoadedCalendar();
  // Appends a refusal entry for `actor` trying `action` on `item`.
  Status RecordRefusal(const Item& item, const std::string& actor, const std::string& action,
                       const Status& why);
  Result<AuditEntry> RecordAction(const Item& item, const ActionRecord& rec);
  // Writes what the core decided, in the current transaction: inserts the item (no
  // expected version) or updates it from `expected_version`, appends its audit entry and
  // creates the children it spawns (`depth` levels down).
  Result<ActResult> WriteOutcome(Outcome out, std::optional<std::int64_t> expected_version,
                                 const std::string& actor, int depth);
  // Creates the child items an action's spawn effects ask for, under `parent`, in the
  // current transaction, each with its own audit entry (actor `actor`, role "system").
  Status SpawnChildren(const Item& parent, const std::vector<SpawnRequest>& spawns,
                       const std::string& actor, int depth);

  // docket_config.cc. ConfigTouchedBy: the configuration (core/config_fields.h) of every
  // organization a load of `file` may change, as stored now: the record of each organization
  // it lists (nothing for one not loaded yet, which goes into `absent`) and the roles its
  // people hold. AppendConfigEntry appends one configuration entry, now, to `org`'s chain.
  // AppendToEveryOrg appends `changes` (when there are any) to every organization's chain
  // and returns how many entries it wrote. AppendSharedConfig records in `org`'s chain the
  // tables and the calendar in force, each from null (for an organization's first load).
  Result<std::map<std::string, FieldMap>> ConfigTouchedBy(const OrgFile& file, std::set<std::string>* absent);
  Status AppendConfigEntry(const std::string& org, std::string_view action, std::vector<FieldChange> changes,
                           const std::string& file);
  Result<int> AppendToEveryOrg(std::string_view action, const std::vector<FieldChange>& changes,
                               const std::string& file);
  Result<int> AppendSharedConfig(const std::string& org, const std::string& file);
  // The configuration `org`'s chain records through its entries of `action`.
  Result<FieldMap> RecordedConfig(const std::string& org, std::string_view action);
  // docket_config_verify.cc: compares each verified organization's configuration as its
  // chain records it (VerifyReport::configs) with the stored one. Integrity naming the
  // organization and the first key that differs.
  Status VerifyConfig(const VerifyReport& report);

  // docket_tick.cc
  struct TickState;
  Status FireStep(TickState& tick, const Item& item, const Definition& def, const DueStep& step,
                  TickReport* report);
  Status OpenSemesterItems(TickState& tick, TickReport* report);

  std::unique_ptr<Store> owned_store_;  // set when Open made the store
  Store& store_;
  const Clock& clock_;
  std::shared_ptr<spdlog::logger> log_;
  std::map<std::pair<std::string, std::int64_t>, std::shared_ptr<const Definition>> definitions_;
  std::string calendar_source_;  // the text calendar_ was parsed from
  std::shared_ptr<const Calendar> calendar_;
};

}  // namespace docket
