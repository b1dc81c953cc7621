// `--help`, `tick` and `workflow load` in the reader's language: Chinese by default, English
// only with --lang en (before the command, after it, or as --lang=en), and the help's columns
// lined up by display width.
#include <filesystem>
#include <sstream>
#include <utility>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Terminal columns of UTF-8 text: a three-byte character (Chinese and its punctuation) takes two.
size_t Columns(const std::string& s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xE0 && c < 0xF0) ++n;
    i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  }
  return n;
}

class CliHelpLangTest : public CliTest {
 protected:
  RunResult Help(std::vector<std::string> args) {
    auto r = RunProcess(DOCKET_BINARY, args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r;
  }
  // `docket tick` at `now` read twice, the same firings in each language: in Chinese on the
  // database, in English on a copy made before.
  std::pair<RunResult, RunResult> TickInBothLanguages(const std::string& now) {
    const std::string original = db_;
    const std::string copy = dir_.File("copy.db");
    std::filesystem::copy_file(original, copy);
    now_ = now;
    RunResult zh = Docket({"tick"});
    db_ = copy;
    RunResult en = Docket({"--lang", "en", "tick"});
    db_ = original;
    EXPECT_EQ(zh.exit_code, 0) << zh.err;
    EXPECT_EQ(en.exit_code, 0) << en.err;
    return {zh, en};
  }
};

struct HelpCase {
  std::vector<std::string> command;
  std::string zh, en;  // the command's own description
};

const HelpCase kHelpCases[] = {
    {{}, "Docket：会议与决策事项跟踪", "Docket: meeting and decision tracking"},
    {{"item"}, "事项：创建、办理、查看、列出、历史", "Items: create, act, show, list, history"},
    {{"item", "act"}, "对事项执行一个动作", "Take an action on an item"},
};

TEST_F(CliHelpLangTest, HelpIsChineseByDefault) {
  for (const HelpCase& c : kHelpCases) {
    std::vector<std::string> args = c.command;
    args.push_back("--help");
    const std::string out = Help(args).out;
    EXPECT_THAT(out, HasSubstr(c.zh)) << out;
    EXPECT_THAT(out, HasSubstr("用法:")) << out;
    EXPECT_THAT(out, HasSubstr("[选项]")) << out;
    EXPECT_THAT(out, HasSubstr("显示本帮助并退出")) << out;
    for (const char* english : {"Usage", "Options", "OPTIONS", "Subcommands", "Positionals", "REQUIRED", "TEXT ...",
                                "Print this help", c.en.c_str()}) {
      EXPECT_THAT(out, Not(HasSubstr(english))) << out;
    }
  }
  const std::string act = Help({"item", "act", "--help"}).out;
  EXPECT_THAT(act, HasSubstr("参数:"));
  EXPECT_THAT(act, HasSubstr("ID 整数 必填"));
  EXPECT_THAT(act, HasSubstr("FIELD=@PATH 从文件 PATH 读取值"));
  EXPECT_THAT(Help({"--help"}).out, HasSubstr("--lang 文本:{zh,en}"));
}

TEST_F(CliHelpLangTest, HelpIsEnglishOnlyWithLangEnWhereverItStands) {
  for (const HelpCase& c : kHelpCases) {
    std::vector<std::vector<std::string>> spellings;
    for (const std::vector<std::string>& lang : {std::vector<std::string>{"--lang", "en"}, {"--lang=en"}}) {
      std::vector<std::string> before = lang, after = c.command;
      before.insert(before.end(), c.command.begin(), c.command.end());
      before.push_back("--help");
      after.push_back("--help");
      after.insert(after.end(), lang.begin(), lang.end());
      spellings.push_back(before);
      spellings.push_back(after);
    }
    for (const auto& args : spellings) {
      const std::string out = Help(args).out;
      EXPECT_THAT(out, HasSubstr(c.en)) << out;
      EXPECT_THAT(out, HasSubstr("Usage:")) << out;
      EXPECT_THAT(out, HasSubstr("Print this help message and exit")) << out;
      EXPECT_FALSE(HasChinese(out)) << out;
    }
  }
  EXPECT_THAT(Help({"--lang", "en", "item", "act", "--help"}).out, HasSubstr("ID INT REQUIRED"));
  EXPECT_TRUE(HasChinese(Help({"--lang", "zh", "--help"}).out));
}

// Every description that follows a name short enough for the first column starts at the
// same terminal column, whatever the width of the Chinese words before it.
TEST_F(CliHelpLangTest, ChineseHelpLinesUpByDisplayWidth) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--help"}, {"item", "act", "--help"}, {"report", "semester", "--help"}, {"audit", "--help"}}) {
    std::istringstream lines(Help(args).out);
    int rows = 0;
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("  ", 0) != 0 || line.size() < 3 || line[2] == ' ') continue;
      const size_t gap = line.find("  ", 2);
      if (gap == std::string::npos) continue;
      const size_t desc = line.find_first_not_of(' ', gap);
      if (desc == std::string::npos) continue;
      EXPECT_EQ(Columns(line.substr(0, desc)), 30u) << line;
      ++rows;
    }
    EXPECT_GE(rows, 2) << args[0];
  }
}

