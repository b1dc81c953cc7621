// AppContext: what every use case of one Docket shares — the Store, the Clock and the
// logger, the definitions and the calendar parsed for this instance, and the machinery
// several features need to decide and record an action: who the actor is, the fields as
// typed, the facts the core reads, and writing what the core decided with its audit entry.
//
// Owned by the Docket (docket.h) and handed by reference to each feature's use cases. Not
// thread-safe, like the Docket: one per thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <spdlog/logger.h>

#include "app/items.h"
#include "core/clock.h"
#include "core/definition.h"
#include "core/item.h"
#include "core/org.h"
#include "core/status.h"
#include "core/timer.h"
#include "core/transition.h"
#include "store/store.h"

namespace docket {

// What one reader may read: everything, or the organizations listed.
struct ReadScope {
  std::string reader;  // the person, the local owner ("os:NAME"), or "" on a simulation
  bool everything = false;
  std::set<std::string> orgs;
  bool Covers(const std::string& org) const { return everything || orgs.count(org) > 0; }
};

class AppContext {
 public:
  AppContext(Store& store, const Clock& clock, std::shared_ptr<spdlog::logger> log);

  Store& store;
  const Clock& clock;
  const std::shared_ptr<spdlog::logger> log;

  // The definition of `workflow` at `version` (latest when empty), parsed and cached.
  Result<std::shared_ptr<const Definition>> GetDefinition(const std::string& workflow,
                                                          std::optional<std::int64_t> version);
  // The definition whose labels show the values of an item of `workflow` on `version`:
  // that version when it labels values (value_labels), or else the latest, so that an item
  // started before its workflow labelled a value reads with the labels given since. The
  // item's version when there is no latest; its error when neither is found.
  Result<std::shared_ptr<const Definition>> LabelsDefinition(const std::string& workflow, std::int64_t version);
  // Whether GetDefinition has kept a definition in this context yet.
  bool HasDefinitions() const { return !definitions_.empty(); }
  // A definition's text as the store keeps it: hashed, stamped with the time of loading.
  DefinitionRecord NewRecord(const std::string& id, std::int64_t version, std::string_view yaml_text) const;
  // The stored calendar, parsed once per text; an empty one when none was loaded. Integrity
  // when the stored text no longer parses.
  Result<std::shared_ptr<const Calendar>> LoadedCalendar();

  // The time zone of organization `org` (app/time_zones.h); NotFound without such an organization.
  Result<TimeZone> ZoneOf(const std::string& org);

