// Reading workflow definitions from YAML, and checking them (lint).
//
// The YAML language is described in docs/WORKFLOWS.md and schemas/workflow.schema.json.
// Parsing reports every problem it finds in one pass (it does not stop at the first) with
// its file, line and column; semantic checks (lint) work on the parsed Definition.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/definition.h"
#include "definition/diagnostic.h"

namespace docket {

// Parses one workflow definition. Appends each syntax or structure error to `diags`.
// Returns the definition only when no error was found.
std::optional<Definition> ParseWorkflow(std::string_view yaml_text, const std::string& file,
                                        std::vector<Diagnostic>* diags);

// Semantic checks on a parsed definition: errors (e.g. a transition to an undeclared state)
// and warnings (unreachable states, states with no path to a terminal state, transitions
// that no role can take, conditions naming undeclared fields, required fields that nothing
// can set). Appends to `diags`.
void LintWorkflow(const Definition& def, const std::string& file, std::vector<Diagnostic>* diags);

enum class GraphFormat { kMermaid, kDot };
// Draws the states and transitions, labelled in `lang`.
std::string RenderGraph(const Definition& def, GraphFormat format, Lang lang);

}  // namespace docket
