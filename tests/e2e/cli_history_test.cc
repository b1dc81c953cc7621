// `docket item show|list --as-of TIME` with the real binary: a decision is assigned and its
// task worked on over several days; what `item show` and `item list` printed (as JSON) on
// each day is what the rebuild prints for that day afterwards, and the text says it is a
// rebuild. A bad TIME exits 2 naming it; an unknown item, or one not yet created, exits 3.
#include <nlohmann/json.hpp>

#include <map>

#include "cli_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CliHistoryTest : public CliTest {
 protected:
  // Runs a step on `day` at 10:00 and keeps what show and list printed right after it.
  void StepOn(const std::string& day, const std::string& who, std::vector<std::string> args) {
    now_ = day + "T10:00:00Z";
    auto r = As(who, std::move(args));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    Keep(day);
  }
  void Keep(const std::string& day) {
    list_on_[day] = Json({"--json", "item", "list"});
    show_on_[day] = Json({"--json", "item", "show", decision_});
  }
  nlohmann::json Json(std::vector<std::string> args) {
    auto r = Docket(std::move(args));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json();
  }
  static nlohmann::json WithoutAsOf(nlohmann::json j, const std::string& as_of) {
    if (j.is_array()) {
      for (auto& e : j) {
        EXPECT_EQ(e.value("as_of", ""), as_of);
        e.erase("as_of");
      }
    } else {
      EXPECT_EQ(j.value("as_of", ""), as_of);
      j.erase("as_of");
    }
    return j;
  }

  void SetUp() override {
    CliTest::SetUp();
    now_ = "2026-03-02T10:00:00Z";
    AllowLoneDecisions();
    auto r = As("wang", {"item", "create", "decision", "--org", "school-a", "--set", "title=食堂改造", "--set",
                         "category=major-project", "--set", "content=暑期完工"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    decision_ = r.out.substr(0, r.out.find('\n'));
    Keep("2026-03-02");
    StepOn("2026-03-03", "wang", {"item", "act", decision_, "assign", "--set", "owners=li", "--set", "due_date=2026-04-30"});
    auto tasks = Json({"--json", "item", "list", "--workflow", "task"});
    ASSERT_EQ(tasks.size(), 1u);
    task_ = std::to_string(tasks[0]["id"].get<std::int64_t>());
    StepOn("2026-03-04", "li", {"item", "act", task_, "acknowledge"});
    now_ = "2026-03-05T10:00:00Z";
    ASSERT_EQ(As("liu", {"item", "act", task_, "start"}).exit_code, 4);  // refused: a clerk
    Keep("2026-03-05");
    StepOn("2026-03-06", "li", {"item", "act", task_, "start"});
    StepOn("2026-03-07", "li", {"item", "act", task_, "report", "--set", "progress=60", "--set", "evidence=合同"});
    now_ = "2026-03-20T10:00:00Z";
  }

  std::string decision_, task_;
  std::map<std::string, nlohmann::json> list_on_, show_on_;
};

TEST_F(CliHistoryTest, ShowAndListAsOfEachDayGiveWhatTheyPrintedThatDay) {
  ASSERT_EQ(list_on_.size(), 6u);
  for (const auto& [day, list] : list_on_) {
    const std::string end = day + "T15:59:59Z";  // a date alone: the end of that day, Beijing time
    // Each way of writing a time of that day, and the time it stands for.
    const std::vector<std::pair<std::string, std::string>> times = {
        {day, end}, {day + "T10:00:00Z", day + "T10:00:00Z"}, {day + "T18:00:00+08:00", day + "T10:00:00Z"}};
    for (const auto& [as_of, utc] : times) {
      EXPECT_EQ(WithoutAsOf(Json({"--json", "item", "list", "--as-of", as_of}), utc), list) << as_of;
      EXPECT_EQ(WithoutAsOf(Json({"--json", "item", "show", decision_, "--as-of", as_of}), utc), show_on_.at(day))
          << as_of;
    }
  }
  // The filters apply to the state then.
  auto assigned = Json({"--json", "item", "list", "--as-of", "2026-03-03", "--state", "assigned"});
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(std::to_string(assigned[0]["id"].get<std::int64_t>()), task_);
  EXPECT_TRUE(Json({"--json", "item", "list", "--as-of", "2026-03-07", "--state", "assigned"}).empty());
  EXPECT_EQ(Json({"--json", "item", "list", "--as-of", "2026-03-07", "--org", "school-a", "--workflow", "decision"}).size(),
            1u);
  EXPECT_TRUE(Json({"--json", "item", "list", "--as-of", "2026-03-07", "--org", "school-b"}).empty());
  // Before anything: nothing.
  EXPECT_TRUE(Json({"--json", "item", "list", "--as-of", "2026-03-01"}).empty());
  EXPECT_TRUE(Json({"--json", "item", "list", "--as-of", "2026-03-02T09:59:59Z"}).empty());
}

TEST_F(CliHistoryTest, TextSaysItIsARebuildAsOfTheTime) {
  auto show = Docket({"--lang", "en", "item", "show", decision_, "--as-of", "2026-03-02"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr("As of 2026-03-02T23:59:59+08:00, rebuilt from the audit log"));
  EXPECT_THAT(show.out, HasSubstr("State: Adopted (adopted)"));
  EXPECT_THAT(show.out, HasSubstr("Version: 1"));
  EXPECT_THAT(show.out, Not(HasSubstr("Children")));
  auto later = Docket({"--lang", "en", "item", "show", decision_, "--as-of", "2026-03-06T12:00:00Z"});
  EXPECT_THAT(later.out, HasSubstr("State: In execution (in_execution)"));
  EXPECT_THAT(later.out, HasSubstr("Children: 1, finished 0"));
  EXPECT_THAT(later.out, HasSubstr("In progress (in_progress)"));
  auto now = Docket({"--lang", "en", "item", "show", decision_});
  EXPECT_THAT(now.out, Not(HasSubstr("rebuilt")));

  auto zh = Docket({"item", "list", "--as-of", "2026-03-04T10:00:00Z"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_THAT(zh.out, HasSubstr("截至 2026-03-04T18:00:00+08:00（按审计记录重建）"));
  EXPECT_THAT(zh.out, HasSubstr("已签收 (acknowledged)"));
  auto task_then = Docket({"--lang", "en", "item", "show", task_, "--as-of", "2026-03-07"});
  EXPECT_THAT(task_then.out, HasSubstr("Parent: #" + decision_));
  EXPECT_THAT(task_then.out, HasSubstr("60"));
  EXPECT_THAT(task_then.out, HasSubstr("合同"));
}

TEST_F(CliHistoryTest, BadTimeIsExitTwoNamingItAndAMissingItemExitThree) {
  for (const std::string bad : {"yesterday", "2026-02-30", "2026-03-05T25:00:00Z", ""}) {
    for (std::vector<std::string> args : {std::vector<std::string>{"--lang", "en", "item", "show", decision_, "--as-of", bad},
                                          std::vector<std::string>{"--lang", "en", "item", "list", "--as-of", bad}}) {
      auto r = Docket(args);
      EXPECT_EQ(r.exit_code, 2) << args[1] << " " << bad;
      EXPECT_THAT(r.err, HasSubstr("--as-of: '" + bad + "'")) << args[1];
      EXPECT_TRUE(r.out.empty()) << r.out;
    }
  }
  auto unknown = Docket({"item", "show", "9999", "--as-of", "2026-03-07"});
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_THAT(unknown.err, HasSubstr("9999"));
  auto not_yet = Docket({"--lang", "en", "item", "show", task_, "--as-of", "2026-03-02"});
  EXPECT_EQ(not_yet.exit_code, 3);
  EXPECT_THAT(not_yet.err, HasSubstr("did not exist at 2026-03-02T15:59:59Z: it was created at 2026-03-03T10:00:00Z"));
  auto json = Docket({"--json", "item", "show", task_, "--as-of", "2026-03-02"});
  EXPECT_EQ(json.exit_code, 3);
  EXPECT_EQ(nlohmann::json::parse(json.out)["exit"], 3);
}

TEST_F(CliHistoryTest, HelpDescribesAsOf) {
  for (const char* command : {"show", "list"}) {
    auto r = Docket({"--lang", "en", "item", command, "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_THAT(r.out, HasSubstr("--as-of")) << command;
    EXPECT_THAT(r.out, HasSubstr("end of that day)")) << command;
  }
}

}  // namespace
}  // namespace docket::testing
