#include "store/audit_export.h"

#include <set>
#include <utility>

#include "store/audit_chain.h"
#include "store/audit_export_file.h"
#include "store/audit_json.h"

namespace docket {

Result<ExportReport> ExportAudit(Store& store, const ExportOptions& options) {
  const std::string& org = options.org;
  Result<AuditHead> head = store.GetAuditHead(org);
  if (!head.ok()) return head.status();
  if (head->seq == 0) {
    Result<Org> known = store.GetOrg(org);
    if (!known.ok()) return known.status();
  }

  AtomicFileWriter out;
  DOCKET_RETURN_IF_ERROR(out.Open(options.path, options.force));

  ExportReport report;
  ExportHeader& h = report.header;
  h.org = org;
  h.entries = head->seq;
  h.head_seq = head->seq;
  h.head_hash = head->seq == 0 ? std::string(kZeroHash) : head->hash;
  h.exported_at = options.exported_at;
  DOCKET_RETURN_IF_ERROR(out.Append(HeaderLine(h) + "\n"));

  // Entries 1 .. head, as stored; the workflow versions they name, for the definition lines.
  std::set<std::pair<std::string, std::int64_t>> used;
  const std::pair<std::string, std::int64_t>* last_used = nullptr;
  std::int64_t expected = 1;
  Status scanned = store.ScanAudit(org, 1, head->seq, [&](const AuditEntry& e) -> Status {
    if (e.seq != expected) {
      return Status::Integrity("organization '" + org + "', entry " + std::to_string(expected) +
                               ": missing from the stored chain (the next stored entry is " +
                               std::to_string(e.seq) + "); run `audit verify`");
    }
    ++expected;
    if (!e.workflow.empty() &&
        (last_used == nullptr || last_used->second != e.workflow_version ||
         last_used->first != e.workflow)) {
      last_used = &*used.emplace(e.workflow, e.workflow_version).first;
    }
    std::string& buf = out.buffer();
    AppendCanonicalEntry(e, /*with_hash=*/true, &buf);
    buf.push_back('\n');
    return out.MaybeFlush();
  });
  DOCKET_RETURN_IF_ERROR(scanned);
  if (expected != head->seq + 1) {
    return Status::Integrity("organization '" + org + "', entry " + std::to_string(expected) +
                             ": missing from the stored chain; run `audit verify`");
  }

  for (const auto& [workflow, version] : used) {
    Result<DefinitionRecord> def = store.GetDefinition(workflow, version);
    if (!def.ok()) {
      if (def.status().code() != Code::kNotFound) return def.status();
      return Status::Integrity("organization '" + org + "': its entries name workflow '" +
                               workflow + "' version " + std::to_string(version) +
                               ", which the database does not hold");
    }
    ExportDefinition d{workflow, version, def->content_hash, def->source};
    DOCKET_RETURN_IF_ERROR(out.Append(DefinitionLine(d) + "\n"));
    d.source.clear();
    report.definitions.push_back(std::move(d));
  }
  Result<std::int64_t> bytes = out.Commit();
  if (!bytes.ok()) return bytes.status();
  report.bytes = *bytes;
  return report;
}

}  // namespace docket
