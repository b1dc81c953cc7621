// The audit export file (docs/AUDIT.md "Export file"): JSON Lines, every line canonical
// JSON (keys in byte order, no whitespace, UTF-8 unescaped), each ending in "\n".
//
//   line 1             the header: {"canonicalization":..,"entries":N,"exported_at":..,
//                      "format":"docket-audit-export","hash_algorithm":"sha256",
//                      "head_hash":..,"head_seq":N,"org":..,"type":"header","version":1}
//   lines 2 .. N+1     entries 1 .. N: the hashed object of each entry with its "hash"
//                      added (so line k holds entry seq k-1)
//   lines N+2 ..       one definition line per workflow version the entries name, ordered
//                      by workflow then version: {"sha256":..,"source":..,
//                      "type":"definition","version":..,"workflow":..}
//
// This header holds the pieces that both the writer (audit_export.h) and the offline
// verifier (audit/export_verify.h) need.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace docket {

inline constexpr const char* kExportFormat = "docket-audit-export";
inline constexpr std::int64_t kExportVersion = 1;
inline constexpr const char* kExportHashAlgorithm = "sha256";
inline constexpr const char* kExportCanonicalization = "docket-canonical-json-1";

struct ExportHeader {
  std::string org;
  std::int64_t entries = 0;
  std::int64_t head_seq = 0;
  std::string head_hash;  // the zero hash for an empty chain
  std::string exported_at;
};

// One workflow definition version an export's entries name.
struct ExportDefinition {
  std::string workflow;
  std::int64_t version = 0;
  std::string sha256;  // as stored: SHA-256 hex of `source`
  std::string source;  // the YAML text as loaded
};

// The header / a definition line, canonical, without the newline.
std::string HeaderLine(const ExportHeader& h);
std::string DefinitionLine(const ExportDefinition& d);

// Parses the header line: Invalid naming what is wrong (not JSON, another format or
// version, a missing or mistyped key, not canonical).
Result<ExportHeader> ParseHeaderLine(std::string_view line);
// Parses a definition line the same way; checks that sha256 is 64 lower-case hex digits
// and is the SHA-256 of source.
Result<ExportDefinition> ParseDefinitionLine(std::string_view line);

// Whether `s` is 64 lower-case hex digits.
bool IsHexHash(std::string_view s);

}  // namespace docket
