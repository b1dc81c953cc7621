// Store: the persistence seam, one object that plays every role the engine needs of it.
// SQLite (sqlite_store.h) is the embedded default; PgStore (pg_store.h) the same on
// PostgreSQL for a service of many schools; MemoryStore (memory_store.h) the in-memory twin
// the tests run beside them.
//
// The roles, each a header of its own with its contract:
//   ItemStore      (item_store.h)      items with optimistic versions, and Transact: all of
//                                      a transaction's writes, through any role, or none;
//   AuditStore     (audit_store.h)     the append-only hash chain per organization, linked
//                                      by audit/chain.h, and its fast reads;
//   DirectoryStore (directory_store.h) orgs, people, tables, workflow and report
//                                      definitions (every version kept), the calendar;
//   DocumentStore  (document_store.h)  texts kept under their SHA-256, first copy wins;
//   TimerStore     (timer_store.h)     timer firings claimed once, notifications;
//   AccountStore   (account_store.h)   passwords, invitations, sessions, API tokens and
//                                      sign-in attempts: how people prove who they are;
//   AttachmentStore (attachment_store.h) files attached to items, bytes by SHA-256.
//
// Contract: every method returns Status/Result and never throws. Writes that belong
// together run inside Transact(), which either commits all of them or none. The audit log
// is append-only: no role has a way to change or remove an entry. Store itself implements
// the derived reads below on the roles' required methods, correct for any backend; a
// backend with indexes overrides them.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit/entry.h"
#include "core/item.h"
#include "core/org.h"
#include "core/status.h"
#include "core/transition.h"
#include "store/account_store.h"
#include "store/attachment_store.h"
#include "store/audit_store.h"
#include "store/directory_store.h"
#include "store/document_store.h"
#include "store/item_store.h"
#include "store/timer_store.h"

namespace docket {

class Store : public ItemStore, public AuditStore, public DirectoryStore, public DocumentStore, public TimerStore,
              public AccountStore, public AttachmentStore {
 public:
  ~Store() override = default;

  // Defaults (store_report.cc) on ListItems, GetItem and ItemHistory; SqliteStore reads
  // ListChildren's four columns by the parent index and filters ranges in SQL.
  Result<std::vector<ChildItem>> ListChildren(std::int64_t parent) override;
  Result<std::vector<Item>> ListItemsInRange(const ItemRange& range) override;
  Result<bool> EnsureFieldIndex(const std::string& workflow, const std::string& field) override;  // false
  Result<std::map<std::int64_t, std::string>> EnteredStates(const std::vector<std::int64_t>& items,
                                                            const std::vector<std::string>& states) override;
  // What a report reads of many items at once (store_report.cc), so that a store across a
  // network (PgStore) answers in one round trip: the items of `ids` that exist, and the
  // children of each of `parents` (their parent's order, then id order). The defaults
  // read them one by one (GetItem; ListItems by parent).
  virtual Result<std::vector<Item>> GetItems(const std::vector<std::int64_t>& ids);
  virtual Result<std::vector<Item>> ListItemsUnder(const std::vector<std::int64_t>& parents);
  // ListItemsInRange for each of `orgs` (range.org is ignored), grouped by org, each org's
  // in id order; which org comes first is the store's (a roll-up reads a section of all its
  // schools at once). The default reads one org after another, in the order given.
  virtual Result<std::vector<Item>> ListItemsInRangeOf(const ItemRange& range, const std::vector<std::string>& orgs);
  // Every item running `workflow` in each of `orgs`, grouped by org likewise (ListItems by
  // org and workflow, one org after another by default). With `fields` named, a store may
  // build only those fields of each item (PgStore does; the default builds them all).
  virtual Result<std::vector<Item>> ListItemsOfOrgs(const std::vector<std::string>& orgs, const std::string& workflow,
                                                    const std::vector<std::string>& fields);
  // ItemHistory of each of `items`, by item id (an item without entries: an empty list);
  // the findings read the histories their checks need at once. The default reads one item
  // after another; PgStore in one query.
  virtual Result<std::map<std::int64_t, std::vector<AuditEntry>>> ItemHistories(const std::vector<std::int64_t>& items);
  // The items of `org` running `workflow` whose item field `field` (an id: [a-z][a-z0-9_]*)
  // names item `id` now, or was set to it by an entry of their history (a change of `field`
  // whose value after is `id`): in id order, every item whose field ever held `id` (the audit
  // log's changes are how a field comes to hold a value), perhaps a few more. A meeting's
  // minutes read their topics so: a topic deferred to a later meeting names that one now.
  // The default (store_refs.cc) reads every such item and each one's history; SqliteStore
  // and PgStore ask the audit table.
  virtual Result<std::vector<Item>> ListItemsEverNaming(const std::string& org, const std::string& workflow,
                                                        const std::string& field, std::int64_t id);
  // Defaults for a store without a place for documents and report definitions: Storage
  // (GetReportDefinition: none loaded).
  Status PutDocument(const std::string& hash, const std::string& content, const std::string& stored_at) override;
  Result<std::optional<std::string>> GetDocument(const std::string& hash) override;
  Result<bool> PutReportDefinition(const DefinitionRecord& def) override;
  Result<std::optional<DefinitionRecord>> GetReportDefinition(const std::string& report) override;
  Result<std::vector<StoredDocument>> ListDocuments() override;              // none
  Result<std::vector<DefinitionRecord>> ListReportDefinitions() override;    // none

  // Default (store_history.cc): walks GetOrg upwards; SqliteStore reads the parent column
  // only, in one query.
  Result<std::vector<std::string>> OrgAncestry(const std::string& org) override;
  // Default (store_history.cc): filters ForEachAuditEntry / ItemHistory; SqliteStore reads
  // only the range, by index.
  Status ForEachAuditEntryUpTo(const AuditRange& range,
                               const std::function<Status(const AuditEntry&)>& fn) override;
  // Defaults (audit_scan.cc): read ForEachAuditEntry; SqliteStore reads by its key.
  Result<AuditHead> GetAuditHead(const std::string& org) override;
  Status ScanAudit(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                   const std::function<Status(const AuditEntry&)>& fn) override;
  Status ScanAuditLines(const std::string& org, std::int64_t from_seq, std::int64_t to_seq, std::string* out,
                        const std::function<Status(const AuditLineInfo&)>& fn) override;
  // No second connection by default (an in-memory database), so no parallel scans.
  std::unique_ptr<Store> OpenReader() override { return nullptr; }
  bool ScansAuditRangesInParallel() const override { return false; }
};

}  // namespace docket
