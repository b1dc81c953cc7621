// Store: the persistence seam. SQLite (sqlite_store.h) is the embedded default; a
// PostgreSQL implementation and fault-injecting wrappers implement the same interface.
//
// Contract: every method returns Status/Result and never throws. Writes that belong
// together run inside Transact(), which either commits all of them or none. The audit log
// is append-only: the interface has no way to change or remove an entry. The entry and what
// is done with it (canonical form, hashes, links, export files) are the audit module's
// (audit/entry.h, audit/chain.h); the store keeps entries and reads them back.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/entry.h"
#include "core/item.h"
#include "core/org.h"
#include "core/status.h"
#include "core/transition.h"

namespace docket {

struct DefinitionRecord {
  std::string workflow;
  std::int64_t version = 0;
  std::string content_hash;  // SHA-256 hex of `source`
  std::string source;        // the YAML text as loaded
  std::string loaded_at;     // ISO time
};

// Items of one organization and workflow whose moment lies in [from, to) (ISO texts,
// compared as text): the moment is the item's field `field`, or with `ref` the field `field`
// of the item of workflow `ref_workflow` in the same organization that the item field `ref`
// references, or (field empty) its created_at. Only items created at or before
// `created_up_to` when it is given. With `fields` set, the items come with only those fields
// (what a count needs, cheaper to read). The semester report reads a term's items this way
// (docs/REPORTS.md); names are ids ([a-z][a-z0-9_-]*).
struct ItemRange {
  std::string org;
  std::string workflow;
  std::string field;
  std::string ref;
  std::string ref_workflow;
  std::string from;
  std::string to;
  std::optional<std::string> created_up_to;
  std::vector<std::string> fields;
};

// An item as a condition on its parent's children sees it: no fields.
struct ChildItem {
  std::int64_t id = 0;
  std::string workflow;
  std::int64_t workflow_version = 0;
  std::string state;
};

struct ItemFilter {
  std::optional<std::string> org;
  std::optional<std::string> workflow;
  std::optional<std::string> state;
  std::optional<std::int64_t> parent;
};

// Which audit entries to read for history as of a time: those recorded at or before
// `up_to` (ISO text, compared as text), of one item (`item_id`) or of one organization
// (`org`, optionally only those about items of `workflow`). Exactly one of item_id and org.
struct AuditRange {
  std::optional<std::int64_t> item_id;
  std::optional<std::string> org;
  std::optional<std::string> workflow;
  std::string up_to;
};

// A step the engine took on its own (a timer's ladder step, an item opened at a semester's
// end), keyed so that it is taken once.
struct TimerFiring {
  std::string key;
  std::string org;
  std::int64_t item_id = 0;
  std::string kind;  // notify, escalate, transition, open
  std::string due_at;
  std::string fired_at;
};

// One message in a person's inbox.
struct Notification {
  std::int64_t id = 0;  // 0 until stored
  std::string person;
  std::string org;
  std::int64_t item_id = 0;
  std::string time;
  std::string kind;
  std::string firing;  // the TimerFiring key
  std::string message_zh;
  std::string message_en;
  bool read = false;
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `fn` in one write transaction: commits when it returns ok, rolls back otherwise
  // (also when it throws). Returns fn's status, or Storage/Conflict on commit failure.
  virtual Status Transact(const std::function<Status()>& fn) = 0;

  // Organizations and people. Upserts never duplicate; UpsertPerson replaces the person's
  // roles, UpsertOrg the org's bodies. GetOrg and ListOrgs return the bodies too.
  virtual Status UpsertOrg(const Org& org) = 0;
  virtual Result<Org> GetOrg(const std::string& id) = 0;
  virtual Result<std::vector<Org>> ListOrgs() = 0;
  virtual Status UpsertPerson(const Person& person) = 0;
  virtual Result<Person> GetPerson(const std::string& id) = 0;  // with roles
  virtual Result<std::vector<Person>> ListPeople() = 0;          // with roles

  // Named lookup tables (a decision-matter list: category -> body). PutTable replaces the
  // table whole (Invalid when it has no entries); GetTable is NotFound for one never loaded.
  // ListTables: the names of the loaded tables, in byte order.
  virtual Status PutTable(const std::string& name, const LookupTable& entries) = 0;
  virtual Result<LookupTable> GetTable(const std::string& name) = 0;
  virtual Result<std::vector<std::string>> ListTables() = 0;

  // Workflow definitions; every version is kept. PutDefinition returns false when the same
  // version with the same content hash is already there, Conflict when its content differs.
  virtual Result<bool> PutDefinition(const DefinitionRecord& def) = 0;
  // The given version, or the latest when `version` is empty.
  virtual Result<DefinitionRecord> GetDefinition(const std::string& workflow,
                                                 std::optional<std::int64_t> version) = 0;
  virtual Result<std::vector<DefinitionRecord>> ListDefinitions() = 0;  // every version

