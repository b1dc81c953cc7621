// AuditStore: the append-only, hash-chained audit log, one chain per organization.
//
// Contract: every method returns Status/Result and never throws. The only write is
// AppendLinked: "append this entry at (org, seq) if the head is still this". The entry
// comes linked after its organization's head (audit/chain.h LinkEntry: seq = head + 1,
// prev_hash = the head's hash, hash = EntryHash), inside the caller's transaction, so an
// entry and the item write it records are kept together or not at all, and two writers
// can never fork a chain. Nothing changes or removes an entry. Reads give entries as
// stored, in chain order (org, seq), changes ordered by field name.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/chain.h"
#include "audit/entry.h"
#include "core/status.h"
#include "core/transition.h"

namespace docket {

class Store;

// Which audit entries to read for history as of a time: those recorded at or before
// `up_to` (ISO text, compared as text), of one item (`item_id`) or of one organization
// (`org`, optionally only those about items of `workflow`). Exactly one of item_id and org.
struct AuditRange {
  std::optional<std::int64_t> item_id;
  std::optional<std::string> org;
  std::optional<std::string> workflow;
  std::string up_to;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // Appends `entry`, linked by the caller, if its organization's head is still
  // (entry.seq - 1, entry.prev_hash): Conflict when another writer appended first. Invalid
  // for an outcome other than "ok"/"refused", an empty org, a field named twice in changes,
  // or text that is not UTF-8. Runs inside the caller's Transact(), else in its own.
  virtual Status AppendLinked(const AuditEntry& entry) = 0;
  // Links `entry` after its organization's head as read now (GetAuditHead), appends it with
  // AppendLinked and returns it as stored. Inside the caller's Transact() the head cannot
  // move in between; outside one, another writer's append in between makes it Conflict.
  Result<AuditEntry> AppendAudit(AuditEntry entry) {
    DOCKET_ASSIGN_OR_RETURN(AuditHead head, GetAuditHead(entry.org));
    LinkEntry(entry, head.seq, head.hash);
    Status st = AppendLinked(entry);
    if (!st.ok()) return st;
    return entry;
  }
  virtual Result<std::vector<AuditEntry>> ItemHistory(std::int64_t item_id) = 0;
  // Calls `fn` for every entry of `org` in sequence order; stops at the first non-ok status.
  virtual Status ForEachAuditEntry(const std::string& org,
                                   const std::function<Status(const AuditEntry&)>& fn) = 0;
  virtual Result<std::vector<std::string>> AuditOrgs() = 0;  // orgs that have entries
  // Calls `fn` for every entry in `range`, in chain order; stops at the first non-ok status.
  // Invalid unless exactly one of item_id and org is given.
  virtual Status ForEachAuditEntryUpTo(const AuditRange& range,
                                       const std::function<Status(const AuditEntry&)>& fn) = 0;

  // The chain read fast, for export, checkpoints and verification. GetAuditHead: the entry
  // of `org` with the highest seq. ScanAudit: ForEachAuditEntry for entries with
  // from_seq <= seq <= to_seq only; the entry `fn` sees is reused between calls (copy what
  // must outlive the call).
  virtual Result<AuditHead> GetAuditHead(const std::string& org) = 0;
  virtual Status ScanAudit(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                           const std::function<Status(const AuditEntry&)>& fn) = 0;
  // ScanAuditLines: the same entries as export lines (docs/AUDIT.md: the canonical text with
  // "hash" in its place), each appended with its newline to *out before `fn` sees it. A
  // backend that keeps the changes as text writes them as stored, so a stored text that is
  // not canonical shows in verification.
  virtual Status ScanAuditLines(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                                std::string* out, const std::function<Status(const AuditLineInfo&)>& fn) = 0;
  // A second, read-only store on the same data, for reading on another thread while this
  // one is used; nullptr when there is none to open. It sees what is committed.
  virtual std::unique_ptr<Store> OpenReader() = 0;
  // Whether ScanAudit over disjoint ranges may usefully run on several threads at once, each
  // costing in proportion to its range.
  virtual bool ScansAuditRangesInParallel() const = 0;
};

}  // namespace docket
