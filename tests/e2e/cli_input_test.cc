// What a clerk types and what the command says back, with the real binary: field values from
// a file or standard input (`--set FIELD=@PATH`, `FIELD=@-`, `@@` for a literal @), and the
// ids of the items an action spawns (adopt, assign, add_tasks), in text and in --json.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

class CliInputTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(Docket({"table", "load", SourcePath("workflows/lists/decision-matters.yaml")}).exit_code, 0);
    ASSERT_EQ(Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}).exit_code, 0);
  }

  std::string Ok(const std::string& who, std::vector<std::string> args) {
    auto r = As(who, std::move(args));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Trim(r.out);
  }
  nlohmann::json Json(std::vector<std::string> args) {
    args.insert(args.begin(), "--json");
    auto r = Docket(std::move(args));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  }
  // docket run by the shell with standard input from `input_file`.
  RunResult WithStdin(const std::string& input_file, const std::vector<std::string>& args) {
    std::string cmd = std::string("exec '") + DOCKET_BINARY + "' --db '" + db_ + "' --now " + now_;
    for (const auto& a : args) cmd += " '" + a + "'";
    return RunProcess("/bin/sh", {"-c", cmd + " < '" + input_file + "'"}, dir_.path());
  }
  // A party meeting of school-a, notified; Hold holds it with five of its members.
  std::string NotifiedMeeting() {
    const std::string m = Ok("liu", {"item", "create", "meeting", "--org", "school-a", "--set", "title=第1次党委会",
                                     "--set", "body=party-meeting", "--set", "scheduled_at=2026-03-10T09:00:00Z"});
    Ok("liu", {"item", "act", m, "notify"});
    return m;
  }
  void Hold(const std::string& meeting) { Ok("liu", {"item", "act", meeting, "hold", "--set", "present=wang,li,chen,gao,ma"}); }
  std::string HeldMeeting() {
    const std::string m = NotifiedMeeting();
    Hold(m);
    return m;
  }
  std::int64_t Version(const std::string& id) { return Json({"item", "show", id})["version"].get<std::int64_t>(); }
  std::size_t HistorySize(const std::string& id) { return Json({"item", "history", id}).size(); }
};

