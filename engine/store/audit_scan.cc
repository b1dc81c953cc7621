// Store's default GetAuditHead and ScanAudit: correct for any backend, by reading the whole
// chain through ForEachAuditEntry. SqliteStore overrides both (audit_scan_sqlite.cc).
#include "store/store.h"

namespace docket {

Result<AuditHead> Store::GetAuditHead(const std::string& org) {
  AuditHead head;
  Status st = ForEachAuditEntry(org, [&](const AuditEntry& e) {
    if (e.seq >= head.seq) head = {e.seq, e.hash};
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return head;
}

Status Store::ScanAudit(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                        const std::function<Status(const AuditEntry&)>& fn) {
  return ForEachAuditEntry(org, [&](const AuditEntry& e) {
    return e.seq >= from_seq && e.seq <= to_seq ? fn(e) : Status::Ok();
  });
}

}  // namespace docket
