// ImportUseCases: the audited import of records a school kept before Docket — decisions
// adopted at past meetings and their tasks, past meetings — from an import file
// (docs/GUIDE.md, "Bringing in records from before Docket").
//
// A decision otherwise exists only when an adopted matter spawns it (R1: `item create
// decision` is refused); an import is the only other way in, and it is visible:
//  - only the organization's secretary or clerk (ImportRole, core/transition.h, held in
//    the organization itself) may import; anyone else is refused (Forbidden) and the refusal is recorded;
//  - each record becomes an item in the state the file gives (any state of its workflow),
//    with its fields checked like any field (types, references within the organization),
//    created by an audit entry whose action is "import" (core/item.h) at the real time of
//    the import, carrying the source note and the original date as the fields $imported and
//    $recorded_on (the original date must be before now). No rule of the workflow is judged
//    at import: the record is taken as it was kept, and marked so;
//  - all or nothing: one transaction; the first bad record (Invalid, naming the file, the
//    line, the record and the field) leaves everything as it was.
// Replays (audit/replay.h) accept import entries as creations and refuse any other entry
// that sets or changes the marks. Findings list imported records as "imported" instead of
// judging them retroactively (findings.h); reports count them with `count: {imported: true}`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace docket {

class AppContext;

struct ImportRequest {
  std::string yaml_text;
  std::string file;  // the file's name, for messages and the entries' reason
  std::string org;
  std::string actor;
};

// One record as imported.
struct ImportedRecord {
  int index = 0;        // its place in the file (1, 2, ...)
  std::string key;      // its key in the file, "" when none
  std::int64_t id = 0;  // the item made
  std::string workflow;
  std::int64_t workflow_version = 0;
  std::string state;
  std::optional<std::int64_t> parent;
  std::string recorded_on;
  std::string source;
  std::int64_t seq = 0;  // its audit entry
};

struct ImportReport {
  std::string org;
  std::string actor;
  std::string role;  // the role the import was made in
  std::vector<ImportedRecord> records;
};

class ImportUseCases {
 public:
  explicit ImportUseCases(AppContext& ctx);

  // Imports every record of the file into `org` as `actor`, in one transaction. NotFound for
  // an unknown organization or person; Forbidden (recorded as a refused "import" entry) for
  // a person who is not the organization's secretary or clerk; Invalid for a bad file or a
  // bad record — the message names the file, line, record and field — with nothing written.
  Result<ImportReport> Import(const ImportRequest& req);

 private:
  AppContext& ctx_;
};

}  // namespace docket