// A minutes text of 1.2 MB — ten times what one command-line argument may hold — goes in
// whole from a file, and the chain still verifies.
TEST_F(CliInputTest, AMegabyteOfMinutesGoesInFromAFile) {
  const std::string meeting = HeldMeeting();
  std::string minutes;
  for (int i = 0; minutes.size() < 1'200'000; ++i) {
    minutes += "第" + std::to_string(i) + "项：会议听取了食堂改造方案的汇报，\"同意\"按程序推进, 并要求 =@+- 逐项落实。\n";
  }
  const std::string file = dir_.File("minutes.txt");
  WriteFile(file, minutes + "\n");  // trailing line breaks are dropped, as $(cat FILE) does
  auto r = As("liu", {"item", "act", meeting, "draft_minutes", "--set", "minutes=@" + file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto shown = Json({"item", "show", meeting});
  ASSERT_TRUE(shown["fields"].contains("minutes")) << shown.dump().substr(0, 2000);
  const std::string stored = shown["fields"]["minutes"].get<std::string>();
  EXPECT_EQ(stored.size(), minutes.size() - 1);
  EXPECT_TRUE(stored == minutes.substr(0, minutes.size() - 1));
  EXPECT_EQ(shown["state"], "minutes_drafted");
  auto verify = Docket({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err << verify.out;
}

TEST_F(CliInputTest, StandardInputAndADoubledAtSign) {
  const std::string input = dir_.File("title.txt");
  WriteFile(input, "购置设备：实验室\r\n\n");
  auto r = WithStdin(input, {"--as", "liu", "item", "create", "meeting", "--org", "school-a", "--set", "title=@-",
                             "--set", "body=office-meeting", "--set", "scheduled_at=2026-03-12T09:00:00Z", "--set",
                             "agenda=@@校长 的意见"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string id = Trim(r.out);
  auto item = Json({"item", "show", id});
  EXPECT_EQ(item["fields"]["title"], "购置设备：实验室");
  EXPECT_EQ(item["fields"]["agenda"], "@校长 的意见");
  // An @ elsewhere than at the start is only text.
  auto mail = As("liu", {"item", "act", id, "notify", "--set", "location=a@b"});
  ASSERT_EQ(mail.exit_code, 0) << mail.err;
  EXPECT_EQ(Json({"item", "show", id})["fields"]["location"], "a@b");
  // Standard input is read once: a second @- is a usage error.
  auto twice = WithStdin(input, {"--lang", "en", "--as", "liu", "item", "act", id, "hold", "--set", "present=@-",
                                 "--set", "absent=@-"});
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_THAT(twice.err, HasSubstr("standard input was already read for field 'present'"));
}

// A file that cannot be read is a usage error (exit 2) naming the field and the path, and
// nothing is written: not the action, not a refusal, not even the database file.
TEST_F(CliInputTest, AnUnreadableFileIsAUsageErrorAndNothingIsWritten) {
  const std::string meeting = HeldMeeting();
  const std::int64_t version = Version(meeting);
  const std::size_t entries = HistorySize(meeting);
  const std::string missing = dir_.File("no-such-minutes.txt");
  for (const std::string& path : {missing, dir_.path().string()}) {
    auto r = As("liu", {"--lang", "en", "item", "act", meeting, "draft_minutes", "--set", "minutes=@" + path});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_THAT(r.err, HasSubstr("field 'minutes'"));
    EXPECT_THAT(r.err, HasSubstr(path + ": "));
    EXPECT_EQ(r.out, "");
  }
  EXPECT_THAT(As("liu", {"--lang", "en", "item", "act", meeting, "draft_minutes", "--set", "minutes=@" + missing}).err,
              HasSubstr(missing + ": no such file"));
  auto bare = As("liu", {"--lang", "en", "item", "act", meeting, "draft_minutes", "--set", "minutes=@"});
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_THAT(bare.err, HasSubstr("no path after @"));
  EXPECT_EQ(Version(meeting), version);
  EXPECT_EQ(HistorySize(meeting), entries);
  EXPECT_EQ(Json({"item", "show", meeting})["state"], "held");

  const std::size_t items = Json({"item", "list"}).size();
  auto create = As("liu", {"--lang", "en", "item", "create", "matter", "--org", "school-a", "--set", "title=@" + missing});
  EXPECT_EQ(create.exit_code, 2);
  EXPECT_THAT(create.err, HasSubstr("field 'title'"));
  EXPECT_EQ(Json({"item", "list"}).size(), items);
  db_ = dir_.File("never-opened.db");
  EXPECT_EQ(As("liu", {"item", "create", "matter", "--org", "school-a", "--set", "title=@" + missing}).exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(CliInputTest, HelpSaysHowToGiveAValueFromAFile) {
  for (const char* cmd : {"create", "act"}) {
    auto r = Docket({"item", cmd, "--help"});
    EXPECT_THAT(r.out, HasSubstr("FIELD=@PATH")) << cmd;
    EXPECT_THAT(r.out, HasSubstr("FIELD=@-")) << cmd;
    EXPECT_THAT(r.out, HasSubstr("@@")) << cmd;
  }
}

// adopt prints the decision it spawned; assign and add_tasks the tasks, one line each, in
// Chinese by default and in English with --lang en; --json lists them under "spawned".
TEST_F(CliInputTest, AdoptAndAssignPrintTheIdsOfTheItemsTheySpawn) {
  const std::string comm = Ok("wang", {"item", "create", "communication", "--org", "school-a"});
  const std::string meeting = NotifiedMeeting();
  const std::string matter = NewMatter();
  Ok("liu", {"item", "act", matter, "submit"});
  Ok("wang", {"item", "act", matter, "presign_secretary"});
  Ok("li", {"item", "act", matter, "presign_principal"});
  Ok("liu", {"item", "act", matter, "schedule", "--set", "meeting=" + meeting});
  Ok("wang", {"item", "act", comm, "record", "--set", "topic=食堂改造会前沟通"});
  now_ = "2026-03-10T09:00:00Z";
  Hold(meeting);
  const std::string vote = Ok("liu", {"item", "act", matter, "vote", "--set", "present=wang,li,chen,gao,ma", "--set",
                                      "votes=li:agree,chen:agree,gao:agree,ma:agree,wang:agree"});
  EXPECT_THAT(vote, Not(HasSubstr("已生成")));
  const std::string adopt = Ok("wang", {"item", "act", matter, "adopt", "--set", "decision=同意改造食堂"});
  auto children = Json({"item", "show", matter})["children"];
  ASSERT_EQ(children.size(), 1u);
  const std::string decision = std::to_string(children[0]["id"].get<std::int64_t>());
  EXPECT_THAT(adopt, HasSubstr("#" + matter + " "));
  EXPECT_THAT(adopt, HasSubstr("\n已生成: #" + decision + " 决定事项"));

  auto assign = Docket({"--json", "--as", "wang", "item", "act", decision, "assign", "--set", "owners=chen,li", "--set",
                        "due_date=2026-05-31"});
  ASSERT_EQ(assign.exit_code, 0) << assign.err;
  auto j = nlohmann::json::parse(assign.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << assign.out;
  auto tasks = Json({"item", "show", decision})["children"];
  ASSERT_EQ(tasks.size(), 2u);
  ASSERT_EQ(j["spawned"].size(), 2u) << assign.out;
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(j["spawned"][i]["id"], tasks[i]["id"]);
    EXPECT_EQ(j["spawned"][i]["workflow"], "task");
    EXPECT_EQ(std::to_string(j["spawned"][i]["parent"].get<std::int64_t>()), decision);
  }
  EXPECT_EQ(j["item"]["state"], "in_execution");

  auto more = As("li", {"--lang", "en", "item", "act", decision, "add_tasks", "--set", "owners=gao", "--set",
                        "due_date=2026-06-30"});
  ASSERT_EQ(more.exit_code, 0) << more.err;
  tasks = Json({"item", "show", decision})["children"];
  ASSERT_EQ(tasks.size(), 3u);
  EXPECT_THAT(more.out, HasSubstr("\nSpawned: #" + std::to_string(tasks[2]["id"].get<std::int64_t>()) + " Execution task\n"));
  EXPECT_THAT(more.out, Not(HasSubstr("#" + std::to_string(tasks[0]["id"].get<std::int64_t>()) + " Execution")));

  // An action that spawns nothing has an empty list.
  auto plain = Docket({"--json", "--as", "chen", "item", "act", std::to_string(tasks[0]["id"].get<std::int64_t>()),
                       "acknowledge"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  auto pj = nlohmann::json::parse(plain.out, nullptr, false);
  EXPECT_TRUE(pj["spawned"].is_array() && pj["spawned"].empty()) << plain.out;
}

// Issue 13 §2: `item show` of a decision shows its progress over ALL its tasks — a task that
// has reported nothing counts 0 % (not left out of the mean) —
// in text (zh, en) and as a `progress` object in --json; a matter has none.
TEST_F(CliInputTest, ItemShowGivesADecisionsProgressOverAllItsTasks) {
  const std::string comm = Ok("wang", {"item", "create", "communication", "--org", "school-a"});
  const std::string meeting = NotifiedMeeting();
  const std::string matter = NewMatter();
  Ok("liu", {"item", "act", matter, "submit"});
  Ok("wang", {"item", "act", matter, "presign_secretary"});
  Ok("li", {"item", "act", matter, "presign_principal"});
  Ok("liu", {"item", "act", matter, "schedule", "--set", "meeting=" + meeting});
  Ok("wang", {"item", "act", comm, "record", "--set", "topic=食堂改造会前沟通"});
  now_ = "2026-03-10T09:00:00Z";
  Hold(meeting);
  Ok("liu", {"item", "act", matter, "vote", "--set", "present=wang,li,chen,gao,ma", "--set",
             "votes=li:agree,chen:agree,gao:agree,ma:agree,wang:agree"});
  Ok("wang", {"item", "act", matter, "adopt", "--set", "decision=同意改造食堂"});
  const std::string decision = std::to_string(Json({"item", "show", matter})["children"][0]["id"].get<std::int64_t>());
  EXPECT_THAT(Docket({"item", "show", decision}).out, HasSubstr("进度: —（尚无督办事项）"));
  Ok("wang", {"item", "act", decision, "assign", "--set", "owners=chen,li,gao", "--set", "due_date=2026-05-31"});
  auto tasks = Json({"item", "show", decision})["children"];
  ASSERT_EQ(tasks.size(), 3u);
  const std::string first = std::to_string(tasks[0]["id"].get<std::int64_t>());
  Ok("chen", {"item", "act", first, "acknowledge"});
  Ok("chen", {"item", "act", first, "start"});
  Ok("chen", {"item", "act", first, "report", "--set", "progress=65"});

  auto zh = Docket({"item", "show", decision});
  EXPECT_THAT(zh.out, HasSubstr("进度: 21%（督办事项 3 项，已办结 0 项；未报告进度的按 0% 计）"));  // 65/3
  EXPECT_THAT(zh.out, HasSubstr("0%（未报告）"));
  auto en = Docket({"--lang", "en", "item", "show", decision});
  EXPECT_THAT(en.out, HasSubstr("Progress: 21% (3 tasks, finished 0; a task with no report counts 0%)"));
  auto j = Json({"item", "show", decision})["progress"];
  EXPECT_EQ(j["percent"], 21);
  EXPECT_EQ(j["tasks"], 3);
  EXPECT_EQ(j["finished"], 0);
  ASSERT_EQ(j["entries"].size(), 3u);
  EXPECT_EQ(j["entries"][0]["percent"], 65);
  EXPECT_EQ(j["entries"][0]["reported"], true);
  EXPECT_EQ(j["entries"][1]["percent"], 0);
  EXPECT_EQ(j["entries"][1]["reported"], false);
  EXPECT_TRUE(Json({"item", "show", matter})["progress"].is_null());
  EXPECT_THAT(Docket({"item", "show", matter}).out, Not(HasSubstr("进度: ")));
}

}  // namespace
}  // namespace docket::testing
