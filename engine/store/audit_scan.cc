// Store's default GetAuditHead, ScanAudit and ScanAuditLines: correct for any backend, by reading the whole
// chain through ForEachAuditEntry. SqliteStore overrides both (audit_scan_sqlite.cc).
#include "store/store.h"

#include "audit/canonical_json.h"

namespace docket {

Result<AuditHead> Store::GetAuditHead(const std::string& org) {
  AuditHead head;
  Status st = ForEachAuditEntry(org, [&](const AuditEntry& e) {
    if (e.seq >= head.seq) head = {e.seq, e.hash, e.time};
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

Status Store::ScanAuditLines(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                             std::string* out, const std::function<Status(const AuditLineInfo&)>& fn) {
  return ScanAudit(org, from_seq, to_seq, [&](const AuditEntry& e) {
    AppendCanonicalEntry(e, /*with_hash=*/true, out);
    out->push_back('\n');
    return fn(AuditLineInfo{e.seq, e.workflow, e.workflow_version});
  });
}

}  // namespace docket
