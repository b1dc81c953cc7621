// MemoryStore: the Store kept in memory, with SqliteStore's semantics — the twin the app
// tests run beside SQLite, and the fault-injecting store (MemoryOptions::fault_hook).
//
// What it keeps as SQLite does: transactions commit all or nothing, a nested Transact is a
// savepoint; ids of items and notifications count up and a rolled-back id is given again
// (as AUTOINCREMENT's counter rolls back with the transaction); items and audit entries
// come back as their stored text would decode (fields and changes through JSON, times to
// the second, changes ordered by field name); the audit chain is linked by
// audit/chain.h's LinkEntry; records are refused with the same checks
// (store/record_checks.h) and the same codes.
// What it does not keep: anything past the process — the data lives as long as a store or
// a MemoryOptions::database handle holds it. No indexes (EnsureFieldIndex is false, reads
// scan), and no second reader (OpenReader is nullptr).
// Thread-safety: stores on one MemoryDatabase serialise every call on its mutex, and a
// transaction holds it until it ends, so other threads see only what is committed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

namespace docket {

// The records, and the transaction under way, of one in-memory database
// (memory_store_internal.h).
struct MemoryDatabase;

struct MemoryOptions {
  // Called at the points SqliteOptions::fault_hook names: "after_item_write" (InsertItem,
  // UpdateItem), "after_audit_append" and "before_commit". A non-ok status or an exception
  // aborts the whole transaction, which then returns that failure.
  std::function<Status(const char* point)> fault_hook;
  // The database to open, as a second connection opens the same file: another store's
  // database(). nullptr: a new, empty one.
  std::shared_ptr<MemoryDatabase> database;
};

class MemoryStore : public Store {
 public:
  // A store on options.database, or on a new empty database. Never fails today; Result
  // for the same shape as SqliteStore::Open.
  static Result<std::unique_ptr<MemoryStore>> Open(MemoryOptions options = {});
  ~MemoryStore() override;
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;

  // The data this store reads and writes, for opening another store on it.
  const std::shared_ptr<MemoryDatabase>& database() const { return db_; }

  // memory_store.cc: transactions, an undo log per write, rolled back to a savepoint's mark.
  Status Transact(const std::function<Status()>& fn) override;

  // memory_store_items.cc: items and the audit chain.
  Result<std::int64_t> InsertItem(const Item& item) override;
  Status UpdateItem(const Item& item, std::int64_t expected_version) override;
  Result<Item> GetItem(std::int64_t id) override;
  Result<std::vector<Item>> ListItems(const ItemFilter& filter) override;
  // Store's scan, after refusing the names SqliteStore refuses; projected fields drop nulls
  // as SQLite's json_patch does.
  Result<std::vector<Item>> ListItemsInRange(const ItemRange& range) override;
  // Invalid for names that are not ids; false otherwise (no indexes here).
  Result<bool> EnsureFieldIndex(const std::string& workflow, const std::string& field) override;

  Status AppendLinked(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ItemHistory(std::int64_t item_id) override;
  Status ForEachAuditEntry(const std::string& org,
                           const std::function<Status(const AuditEntry&)>& fn) override;
  Result<std::vector<std::string>> AuditOrgs() override;
  Result<AuditHead> GetAuditHead(const std::string& org) override;
  Status ScanAudit(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                   const std::function<Status(const AuditEntry&)>& fn) override;

  // memory_store_records.cc: the directory, documents, timers and notifications.
  Status UpsertOrg(const Org& org) override;
  Result<Org> GetOrg(const std::string& id) override;
  Result<std::vector<Org>> ListOrgs() override;
  Status UpsertPerson(const Person& person) override;
  Result<Person> GetPerson(const std::string& id) override;
  Result<std::vector<Person>> ListPeople() override;
  Status PutRoleLabels(const RoleLabels& labels) override;
  Result<RoleLabels> GetRoleLabels() override;
  Status PutTable(const std::string& name, const LookupTable& entries) override;
  Result<LookupTable> GetTable(const std::string& name) override;
  Result<std::vector<std::string>> ListTables() override;
  Result<bool> PutDefinition(const DefinitionRecord& def) override;
  Result<DefinitionRecord> GetDefinition(const std::string& workflow,
                                         std::optional<std::int64_t> version) override;
  Result<std::vector<DefinitionRecord>> ListDefinitions() override;
  Result<bool> PutReportDefinition(const DefinitionRecord& def) override;
  Result<std::optional<DefinitionRecord>> GetReportDefinition(const std::string& report) override;
  Status PutCalendar(const std::string& source, const std::string& loaded_at) override;
  Result<std::optional<std::string>> GetCalendar() override;
  Status PutSetting(const std::string& key, const std::string& value) override;
  Result<std::optional<std::string>> GetSetting(const std::string& key) override;
  // Invalid unless `hash` is the content's SHA-256, as in SqliteStore.
  Status PutDocument(const std::string& hash, const std::string& content, const std::string& stored_at) override;
  Result<std::optional<std::string>> GetDocument(const std::string& hash) override;

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

  // memory_store_accounts.cc: accounts, credentials and sign-in attempts.
  Result<std::optional<Account>> GetAccount(const std::string& person) override;
  Status PutAccount(const Account& account) override;
  Status PutCredential(const Credential& c) override;
  Status TouchCredential(const std::string& kind, const std::string& key, const std::string& seen) override;
  Result<std::optional<Credential>> GetCredential(const std::string& kind, const std::string& key) override;
  Result<std::vector<Credential>> ListCredentials(const std::string& kind, const std::string& person) override;
  Status AddSignIn(const SignInAttempt& attempt) override;
  Result<std::int64_t> CountSignIns(const std::optional<std::string>& person, const std::optional<std::string>& address,
                                    const std::string& outcome, const std::string& since) override;

  // memory_store_copy.cc: what a copy of a whole store reads and writes (app/migrate.h).
  Status ImportItem(const Item& item) override;
  Result<std::vector<Notification>> ListAllNotifications() override;
  Status ImportNotification(const Notification& n) override;
  Result<std::vector<DefinitionRecord>> ListReportDefinitions() override;
  Result<std::map<std::string, std::string>> ListSettings() override;
  Result<std::vector<StoredDocument>> ListDocuments() override;
  // Attachments (memory_store_attachments.cc).
  Status PutAttachment(const AttachmentLink& link, const std::string& bytes) override;
  Result<std::vector<AttachmentLink>> ListAttachments(std::int64_t item) override;
  Result<std::vector<AttachmentLink>> ListOrgAttachments(const std::string& org) override;
  Result<std::optional<std::string>> GetAttachmentBytes(const std::string& hash) override;
  Result<std::vector<SignInAttempt>> ListSignIns() override;

 private:
  MemoryStore(MemoryOptions options, std::shared_ptr<MemoryDatabase> db);
  Status Nested(const std::function<Status()>& fn);
  // Runs the fault hook at `point`; a failure is also remembered so the transaction aborts.
  Status Hook(const char* point);
  // A workflow or report definition into `versions`: true when added, false when that
  // version is there with the same content hash, Conflict when with another.
  Result<bool> PutVersioned(const DefinitionRecord& def, bool report);

  MemoryOptions options_;
  std::shared_ptr<MemoryDatabase> db_;
};

}  // namespace docket
