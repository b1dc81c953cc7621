// Runs the real `docket` binary as a child process and captures what it printed.
// Shared by the end-to-end tests.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/temp_dir.h"  // TempDir, FileText

namespace docket::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `binary args...` in `cwd` with `env` added to the environment; waits for it.
RunResult RunProcess(const std::string& binary, const std::vector<std::string>& args,
                     const std::filesystem::path& cwd = {},
                     const std::map<std::string, std::string>& env = {});

// Writes `text` to `path`.
void WriteFile(const std::string& path, const std::string& text);

}  // namespace docket::testing
