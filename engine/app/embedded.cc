#include "app/embedded.h"

namespace docket {

std::vector<EmbeddedFile> ShippedWorkflows() {
  std::vector<EmbeddedFile> out;
  for (const auto& f : ShippedFiles()) {
    // Examples are organization files, lists are lookup tables, reports report definitions:
    // none is a workflow.
    if (f.path.rfind("workflows/examples/", 0) == 0 || f.path.rfind("workflows/lists/", 0) == 0 ||
        f.path.rfind("workflows/reports/", 0) == 0) {
      continue;
    }
    out.push_back(f);
  }
  return out;
}

const EmbeddedFile* FindShipped(std::string_view path) {
  for (const auto& f : ShippedFiles()) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

}  // namespace docket
