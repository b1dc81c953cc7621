// The commands' normal output: help, listings, the whole cycle, JSON, graphs, the demo.
#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

TEST_F(CliTest, HelpOnEveryCommandExitsZero) {
  for (std::vector<std::string> args :
       std::vector<std::vector<std::string>>{{"--help"}, {"init", "--help"}, {"org", "--help"},
                                             {"org", "load", "--help"}, {"workflow", "lint", "--help"},
                                             {"workflow", "graph", "--help"}, {"item", "--help"},
                                             {"item", "create", "--help"}, {"item", "act", "--help"},
                                             {"item", "history", "--help"}, {"audit", "verify", "--help"},
                                             {"demo", "--help"}}) {
    args.insert(args.begin(), {"--lang", "en"});
    auto r = RunProcess(DOCKET_BINARY, args);
    EXPECT_EQ(r.exit_code, 0) << args[2];
    EXPECT_THAT(r.out, HasSubstr("Usage")) << args[2];
  }
}

TEST_F(CliTest, OrgLoadTwiceDoesNotDuplicate) {
  ASSERT_EQ(Docket({"org", "load", SourcePath("workflows/examples/org.yaml")}).exit_code, 0);
  auto people = Docket({"--json", "org", "people"});
  ASSERT_EQ(people.exit_code, 0);
  auto j = nlohmann::json::parse(people.out);
  EXPECT_EQ(j.size(), 29u);
  auto orgs = Docket({"--lang", "en", "org", "list"});
  EXPECT_THAT(orgs.out, HasSubstr("Example District No. 1 Middle School"));
  EXPECT_EQ(nlohmann::json::parse(Docket({"--json", "org", "list"}).out).size(), 4u);
}

