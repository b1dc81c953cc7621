// PgStore: the Store on a PostgreSQL database, for deployments that share one database
// between servers (docs/ARCHITECTURE.md, "Stores").
//
// Open() connects to a postgresql:// URL (libpq's syntax) and applies the numbered
// migrations compiled into the library (schemas/sql/pg/NNN_*.sql) in one transaction each,
// under an advisory lock so that servers starting together apply each once; each is
// recorded in schema_migrations; a database that already has every migration this program
// knows is opened without a write, so a read-only hot standby opens too (its writes then
// fail as Storage). Semantics are SqliteStore's: Transact is one transaction
// (a nested one a savepoint); an item's version moves only by UpdateItem's
// compare-and-set; the audit chain of an organization is appended with its head row
// (audit_heads) locked FOR UPDATE and moved in the same transaction, so writers on any
// number of connections take turns and never fork a chain; the audit table only grows
// (triggers refuse UPDATE, DELETE and TRUNCATE). Every PostgreSQL or libpqxx error becomes
// Status::Storage naming the database and the operation, as SQLite's do (a lost
// connection, a serialization failure or a deadlock included); nothing throws out.
// Thread-safety: one instance may be shared between threads (calls are serialised by a
// mutex on its one connection); any number of instances and processes may open the same
// database.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/store.h"

namespace pqxx {
class result;
}  // namespace pqxx

namespace docket {

struct PgOptions {
  // Called at the points SqliteOptions::fault_hook names; a failure aborts the transaction.
  std::function<Status(const char* point)> fault_hook;
  // Apply the migrations to a database without the Docket schema. Otherwise such a
  // database is NotFound, and nothing is written to it.
  bool create = true;
};

// Whether `db` names a PostgreSQL database (postgresql:// or postgres://).
bool IsPostgresUrl(const std::string& db);
// The URL as messages show it: without a password (postgresql://user:secret@host/db).
std::string WithoutPassword(const std::string& url);

class PgStore : public Store {
 public:
  // Storage when the server cannot be reached or refuses; NotFound when !create and the
  // database holds no Docket schema.
  static Result<std::unique_ptr<PgStore>> Open(const std::string& url, const PgOptions& options = {});
  ~PgStore() override;
  PgStore(const PgStore&) = delete;
  PgStore& operator=(const PgStore&) = delete;

  // pg_store.cc: BEGIN ... COMMIT; nested: SAVEPOINT.
  Status Transact(const std::function<Status()>& fn) override;
  bool SerializesWriters() const override { return false; }

