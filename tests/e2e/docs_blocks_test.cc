// Every command block of README.md and docs/GUIDE.md runs as written, against the real binary.
//
// The convention (README.md, "Using the CLI", says it too):
//   ```sh       a block the test runs. Each line (a line ending in `\` continues on the next)
//               runs with `/bin/sh -e -c LINE`, in order, in one fresh temporary directory per
//               document, so a later block continues from the state an earlier block of the
//               same document created (README.md and docs/GUIDE.md each start from nothing).
//               In that directory `build/docket` is the real binary (a symlink) and `workflows`
//               the source tree's `workflows/` (a symlink); nothing else is there, no --now is
//               added, and $DOCKET_DB / $DOCKET_USER are unset.
//               Each line must exit 0, unless its trailing comment starts with `# exits N`:
//               then it must exit N (`build/docket --as chen item act 1 adopt  # exits 4: ...`).
//   ```console  shown to the reader, never run: the top commands `scripts/demo` and
//               `scripts/test`, the sanitizer, fuzz, crash and race runs and other long runs.
//   ```bash / ```shell / ```zsh are refused, so that no block is mistaken for a tested one.
// A failing line fails the test with the document, the block, the line number in the
// document, the line, its exit code and its output.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

struct Line {
  int number = 0;        // 1-based line number in the document (the first physical line)
  std::string text;      // continuation lines joined
  int expect_exit = 0;   // from a trailing `# exits N`
};

struct Block {
  std::string fence;     // the info string after ```
  int number = 0;        // 1-based, counting every fenced block of the document
  int first_line = 0;    // line number of the opening fence
  std::vector<Line> lines;
};

