// VerifyAudit: checks that the audit log is intact and that every item is what its log says.
//
// Works through the Store interface alone, so it verifies any backend (and an exported log
// loaded into a fresh store). Two passes per organization:
//   1. the chain: sequence 1, 2, 3 ... without gaps; each prev_hash is the previous entry's
//      hash (64 zeros for entry 1); each hash recomputes from the entry's content;
//   2. the replay (AuditReplay, audit/replay.h, which history as of a date uses too): each
//      item's "ok" entries, in order, rebuild its state, fields and version (creation from
//      "" with version 1, then +1 per entry, each change starting from the value the field
//      held); the result must equal the stored item. Refused entries belong to the chain
//      but change nothing.
// The first mismatch is reported as Status::Integrity naming the organization and the
// entry's sequence number or the item's id.
// Speed: the chain is read with Store::ScanAudit; on a long chain in a store that reads
// ranges in parallel (SqliteStore), the hashes are recomputed on the other CPUs meanwhile
// (audit_hash_check.h) — the first problem reported is still the one a single pass finds.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/replay.h"
#include "core/status.h"
#include "store/store.h"

namespace docket {

struct VerifyReport {
  std::vector<std::string> orgs;  // the organizations verified, in order
  std::int64_t entries = 0;       // audit entries checked
  std::int64_t items = 0;         // items replayed and compared
  // Each organization's configuration as its chain records it, for the caller to compare
  // with the stored configuration (which the store cannot read whole: the calendar is YAML).
  std::map<std::string, ReplayedConfig> configs;
};

// Verifies `org`'s chain and items, or every organization's when `org` is empty (every
// organization with entries or items). Integrity on the first mismatch ("organization
// 'X', entry N: ..." or "organization 'X', item K: ..."); NotFound for an unknown `org`;
// the store's own error when reading fails.
Result<VerifyReport> VerifyAudit(Store& store, const std::optional<std::string>& org);

}  // namespace docket
