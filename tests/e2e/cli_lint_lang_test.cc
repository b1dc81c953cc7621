// The linter and the loaders speak the reader's language: `workflow lint` and a file that
// does not load read in Chinese by default and in English only with --lang en, and a failed
// load says "error" once (docket: 错误：FILE:LINE:COL: …), not again after the place.
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// How often `needle` occurs in `s`.
int Count(const std::string& s, const std::string& needle) {
  int n = 0;
  for (auto at = s.find(needle); at != std::string::npos; at = s.find(needle, at + needle.size())) ++n;
  return n;
}

class CliLintLangTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    // An error (a transition to an undeclared state) and, in a file that parses, two warnings.
    WriteFile(dir_.File("bad.yaml"),
              "id: bad\nversion: 1\nstates:\n  a: {initial: true}\n  b: {terminal: true}\ntransitions:\n"
              "  - name: go\n    from: a\n    to: nowhere\n    roles: [x]\n");
    WriteFile(dir_.File("warn.yaml"),
              "id: warn\nversion: 1\nstates:\n  a: {initial: true}\n  b: {terminal: true}\n  c: {}\ntransitions:\n"
              "  - {name: go, from: a, to: b, roles: [x]}\n");
  }
  RunResult Lint(std::vector<std::string> lang) {
    lang.insert(lang.end(), {"workflow", "lint", dir_.File("bad.yaml"), dir_.File("warn.yaml")});
    return RunProcess(DOCKET_BINARY, lang, dir_.path());
  }
};

TEST_F(CliLintLangTest, LintReadsInChineseByDefaultAndInEnglishOnlyWithLangEn) {
  struct Case {
    std::vector<std::string> lang;
    std::string error, warning, summary;
    std::vector<std::string> absent;  // words of the other language
  };
  for (const Case& c : {Case{{}, ":9:9: 错误：转换“go”：to指明的状态“nowhere”不存在\n", ":6:3: 警告：从初始状态“a”无法到达状态“c”\n",
                             "2 个文件：1 处错误，2 处警告", {"error", "warning", "unknown state"}},
                        Case{{"--lang", "en"}, ":9:9: error: transition 'go': to names unknown state 'nowhere'\n",
                             ":6:3: warning: state 'c' cannot be reached from the initial state 'a'\n",
                             "2 file(s): 1 error(s), 2 warning(s)", {"错误", "警告", "状态"}}}) {
    RunResult r = Lint(c.lang);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_THAT(r.out, HasSubstr(dir_.File("bad.yaml") + c.error));
    EXPECT_THAT(r.out, HasSubstr(dir_.File("warn.yaml") + c.warning));
    EXPECT_THAT(r.out, HasSubstr(c.summary));
    for (const auto& word : c.absent) EXPECT_THAT(r.out, Not(HasSubstr(word)));
  }
}

TEST_F(CliLintLangTest, JsonKeepsItsFieldsAndAddsTheTextInTheChosenLanguage) {
  RunResult r = Lint({"--json"});
  std::istringstream out(r.out);  // the lint's document, then the failure's
  nlohmann::json j;
  out >> j;
  ASSERT_EQ(j["diagnostics"].size(), 3u) << r.out;
  const auto& d = j["diagnostics"][0];
  EXPECT_EQ(d["line"], 9);
  EXPECT_EQ(d["column"], 9);
  EXPECT_EQ(d["severity"], "error");
  EXPECT_EQ(d["message"], "transition 'go': to names unknown state 'nowhere'");
  EXPECT_EQ(d["text"], "转换“go”：to指明的状态“nowhere”不存在");
  EXPECT_EQ(j["errors"], 1);
  EXPECT_EQ(j["warnings"], 2);
}

TEST_F(CliLintLangTest, AnOrganizationFileThatDoesNotLoadSaysWhyInTheReadersLanguage) {
  const std::string file = dir_.File("org.yaml");
  WriteFile(file, "organizations:\n  - id: x\n    name: {zh: 某校, en: X}\n    colour: red\n");
  RunResult zh = Docket({"org", "load", file});
  EXPECT_EQ(zh.exit_code, 2);
  EXPECT_THAT(zh.err, HasSubstr("docket: 错误：" + file + ":4:5: 组织“x”中有未知的键“colour”；允许的键："));
  EXPECT_EQ(Count(zh.err, "错误"), 1) << zh.err;
  RunResult en = Docket({"--lang", "en", "org", "load", file});
  EXPECT_EQ(en.exit_code, 2);
  EXPECT_THAT(en.err, HasSubstr("docket: error: " + file + ":4:5: unknown key 'colour' in organization 'x'; allowed keys: "));
  EXPECT_EQ(Count(en.err, "error"), 1) << en.err;
  EXPECT_THAT(en.err, Not(HasSubstr("组织")));
}

TEST_F(CliLintLangTest, AFailedImportSaysErrorOnce) {
  // A value its field refuses (checked by the application), and a record without its source
  // (checked by the loader): both name the place once, after one "error".
  const std::string value = dir_.File("value.yaml"), shape = dir_.File("shape.yaml");
  WriteFile(value, "records:\n  - {workflow: task, state: assigned, recorded_on: 2025-09-08, source: 台账,\n"
                   "     fields: {title: 施工, owner: chen, due_date: 2025-02-30}}\n");
  WriteFile(shape, "records:\n  - {workflow: task, state: assigned, recorded_on: 2025-09-08}\n");
  struct Case {
    std::string file, zh, en;
  };
  for (const Case& c : {Case{value, value + ":3:53: 第 1 条记录（task）：字段“完成期限（due_date）”",
                             value + ":3:53: record 1 (task): field 'due_date' (date): '2025-02-30' is not a calendar date"},
                        Case{shape, shape + ":2:5: 第 1 条记录（task）缺少“source”",
                             shape + ":2:5: record 1 (task) needs 'source'"}}) {
    RunResult zh = As("liu", {"item", "import", c.file, "--org", "school-a"});
    EXPECT_EQ(zh.exit_code, 2) << zh.err;
    EXPECT_THAT(zh.err, HasSubstr("docket: 错误：" + c.zh)) << zh.err;
    EXPECT_EQ(Count(zh.err, "错误"), 1) << zh.err;
    EXPECT_THAT(zh.err, Not(HasSubstr("error")));
    RunResult en = As("liu", {"--lang", "en", "item", "import", c.file, "--org", "school-a"});
    EXPECT_EQ(en.exit_code, 2) << en.err;
    EXPECT_THAT(en.err, HasSubstr("docket: error: " + c.en)) << en.err;
    EXPECT_EQ(Count(en.err, "error"), 1) << en.err;
  }
}

}  // namespace
}  // namespace docket::testing