  // Who may write, when, and what each write is recorded as (app_context_access.cc).
  // `typed_clock`: the caller fixed the time (--now) rather than reading the system clock.
  // `local_owner`: "os:NAME" when the caller is the operating-system user who owns the
  // database file on the local command line, "" otherwise.
  bool typed_clock = false;
  std::string local_owner;
  // Whether the database is a simulation (docket init --simulation); a database whose mode
  // was never set is real.
  Result<bool> IsSimulation();
  // Makes a fresh database a simulation or real and returns its mode ("simulation" or
  // "real"); Conflict when `simulation` asks to make a real database a simulation.
  Result<std::string> InitMode(bool simulation);
  // Invalid when the caller fixed the time and the database is real: on a real database
  // every write happens at the time it is made.
  Status CheckWriteTime();
  // Who a configuration load or a tick is recorded as: `person` when given, else the local
  // owner on a real database and "" on a simulation. On a real database that is a person
  // holding the role "admin" in some organization, or the local owner; Forbidden naming
  // them otherwise. What they may change is CheckAdminScope's. `even_simulation`: a person
  // given must hold the role admin on a simulation too (who may let people in: accounts).
  // A person an adapter signed in (SignedIn) is always checked: on a served simulation no one
  // signed in may make themselves administrator.
  Result<std::string> Administrator(const std::string& person, bool even_simulation = false);
  // What a load or a tick changes: the organizations `orgs` (a new one is placed through
  // `new_parents`, its parent in the file), or, when `installation`, what every organization
  // runs under (workflows, the calendar, reports, ticks).
  struct AdminScope {
    bool installation = false;
    std::vector<std::string> orgs;
    std::map<std::string, std::string> new_parents;
    static AdminScope Installation() {
      AdminScope s;
      s.installation = true;
      return s;
    }
  };
  // Ok when `admin` (Administrator's answer) may change `scope`: holding the role admin, as
  // stored now, in each of its organizations or one above each; for the installation, in a
  // root organization (one without a parent). The local owner, and anyone on a simulation
  // but a person an adapter signed in, may change everything. Forbidden naming the person and the organization otherwise.
  Status CheckAdminScope(const std::string& admin, const AdminScope& scope, bool even_simulation = false);
  // Who reads (app_context_reads.cc). `reader`: unset when reads are not checked (a caller
  // inside the program, tests); set, the person an adapter reads for ("" when none was given).
  std::optional<std::string> reader;
  // What `person` may read: on a simulation, no one given reads everything; on a real
  // database, no one given is the local owner (everything) or Forbidden. A person given must
  // be in the directory; they read every organization where they hold a role and every one
  // below it, and everything with the role admin. With `org`, Forbidden naming the person and
  // the organization unless they may read it.
  Result<ReadScope> Reader(const std::string& person, const std::optional<std::string>& org = std::nullopt);
  // Forbidden naming the reader and `org` unless `scope` covers `org`.
  Status MayRead(const ReadScope& scope, const std::string& org) const;
  // Returns `why`; when it is Forbidden and the reader is a person of the directory, first
  // records the refusal like a refused action, in organization `org`'s chain: an entry
  // "$read" about item `item_id`, or (0) "$read:WHAT" about the organization, with the
  // refusal's words (docs/AUDIT.md). A failure to record is logged, not returned.
  Status RefuseRead(const Status& why, const std::string& org, std::int64_t item_id, std::string_view what);
  // Forbidden naming the reader unless `scope` covers every organization (a whole-database
  // read: audit verify without --org).
  Status MayReadAll(const ReadScope& scope) const;
  // How the caller was established, when an adapter signed them in (app/accounts.h
  // Caller::via): every entry written by a person records it as the mark "$via".
  std::string via;
  // Whether an adapter signed the caller in (`via` a session or a token), rather than the
  // local command line ("os:NAME") or no one.
  bool SignedIn() const;
  // The one organization the caller may read and act in (an API token's), "" for any.
  std::string only_org;
  // The time of a write to `org`'s chain, read once this transaction holds the chain's head
  // (PostgreSQL: its row locked FOR UPDATE; SQLite and memory: the transaction's write lock
  // holds every chain, Store::SerializesWriters), so that no other server appends a later
  // entry before this one's.
  // Called first in a write transaction, before anything reads the clock: two servers'
  // writes to one organization then never reach AppendAudit's check out of time order.
  Result<TimePoint> WriteTime(const std::string& org);
  // Store::AppendAudit, refused (Invalid, nothing written) when `e` is earlier than its
  // organization's last entry: each chain moves forward only. Adds the mark "$via" when
  // `via` is set and the entry is a person's. `e` is linked in place: once appended it holds
  // its seq and hashes, as stored.
  Status AppendAudit(AuditEntry& e);