  // pg_store_items.cc: items and the audit chain.
  Result<std::int64_t> InsertItem(const Item& item) override;
  Status UpdateItem(const Item& item, std::int64_t expected_version) override;
  Result<Item> GetItem(std::int64_t id) override;
  Result<std::vector<Item>> ListItems(const ItemFilter& filter) override;
  Result<std::vector<ChildItem>> ListChildren(std::int64_t parent) override;
  Status AppendLinked(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ItemHistory(std::int64_t item_id) override;
  Result<std::map<std::int64_t, std::vector<AuditEntry>>> ItemHistories(const std::vector<std::int64_t>& items) override;
  Status ForEachAuditEntry(const std::string& org, const std::function<Status(const AuditEntry&)>& fn) override;
  Result<std::vector<std::string>> AuditOrgs() override;
  // Inside a transaction the head row is locked until it ends: the head cannot move.
  Result<AuditHead> GetAuditHead(const std::string& org) override;
  Status ScanAudit(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                   const std::function<Status(const AuditEntry&)>& fn) override;

  // pg_store_report.cc: what reports read, in SQL rather than item by item.
  Result<std::vector<Item>> ListItemsInRange(const ItemRange& range) override;
  Result<std::vector<Item>> ListItemsInRangeOf(const ItemRange& range, const std::vector<std::string>& orgs) override;
  Result<std::vector<Item>> ListItemsOfOrgs(const std::vector<std::string>& orgs, const std::string& workflow,
                                            const std::vector<std::string>& fields) override;
  // pg_store_refs.cc: ListItemsEverNaming in one statement (the audit table by the org's key).
  Result<std::vector<Item>> ListItemsEverNaming(const std::string& org, const std::string& workflow,
                                                const std::string& field, std::int64_t id) override;
  // How many statements this store has sent, with those of the readers it opened
  // (OpenReader) after they opened (a test bounds a roll-up's round trips by it).
  std::int64_t StatementsSent() const { return statements_.load() + sent_by_readers_->load(); }
  // How many round trips to the server this store's own connection has made: its statements
  // plus BEGIN, COMMIT, ROLLBACK and the savepoints (a test bounds an action's by it).
  std::int64_t RoundTrips() const { return statements_.load() + control_.load(); }
  // A second connection to the database, for reads on another thread (the findings beside a
  // roll-up's totals); nullptr inside a transaction (it would not see the transaction's
  // writes) or when it cannot connect. Its sessions are read-only.
  std::unique_ptr<Store> OpenReader() override;
  Result<bool> EnsureFieldIndex(const std::string& workflow, const std::string& field) override;
  Result<std::vector<Item>> GetItems(const std::vector<std::int64_t>& ids) override;
  Result<std::vector<Item>> ListItemsUnder(const std::vector<std::int64_t>& parents) override;
  Result<std::map<std::int64_t, std::string>> EnteredStates(const std::vector<std::int64_t>& items,
                                                            const std::vector<std::string>& states) override;

  // pg_store_records.cc: the directory.
  Status UpsertOrg(const Org& org) override;
  Result<Org> GetOrg(const std::string& id) override;
  Result<std::vector<Org>> ListOrgs() override;
  // One recursive query (every action asks it for its actor's roles above the item's org).
  Result<std::vector<std::string>> OrgAncestry(const std::string& org) override;
  Status UpsertPerson(const Person& person) override;
  Result<Person> GetPerson(const std::string& id) override;
  Result<std::vector<Person>> ListPeople() override;
  Status PutRoleLabels(const RoleLabels& labels) override;
  Result<RoleLabels> GetRoleLabels() override;
  Status PutTable(const std::string& name, const LookupTable& entries) override;
  Result<LookupTable> GetTable(const std::string& name) override;
  Result<std::vector<std::string>> ListTables() override;
  Result<bool> PutDefinition(const DefinitionRecord& def) override;
  Result<DefinitionRecord> GetDefinition(const std::string& workflow, std::optional<std::int64_t> version) override;
  Result<std::vector<DefinitionRecord>> ListDefinitions() override;
  Result<bool> PutReportDefinition(const DefinitionRecord& def) override;
  Result<std::optional<DefinitionRecord>> GetReportDefinition(const std::string& report) override;
  // Invalid unless `hash` is the content's SHA-256.
  Status PutDocument(const std::string& hash, const std::string& content, const std::string& stored_at) override;
  Result<std::optional<std::string>> GetDocument(const std::string& hash) override;

  // pg_store_timers.cc: timers, notifications and the outbox, calendar and settings.
  Result<bool> ClaimFiring(const TimerFiring& f) override;
  Result<std::optional<TimerFiring>> GetFiring(const std::string& key) override;
  Status AddNotification(const Notification& n) override;
  Result<std::vector<Notification>> Inbox(const std::string& person, bool unread_only) override;
  Result<std::vector<TimerFiring>> ListFirings(const std::string& org) override;
  Result<std::vector<Notification>> ListNotifications(const std::string& org) override;
  Result<int> MarkRead(const std::string& person) override;
  // Rows another worker holds are skipped (FOR UPDATE SKIP LOCKED).
  Result<std::vector<DueDelivery>> ClaimDeliveries(const std::string& now, const std::string& hold_until,
                                                   int limit) override;
  Status RecordDelivery(const Delivery& d) override;
  Status PutCalendar(const std::string& source, const std::string& loaded_at) override;
  Result<std::optional<std::string>> GetCalendar() override;
  Status PutSetting(const std::string& key, const std::string& value) override;
  Result<std::optional<std::string>> GetSetting(const std::string& key) override;

  // pg_store_accounts.cc: accounts, credentials and sign-in attempts.
  Result<std::optional<Account>> GetAccount(const std::string& person) override;
  Status PutAccount(const Account& account) override;
  Status PutCredential(const Credential& c) override;
  Status TouchCredential(const std::string& kind, const std::string& key, const std::string& seen) override;
  Result<std::optional<Credential>> GetCredential(const std::string& kind, const std::string& key) override;
  Result<std::vector<Credential>> ListCredentials(const std::string& kind, const std::string& person) override;
  Status AddSignIn(const SignInAttempt& attempt) override;
  Result<std::int64_t> CountSignIns(const std::optional<std::string>& person, const std::optional<std::string>& address,
                                    const std::string& outcome, const std::string& since) override;

  // The migration numbers recorded in schema_migrations, ascending.
  Result<std::vector<int>> AppliedMigrations();
  // The URL without its password, as messages name the database.
  const std::string& name() const { return name_; }

  // pg_store_copy.cc: what a copy of a whole store reads and writes (app/migrate.h).
  Status ImportItem(const Item& item) override;
  Result<std::vector<Notification>> ListAllNotifications() override;
  Status ImportNotification(const Notification& n) override;
  Result<std::vector<DefinitionRecord>> ListReportDefinitions() override;
  Result<std::map<std::string, std::string>> ListSettings() override;
  Result<std::vector<StoredDocument>> ListDocuments() override;
  // Attachments (pg_store_attachments.cc).
  Status PutAttachment(const AttachmentLink& link, const std::string& bytes) override;
  Result<std::vector<AttachmentLink>> ListAttachments(std::int64_t item) override;
  Result<std::vector<AttachmentLink>> ListOrgAttachments(const std::string& org) override;
  Result<std::optional<std::string>> GetAttachmentBytes(const std::string& hash) override;
  Result<std::vector<SignInAttempt>> ListSignIns() override;

 private:
  PgStore(std::string url, std::string name, PgOptions options);
  Status Connect();
  Status Migrate();
  Status Nested(const std::function<Status()>& fn);
  // Runs fn inside the current transaction, or in one of its own outside any.
  Status InTransaction(const std::function<Status()>& fn);
  Status Hook(const char* point);
  Status StorageError(const Msg& op, const std::exception& e);
  // Runs f (returning Status or Result<T>), turning any exception into StorageError(op).
  template <typename F>
  auto Guard(const Msg& op, F&& f) -> decltype(f());
  // Runs `sql` with its $1.. parameters (pg_store_internal.h).
  template <typename... Args>
  pqxx::result Exec(const std::string& sql, Args&&... args);
  // Runs `sql` as the prepared statement `name`: parsed and planned by the server once per
  // connection (at its first use), not at every call — the statements every action and
  // request sends (pg_store_internal.h).
  template <typename... Args>
  pqxx::result Prepared(const char* name, const std::string& sql, Args&&... args);
  // The org's head; with `lock`, its row made if missing and locked FOR UPDATE — waiting
  // for another transaction's lock only while this one holds no head (otherwise NOWAIT:
  // Status::Busy rather than a deadlock between two servers' group commits).
  Result<AuditHead> ReadHead(const std::string& org, bool lock);
  Result<std::vector<Body>> BodiesOf(const std::string& org);
  Result<bool> PutVersioned(const DefinitionRecord& def, const char* table, const char* id_column, bool report);
  Status AttachDeliveries(std::vector<Notification>& list);

  std::string url_;
  std::string name_;
  PgOptions options_;
  // The connection, and the libpqxx transaction object statements run through
  // (pg_store_internal.h): a pqxx::nontransaction, BEGIN and COMMIT sent by hand.
  struct Connection;
  std::unique_ptr<Connection> conn_;
  std::recursive_mutex mu_;
  std::set<std::string> indexes_;  // EnsureFieldIndex's indexes known to exist
  std::set<std::string> prepared_;  // the statements Prepared() has declared on conn_
  int depth_ = 0;   // 0 outside Transact, 1 in it, more in nested savepoints
  Status aborted_;  // a fault-hook failure that dooms the current transaction
  Status failed_;   // a statement that failed since the transaction or savepoint began
  // The heads this transaction locked, as it last read or wrote them (forgotten when a
  // savepoint rolls back: the head and perhaps its lock went back with it), and whether it
  // has locked any (kept until the transaction ends).
  std::map<std::string, AuditHead> held_;
  bool holds_heads_ = false;
  std::atomic<std::int64_t> statements_{0};
  std::atomic<std::int64_t> control_{0};  // BEGIN, COMMIT, ROLLBACK, savepoints
  // The statements of the readers this store opened; a reader also counts its own into its
  // opener's (opener_sent_).
  std::shared_ptr<std::atomic<std::int64_t>> sent_by_readers_ = std::make_shared<std::atomic<std::int64_t>>(0);
  std::shared_ptr<std::atomic<std::int64_t>> opener_sent_;

  // pg_store_directory.cc: the directory rows every action reads (its actor, the
  // organizations above the item's, the item's organization, the role labels, the
  // workflow's definition), kept between transactions while the database's
  // directory_version (migration 003, moved by triggers whoever changes those rows) is the
  // one read with this transaction's BEGIN. Used inside transactions only (outside, every
  // read goes to the database); dropped when this store writes any of those rows (the rest
  // of that transaction reads through) and when the version read at BEGIN differs.
  struct DirectoryCache {
    std::int64_t version = -1;  // -1: not usable now
    std::map<std::string, Person> people;
    std::map<std::string, Org> orgs;
    std::map<std::string, std::vector<std::string>> ancestry;
    std::optional<RoleLabels> role_labels;
    std::map<std::string, DefinitionRecord> latest;  // GetDefinition(workflow, nullopt)
    std::map<std::pair<std::string, std::int64_t>, DefinitionRecord> versions;
    void Clear();
  };
  // BEGIN, and the directory's version read in the same round trip (keeps or drops cache_).
  void Begin();
  // Whether cache_ may answer now; Forget(): this store changed the directory.
  bool Cached() const { return depth_ > 0 && cache_.version >= 0; }
  // Outside a transaction: the directory's version as a statement just read it (with a
  // request's credential, GetCredential); cache_ is kept if it is the one kept, dropped if
  // not. FreshOutside(): no round trip since then, so cache_ answers as of that statement
  // (a request's caller: the credential and their person as of one snapshot).
  void SawDirectoryVersion(std::int64_t version);
  bool FreshOutside() const;
  std::int64_t fresh_at_ = -1;  // RoundTrips() just after SawDirectoryVersion's statement
  void ForgetDirectory();
  // Sends `sql` (no parameters) as it is, counted as a control round trip.
  pqxx::result Control(const std::string& sql);
  DirectoryCache cache_;
  bool versioned_ = false;  // the database has directory_version (after Migrate)
  // A savepoint that ended well, released with the next SAVEPOINT (or by COMMIT) rather
  // than in a round trip of its own.
  std::string pending_release_;
  // SAVEPOINT and RELEASE statements not sent yet: sent before the next statement (Flush,
  // called by Exec and Prepared), or in the same query as the head lock; dropped by COMMIT
  // and ROLLBACK, and a savepoint in which nothing was sent is never made.
  std::vector<std::string> deferred_;
  void Flush();
};

}  // namespace docket
