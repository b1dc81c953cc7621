// Files compiled into the binary, so that one executable carries the shipped workflows and
// the example organizations (`docket demo`, `docket workflow load` with no path).
#pragma once

#include <string_view>
#include <vector>

namespace docket {

struct EmbeddedFile {
  std::string_view path;  // relative to the repository, e.g. "workflows/matter.yaml"
  std::string_view text;
};

// workflows/*.yaml, workflows/examples/*.yaml, workflows/lists/*.yaml and
// workflows/reports/*.yaml, in path order.
const std::vector<EmbeddedFile>& ShippedFiles();

// The shipped workflow definitions only (workflows/*.yaml).
std::vector<EmbeddedFile> ShippedWorkflows();

// One shipped file by path, or nullptr.
const EmbeddedFile* FindShipped(std::string_view path);

}  // namespace docket
