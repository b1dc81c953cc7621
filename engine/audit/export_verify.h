// VerifyExportFile: checks an audit export (audit/export_format.h) with nothing but the
// file — no database, no Store.
//
// It checks that every line is what its place says it is, in canonical form: the header;
// entries 1 .. N, each with seq equal to its line number minus one, the header's org, a
// prev_hash equal to the previous entry's hash (the zero hash for entry 1) and a hash that
// recomputes from its content; the last entry's hash equal to the header's head_hash; then
// one definition line per workflow version the entries name — no fewer, no more, in order,
// each with a well-formed sha256 that is the SHA-256 of its source. The file must end with
// the newline of its last line.
//
// The file is read in blocks (memory stays flat whatever its size) and the entries of each
// block are checked on several threads; the first problem in line order is reported as
// Integrity: "<path>, line L (entry S): what is wrong".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "audit/export_format.h"
#include "core/status.h"

namespace docket {

struct ExportVerifyOptions {
  std::int64_t want_seq = 0;  // > 0: also report the hash of this entry (for a checkpoint)
  int threads = 0;            // 0: one per CPU (at most 8)
  std::size_t block_bytes = 0;  // 0: 4 MiB read at a time (tests make it small)
  bool keep_sources = false;  // keep the definitions' sources in the report
};

struct ExportVerifyReport {
  ExportHeader header;
  std::int64_t lines = 0;
  std::vector<ExportDefinition> definitions;  // as listed, with their sources if kept
  std::optional<std::string> hash_at_want_seq;
};

// Verifies the export at `path`. NotFound when there is no such file, Storage when it
// cannot be read, Integrity naming the line (and entry) of the first problem.
Result<ExportVerifyReport> VerifyExportFile(const std::string& path,
                                            const ExportVerifyOptions& options = {});

}  // namespace docket
