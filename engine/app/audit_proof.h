// What the portable-proof use cases return (Docket::ExportAudit, MakeCheckpoint,
// VerifyAgainstCheckpoint, VerifyExport; docs/AUDIT.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/checkpoint.h"
#include "audit/export_verify.h"
#include "store/audit_export.h"

namespace docket {

// A log proved to extend a checkpoint: the checkpoint, and how far the log goes now.
struct CheckpointProof {
  Checkpoint checkpoint;
  std::int64_t head_seq = 0;  // the log's last entry now (>= checkpoint.seq)
  std::string head_hash;
  std::int64_t entries = 0;   // entries verified
  std::int64_t items = 0;     // items replayed (database only)
};

// One organization's file of a tree export (Docket::ExportAuditTree).
struct TreeExport {
  std::string org;
  std::string path;
  Result<ExportReport> report;
};

// An export file verified offline, and the checkpoint it was proved to extend, if any.
struct ExportProof {
  ExportVerifyReport file;
  std::optional<Checkpoint> checkpoint;
};

// What an adapter needs of the proofs' files and keys, so that it includes no audit header
// (proofs.cc): the checkpoint's file text; the public key (hex) of the key file at `path`,
// made when absent and `create` (NotFound when absent otherwise); a public key given as hex
// or as a file holding it; and `text` written to `path` whole or not at all (Invalid when the
// file exists and !force).
std::string CheckpointFileText(const Checkpoint& cp);
Result<std::string> KeyFilePublicHex(const std::string& path, bool create);
Result<std::string> PublicKeyFrom(const std::string& hex_or_path);
Status WriteWholeFile(const std::string& path, std::string_view text, bool force);

}  // namespace docket
