// The audit chain: how one entry is serialized and hashed, and how entries link.
//
// An entry's hash is SHA-256 (lower-case hex) over its canonical JSON: an object of every
// AuditEntry field except `hash`, keys in byte order, no whitespace, UTF-8 unescaped,
// changes as {"field": [before, after]}. Entry 1 of an organization's chain has
// prev_hash = kZeroHash; entry n has prev_hash = hash of entry n-1. docs/AUDIT.md is the
// outsider's description of exactly this; keep the two in step.
//
// The canonical text is written by the direct writer of canonical_json.h (no JSON tree) and
// hashed with sha256.h; CanonicalObject keeps the nlohmann::json form as the
// reference that the writer is tested against.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "audit/entry.h"
#include "core/message.h"

namespace docket {

// 64 '0's: the prev_hash of the first entry of every chain.
extern const char* const kZeroHash;

// SHA-256 of `data` as 64 lower-case hex digits (sha256.h). Thread-safe.
std::string Sha256Hex(std::string_view data);

// The entry as the JSON object that is hashed (every field but `hash`): the reference form.
nlohmann::json CanonicalObject(const AuditEntry& entry);
// The canonical text of the entry: the object above, dumped compactly (the same bytes as
// DumpJson(CanonicalObject(entry)), written directly).
std::string CanonicalJson(const AuditEntry& entry);
// Sha256Hex(CanonicalJson(entry)): the value `entry.hash` must hold. Thread-safe.
std::string EntryHash(const AuditEntry& entry);
// EntryHash written into out[0..63], with `scratch` as the buffer for the canonical text
// (reused between calls: no allocation once it has grown).
void EntryHashInto(const AuditEntry& entry, std::string* scratch, char* out);

// Fills in seq, prev_hash and hash to append `entry` after a chain whose last entry has
// sequence `head_seq` and hash `head_hash` (0 and "" for an empty chain).
void LinkEntry(AuditEntry& entry, std::int64_t head_seq, const std::string& head_hash);
// Whether `entry` is linked right after the head (head_seq, head_hash), as LinkEntry links
// it: the condition of an append (AuditStore::AppendLinked).
bool LinksAfter(const AuditEntry& entry, std::int64_t head_seq, const std::string& head_hash);

// Who reads the chain, for the wording of a broken link: `audit verify` over the database
// says "does not link to entry N", the export file's verifier "is not the hash of entry N"
// (docs/AUDIT.md quotes both; scripts match them).
enum class LinkWording { kDatabase, kExportFile };

// The link check, the one rule of the chain's order: an empty Msg when `prev_hash`, that of
// entry `seq`, is kZeroHash for entry 1 and `previous_hash` (the hash of entry seq-1)
// otherwise; else what is wrong, starting "prev_hash" in English.
Msg ChainLinkProblem(std::int64_t seq, std::string_view prev_hash, std::string_view previous_hash,
                             LinkWording wording);

}  // namespace docket
