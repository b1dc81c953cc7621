// Runs the real `docket` binary as a child process and captures what it printed.
// Shared by the end-to-end tests.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

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

// A fresh directory under the system temp folder, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Writes `text` to `path`.
void WriteFile(const std::string& path, const std::string& text);
std::string ReadFile(const std::string& path);

}  // namespace docket::testing