  Result<Actor> ResolveActor(const std::string& person, const std::string& org);
  // The texts of `def`'s fields as values, a time without an offset local to organization `org`.
  Result<FieldMap> ParseFields(const Definition& def, const std::string& org, const FieldTexts& texts);
  // Every item that an item field in `fields` names exists, belongs to `org` and is of the
  // workflow the field asks for: an item of one school never points at another school's
  // meeting. Invalid (a refusal) otherwise; a storage error as itself.
  Status CheckReferences(const Definition& def, const std::string& org, const FieldMap& fields);
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
    std::map<std::string, std::shared_ptr<const Calendar>> calendars;  // org -> the calendar on its clock
    std::map<std::pair<std::string, std::string>, std::vector<OrgItemFact>> org_items;  // (org, workflow)
    std::optional<RoleLabels> role_labels;
    // Read ahead for many items at once (the findings): each such item's children, an
    // empty list for one without; items not here are read when needed.
    std::map<std::int64_t, std::vector<ChildItem>> children;
    // Each organization's time zone (ZoneOf reads the organization: a round trip per item
    // on PostgreSQL).
    std::map<std::string, std::shared_ptr<const TimeZone>> zones;
    // Read ahead likewise: the history of each item whose checks read it.
    std::map<std::int64_t, std::vector<AuditEntry>> histories;
  };
  // The facts a creation of `def` in `org` with `fields` reads: none of an item (it has no
  // history, children or id) but the names its refusals show roles by, and the
  // organization's clock when something says $today. Every creation (a person's, a spawned
  // child's, a timer's) reads them so, as the audit replay does.
  Result<ItemFacts> CreationFacts(const Definition& def, const std::string& org, const FieldMap& fields);
  // The facts the transitions' conditions of `def` read (with `for_checks`, those of the
  // checks that apply in the item's state), and only those (app_context_facts.cc).
  Result<ItemFacts> GatherFacts(const Definition& def, const Item& item, const FieldMap& submitted,
                                bool for_checks = false, FactsCache* cache = nullptr);
  // The org's bodies, tables and role holders that those conditions read (only those).
  Status GatherOrgFacts(const Definition& def, const std::string& org, const FieldMap& fields,
                        ItemFacts* facts, bool for_checks = false, FactsCache* cache = nullptr,
                        const std::string& state = "");

  // Whether `parent` may take a new child of `child_def` starting in `child_state`: refused
  // when the child, not finished, would make the parent break a refusing check that reads
  // its children (a decision executed or closed takes no new open task, R12), and, for a
  // child made by hand (`by_hand`), when the parent is finished (app_context_facts.cc).
  Status AdmitChild(const Item& parent, const Definition& child_def, const std::string& child_state, bool by_hand);

  // Appends a refusal entry for `actor` trying `action` on `item`; `marks` are its changes
  // (a timer's refused step records its firing, core/item.h; none otherwise).
  Status RecordRefusal(const Item& item, const std::string& actor, const std::string& action,
                       const Status& why, std::vector<FieldChange> marks = {});
  // Appends the entry of an accepted action on `item`; builds it in `*entry` when given (a new,
  // default-constructed entry), which then holds it as stored.
  Status RecordAction(const Item& item, ActionRecord rec, AuditEntry* entry = nullptr);
  // Writes what the core decided, in the current transaction: inserts the item (no
  // expected version) or updates it from `expected_version`, appends its audit entry and
  // creates the children it spawns (`depth` levels down), listed in ActResult::spawned.
  // `marks` ride in its entry and in every child's (a tick's "$run_by", core/item.h).
  // The item, its entry and the children go into `result`, written in place.
  Status WriteOutcome(Outcome&& out, std::optional<std::int64_t> expected_version, const std::string& actor,
                      int depth, ActResult* result, const std::vector<FieldChange>& marks = {});
  // Creates the child items an action's spawn effects ask for, under `parent`, in the
  // current transaction, each with its own audit entry (actor `actor`, role "system",
  // carrying `marks`). When `spawned` is given, each item created (children of children
  // too) is appended to it in the order of creation.
  Status SpawnChildren(const Item& parent, const std::vector<SpawnRequest>& spawns, const std::string& actor,
                       int depth, std::vector<SpawnedItem>* spawned = nullptr,
                       const std::vector<FieldChange>& marks = {});

 private:
  std::map<std::pair<std::string, std::int64_t>, std::shared_ptr<const Definition>> definitions_;
  std::string calendar_source_;  // the text calendar_ was parsed from
  std::shared_ptr<const Calendar> calendar_;
  std::optional<bool> simulation_;  // the stored mode, once read (it never changes once set)
};

}  // namespace docket
