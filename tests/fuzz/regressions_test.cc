// Replays fuzz inputs through the fuzz targets in the normal build (g++, and under
// DOCKET_SANITIZE in build-asan): the whole checked-in seed corpus (tests/fuzz/corpus/<target>)
// and every input a fuzzer once failed on (tests/fuzz/regressions/<target>, one file per
// finding, named after what it found). A target aborts on any broken property, so each
// file passing means: no crash, no sanitizer report, every property holds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "audit/json_value.h"

namespace docket_fuzz {
int Workflow(const std::uint8_t* data, std::size_t size);
int Org(const std::uint8_t* data, std::size_t size);
int Field(const std::uint8_t* data, std::size_t size);
int Json(const std::uint8_t* data, std::size_t size);
}  // namespace docket_fuzz

namespace {

namespace fs = std::filesystem;
using Target = int (*)(const std::uint8_t*, std::size_t);

std::vector<fs::path> FilesIn(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

int Feed(Target target, const std::string& bytes) {
  return target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

size_t Replay(const std::string& name, Target target) {
  size_t n = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    for (const auto& p : FilesIn(fs::path(DOCKET_FUZZ_DIR) / kind / name)) {
      SCOPED_TRACE(p.string());
      std::ifstream in(p, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      EXPECT_EQ(Feed(target, bytes), 0);
      ++n;
    }
  }
  return n;
}

TEST(FuzzCorpus, Workflow) { EXPECT_GT(Replay("workflow", docket_fuzz::Workflow), 0u); }
TEST(FuzzCorpus, Org) { EXPECT_GT(Replay("org", docket_fuzz::Org), 0u); }
TEST(FuzzCorpus, Field) { EXPECT_GT(Replay("field", docket_fuzz::Field), 0u); }
TEST(FuzzCorpus, Json) { EXPECT_GT(Replay("json", docket_fuzz::Json), 0u); }

// Inputs too small to need a file, fed directly.
TEST(FuzzInputs, EmptyAndTinyInputs) {
  for (Target t : {docket_fuzz::Workflow, docket_fuzz::Org, docket_fuzz::Field, docket_fuzz::Json}) {
    EXPECT_EQ(Feed(t, ""), 0);
    EXPECT_EQ(Feed(t, std::string(1, '\0')), 0);
    EXPECT_EQ(Feed(t, "\xff\xfe"), 0);
  }
}

}  // namespace

// Found while fuzzing JSON input (item 7): ValueFromJson recursed once per nesting level, so
// a field value of 200,000 nested lists (e.g. in a damaged database's fields column)
// overflowed the stack. It now refuses lists nested more than 64 deep.
TEST(FuzzRegressions, JsonDeeplyNestedListsAreRefusedNotAStackOverflow) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  EXPECT_EQ(Feed(docket_fuzz::Json, deep), 0);
  EXPECT_EQ(Feed(docket_fuzz::Json, "{\"f\": " + deep + "}"), 0);
  EXPECT_EQ(Feed(docket_fuzz::Json, "{\"f\": [null, " + deep + "]}"), 0);
  auto j = nlohmann::json::parse(deep);
  auto v = docket::ValueFromJson(j);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("nested more than 64"), std::string::npos);
  // Ordinary nesting is still read.
  EXPECT_TRUE(docket::ValueFromJson(nlohmann::json::parse("[[1, 2], [\"a\"]]")).ok());
}
