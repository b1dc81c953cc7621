// Every class of bad input gets its exit code, a message naming what and where, and
// changes nothing but the audit record of a refusal.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class CliErrorTest : public CliTest {
 protected:
  int Entries(const std::string& id) {
    return static_cast<int>(nlohmann::json::parse(Docket({"--json", "item", "history", id}).out).size());
  }
  nlohmann::json Item(const std::string& id) {
    return nlohmann::json::parse(Docket({"--json", "item", "show", id}).out);
  }
};

TEST_F(CliErrorTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Docket({}).exit_code, 2);
  EXPECT_EQ(Docket({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(Docket({"item", "act"}).exit_code, 2);
  EXPECT_EQ(Docket({"item", "show", "abc"}).exit_code, 2);
  auto lang = Docket({"--lang", "fr", "org", "list"});
  EXPECT_EQ(lang.exit_code, 2);
  auto now = RunProcess(DOCKET_BINARY, {"--db", db_, "--now", "yesterday", "org", "list"});
  EXPECT_EQ(now.exit_code, 2);
  EXPECT_THAT(now.err, HasSubstr("--now"));
  auto set = As("liu", {"--lang", "en", "item", "create", "matter", "--org", "school-a", "--set", "title"});
  EXPECT_EQ(set.exit_code, 2);
  EXPECT_THAT(set.err, HasSubstr("FIELD=VALUE"));
  auto noactor = Docket({"item", "create", "matter", "--org", "school-a", "--set", "title=x"});
  EXPECT_EQ(noactor.exit_code, 2);
  EXPECT_THAT(noactor.err, HasSubstr("--as"));
}

TEST_F(CliErrorTest, BadFieldValuesExitTwoAndChangeNothing) {
  std::string id = NewMatter();
  struct Case {
    std::string set;
    std::string says;
  } cases[] = {
      {"amount=12.345", "amount"},        {"amount=1,000", "amount"},
      {"category=festival", "not one of"}, {"nosuch=1", "no field 'nosuch'"},
      {"proposer=two words", "person"},
  };
  for (const auto& c : cases) {
    auto before = Item(id);
    auto r = As("liu", {"--lang", "en", "item", "act", id, "submit", "--set", c.set});
    EXPECT_EQ(r.exit_code, 2) << c.set << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.says)) << c.set;
    EXPECT_EQ(Item(id), before) << c.set;
  }
  auto bad_date = As("wang", {"item", "create", "task", "--org", "school-a", "--set", "title=x", "--set", "owner=li",
                              "--set", "due_date=2026-02-30"});
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_THAT(bad_date.err, HasSubstr("due_date"));
  auto bad_meeting = As("liu", {"item", "act", id, "schedule", "--set", "meeting=next-week"});
  EXPECT_EQ(bad_meeting.exit_code, 2);
  EXPECT_THAT(bad_meeting.err, HasSubstr("meeting"));
  EXPECT_EQ(Item(id)["state"], "drafted");
}