  // Items. InsertItem returns the new id. UpdateItem writes `item` only if the stored
  // version is still `expected_version`; otherwise Conflict.
  virtual Result<std::int64_t> InsertItem(const Item& item) = 0;
  virtual Status UpdateItem(const Item& item, std::int64_t expected_version) = 0;
  virtual Result<Item> GetItem(std::int64_t id) = 0;
  virtual Result<std::vector<Item>> ListItems(const ItemFilter& filter) = 0;
  // The items whose parent is `parent`, in id order, without their fields (the default
  // reads ListItems; SqliteStore reads four columns by the parent index).
  virtual Result<std::vector<ChildItem>> ListChildren(std::int64_t parent);
  // Reports (store_report.cc has defaults built on the methods above; SqliteStore filters
  // in SQL by index). ListItemsInRange: the items in `range`, in id order. Documents are
  // texts kept under their SHA-256 hex (a submitted report's json form, whose hash the
  // audit chain records); PutDocument keeps the first copy of a hash, GetDocument returns
  // nullopt for one never kept. Report definitions keep every version, as workflows do:
  // PutReportDefinition returns false when that version is already there with the same
  // content, Conflict when with other content; GetReportDefinition gives the latest version
  // (nullopt when none was loaded). EnsureFieldIndex makes reading the items of `workflow`
  // by their field `field` (or by the item it references) fast, once; false when the store
  // keeps no such index (reads still work, by scanning). EnteredStates: for each of `items`,
  // when it last moved from a state outside `states` into one of them (ISO time; items that
  // never did are absent).
  virtual Result<std::vector<Item>> ListItemsInRange(const ItemRange& range);
  virtual Result<bool> EnsureFieldIndex(const std::string& workflow, const std::string& field);
  virtual Result<std::map<std::int64_t, std::string>> EnteredStates(const std::vector<std::int64_t>& items,
                                                                    const std::vector<std::string>& states);
  virtual Status PutDocument(const std::string& hash, const std::string& content, const std::string& stored_at);
  virtual Result<std::optional<std::string>> GetDocument(const std::string& hash);
  virtual Result<bool> PutReportDefinition(const DefinitionRecord& def);
  virtual Result<std::optional<DefinitionRecord>> GetReportDefinition(const std::string& report);

  // The audit log. AppendAudit fills seq, prev_hash and hash from the org's chain head and
  // returns the entry as stored. Must run inside Transact() together with the item write.
  virtual Result<AuditEntry> AppendAudit(AuditEntry entry) = 0;
  virtual Result<std::vector<AuditEntry>> ItemHistory(std::int64_t item_id) = 0;
  // Calls `fn` for every entry of `org` in sequence order; stops at the first non-ok status.
  virtual Status ForEachAuditEntry(const std::string& org,
                                   const std::function<Status(const AuditEntry&)>& fn) = 0;
  virtual Result<std::vector<std::string>> AuditOrgs() = 0;  // orgs that have entries
  // Calls `fn` for every entry in `range`, in chain order; stops at the first non-ok status.
  // Invalid unless exactly one of item_id and org is given. The default filters
  // ForEachAuditEntry / ItemHistory; SqliteStore reads only the range, by index.
  virtual Status ForEachAuditEntryUpTo(const AuditRange& range,
                                       const std::function<Status(const AuditEntry&)>& fn);

  // Timers (sqlite_store_timers.cc). ClaimFiring records `f` and returns true, or returns
  // false when its key was claimed before; run it in the firing's transaction.
  virtual Result<bool> ClaimFiring(const TimerFiring& f) = 0;
  virtual Result<std::optional<TimerFiring>> GetFiring(const std::string& key) = 0;
  virtual Status AddNotification(const Notification& n) = 0;
  // The person's notifications, oldest first (only the unread ones when `unread_only`).
  virtual Result<std::vector<Notification>> Inbox(const std::string& person, bool unread_only) = 0;
  // Marks the person's notifications read; returns how many changed.
  virtual Result<int> MarkRead(const std::string& person) = 0;
  // The calendar file's text as last loaded, or nullopt when none was.
  virtual Status PutCalendar(const std::string& source, const std::string& loaded_at) = 0;
  virtual Result<std::optional<std::string>> GetCalendar() = 0;

  // The audit chain read fast, for export, checkpoints and verification (audit_scan.cc
  // has the defaults, which read ForEachAuditEntry; SqliteStore reads by its key).
  // GetAuditHead: the entry of `org` with the highest seq. ScanAudit: ForEachAuditEntry
  // for entries with from_seq <= seq <= to_seq only; the entry `fn` sees is reused between
  // calls (copy what must outlive the call).
  virtual Result<AuditHead> GetAuditHead(const std::string& org);
  virtual Status ScanAudit(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                           const std::function<Status(const AuditEntry&)>& fn);
  // ScanAuditLines: the same entries as export lines (docs/AUDIT.md: the canonical text with
  // "hash" in its place), each appended with its newline to *out before `fn` sees it. The
  // default writes what ScanAudit reads; SqliteStore writes its rows straight out, the
  // changes text as stored, so a stored text that is not canonical shows in verification.
  virtual Status ScanAuditLines(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                                std::string* out, const std::function<Status(const AuditLineInfo&)>& fn);
  // A second, read-only connection to the same data, for reading on another thread while
  // this one is used; nullptr when there is none to open (the default; an in-memory
  // database). It sees what is committed.
  virtual std::unique_ptr<Store> OpenReader() { return nullptr; }
  // Whether ScanAudit over disjoint ranges may usefully run on several threads at once, each
  // costing in proportion to its range (the default reads the whole chain every time: no).
  virtual bool ScansAuditRangesInParallel() const { return false; }
};

}  // namespace docket
