// Signed checkpoints of an audit chain: "organization O's chain had entry `seq` with hash
// `head_hash` at `time`, and the workflow versions its entries had named up to then had
// these content hashes", signed with Ed25519 by the installation whose public key is
// `public_key` (checkpoint_key.h).
//
// A supervisor keeps the checkpoints it receives. A later log — the database, or an export
// — extends a checkpoint when its entry `seq` exists and has exactly that hash (and the
// chain up to its end verifies): entries cut off below `seq`, and history rewritten before
// it, both fail. The file is one line of canonical JSON and a newline (docs/AUDIT.md
// "Checkpoint file"); the signature covers the same object without "signature".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "audit/checkpoint_key.h"
#include "audit/export_format.h"
#include "core/status.h"

namespace docket {

inline constexpr const char* kCheckpointFormat = "docket-audit-checkpoint";
inline constexpr std::int64_t kCheckpointVersion = 1;

struct Checkpoint {
  std::string org;
  std::int64_t seq = 0;
  std::string head_hash;
  std::string time;        // ISO, from the signer's clock
  std::string public_key;  // 64 hex digits
  std::vector<ExportDefinition> definitions;  // workflow, version, sha256 (no source), ordered
  std::string signature;   // 128 hex digits
};

// The bytes that are signed: the canonical JSON of every field but `signature`.
std::string CheckpointMessage(const Checkpoint& cp);
// Fills in public_key and signature.
void SignCheckpoint(Checkpoint* cp, const SigningKey& key);
// The file's text: the canonical JSON of every field, and a newline.
std::string CheckpointText(const Checkpoint& cp);

// Parses a checkpoint file's text and checks its signature against the key it names.
// Integrity for anything else than an intact checkpoint: not JSON, not canonical, a
// missing, extra or ill-formed field, or a signature that does not verify.
Result<Checkpoint> ParseCheckpoint(std::string_view text);

// Integrity unless `cp` was signed by `trusted_public_hex` (naming both keys).
Status CheckCheckpointSigner(const Checkpoint& cp, const std::string& trusted_public_hex);

}  // namespace docket
