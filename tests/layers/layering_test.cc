// The modules' include rules, read from the sources: each folder of engine/ may include
// only the modules it depends on (docs/ARCHITECTURE.md), and the adapters only the door.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>
#include "support/paths.h"

namespace {

namespace fs = std::filesystem;

// The engine/ folders each module's files may include from (its own always).
const std::map<std::string, std::set<std::string>>& Allowed() {
  static const std::map<std::string, std::set<std::string>> kAllowed = {
      {"core", {}},
      {"definition", {"core"}},
      {"audit", {"core"}},
      {"store", {"core", "audit"}},
      {"report", {"core", "definition", "audit"}},
      {"app", {"core", "definition", "audit", "store", "report"}},
      {"server", {"core", "app"}},
      {"cli", {"core", "app", "server"}},
  };
  return kAllowed;
}

// `module` -> the engine/ folders its files include ("folder/file.h" includes only).
std::vector<std::string> Violations(const std::string& module) {
  std::vector<std::string> out;
  const fs::path dir = fs::path(DOCKET_SOURCE_DIR) / "engine" / module;
  const std::regex include(R"re(^\s*#\s*include\s*"([a-z_]+)/[^"]+")re");
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto ext = entry.path().extension();
    if (ext != ".h" && ext != ".cc") continue;
    std::ifstream in(entry.path());
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      std::smatch m;
      if (!std::regex_search(line, m, include)) continue;
      const std::string folder = m[1];
      if (folder == module || Allowed().at(module).count(folder) > 0) continue;
      out.push_back(entry.path().filename().string() + ":" + std::to_string(n) + " includes " + folder + "/");
    }
  }
  return out;
}

TEST(Layering, EveryModuleIncludesOnlyWhatItDependsOn) {
  for (const auto& [module, allowed] : Allowed()) {
    EXPECT_TRUE(fs::is_directory(fs::path(DOCKET_SOURCE_DIR) / "engine" / module)) << module;
    for (const std::string& v : Violations(module)) ADD_FAILURE() << "engine/" << module << "/" << v;
  }
}

TEST(Layering, TheAdaptersPassThroughTheDoorOnly) {
  // Stated on its own: the CLI and the server stand on the same door.
  for (const std::string adapter : {"cli", "server"}) {
    for (const std::string below : {"store", "definition", "audit", "report"}) {
      EXPECT_EQ(Allowed().at(adapter).count(below), 0u) << adapter << " " << below;
    }
    EXPECT_TRUE(Violations(adapter).empty()) << adapter;
  }
}

}  // namespace
