// Workflow tools that need no database: lint and graph a YAML text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/definition.h"
#include "core/status.h"
#include "definition/diagnostic.h"

namespace docket {

// Every syntax, structure and semantic problem of one workflow file, errors and warnings.
std::vector<Diagnostic> LintWorkflowText(std::string_view yaml_text, const std::string& file);

// Draws a definition; Invalid when `format` is not "mermaid" or "dot".
Result<std::string> DrawWorkflow(const Definition& def, const std::string& format, Lang lang);

// Parses a workflow file's text; Invalid listing every error when it does not parse.
Result<Definition> ParseWorkflowText(std::string_view yaml_text, const std::string& file);

}  // namespace docket
