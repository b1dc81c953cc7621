#include "cli/cmd_audit_batch.h"

#include <iostream>

#include "cli/output.h"

namespace docket::cli {

namespace {

// What a batch ends with: OK when every file was; else the code of the first failure, or
// Integrity (exit 7) when any file failed verification, so that a missing file listed first
// cannot hide a tampered one; and a message listing each failure (main prints it on
// stderr, and in the --json document).
// `head` says how many of how many failed.
Status Outcome(const std::vector<Msg>& failures, Code first_code, Msg head) {
  if (failures.empty()) return Status::Ok();
  std::vector<Msg> lines{std::move(head)};
  lines.insert(lines.end(), failures.begin(), failures.end());
  return Status(first_code, Msg::Join(std::move(lines), "\n  "));
}

}  // namespace

Status RunExportTree(Context& ctx, const std::string& org, const std::string& dir, bool force) {
  DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
  DOCKET_ASSIGN_OR_RETURN(auto exports, d->ExportAuditTree(org, dir, force));
  const Lang lang = ctx.lang();
  std::vector<Msg> failures;
  Code first = Code::kOk;
  std::int64_t entries = 0;
  nlohmann::json files = nlohmann::json::array();
  for (const TreeExport& e : exports) {
    if (!e.report.ok()) {
      if (failures.empty() || e.report.status().code() == Code::kIntegrity) first = e.report.status().code();
      failures.push_back(Msg("{org}: {why}", {{"org", e.org}, {"why", e.report.status().msg()}}));
      if (!ctx.globals().json) std::cout << Text(Msg("FAILED  {org}", {{"org", e.org}}), lang) << "\n";
      continue;
    }
    const ExportHeader& h = e.report->header;
    entries += h.entries;
    if (!ctx.globals().json) {
      std::cout << Text(Msg("exported {org}: {entries} entries, head {hash} → {file}",
                            {{"org", h.org}, {"entries", h.entries}, {"hash", ShortHash(h.head_hash)}, {"file", e.path}}),
                        lang)
                << "\n";
    }
    files.push_back({{"org", h.org}, {"file", e.path}, {"entries", h.entries}, {"head_seq", h.head_seq},
                     {"head_hash", h.head_hash}, {"bytes", e.report->bytes}});
  }
  DOCKET_RETURN_IF_ERROR(Outcome(failures, first,
                                 Msg("{n} of {total} exports failed:", {{"n", failures.size()}, {"total", exports.size()}})));
  ctx.Emit(Text(Msg("exported {orgs} organizations, {entries} entries → {dir}",
                    {{"orgs", exports.size()}, {"entries", entries}, {"dir", dir}}),
                lang),
           {{"ok", true}, {"org", org}, {"dir", dir}, {"entries", entries}, {"files", files}});
  return Status::Ok();
}

Status RunVerifyFiles(Context& ctx, const std::vector<std::string>& paths) {
  const std::vector<Result<ExportVerifyReport>> results = Docket::VerifyExports(paths);
  const Lang lang = ctx.lang();
  std::vector<Msg> failures;
  Code first = Code::kOk;
  std::int64_t entries = 0;
  nlohmann::json files = nlohmann::json::array();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const Result<ExportVerifyReport>& r = results[i];
    if (!r.ok()) {
      if (failures.empty() || r.status().code() == Code::kIntegrity) first = r.status().code();
      failures.push_back(r.status().msg());
      if (!ctx.globals().json) std::cout << Text(Msg("FAILED  {file}", {{"file", paths[i]}}), lang) << "\n";
      continue;
    }
    const ExportHeader& h = r->header;
    entries += h.entries;
    if (!ctx.globals().json) {
      std::cout << Text(Msg("OK  {file}: {org}, {entries} entries, head {hash}",
                            {{"file", paths[i]}, {"org", h.org}, {"entries", h.entries}, {"hash", ShortHash(h.head_hash)}}),
                        lang)
                << "\n";
    }
    files.push_back({{"file", paths[i]}, {"org", h.org}, {"entries", h.entries}, {"head_seq", h.head_seq},
                     {"head_hash", h.head_hash}, {"exported_at", h.exported_at}});
  }
  DOCKET_RETURN_IF_ERROR(Outcome(failures, first,
                                 Msg("{n} of {total} export files failed:", {{"n", failures.size()}, {"total", paths.size()}})));
  ctx.Emit(Text(Msg("export files verified: OK — {files} files, {entries} entries", {{"files", paths.size()}, {"entries", entries}}),
                lang),
           {{"ok", true}, {"entries", entries}, {"files", files}});
  return Status::Ok();
}

}  // namespace docket::cli
