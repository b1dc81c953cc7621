// ExportAudit: writes one organization's audit chain to a self-describing file that can be
// verified without the database (audit/export_verify.h; the format is in
// audit/export_format.h and docs/AUDIT.md).
//
// The export is a faithful copy: entries are written as stored, hashes included, and are
// not re-verified on the way (verifying the file afterwards, or `audit verify` on the
// database, does that). It reads the chain up to the head it found when it started, so
// entries appended meanwhile are left for the next export. The file appears whole or not
// at all: it is written beside its destination under a temporary name, synced, then moved
// into place.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "audit/export_format.h"
#include "core/status.h"
#include "store/store.h"

namespace docket {

struct ExportOptions {
  std::string org;
  std::string path;
  bool force = false;       // replace an existing file at `path`
  std::string exported_at;  // ISO time for the header (from the caller's clock)
  int threads = 0;          // threads reading the chain; 0: one per CPU (at most 4)
};

struct ExportReport {
  ExportHeader header;
  std::vector<ExportDefinition> definitions;  // without their sources
  std::int64_t bytes = 0;
};

// Exports `options.org`'s chain to `options.path`. NotFound for an organization the store
// does not know (and with no entries); Invalid when the file exists and !force; Storage
// naming the path when it cannot be written; Integrity when the stored chain has a gap or
// names a workflow version the store does not hold (nothing is left behind then).
Result<ExportReport> ExportAudit(Store& store, const ExportOptions& options);

// ExportAudit for each of `exports` (their `threads` are ignored), each the work of one
// thread, on `threads` threads (0: one per CPU, at most 4; one when the store cannot scan on
// several connections), as audit/export_batch.h says; the results in the order given.
std::vector<Result<ExportReport>> ExportAudits(Store& store, const std::vector<ExportOptions>& exports,
                                               int threads = 0);

}  // namespace docket
