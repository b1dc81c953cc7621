#include "app/workflow_tools.h"

#include "definition/workflow_loader.h"

namespace docket {

std::vector<Diagnostic> LintWorkflowText(std::string_view yaml_text, const std::string& file) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(yaml_text, file, &diags);
  if (def) LintWorkflow(*def, file, &diags);
  return diags;
}

Result<std::string> DrawWorkflow(const Definition& def, const std::string& format, Lang lang) {
  if (format == "mermaid") return RenderGraph(def, GraphFormat::kMermaid, lang);
  if (format == "dot") return RenderGraph(def, GraphFormat::kDot, lang);
  return Status::Invalid(Msg("--format: '{format}' is not mermaid or dot", {{"format", format}}));
}

Result<Definition> ParseWorkflowText(std::string_view yaml_text, const std::string& file) {
  std::vector<Diagnostic> diags;
  auto def = ParseWorkflow(yaml_text, file, &diags);
  if (def && !HasErrors(diags)) return std::move(*def);
  return Status::Invalid(FormatErrors(diags));
}

}  // namespace docket
