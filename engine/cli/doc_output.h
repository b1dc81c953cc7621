// How the document commands (`meeting doc`, `decision doc`, `public doc`; docs/DOCUMENTS.md)
// give their page: HTML to stdout (with --json, as the member "html" of one JSON document),
// HTML to --out FILE, or a PDF printed from the same HTML by headless Chromium
// ($DOCKET_CHROMIUM, else `chromium` on the PATH), which needs --out.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli.h"

namespace docket::cli {

struct DocOutput {
  std::string format = "html";
  std::string out;
};

// Adds --format html|pdf and --out FILE to `cmd`, stored in `o`.
void AddDocOutputOptions(CLI::App* cmd, Context& ctx, DocOutput& o);
// Invalid when a PDF is asked for without --out (checked before the record is read).
Status CheckDocOutput(const DocOutput& o);
// Writes `html` as `o` asks; `about` (which document: its kind, item or org) goes into the
// JSON printed with --json. Invalid when the file cannot be written; NotFound without
// Chromium for a PDF; Storage when Chromium fails.
Status EmitDocument(Context& ctx, const DocOutput& o, const std::string& html, const nlohmann::json& about);

}  // namespace docket::cli
