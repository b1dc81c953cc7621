// Diagnostic: one problem found in a YAML file, with where it is.
#pragma once

#include <string>
#include <vector>

namespace docket {

struct Diagnostic {
  enum class Severity { kError, kWarning };
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
  Severity severity = Severity::kError;
  std::string message;

  // "FILE:LINE:COL: error: message" (or "warning:").
  std::string Format() const;
};

bool HasErrors(const std::vector<Diagnostic>& diags);
// The errors among `diags` (not the warnings), one Format() per line.
std::string FormatErrors(const std::vector<Diagnostic>& diags);

}  // namespace docket
