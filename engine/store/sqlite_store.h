// SqliteStore: the Store on one SQLite file, the embedded default.
//
// Open() opens an existing Docket database, or creates one when asked (readable and
// writable by its owner only, 0600, as SQLite then makes its -wal and -shm files), switches
// it to WAL, and applies the numbered migrations compiled into the library
// (schemas/sql/NNN_*.sql), recording each in schema_migrations. Every SQLite error becomes Status::Storage naming the file and the
// operation; nothing throws out of this class.
// Invariants: the audit table only grows (triggers refuse UPDATE and DELETE); an item row
// changes only through UpdateItem's compare-and-set on its version.
// Thread-safety: one instance may be shared between threads (calls are serialised by a
// mutex); several processes may open the same file (SQLite's locks serialise writers,
// waiting up to busy_timeout_ms in short random sleeps: BusyWait in sqlite_store.cc).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/store.h"

struct sqlite3;

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace docket {

// How long a write waits, in all, for another writer's lock before it fails (Storage, exit
// 8): under twenty writers acting at once each gets its turn well within it.
inline constexpr int kBusyWaitMs = 30'000;

struct SqliteOptions {
  std::string synchronous = "FULL";  // "FULL", "NORMAL" or "OFF"
  int busy_timeout_ms = kBusyWaitMs;  // how long to wait for another writer's lock
  // Create the file (mode 0600) when it is missing or holds no Docket schema yet. Otherwise
  // such a file is NotFound, and nothing is written to it.
  bool create = true;
  bool read_only = false;            // open without write access; writes fail with Storage
  std::int64_t max_page_count = 0;   // 0: unlimited; a small limit simulates a full disk
  // Called at named points inside write transactions: "after_item_write" (InsertItem,
  // UpdateItem), "after_audit_append" and "before_commit". A non-ok status or an
  // exception aborts the whole transaction, which then returns that failure.
  std::function<Status(const char* point)> fault_hook;
};

class SqliteStore : public Store {
 public:
  // Opens the database at `path` (creating it when options.create) and brings its schema up
  // to date. NotFound, naming `path`, when !create and the file is missing or holds no Docket
  // schema; Storage when the file cannot be opened, is not a database, is locked, or is
  // read-only and lacks a migration; Invalid for a bad option.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   const SqliteOptions& options = {});
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // BEGIN IMMEDIATE ... COMMIT. A nested call runs inside the outer transaction as a
  // savepoint: its failure undoes only its own writes and is returned to the outer fn.
  Status Transact(const std::function<Status()>& fn) override;
  Status TransactChecked(const std::function<Status(bool bare)>& fn) override;

  Status UpsertOrg(const Org& org) override;
  Result<Org> GetOrg(const std::string& id) override;
  Result<std::vector<Org>> ListOrgs() override;
  Result<std::vector<std::string>> OrgAncestry(const std::string& org) override;
  Status UpsertPerson(const Person& person) override;
  Result<Person> GetPerson(const std::string& id) override;
  Result<std::vector<Person>> ListPeople() override;
  Result<std::vector<Person>> ListPeopleIn(const std::string& org) override;
  Status PutRoleLabels(const RoleLabels& labels) override;
  Result<RoleLabels> GetRoleLabels() override;
  Status PutTable(const std::string& name, const LookupTable& entries) override;
  Result<LookupTable> GetTable(const std::string& name) override;
  Result<std::vector<std::string>> ListTables() override;

  Result<bool> PutDefinition(const DefinitionRecord& def) override;
  Result<DefinitionRecord> GetDefinition(const std::string& workflow,
                                         std::optional<std::int64_t> version) override;
  Result<std::vector<DefinitionRecord>> ListDefinitions() override;

  // InsertItem ignores item.id. UpdateItem also requires item.version to be
  // expected_version + 1 (Invalid otherwise); NotFound when there is no such item.
  Result<std::int64_t> InsertItem(const Item& item) override;
  Status UpdateItem(const Item& item, std::int64_t expected_version) override;
  Result<Item> GetItem(std::int64_t id) override;
  Result<std::vector<Item>> ListItems(const ItemFilter& filter) override;
  Result<std::vector<ChildItem>> ListChildren(std::int64_t parent) override;
  // sqlite_store_report.cc: the term's items by (org, workflow) with the moment tested in
  // SQL; documents (Invalid unless `hash` is the content's SHA-256) and report definitions.
  Result<std::vector<Item>> ListItemsInRange(const ItemRange& range) override;
  // A partial expression index on (org, the field) over the workflow's items.
  Result<bool> EnsureFieldIndex(const std::string& workflow, const std::string& field) override;
  Result<std::map<std::int64_t, std::string>> EnteredStates(const std::vector<std::int64_t>& items,
                                                            const std::vector<std::string>& states) override;
  // sqlite_store_refs.cc: the items' field tested in SQL, their history found in the audit
  // table by the org's key (the id's digits in the changes' text, then the change itself).
  Result<std::vector<Item>> ListItemsEverNaming(const std::string& org, const std::string& workflow,
                                                const std::string& field, std::int64_t id) override;
  Status PutDocument(const std::string& hash, const std::string& content, const std::string& stored_at) override;
  Result<std::optional<std::string>> GetDocument(const std::string& hash) override;
  Result<bool> PutReportDefinition(const DefinitionRecord& def) override;
  Result<std::optional<DefinitionRecord>> GetReportDefinition(const std::string& report) override;

  Status AppendLinked(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ItemHistory(std::int64_t item_id) override;
  // A stored entry that cannot be decoded (e.g. its changes are not JSON) is Integrity.
  Status ForEachAuditEntry(const std::string& org,
                           const std::function<Status(const AuditEntry&)>& fn) override;
  Result<std::vector<std::string>> AuditOrgs() override;
  // sqlite_store_history.cc: by the audit_item index, or by a binary search of the
  // organization's chain (LastSeqUpTo).
  Status ForEachAuditEntryUpTo(const AuditRange& range,
                               const std::function<Status(const AuditEntry&)>& fn) override;

  Result<bool> ClaimFiring(const TimerFiring& f) override;
  Result<std::optional<TimerFiring>> GetFiring(const std::string& key) override;
  Status AddNotification(const Notification& n) override;
  Result<std::vector<Notification>> Inbox(const std::string& person, bool unread_only) override;
  Result<std::vector<TimerFiring>> ListFirings(const std::string& org) override;
  Result<std::vector<Notification>> ListNotifications(const std::string& org) override;
  Result<int> MarkRead(const std::string& person) override;
  Result<std::vector<DueDelivery>> ClaimDeliveries(const std::string& now, const std::string& hold_until,
                                                   int limit) override;
  Status RecordDelivery(const Delivery& d) override;
  Status PutCalendar(const std::string& source, const std::string& loaded_at) override;
  Result<std::optional<std::string>> GetCalendar() override;

  // sqlite_store_accounts.cc: accounts, credentials and sign-in attempts.
  Result<std::optional<Account>> GetAccount(const std::string& person) override;
  Status PutAccount(const Account& account) override;
  Status PutCredential(const Credential& c) override;
  Status TouchCredential(const std::string& kind, const std::string& key, const std::string& seen) override;
  Result<std::optional<Credential>> GetCredential(const std::string& kind, const std::string& key) override;
  Result<std::vector<Credential>> ListCredentials(const std::string& kind, const std::string& person) override;
  Status AddSignIn(const SignInAttempt& attempt) override;
  Result<std::int64_t> CountSignIns(const std::optional<std::string>& person, const std::optional<std::string>& address,
                                    const std::string& outcome, const std::string& since) override;
  Status PutSetting(const std::string& key, const std::string& value) override;
  Result<std::optional<std::string>> GetSetting(const std::string& key) override;

  // audit_scan_sqlite.cc: the head by the (org, seq) key; the scan decodes each row into
  // one reused entry, with the changes read by audit/canonical_json.h (thread-safe, see below).
  Result<AuditHead> GetAuditHead(const std::string& org) override;
  Status ScanAudit(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                   const std::function<Status(const AuditEntry&)>& fn) override;
  Status ScanAuditLines(const std::string& org, std::int64_t from_seq, std::int64_t to_seq, std::string* out,
                        const std::function<Status(const AuditLineInfo&)>& fn) override;
  // True for a database file: a long scan outside a transaction reads on a connection of
  // its own, without the store's lock.
  bool ScansAuditRangesInParallel() const override;
  // For a database file: the same file opened again, read-only (sqlite_store.cc).
  std::unique_ptr<Store> OpenReader() override;

  // The migration numbers recorded in schema_migrations, ascending.
  Result<std::vector<int>> AppliedMigrations();
  // The journal mode SQLite reports ("wal" once opened read-write).
  Result<std::string> JournalMode();
  const std::string& path() const { return path_; }
  // How many read-only connections long scans have opened (kept ones are reused).
  std::int64_t ScanConnectionsOpened() const;

  // The pool of read-only connections that long scans use (sqlite_store_internal.h): a new
  // connection per scan parsed the schema and filled a fresh page cache, which cost as much
  // as reading a school's chain. Public only so that the scan code can name it.
  struct ScanConnections;

  // sqlite_store_copy.cc: what a copy of a whole store reads and writes (app/migrate.h).
  Status ImportItem(const Item& item) override;
  Result<std::vector<Notification>> ListAllNotifications() override;
  Status ImportNotification(const Notification& n) override;
  Result<std::vector<DefinitionRecord>> ListReportDefinitions() override;
  Result<std::map<std::string, std::string>> ListSettings() override;
  Result<std::vector<StoredDocument>> ListDocuments() override;
  // Attachments (sqlite_store_attachments.cc).
  Status PutAttachment(const AttachmentLink& link, const std::string& bytes) override;
  Result<std::vector<AttachmentLink>> ListAttachments(std::int64_t item) override;
  Result<std::vector<AttachmentLink>> ListOrgAttachments(const std::string& org) override;
  Result<std::optional<std::string>> GetAttachmentBytes(const std::string& hash) override;
  Result<std::vector<SignInAttempt>> ListSignIns() override;

 private:
  SqliteStore(std::string path, SqliteOptions options, std::unique_ptr<SQLite::Database> db);
  // Stores a versioned text (a workflow or report definition) in `table`, keyed by
  // `id_column` and version: true when added, false when that version is there with the
  // same content hash, Conflict when with another (sqlite_store_records.cc).
  Result<bool> PutVersioned(const DefinitionRecord& def, const char* table, const char* id_column,
                            const std::string& kind);
  // Runs `read` for a scan of from_seq..to_seq on the connection it should use: one of its
  // own for a long scan outside a transaction (audit_scan_sqlite.cc), else the store's.
  Status OnScanConnection(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                          const std::function<Status(sqlite3*)>& read);

  Status Configure();
  Status Migrate();
  Status Nested(const std::function<Status()>& fn);
  // Runs one write's statements: inside a transaction as part of it (the caller's
  // transaction or savepoint undoes them on failure; no savepoint of its own), otherwise in
  // a transaction of their own.
  Status InTransaction(const std::function<Status()>& fn);
  // Runs the fault hook at `point`; a failure is also remembered so the transaction aborts.
  Status Hook(const char* point);
  // Storage status "database '<path>': <op> failed: <what>".
  Status StorageError(const Msg& op, const std::exception& e) const;
  // Runs f (returning Status or Result<T>), turning any exception into StorageError(op).
  template <typename F>
  auto Guard(const Msg& op, F&& f) -> decltype(f());
  // The same, with the operation's text built only when it is needed (on the paths every
  // action takes: its text costs more than the statement's bindings).
  template <typename Op, typename F>
  auto GuardLazy(Op&& op, F&& f) -> decltype(f());
  // Keeps `item` as a read of its row would give it back (KeepItem), or what an update of
  // the kept one wrote (KeepUpdate: the columns written; `fields_text` and `updated_at` as
  // stored). Only inside a transaction (ReadCache::items).
  void KeepItem(Item item);
  void KeepUpdate(const Item& item, const std::string& fields_text, const std::string& updated_at);
  // The item of a row of kItemColumns; with `only`, the fields named there alone, those
  // holding null left out (as SQLite's json_patch leaves them out).
  Result<Item> ReadItem(SQLite::Statement& row, const std::vector<std::string>* only = nullptr);
  Result<AuditEntry> ReadEntry(SQLite::Statement& row);
  // The org's head as stored (seq 0 and no hash for an empty chain); throws as SQLiteCpp does.
  Status ReadAuditHead(const std::string& org, AuditHead* head);
  // The last seq of `org`'s chain whose entry is at or before `up_to`; 0 when none is.
  Result<std::int64_t> LastSeqUpTo(const std::string& org, const std::string& up_to);
  Result<std::vector<RoleGrant>> RolesOf(const std::string& person);
  // (id, name_zh, name_en, email) rows in order, then each person's roles.
  Result<std::vector<Person>> ReadPeople(SQLite::Statement& q);
  // The outbox (sqlite_store_outbox.cc): writes the deliveries of notification `id`;
  // fills in the deliveries of `list`. Under mu_, inside Guard.
  void InsertDeliveries(std::int64_t id, const Notification& n);
  void AttachDeliveries(std::vector<Notification>& list);
  Result<std::vector<Body>> BodiesOf(const std::string& org);
  // Empties cache_ when another connection has committed since it was filled (PRAGMA
  // data_version). Outside a transaction it asks each time; inside one, Transact asked
  // after BEGIN IMMEDIATE, and no other writer can commit until this one ends.
  Status RevalidateCache();

  // Statements prepared once per connection and reused (sqlite_store_internal.h): preparing
  // cost more than running them on the transition path.
  class Lease;
  struct CachedStatement {
    std::unique_ptr<SQLite::Statement> statement;
    bool busy = false;  // leased now: a re-entrant use prepares its own
  };

  std::string path_;
  SqliteOptions options_;
  std::unique_ptr<SQLite::Database> db_;
  // Keyed by the SQL text, hashed by a few 8-byte samples of it rather than every byte:
  // each action leases a few statements of a hundred bytes or more. Texts that share the
  // samples still find their own statement (compared whole), only in a longer chain.
  struct SqlHash {
    std::size_t operator()(const std::string& sql) const noexcept;
  };
  std::unordered_map<std::string, CachedStatement, SqlHash> statements_;  // after db_: finalized first
  std::recursive_mutex mu_;
  int depth_ = 0;   // 0 outside Transact, 1 in it, more in nested savepoints
  // What every action and read asks again and again: the actor (GetPerson), the organizations
  // above the item's (OrgAncestry), every organization (ListOrgs: whom a reader's roles
  // cover), each chain's head (GetAuditHead, AppendLinked), the report definitions and the
  // roles' labels (GetRoleLabels, which every action's facts carry for its refusals). Kept
  // while it is certainly current: emptied when another connection commits
  // (RevalidateCache), when this one writes an organization, a person, a report definition
  // or the roles' labels, and at every rollback, whole or to a
  // savepoint (a head or a directory row read there may have been undone).
  struct ReadCache {
    std::int64_t data_version = -1;
    std::unordered_map<std::string, Person> people;
    std::unordered_map<std::string, std::vector<std::string>> ancestry;
    std::unordered_map<std::string, AuditHead> heads;
    std::optional<std::vector<Org>> orgs;  // ListOrgs
    std::unordered_map<std::string, std::optional<DefinitionRecord>> reports;  // GetReportDefinition
    std::optional<RoleLabels> role_labels;  // GetRoleLabels: every action's facts carry them
    // Items read or written in a transaction (GetItem, InsertItem, UpdateItem), answered only
    // inside one, where the write lock is held: an action reads the item it last changed.
    // This connection is the only writer of items rows; anything else that could change one
    // (another connection, a rollback, a copy) empties the whole cache.
    std::unordered_map<std::int64_t, Item> items;
    static constexpr std::size_t kMaxItems = 1024;
    void Clear() {
      items.clear();
      role_labels.reset();
      people.clear();
      ancestry.clear();
      heads.clear();
      orgs.reset();
      reports.clear();
    }
  };
  ReadCache cache_;
  Status aborted_;  // a fault-hook failure that dooms the current transaction
  // Rows changed inside savepoints rolled back since the connection opened: with
  // sqlite3_total_changes64 (which a rollback does not lower), what a TransactChecked
  // function running without a savepoint wrote and kept.
  std::int64_t undone_changes_ = 0;
  std::int64_t KeptChanges() const;

  // Read-only connections of the long scans, kept between scans (audit_scan_sqlite.cc).
  std::unique_ptr<ScanConnections> scan_connections_;
};

}  // namespace docket
