// Reports as the application offers them (Docket::Report, Rollup, SubmittedReport,
// ReviewReport, VerifySubmission, LoadReport; docs/REPORTS.md): the document model
// (engine/report's doc.h), the hash a submission records and what checking one finds.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "report/doc.h"

namespace docket {

// The SHA-256 hex of a document's canonical text (CanonicalReport): what a submission
// records in the item and so in the audit chain.
std::string ReportHash(const ReportDoc& doc);

// One audit entry that recorded a report's content hash (a submission or resubmission).
// What a report of an organization is derived from at a moment (Docket::BasisOfReport): the
// record (the organization's and the installation's chain heads, the report definition) and
// the clock's second. Equal records and seconds give equal documents; a document built at a
// later second on the same record is as good (newer) for a reader. `record` is "" when it
// cannot be told cheaply: build anew.
struct ReportBasis {
  std::string record;
  std::int64_t second = 0;
};

// A document shared rather than copied, with its version: the same non-empty version is
// the same document (Docket::RollupKept; the server keeps its renderings by it). "" when
// the document was derived for this call alone.
struct KeptReport {
  std::shared_ptr<const ReportDoc> doc;
  std::string version;
};

struct Submission {
  std::int64_t seq = 0;  // in the organization's chain
  std::string time;
  std::string action;
  std::string actor;
  std::string hash;  // SHA-256 of the report's canonical json form
};

// What VerifySubmission proved.
struct SubmissionCheck {
  std::int64_t item = 0;  // the report item
  std::string state;
  std::vector<Submission> submissions;  // oldest first; the last is the one standing
  std::int64_t chain_entries = 0;       // entries of the org's chain verified
  std::optional<std::string> file_hash;  // the hash of the document given to compare
  std::optional<std::size_t> file_matches;  // which submission it is (index), if any
};

}  // namespace docket
