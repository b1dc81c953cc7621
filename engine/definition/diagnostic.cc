#include "definition/diagnostic.h"

#include <algorithm>

namespace docket {

std::string Diagnostic::Format() const {
  std::string out = file.empty() ? "<input>" : file;
  if (line > 0) {
    out.append(":").append(std::to_string(line));
    if (column > 0) out.append(":").append(std::to_string(column));
  }
  out.append(severity == Severity::kError ? ": error: " : ": warning: ");
  out.append(message);
  return out;
}

bool HasErrors(const std::vector<Diagnostic>& diags) {
  return std::any_of(diags.begin(), diags.end(),
                     [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::kError; });
}

std::string FormatErrors(const std::vector<Diagnostic>& diags) {
  std::string out;
  for (const auto& d : diags) {
    if (d.severity == Diagnostic::Severity::kError) out += (out.empty() ? "" : "\n") + d.Format();
  }
  return out;
}

}  // namespace docket
