// Fuzz target (a): the workflow YAML loader, then lint and both graph formats on whatever
// it accepts; and the same bytes as a report definition (report_loader.h), linted against
// the workflow when both parse. Any input must give diagnostics or a definition, never a
// crash or a hang.
#include <string>
#include <string_view>
#include <vector>

#include "definition/report_loader.h"
#include "definition/workflow_loader.h"
#include "fuzz_check.h"

namespace docket_fuzz {

int Workflow(const std::uint8_t* data, std::size_t size) {
  using namespace docket;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(text, "fuzz.yaml", &diags);
  std::vector<Diagnostic> report_diags;
  auto report = ParseReportFile(text, "fuzz.yaml", &report_diags);
  if (!report) {
    DOCKET_FUZZ_CHECK(HasErrors(report_diags), "a refused report must say why");
  } else {
    LintReport(*report, "fuzz.yaml", [&](const std::string& id) -> const Definition* {
      return def && def->id == id ? &*def : nullptr;
    }, &report_diags);
  }
  if (!def) {
    DOCKET_FUZZ_CHECK(HasErrors(diags), "a refused workflow must say why");
    return 0;
  }
  LintWorkflow(*def, "fuzz.yaml", &diags);
  for (auto format : {GraphFormat::kMermaid, GraphFormat::kDot}) {
    for (auto lang : {Lang::kZh, Lang::kEn}) {
      std::string graph = RenderGraph(*def, format, lang);
      DOCKET_FUZZ_CHECK(!graph.empty(), "a graph is never empty");
    }
  }
  return 0;
}

}  // namespace docket_fuzz

DOCKET_FUZZ_ENTRY(Workflow)
