// One language at a time: errors, refusals and history read in Chinese by default and in
// English only with --lang en; enum values by their labels; no "REFUSED: refused:" stutter.
#include <regex>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The words of an English sentence Docket writes (not a name, an id or a typed value).
bool HasEnglishSentence(const std::string& s) {
  static const std::regex words(R"(\b(may not|is not|does not|has no|refused|needs|holds|no person|no organization|no item)\b)");
  return std::regex_search(s, words);
}

class CliLangTest : public CliTest {
 protected:
  struct Case {
    std::string what;
    std::vector<std::string> args;
    std::string as;
    int exit_code;
  };
  // A matter submitted by the clerk, waiting for the pre-meeting sign-offs.
  std::string SubmittedMatter() {
    const std::string matter = NewMatter();
    EXPECT_EQ(As("liu", {"item", "act", matter, "submit"}).exit_code, 0);
    return matter;
  }
  std::vector<Case> Cases() {
    const std::string matter = SubmittedMatter();
    return {
        {"forbidden", {"item", "act", matter, "presign_principal"}, "chen", 4},
        {"not possible here", {"item", "act", matter, "adopt"}, "liu", 5},
        {"no such item", {"item", "show", "999"}, "", 3},
        {"no such person", {"item", "act", matter, "withdraw"}, "nobody", 3},
        {"a bad date", {"item", "create", "task", "--org", "school-a", "--set", "title=x", "--set", "owner=li",
                        "--set", "due_date=2026-02-30"}, "wang", 2},
        {"a value not allowed", {"item", "create", "matter", "--org", "school-a", "--set", "title=x", "--set",
                                 "category=festival"}, "liu", 2},
        {"no acting person", {"item", "act", matter, "withdraw"}, "", 2},
        {"a stale version", {"item", "act", matter, "presign_secretary", "--expect-version", "7"}, "wang", 6},
        {"no organization", {"findings", "--org", "nowhere"}, "", 3},
        // The command line itself (CLI11's parse errors).
        {"a mistyped command", {"item", "shwo", "1"}, "", 2},
        {"a missing command", {"item"}, "", 2},
        {"a missing option", {"findings"}, "", 2},
        {"an unknown option", {"item", "show", "1", "--bogus"}, "", 2},
        {"not a number", {"item", "show", "abc"}, "", 2},
    };
  }
  RunResult Run(const Case& c, const std::string& lang) {
    std::vector<std::string> args = {"--lang", lang};
    args.insert(args.end(), c.args.begin(), c.args.end());
    return c.as.empty() ? Docket(args) : As(c.as, args);
  }
};

TEST_F(CliLangTest, ErrorsReadInChineseByDefaultAndInEnglishOnlyWithLangEn) {
  for (const Case& c : Cases()) {
    RunResult zh = Run(c, "zh");
    EXPECT_EQ(zh.exit_code, c.exit_code) << c.what << ": " << zh.err;
    EXPECT_THAT(zh.err, HasSubstr("docket: 错误：")) << c.what;
    EXPECT_TRUE(HasChinese(zh.err.substr(zh.err.find("错误：") + 9))) << c.what << ": " << zh.err;
    EXPECT_FALSE(HasEnglishSentence(zh.err)) << c.what << ": " << zh.err;

    RunResult en = Run(c, "en");
    EXPECT_EQ(en.exit_code, c.exit_code) << c.what << ": " << en.err;
    EXPECT_THAT(en.err, HasSubstr("docket: error: ")) << c.what;
    EXPECT_FALSE(HasChinese(en.err)) << c.what << ": " << en.err;
  }
}

TEST_F(CliLangTest, ARefusalReadsInTheWorkflowsWords) {
  const std::string matter = SubmittedMatter();
  RunResult zh = As("liu", {"item", "act", matter, "adopt"});
  EXPECT_THAT(zh.err, HasSubstr("不能执行动作“表决通过（adopt）”")) << zh.err;
  EXPECT_THAT(zh.err, HasSubstr("该状态下可执行："));
  RunResult en = As("liu", {"--lang", "en", "item", "act", matter, "adopt"});
  EXPECT_THAT(en.err, HasSubstr("action 'adopt' is not possible from state 'submitted'"));
}

TEST_F(CliLangTest, HistoryShowsARefusalOnceInTheReadersLanguage) {
  const std::string matter = SubmittedMatter();
  ASSERT_EQ(As("chen", {"item", "act", matter, "presign_principal"}).exit_code, 4);
  RunResult zh = Docket({"item", "history", matter});
  EXPECT_THAT(zh.out, HasSubstr("拒绝：“chen”不能执行动作"));
  EXPECT_THAT(zh.out, Not(HasSubstr("REFUSED")));
  EXPECT_THAT(zh.out, Not(HasSubstr("refused:")));
  RunResult en = Docket({"--lang", "en", "item", "history", matter});
  EXPECT_THAT(en.out, HasSubstr("Refused: 'chen' may not take action 'presign_principal'"));
  EXPECT_FALSE(HasChinese(en.out.substr(en.out.find("Refused:")))) << en.out;
  // The stored reason keeps the code and the English for anyone reading the exported chain.
  auto j = nlohmann::json::parse(Docket({"--json", "item", "history", matter}).out);
  auto reason = nlohmann::json::parse(j.back()["reason"].get<std::string>());
  EXPECT_EQ(reason["code"], "forbidden");
  EXPECT_THAT(reason["en"].get<std::string>(), HasSubstr("may not take action 'presign_principal'"));
}

TEST_F(CliLangTest, EnumValuesAreShownByTheirLabels) {
  const std::string matter = NewMatter();  // category large-spending
  EXPECT_THAT(Docket({"item", "show", matter}).out, HasSubstr("大额资金使用"));
  RunResult en = Docket({"--lang", "en", "item", "show", matter});
  EXPECT_THAT(en.out, HasSubstr("Large-sum spending"));
  // --json keeps the value itself.
  auto j = nlohmann::json::parse(Docket({"--json", "item", "show", matter}).out);
  EXPECT_EQ(j["fields"]["category"], "large-spending");
}

TEST_F(CliLangTest, AMistypedCommandNamesTheCommandsThereAre) {
  RunResult zh = Docket({"item", "shwo", "1"});
  EXPECT_THAT(zh.err, HasSubstr("“docket item”没有命令“shwo”；可用的命令有：create、act、show"));
  EXPECT_THAT(zh.err, HasSubstr("运行 docket --help"));
  RunResult en = Docket({"item", "shwo", "1", "--lang", "en"});
  EXPECT_THAT(en.err, HasSubstr("'docket item' has no command 'shwo'; it has: create, act, show"));
  auto j = nlohmann::json::parse(Docket({"--json", "findings"}).out);
  EXPECT_EQ(j["code"], "invalid");
  EXPECT_EQ(j["message"], "缺少必需的 --org");
}

}  // namespace
}  // namespace docket::testing
