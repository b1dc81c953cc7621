// Helpers for the definition tests: reading repository files and picking diagnostics.
#pragma once

#include <string>
#include <vector>

#include "definition/diagnostic.h"
#include "support/paths.h"
#include "support/temp_dir.h"  // FileText

namespace docket::testing {

inline std::string RepoPath(const std::string& rel) { return std::string(DOCKET_SOURCE_DIR) + "/" + rel; }
inline std::string FixturePath(const std::string& rel) {
  return RepoPath("tests/definition/fixtures/" + rel);
}

inline std::vector<Diagnostic> Only(const std::vector<Diagnostic>& diags, Diagnostic::Severity sev) {
  std::vector<Diagnostic> out;
  for (const auto& d : diags) {
    if (d.severity == sev) out.push_back(d);
  }
  return out;
}

inline std::string FormatAll(const std::vector<Diagnostic>& diags) {
  std::string out;
  for (const auto& d : diags) out += d.Format() + "\n";
  return out;
}

}  // namespace docket::testing
