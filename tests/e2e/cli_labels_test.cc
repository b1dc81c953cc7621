// Values read by their labels in the reader's language: `item history`'s changes (each field
// by its label, each enum value by its value label), `public list`, and an item started on
// a version without value labels read with the labels given since; --json keeps the values.
// The inbox's --json gives a notification's message under each language's code.
#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CliLabelsTest : public CliTest {
 protected:
  // A decision standing alone in school-a, created by the secretary and published.
  std::string PublicDecision(const std::string& title) {
    auto r = As("wang", {"item", "create", "decision", "--org", "school-a", "--set", "title=" + title, "--set",
                         "category=large-spending", "--set", "content=分两期实施", "--set", "public=true"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string id = r.out;
    while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
    return id;
  }
  // The shipped decision as version 98 whose category is free text, with no value labels,
  // and whose create the secretary may take.
  void LoadDecisionWithoutValueLabels() {
    std::string text = FileText(SourcePath("workflows/decision.yaml"));
    auto cut = [&](const std::string& from, const std::string& until, const std::string& to) {
      auto at = text.find(from);
      ASSERT_NE(at, std::string::npos) << from;
      auto end = text.find(until, at + from.size());
      ASSERT_NE(end, std::string::npos) << until;
      text.replace(at, end - at, to);
    };
    cut("\nversion: 3", "\n", "\nversion: 98");
    cut("roles: []", "\n", "roles: [secretary]");
    cut("  category:", "  meeting:", "  category: {type: text, labels: {zh: 类别, en: Category}}\n");
    cut("value_labels:", "states:", "");
    WriteFile(dir_.File("decision-98.yaml"), text);
    auto r = Docket({"workflow", "load", dir_.File("decision-98.yaml")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
};

// A value the field does not allow: the error lists the allowed ones by their labels and
// ids in Chinese (what they mean, what to type), by their ids alone in English. A refusal
// quoting a condition names the field and the value it compares with by their labels.
TEST_F(CliLabelsTest, ErrorsAndRefusalsNameFieldsAndValuesByTheirLabels) {
  const std::vector<std::string> bad = {"item", "create", "matter", "--org", "school-a", "--set", "title=T",
                                        "--set", "category=spending"};
  auto zh = As("liu", bad);
  EXPECT_EQ(zh.exit_code, 2);
  EXPECT_THAT(zh.err, HasSubstr("不是以下之一：重大事项决策（major-decision）、重要干部任免（cadre-appointment）"));
  std::vector<std::string> bad_en = bad;
  bad_en.insert(bad_en.begin(), {"--lang", "en"});
  auto en = As("liu", bad_en);
  EXPECT_EQ(en.exit_code, 2);
  EXPECT_THAT(en.err, HasSubstr("is not one of: major-decision, cadre-appointment, major-project"));

  auto created = As("liu", {"item", "create", "matter", "--org", "school-a", "--set", "title=T", "--set",
                            "category=large-spending"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  std::string id = created.out.substr(0, created.out.find_first_of(" \n"));
  auto refused = As("liu", {"item", "act", id, "submit"});
  EXPECT_EQ(refused.exit_code, 5);
  EXPECT_THAT(refused.err, HasSubstr("类别（category） 不等于 大额资金使用（large-spending）"));
  EXPECT_THAT(refused.err, HasSubstr("字段“金额（元）（amount）”没有值"));
}

TEST_F(CliLabelsTest, HistoryShowsFieldsAndValuesByTheirLabels) {
  const std::string matter = NewMatter();  // category large-spending, amount 350000
  auto zh = Docket({"item", "history", matter});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_THAT(zh.out, HasSubstr("类别: ∅ -> 大额资金使用"));
  EXPECT_THAT(zh.out, HasSubstr("金额（元）: ∅ -> 350000.00"));
  EXPECT_THAT(zh.out, HasSubstr("标题: ∅ -> 购置设备"));
  EXPECT_THAT(zh.out, Not(HasSubstr("large-spending")));
  EXPECT_THAT(zh.out, Not(HasSubstr("category:")));

  auto en = Docket({"--lang", "en", "item", "history", matter});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_THAT(en.out, HasSubstr("Category: ∅ -> Large-sum spending"));
  EXPECT_THAT(en.out, HasSubstr("Amount (CNY): ∅ -> 350000.00"));
  EXPECT_THAT(en.out, Not(HasSubstr("large-spending")));
  EXPECT_THAT(en.out, Not(HasSubstr("category:")));
  EXPECT_THAT(en.out, Not(HasSubstr("大额资金使用")));

  // --json keeps the values themselves, under the fields' names.
  auto j = nlohmann::json::parse(Docket({"--json", "item", "history", matter}).out);
  ASSERT_FALSE(j.empty());
  EXPECT_EQ(j[0]["changes"]["category"], nlohmann::json::array({nullptr, "large-spending"})) << j[0].dump();
}

TEST_F(CliLabelsTest, PublicListShowsTheCategoryByItsLabel) {
  AllowLoneDecisions();
  const std::string decision = PublicDecision("食堂改造");
  auto zh = Docket({"public", "list", "--org", "school-a"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_THAT(zh.out, HasSubstr("#" + decision + "  决定事项"));
  EXPECT_THAT(zh.out, HasSubstr("类别: 大额资金使用"));
  EXPECT_THAT(zh.out, Not(HasSubstr("large-spending")));
  auto en = Docket({"--lang", "en", "public", "list", "--org", "school-a"});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_THAT(en.out, HasSubstr("Category: Large-sum spending"));
  EXPECT_THAT(en.out, Not(HasSubstr("large-spending")));
  auto j = nlohmann::json::parse(Docket({"--json", "public", "list", "--org", "school-a"}).out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["fields"]["category"], "large-spending");
}

TEST_F(CliLabelsTest, AnItemOnAVersionWithoutValueLabelsReadsWithTheLabelsGivenSince) {
  LoadDecisionWithoutValueLabels();
  const std::string old = PublicDecision("旧版决定");
  // Before any version labels the values, they read as stored.
  EXPECT_THAT(Docket({"public", "list", "--org", "school-a"}).out, HasSubstr("类别: large-spending"));
  AllowLoneDecisions();  // version 99: the shipped labels
  auto show = nlohmann::json::parse(Docket({"--json", "item", "show", old}).out);
  EXPECT_EQ(show["workflow_version"], 98);
  EXPECT_THAT(Docket({"item", "history", old}).out, HasSubstr("类别: ∅ -> 大额资金使用"));
  EXPECT_THAT(Docket({"public", "list", "--org", "school-a"}).out, HasSubstr("类别: 大额资金使用"));
  EXPECT_THAT(Docket({"--lang", "en", "item", "show", old}).out, HasSubstr("Large-sum spending"));
}

TEST_F(CliLabelsTest, TheInboxGivesTheMessageUnderEachLanguage) {
  NewTask();  // owner li, due 2026-06-30: told from 2026-06-29T00:00 Beijing time
  now_ = "2026-06-29T00:00";
  auto tick = Docket({"tick"});
  ASSERT_EQ(tick.exit_code, 0) << tick.err;
  auto j = nlohmann::json::parse(As("li", {"--json", "inbox"}).out);
  ASSERT_EQ(j.size(), 1u) << j.dump();
  const nlohmann::json& message = j[0]["message"];
  EXPECT_EQ(message.size(), 2u) << message.dump();
  EXPECT_THAT(message["zh"].get<std::string>(), HasSubstr("督办事项即将到期；距截止还有 2 天"));
  EXPECT_THAT(message["en"].get<std::string>(), HasSubstr("The task is due soon; due in 2 days"));
  EXPECT_THAT(As("li", {"--lang", "en", "inbox"}).out, HasSubstr("The task is due soon; due in 2 days"));
  const std::string zh = As("li", {"inbox"}).out;
  EXPECT_THAT(zh, HasSubstr("督办事项即将到期；距截止还有 2 天"));
  EXPECT_THAT(zh, HasSubstr("提醒"));  // the kind by its word, not `notify`
  EXPECT_THAT(zh, Not(HasSubstr("notify")));
}

}  // namespace
}  // namespace docket::testing