TEST_F(CliErrorTest, MissingRequiredFieldExitsTwoAndIsAudited) {
  std::string id = NewMatter();
  ASSERT_EQ(As("liu", {"item", "act", id, "submit"}).exit_code, 0);
  int before = Entries(id);
  auto r = As("liu", {"--lang", "en", "item", "act", id, "schedule"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("requires field 'meeting'"));
  EXPECT_EQ(Item(id)["state"], "submitted");
  EXPECT_EQ(Entries(id), before + 1);
}

TEST_F(CliErrorTest, NotFoundExitsThree) {
  EXPECT_EQ(As("liu", {"item", "act", "999", "submit"}).exit_code, 3);
  EXPECT_EQ(Docket({"item", "show", "999"}).exit_code, 3);
  EXPECT_EQ(Docket({"item", "history", "999"}).exit_code, 3);
  auto wf = As("liu", {"item", "create", "nosuch", "--org", "school-a"});
  EXPECT_EQ(wf.exit_code, 3);
  EXPECT_THAT(wf.err, HasSubstr("nosuch"));
  EXPECT_EQ(As("liu", {"item", "create", "matter", "--org", "nowhere", "--set", "title=x"}).exit_code, 3);
  EXPECT_EQ(As("nobody", {"item", "create", "matter", "--org", "school-a", "--set", "title=x"}).exit_code, 3);
  EXPECT_EQ(Docket({"workflow", "show", "nosuch"}).exit_code, 3);
  EXPECT_EQ(Docket({"audit", "verify", "--org", "nowhere"}).exit_code, 3);
}

TEST_F(CliErrorTest, ForbiddenExitsFourAndIsAudited) {
  std::string id = NewMatter();
  ASSERT_EQ(As("liu", {"item", "act", id, "submit"}).exit_code, 0);
  auto r = As("chen", {"item", "act", id, "presign_secretary"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("secretary"));
  // A person of another school.
  auto other = As("sun", {"item", "act", id, "withdraw"});
  EXPECT_EQ(other.exit_code, 4);
  EXPECT_THAT(other.err, HasSubstr("school-a"));
  EXPECT_EQ(Item(id)["state"], "submitted");
  auto hist = nlohmann::json::parse(Docket({"--json", "item", "history", id}).out);
  ASSERT_EQ(hist.size(), 4u);
  EXPECT_EQ(hist[2]["outcome"], "refused");
  EXPECT_EQ(hist[2]["actor"], "chen");
  EXPECT_THAT(hist[2]["reason"].get<std::string>(), HasSubstr("forbidden"));
  EXPECT_EQ(hist[3]["actor"], "sun");
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

TEST_F(CliErrorTest, WorkflowRefusalExitsFiveNamingTheCondition) {
  std::string id = NewMatter();
  auto wrong_state = As("li", {"--lang", "en", "item", "act", id, "adopt"});
  EXPECT_EQ(wrong_state.exit_code, 5);
  EXPECT_THAT(wrong_state.err, HasSubstr("not possible from state 'drafted'"));
  EXPECT_THAT(wrong_state.err, HasSubstr("submit"));
  auto no_action = As("li", {"--lang", "en", "item", "act", id, "fly"});
  EXPECT_EQ(no_action.exit_code, 5);
  EXPECT_THAT(no_action.err, HasSubstr("no action 'fly'"));

  auto big = As("liu", {"item", "create", "matter", "--org", "school-a", "--set", "title=x", "--set",
                        "category=large-spending"});
  ASSERT_EQ(big.exit_code, 0);
  std::string big_id = big.out.substr(0, big.out.size() - 1);
  auto unmet = As("liu", {"item", "act", big_id, "submit"});
  EXPECT_EQ(unmet.exit_code, 5);
  EXPECT_THAT(unmet.err, HasSubstr("amount"));

  std::string decided = StartedTask();
  ASSERT_EQ(As("li", {"item", "act", decided, "report", "--set", "progress=50"}).exit_code, 0);
  auto early = As("li", {"item", "act", decided, "complete"});
  EXPECT_EQ(early.exit_code, 5);
  EXPECT_THAT(early.err, HasSubstr("100%"));
  auto over = As("li", {"--lang", "en", "item", "act", decided, "report", "--set", "progress=150"});
  EXPECT_EQ(over.exit_code, 5);
  EXPECT_THAT(over.err, HasSubstr("progress <= 100"));
  // In Chinese the field by its label, its value in Chinese quotes.
  auto zh = As("li", {"item", "act", decided, "report", "--set", "progress=150"});
  EXPECT_THAT(zh.err, HasSubstr("要求 进度（%）（progress） <= 100，但 进度（%）（progress） 为 “150”"));
}

TEST_F(CliErrorTest, StaleVersionExitsSix) {
  std::string id = NewMatter();
  auto first = As("liu", {"item", "act", id, "submit", "--expect-version", "1"});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  auto second = As("liu", {"--lang", "en", "item", "act", id, "withdraw", "--expect-version", "1"});
  EXPECT_EQ(second.exit_code, 6);
  EXPECT_THAT(second.err, HasSubstr("version 2"));
  EXPECT_EQ(Item(id)["state"], "submitted");
}

TEST_F(CliErrorTest, JsonErrorsOnStdout) {
  auto r = As("liu", {"--json", "item", "act", "999", "submit"});
  EXPECT_EQ(r.exit_code, 3);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["code"], "not_found");
  EXPECT_EQ(j["exit"], 3);
}

TEST_F(CliErrorTest, StorageErrorsExitEight) {
  auto dir = RunProcess(DOCKET_BINARY, {"--db", dir_.path().string(), "org", "list"});
  EXPECT_EQ(dir.exit_code, 8);
  EXPECT_THAT(dir.err, HasSubstr(dir_.path().string()));
  WriteFile(dir_.File("junk.db"), std::string(4096, 'x'));
  auto junk = RunProcess(DOCKET_BINARY, {"--db", dir_.File("junk.db"), "org", "list"});
  EXPECT_EQ(junk.exit_code, 8);
  EXPECT_THAT(junk.err, HasSubstr("junk.db"));
  auto missing_dir = RunProcess(DOCKET_BINARY, {"--db", dir_.File("no/such/dir.db"), "init"});
  EXPECT_EQ(missing_dir.exit_code, 8);
}

TEST_F(CliErrorTest, LintReportsEveryErrorWithPosition) {
  WriteFile(dir_.File("bad.yaml"),
            "id: bad\nversion: 1\nlabels: {zh: 坏, en: Bad}\nstates:\n  a: {initial: true}\n"
            "  b: {terminal: true}\ntransitions:\n  - name: go\n    from: a\n    to: nowhere\n    roles: [x]\n"
            "  - name: come\n    from: zzz\n    to: b\n    roles: [x]\n");
  auto r = RunProcess(DOCKET_BINARY, {"workflow", "lint", dir_.File("bad.yaml")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.out, HasSubstr(dir_.File("bad.yaml") + ":10:"));
  EXPECT_THAT(r.out, HasSubstr("nowhere"));
  EXPECT_THAT(r.out, HasSubstr(dir_.File("bad.yaml") + ":13:"));
  EXPECT_THAT(r.out, HasSubstr("zzz"));
  WriteFile(dir_.File("syntax.yaml"), "id: [unclosed\n");
  auto syntax = RunProcess(DOCKET_BINARY, {"workflow", "lint", dir_.File("syntax.yaml")});
  EXPECT_EQ(syntax.exit_code, 2);
  EXPECT_THAT(syntax.out, HasSubstr("syntax.yaml:"));
  auto load = Docket({"workflow", "load", dir_.File("bad.yaml")});
  EXPECT_EQ(load.exit_code, 2);
  EXPECT_EQ(Docket({"workflow", "show", "bad"}).exit_code, 3);
  auto nofile = RunProcess(DOCKET_BINARY, {"workflow", "lint", dir_.File("nope.yaml")});
  EXPECT_EQ(nofile.exit_code, 3);  // not found
  EXPECT_THAT(nofile.err, HasSubstr("nope.yaml"));
}

TEST_F(CliErrorTest, BadOrgFileChangesNothing) {
  WriteFile(dir_.File("org.yaml"), "organizations:\n  - id: x\n    parent: missing-parent\n    name: {zh: 某校, en: X}\n");
  auto r = Docket({"org", "load", dir_.File("org.yaml")});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("missing-parent"));
  EXPECT_EQ(nlohmann::json::parse(Docket({"--json", "org", "list"}).out).size(), 4u);
  WriteFile(dir_.File("org2.yaml"), "organisations: []\n");
  EXPECT_EQ(Docket({"org", "load", dir_.File("org2.yaml")}).exit_code, 2);
}

}  // namespace
}  // namespace docket::testing
