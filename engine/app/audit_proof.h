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

// A public key pinned for an organization's checkpoints (Docket::PinKey): the key before
// ("" when none) and now; `changed` false when it was pinned already.
struct PinnedKey {
  std::string org;
  std::string before;
  std::string public_key;
  bool changed = false;
};

// What a supervisor's installation knows of an organization's checkpoints (Docket::Pins,
// Docket::ReceiveCheckpoint): the key pinned for it and the last checkpoint accepted.
struct ReceivedCheckpoints {
  std::string org;
  std::string public_key;
  std::optional<Checkpoint> last;
  std::string last_hash;      // SHA-256 of the last checkpoint's text ("" when none)
  bool accepted_now = false;  // ReceiveCheckpoint: this checkpoint was new (not a repeat)
};

// What an adapter needs of the proofs' files and keys, so that it includes no audit header
// (proofs.cc): the checkpoint's file text; the public key (hex) of the key file at `path`,
// made when absent and `create` (NotFound when absent otherwise); a public key given as hex
// or as a file holding it; and `text` written to `path` whole or not at all (Invalid when the
// file exists and !force).
std::string CheckpointFileText(const Checkpoint& cp);
Result<std::string> KeyFilePublicHex(const std::string& path, bool create);
// The installation's signing key (audit/checkpoint_key.h) from the key file at `path` (made
// when absent and `create`, sealed under `passphrase` when one is given), unsealed with
// `passphrase` when it is protected; loaded once by whoever signs many checkpoints (the
// server), as unsealing takes Argon2id's time and memory. SealKey protects the key file at
// `path` (made first when absent) with `passphrase`. ReadPassphrase: the first line of the
// file at `path` (Invalid when it cannot be read or the line is empty).
Result<SigningKey> LoadKey(const std::string& path, bool create, const std::string& passphrase);
Status SealKey(const std::string& path, const std::string& passphrase);
Result<std::string> ReadPassphrase(const std::string& path);
Result<std::string> PublicKeyFrom(const std::string& hex_or_path);
Status WriteWholeFile(const std::string& path, std::string_view text, bool force);

}  // namespace docket