TEST_F(CliHelpLangTest, TickSaysWhatFiredInTheReadersLanguage) {
  const std::string task = NewTask();  // li's, due 2026-06-30: li is told two days before
  const auto [zh, en] = TickInBothLanguages("2026-06-29T00:00:00Z");

  EXPECT_THAT(zh.out, HasSubstr("提醒  task #" + task + "（school-a）  定时 "));
  EXPECT_THAT(zh.out, HasSubstr("→ 通知 li"));
  EXPECT_THAT(zh.out, HasSubstr("截至 2026-06-29T00:00:00Z 共触发 1 项"));
  for (const char* english : {"notify", " in school-a", "timer", "step due", "fired"}) {
    EXPECT_THAT(zh.out, Not(HasSubstr(english))) << zh.out;
  }
  EXPECT_THAT(en.out, HasSubstr("notify  task #" + task + " in school-a  timer "));
  EXPECT_THAT(en.out, HasSubstr("-> li"));
  EXPECT_THAT(en.out, HasSubstr("1 fired at 2026-06-29T00:00:00Z"));
  EXPECT_FALSE(HasChinese(en.out)) << en.out;

  EXPECT_THAT(Docket({"tick"}).out, HasSubstr("共触发 0 项"));  // each step once
}

TEST_F(CliHelpLangTest, SemesterEndOpeningInBothLanguages) {
  ASSERT_EQ(Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}).exit_code, 0);
  const auto [zh, en] = TickInBothLanguages("2026-07-11T08:00:00Z");
  EXPECT_THAT(zh.out, HasSubstr("开启  semester-report #"));
  EXPECT_THAT(zh.out, HasSubstr("（学期 2026-spring 已于 "));
  EXPECT_THAT(en.out, HasSubstr("open  semester-report #"));
  EXPECT_THAT(en.out, HasSubstr("  (semester 2026-spring ended "));
  EXPECT_FALSE(HasChinese(en.out)) << en.out;
}

TEST_F(CliHelpLangTest, WorkflowLoadSaysLoadedOrAlreadyLoaded) {
  // The fixture loaded the shipped workflows: loading them again adds nothing.
  auto again_zh = Docket({"workflow", "load", SourcePath("workflows/matter.yaml")});
  ASSERT_EQ(again_zh.exit_code, 0) << again_zh.err;
  EXPECT_THAT(again_zh.out, HasSubstr("matter v"));
  EXPECT_THAT(again_zh.out, HasSubstr("此前已载入"));
  EXPECT_THAT(again_zh.out, Not(HasSubstr("loaded")));
  auto again_en = Docket({"--lang", "en", "workflow", "load", SourcePath("workflows/matter.yaml")});
  EXPECT_THAT(again_en.out, HasSubstr(" already loaded"));
  EXPECT_FALSE(HasChinese(again_en.out)) << again_en.out;

  std::string text = FileText(SourcePath("workflows/matter.yaml"));
  const auto at = text.find("\nversion: ");
  ASSERT_NE(at, std::string::npos);
  for (const auto& [version, lang] : {std::pair<std::string, std::string>{"98", "zh"}, {"99", "en"}}) {
    std::string changed = text;
    changed.replace(at, changed.find('\n', at + 1) - at, "\nversion: " + version);
    WriteFile(dir_.File("matter-" + version + ".yaml"), changed);
    auto r = Docket({"--lang", lang, "workflow", "load", dir_.File("matter-" + version + ".yaml")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, lang == "zh" ? "已载入 matter v98\n" : "matter v99 loaded\n");
  }
}

}  // namespace
}  // namespace docket::testing
