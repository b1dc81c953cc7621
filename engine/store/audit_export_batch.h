// Many chains exported, or many export files verified, in one go: a supervisor's district
// (`docket audit export --org D --tree --out DIR`, `docket audit verify --file A --file B`).
//
// Each file is the work of one thread from start to end, and the threads take the files in
// turn. For hundreds of small chains that keeps every CPU busy; exporting them one after
// another, each split over the CPUs, left the CPUs waiting at each file's start and end
// (docs/BENCHMARKS.md, "district scale"). A failure of one file does not stop the others:
// each has its own result, in the order given.
#pragma once

#include <string>
#include <vector>

#include "store/audit_export.h"
#include "store/audit_export_verify.h"

namespace docket {

// ExportAudit for each of `exports` (their `threads` are ignored), on `threads` threads
// (0: one per CPU, at most 4; one when the store cannot scan on several connections).
std::vector<Result<ExportReport>> ExportAudits(Store& store, const std::vector<ExportOptions>& exports,
                                               int threads = 0);

// VerifyExportFile for each of `paths` with `options` (whose `threads` is ignored), on
// `threads` threads (0: one per CPU, at most 8).
std::vector<Result<ExportVerifyReport>> VerifyExportFiles(const std::vector<std::string>& paths,
                                                          const ExportVerifyOptions& options = {},
                                                          int threads = 0);

}  // namespace docket