TEST_F(CliTest, TableLoadAndShow) {
  const std::string file = SourcePath("workflows/lists/decision-matters.yaml");
  auto load = Docket({"--lang", "en", "table", "load", file});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  EXPECT_THAT(load.out, HasSubstr("loaded table decision-matters (8 entries)"));
  EXPECT_EQ(Docket({"table", "load", file}).exit_code, 0);  // again: replaced, not duplicated
  auto show = nlohmann::json::parse(Docket({"--json", "table", "show", "decision-matters"}).out);
  EXPECT_EQ(show["entries"].size(), 8u);
  EXPECT_EQ(show["entries"]["large-spending"], "party-meeting");
  auto missing = Docket({"--lang", "en", "table", "show", "nothing"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_THAT(missing.err, HasSubstr("no table 'nothing'"));
}

TEST_F(CliTest, WholeCycleThroughTheCli) {
  std::string id = StartedTask();
  // A vice principal who is not the task's owner may not report on it (R12); its owner does.
  EXPECT_EQ(As("chen", {"item", "act", id, "report", "--set", "progress=100"}).exit_code, 5);
  EXPECT_EQ(As("li", {"item", "act", id, "report", "--set", "progress=100", "--set", "evidence=a,b"}).exit_code, 0);
  auto complete = As("li", {"item", "act", id, "complete"});
  ASSERT_EQ(complete.exit_code, 0) << complete.err;
  EXPECT_THAT(complete.out, HasSubstr("in_progress -> completed"));
  auto self_check = As("li", {"item", "act", id, "check"});  // li completed it: separation of duties
  EXPECT_EQ(self_check.exit_code, 5) << self_check.err;
  EXPECT_THAT(self_check.err, HasSubstr("R12"));
  EXPECT_EQ(As("wang", {"item", "act", id, "check"}).exit_code, 0);

  auto show = Docket({"--json", "item", "show", id});
  auto j = nlohmann::json::parse(show.out);
  EXPECT_EQ(j["state"], "closed");
  EXPECT_EQ(j["version"], 6);
  EXPECT_EQ(j["fields"]["due_date"], "2026-06-30");
  EXPECT_EQ(j["fields"]["evidence"], nlohmann::json::array({"a", "b"}));
  EXPECT_EQ(j["fields"]["owner"], "li");

  auto hist = nlohmann::json::parse(Docket({"--json", "item", "history", id}).out);
  ASSERT_EQ(hist.size(), 8u);  // six accepted, two refused
  EXPECT_EQ(hist[0]["action"], "create");
  EXPECT_EQ(hist[3]["outcome"], "refused");
  EXPECT_EQ(hist[3]["actor"], "chen");
  EXPECT_EQ(hist[6]["outcome"], "refused");
  EXPECT_EQ(hist[7]["action"], "check");
  EXPECT_EQ(hist[7]["role"], "secretary");
  EXPECT_EQ(hist[1]["prev_hash"], hist[0]["hash"]);

  auto listed = Docket({"item", "list", "--org", "school-a", "--state", "closed"});
  EXPECT_THAT(listed.out, HasSubstr("#" + id));
  EXPECT_THAT(listed.out, HasSubstr("已办结"));
  auto verify = Docket({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_THAT(verify.out, HasSubstr("审计校验通过"));
}

TEST_F(CliTest, PublicListShowsOnlyPublishedItemsAndFieldsWithoutAnActor) {
  AllowLoneDecisions();
  auto decision = [&](const std::string& content, bool is_public) {
    std::vector<std::string> args{"item", "create", "decision", "--org", "school-a", "--set", "title=校务公开",
                                  "--set", "content=" + content, "--set", "category=routine"};
    if (is_public) args.insert(args.end(), {"--set", "public=true"});
    auto r = As("wang", args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out.substr(0, r.out.find('\n'));
  };
  std::string hidden = decision("内部决定", false);
  std::string shown = decision("公开决定", true);
  auto r = Docket({"public", "list", "--org", "school-a"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("#" + shown));
  EXPECT_THAT(r.out, HasSubstr("公开决定"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("#" + hidden + " ")));
  auto j = nlohmann::json::parse(Docket({"--json", "public", "list", "--org", "school-a"}).out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["fields"]["content"], "公开决定");
  EXPECT_FALSE(j[0]["fields"].contains("public"));  // not a published field
  EXPECT_THAT(Docket({"public", "list", "--org", "school-b"}).out, HasSubstr("暂无公开事项"));
  EXPECT_EQ(Docket({"public", "list", "--org", "nowhere"}).exit_code, 3);
}

TEST_F(CliTest, ItemShowUsesTheChosenLanguage) {
  std::string id = NewMatter();
  EXPECT_THAT(Docket({"item", "show", id}).out, HasSubstr("起草"));
  EXPECT_THAT(Docket({"--lang", "en", "item", "show", id}).out, HasSubstr("Drafted"));
}

TEST_F(CliTest, UserFromEnvironment) {
  auto r = RunProcess(DOCKET_BINARY, {"item", "create", "matter", "--org", "school-a", "--set", "title=x",
                                      "--set", "category=routine"},
                      dir_.path(), {{"DOCKET_DB", db_}, {"DOCKET_USER", "liu"}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1\n");
}

TEST_F(CliTest, WorkflowListShowAndGraph) {
  auto list = Docket({"workflow", "list"});
  EXPECT_THAT(list.out, HasSubstr("matter"));
  auto show = Docket({"--lang", "en", "workflow", "show", "matter"});
  EXPECT_THAT(show.out, HasSubstr("large-spending"));
  EXPECT_THAT(show.out, HasSubstr("on_agenda -> adopted"));
  auto dot = Docket({"workflow", "graph", "matter", "--format", "dot"});
  EXPECT_EQ(dot.exit_code, 0);
  EXPECT_THAT(dot.out, HasSubstr("digraph"));
  auto mermaid = Docket({"workflow", "graph", SourcePath("workflows/matter.yaml")});
  EXPECT_THAT(mermaid.out, HasSubstr("stateDiagram"));
  EXPECT_EQ(Docket({"workflow", "graph", "matter", "--format", "png"}).exit_code, 2);
}

TEST_F(CliTest, ShippedWorkflowsLintClean) {
  auto r = RunProcess(DOCKET_BINARY, {"--lang", "en", "workflow", "lint", SourcePath("workflows")});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("0 error(s), 0 warning(s)"));
  auto builtin = RunProcess(DOCKET_BINARY, {"workflow", "lint"});
  EXPECT_EQ(builtin.exit_code, 0) << builtin.out;
}

TEST_F(CliTest, NewVersionLeavesRunningItemsOnTheOld) {
  std::string id = NewMatter();
  std::string v2 = FileText(SourcePath("workflows/matter.yaml"));
  // The shipped version, and the next one.
  const size_t at = v2.find("\nversion: ") + 10;
  const int shipped = std::stoi(v2.substr(at));
  v2.replace(at, std::to_string(shipped).size(), std::to_string(shipped + 1));
  v2.replace(v2.find("  submitted: {labels"), 0, "  parked: {labels: {zh: 搁置, en: Parked}}\n");
  v2.replace(v2.find("transitions:\n") + 13, 0,
             "  - name: park\n    from: drafted\n    to: parked\n    roles: [clerk]\n"
             "  - name: unpark\n    from: parked\n    to: drafted\n    roles: [clerk]\n");
  WriteFile(dir_.File("matter-v2.yaml"), v2);
  auto load = Docket({"workflow", "load", dir_.File("matter-v2.yaml")});
  ASSERT_EQ(load.exit_code, 0) << load.err << load.out;
  EXPECT_THAT(Docket({"workflow", "list"}).out, HasSubstr(std::to_string(shipped + 1)));
  // The old item keeps the shipped version and has no `park`.
  auto old = As("liu", {"item", "act", id, "park"});
  EXPECT_EQ(old.exit_code, 5) << old.err;
  std::string fresh = NewMatter();
  auto j = nlohmann::json::parse(Docket({"--json", "item", "show", fresh}).out);
  EXPECT_EQ(j["workflow_version"], shipped + 1);
  EXPECT_EQ(As("liu", {"item", "act", fresh, "park"}).exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(Docket({"--json", "item", "show", id}).out)["workflow_version"], shipped);
  // Loading the new version again is a no-op; loading different content as it is a conflict.
  EXPECT_THAT(Docket({"--lang", "en", "workflow", "load", dir_.File("matter-v2.yaml")}).out, HasSubstr("already loaded"));
  WriteFile(dir_.File("matter-v2b.yaml"), v2 + "\n# changed\n");
  EXPECT_EQ(Docket({"workflow", "load", dir_.File("matter-v2b.yaml")}).exit_code, 6);
}

TEST(CliDemo, RunsTheWholeCycleAndVerifies) {
  TempDir dir;
  auto r = RunProcess(DOCKET_BINARY, {"demo"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_THAT(r.out, HasSubstr("审计链校验通过"));
  EXPECT_THAT(r.out, HasSubstr("被拒绝"));
  // The semester: each rule the demo shows is enforced, in words, with its number.
  for (const char* shown : {"R1：", "R3：", "R5：", "R6：", "R12：", "定时检查：escalate", "→ 通知 赵建国",
                            "semester-report 2026-spring", "「审阅通过」", "同意改造食堂"}) {
    EXPECT_THAT(r.out, HasSubstr(shown)) << shown;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "docket.db"));
  auto en = RunProcess(DOCKET_BINARY, {"--lang", "en", "demo", "--db", dir.File("kept.db")}, dir.path());
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_THAT(en.out, HasSubstr("audit verify passed"));
  EXPECT_TRUE(std::filesystem::exists(dir.File("kept.db")));
  auto verify = RunProcess(DOCKET_BINARY, {"--db", dir.File("kept.db"), "audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  // The canteen decision (#7) rolls up its two tasks.
  auto decision = RunProcess(DOCKET_BINARY, {"--db", dir.File("kept.db"), "item", "show", "7"});
  EXPECT_THAT(decision.out, HasSubstr("进度: 100%（督办事项 2 项，已办结 2 项"));
  EXPECT_THAT(decision.out, HasSubstr("子事项 2 个，已办结 2 个"));
  auto j = nlohmann::json::parse(RunProcess(DOCKET_BINARY, {"--db", dir.File("kept.db"), "--json", "item", "show", "7"}).out);
  EXPECT_EQ(j["workflow"], "decision");
  ASSERT_EQ(j["children"].size(), 2u);
  EXPECT_EQ(j["children"][0]["finished"], true);
  EXPECT_EQ(j["progress"]["percent"], 100);
  EXPECT_EQ(j["progress"]["tasks"], 2);
  auto again = RunProcess(DOCKET_BINARY, {"demo", "--db", dir.File("kept.db")}, dir.path());
  EXPECT_EQ(again.exit_code, 2);
}

}  // namespace
}  // namespace docket::testing