// Splits a Markdown document into its fenced blocks (``` fences only; the documents use no ~~~).
std::vector<Block> FencedBlocks(const std::string& markdown, std::string* error) {
  std::vector<Block> blocks;
  std::istringstream in(markdown);
  std::string raw;
  int n = 0;
  Block* open = nullptr;
  std::string pending;
  int pending_line = 0;
  const std::regex exits(R"(#\s*exits\s+([0-9]+)\b)");
  while (std::getline(in, raw)) {
    ++n;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (open == nullptr) {
      if (raw.rfind("```", 0) == 0) {
        blocks.push_back(Block{raw.substr(3), static_cast<int>(blocks.size()) + 1, n, {}});
        open = &blocks.back();
      }
      continue;
    }
    if (raw.rfind("```", 0) == 0) {
      if (!pending.empty()) {
        *error = "line " + std::to_string(pending_line) + ": a `\\` continuation runs into the end of the block";
        return {};
      }
      open = nullptr;
      continue;
    }
    if (pending.empty()) pending_line = n;
    if (!raw.empty() && raw.back() == '\\') {
      pending += raw.substr(0, raw.size() - 1);
      continue;
    }
    pending += raw;
    std::string text = pending;
    pending.clear();
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    Line line{pending_line, text, 0};
    std::smatch m;
    if (std::regex_search(text, m, exits)) line.expect_exit = std::stoi(m[1]);
    open->lines.push_back(line);
  }
  if (open != nullptr) *error = "block " + std::to_string(open->number) + " is never closed";
  return blocks;
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

// Runs every ```sh block of `markdown` (named `doc` in messages) as the header says; returns
// one message per failing line (empty when every line did what it should).
std::vector<std::string> RunShellBlocks(const std::string& doc, const std::string& markdown, int* lines_run) {
  std::vector<std::string> failures;
  std::string error;
  auto blocks = FencedBlocks(markdown, &error);
  if (!error.empty()) return {doc + ": " + error};
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "build");
  std::filesystem::create_symlink(DOCKET_BINARY, dir.path() / "build" / "docket");
  std::filesystem::create_directory_symlink(SourcePath("workflows"), dir.path() / "workflows");
  for (const auto& b : blocks) {
    const std::string fence = Trimmed(b.fence);
    if (fence == "bash" || fence == "shell" || fence == "zsh") {
      failures.push_back(doc + ":" + std::to_string(b.first_line) + ": block " + std::to_string(b.number) +
                         " is fenced ```" + fence + "; use ```sh (run by this test) or ```console (not run)");
      continue;
    }
    if (fence != "sh") continue;
    for (const auto& line : b.lines) {
      auto r = RunProcess("/bin/sh", {"-e", "-c", line.text}, dir.path());
      if (lines_run != nullptr) ++*lines_run;
      if (r.exit_code == line.expect_exit) continue;
      failures.push_back(doc + ":" + std::to_string(line.number) + " (block " + std::to_string(b.number) +
                         ", the ```sh block at line " + std::to_string(b.first_line) + "): exit " +
                         std::to_string(r.exit_code) + ", expected " + std::to_string(line.expect_exit) +
                         "\n  $ " + line.text + "\n  stdout: " + r.out + "\n  stderr: " + r.err);
    }
  }
  return failures;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

void ExpectEveryBlockRuns(const std::string& rel) {
  int lines = 0;
  auto failures = RunShellBlocks(rel, FileText(SourcePath(rel)), &lines);
  EXPECT_TRUE(failures.empty()) << Joined(failures);
  EXPECT_GT(lines, 0) << rel << " has no ```sh block";
}

TEST(DocsBlocksTest, EveryReadmeBlockRunsAsWritten) { ExpectEveryBlockRuns("README.md"); }

TEST(DocsBlocksTest, EveryGuideBlockRunsAsWritten) { ExpectEveryBlockRuns("docs/GUIDE.md"); }

// The README starts with exactly the two top commands, in a block the test does not run.
TEST(DocsBlocksTest, ReadmeStartsWithTheTwoTopCommands) {
  std::string error;
  auto blocks = FencedBlocks(FileText(SourcePath("README.md")), &error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_FALSE(blocks.empty());
  EXPECT_EQ(Trimmed(blocks[0].fence), "console");
  ASSERT_EQ(blocks[0].lines.size(), 2u);
  EXPECT_EQ(blocks[0].lines[0].text.rfind("scripts/demo ", 0), 0u) << blocks[0].lines[0].text;
  EXPECT_EQ(blocks[0].lines[1].text.rfind("scripts/test ", 0), 0u) << blocks[0].lines[1].text;
}

// Long runs never sit in a block the test runs.
TEST(DocsBlocksTest, NoScriptRunsInATestedBlock) {
  for (const std::string rel : {"README.md", "docs/GUIDE.md"}) {
    std::string error;
    for (const auto& b : FencedBlocks(FileText(SourcePath(rel)), &error)) {
      if (Trimmed(b.fence) != "sh") continue;
      for (const auto& line : b.lines)
        EXPECT_EQ(line.text.find("scripts/"), std::string::npos) << rel << ":" << line.number << ": " << line.text;
    }
    EXPECT_TRUE(error.empty()) << rel << ": " << error;
  }
}

// The test can fail: a typo, a wrong expected exit code and a wrong fence are each reported
// with the document, the line and the output.
TEST(DocsBlocksTest, AFailingLineIsNamedWithItsBlockLineAndOutput) {
  const std::string doc =
      "# t\n"
      "```console\n"
      "scripts/demo\n"
      "```\n"
      "```sh\n"
      "build/docket init\n"
      "build/docket item shwo 1\n"
      "build/docket item show 1   # exits 3\n"
      "build/docket item show 1   # exits 5\n"
      "build/docket org load \\\n"
      "    workflows/examples/org.yaml\n"
      "```\n"
      "```bash\n"
      "true\n"
      "```\n";
  int lines = 0;
  auto failures = RunShellBlocks("t.md", doc, &lines);
  EXPECT_EQ(lines, 5);
  ASSERT_EQ(failures.size(), 3u) << Joined(failures);
  EXPECT_NE(failures[0].find("t.md:7 (block 2"), std::string::npos) << failures[0];
  EXPECT_NE(failures[0].find("item shwo 1"), std::string::npos) << failures[0];
  EXPECT_NE(failures[0].find("stderr: docket: 错误：“docket item”没有命令“shwo”"), std::string::npos) << "with its output: " << failures[0];
  EXPECT_NE(failures[1].find("t.md:9 (block 2"), std::string::npos) << failures[1];
  EXPECT_NE(failures[1].find("exit 3, expected 5"), std::string::npos) << failures[1];
  EXPECT_NE(failures[2].find("t.md:13: block 3 is fenced ```bash"), std::string::npos) << failures[2];
}

TEST(DocsBlocksTest, AnUnclosedBlockOrContinuationIsAnError) {
  std::string error;
  FencedBlocks("```sh\nbuild/docket init\n", &error);
  EXPECT_NE(error.find("never closed"), std::string::npos) << error;
  error.clear();
  FencedBlocks("```sh\nbuild/docket init \\\n```\n", &error);
  EXPECT_NE(error.find("continuation"), std::string::npos) << error;
}

}  // namespace
}  // namespace docket::testing
