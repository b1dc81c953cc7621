// `docket calendar load`, `docket tick` and `docket inbox` through the real binary: what
// they print, --json, and the exit codes.
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kChore = R"(id: chore
version: 1
labels: {zh: 任务, en: Chore}
fields:
  title: {type: text, labels: {zh: 标题, en: Title}}
  owner: {type: person, labels: {zh: 负责人, en: Owner}}
  due_date: {type: date, labels: {zh: 期限, en: Due}}
states:
  open:
    initial: true
    labels: {zh: 进行中, en: Open}
    timers:
      - name: deadline
        due: {field: due_date}
        ladder:
          - {at: -2d, do: notify, owner: owner}
          - {at: +7d, do: escalate, to: [supervisor], message: {zh: 任务逾期, en: Task overdue}}
  done: {terminal: true, labels: {zh: 完成, en: Done}}
create:
  roles: [secretary]
  required: [title, owner, due_date]
transitions:
  - {name: finish, from: open, to: done, roles: [principal]}
)";

// Only the organizations, the semester report and a small task workflow: these tests stay
// independent of the rest of the shipped cycle.
class CliTickTest : public CliTest {
 protected:
  void SetUp() override {
    db_ = dir_.File("tick.db");
    ASSERT_EQ(Docket({"init", "--simulation"}).exit_code, 0);
    ASSERT_EQ(Docket({"org", "load", SourcePath("workflows/examples/org.yaml")}).exit_code, 0);
    auto wf = Docket({"workflow", "load", SourcePath("workflows/semester-report.yaml")});
    ASSERT_EQ(wf.exit_code, 0) << wf.err;
    std::ofstream(dir_.File("chore.yaml")) << kChore;
    wf = Docket({"workflow", "load", dir_.File("chore.yaml")});
    ASSERT_EQ(wf.exit_code, 0) << wf.err;
  }

  RunResult At(const std::string& now, std::vector<std::string> args) {
    now_ = now;
    return Docket(std::move(args));
  }
};

TEST_F(CliTickTest, HelpForEachCommand) {
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"tick", "--help"}, {"inbox", "--help"}, {"calendar", "--help"}, {"calendar", "load", "--help"}}) {
    args.insert(args.begin(), {"--lang", "en"});
    auto r = RunProcess(DOCKET_BINARY, args);
    EXPECT_EQ(r.exit_code, 0) << args[2];
    EXPECT_THAT(r.out, HasSubstr("Usage")) << args[2];
  }
}

TEST_F(CliTickTest, TickFiresOnceAndTheInboxShowsIt) {
  auto made = As("wang", {"item", "create", "chore", "--org", "school-a", "--set", "title=整改", "--set",
                          "owner=chen", "--set", "due_date=2026-03-10"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  auto early = At("2026-03-08T12:00:00Z", {"--lang", "en", "tick"});
  ASSERT_EQ(early.exit_code, 0) << early.err;
  EXPECT_THAT(early.out, HasSubstr("0 fired"));

  auto r = At("2026-03-09T00:00:00Z", {"--lang", "en", "tick"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("notify  chore #"));
  EXPECT_THAT(r.out, HasSubstr("-> chen"));
  EXPECT_THAT(r.out, HasSubstr("1 fired"));
  EXPECT_THAT(At("2026-03-09T00:00:00Z", {"--lang", "en", "tick"}).out, HasSubstr("0 fired"));  // twice: nothing new

  auto late = At("2026-03-20T00:00:00Z", {"--json", "tick"});
  ASSERT_EQ(late.exit_code, 0) << late.err;
  auto j = nlohmann::json::parse(late.out);
  ASSERT_EQ(j["fired"].size(), 1u);
  EXPECT_EQ(j["fired"][0]["kind"], "escalate");
  EXPECT_EQ(j["fired"][0]["told"], nlohmann::json::array({"zhao"}));

  auto inbox = As("zhao", {"--lang", "en", "inbox"});
  ASSERT_EQ(inbox.exit_code, 0) << inbox.err;
  EXPECT_THAT(inbox.out, HasSubstr("Task overdue"));
  EXPECT_THAT(inbox.out, HasSubstr("escalate"));
  auto mine = As("chen", {"--json", "inbox", "--mark-read"});
  ASSERT_EQ(mine.exit_code, 0) << mine.err;
  auto n = nlohmann::json::parse(mine.out);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0]["kind"], "notify");
  EXPECT_EQ(n[0]["read"], false);
  EXPECT_EQ(nlohmann::json::parse(As("chen", {"--json", "inbox", "--unread"}).out).size(), 0u);
  EXPECT_THAT(As("li", {"inbox"}).out, HasSubstr("没有提醒"));

  auto verify = Docket({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(CliTickTest, SemesterEndOpensReportsOnce) {
  auto load = Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  auto r = At("2026-07-11T08:00:00Z", {"--json", "tick"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j["fired"].size(), 2u);
  for (const auto& f : j["fired"]) {
    EXPECT_EQ(f["kind"], "open");
    EXPECT_EQ(f["workflow"], "semester-report");
  }
  EXPECT_THAT(At("2026-07-12T08:00:00Z", {"--lang", "en", "tick"}).out, HasSubstr("0 fired"));
  auto list = Docket({"--json", "item", "list", "--workflow", "semester-report"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(nlohmann::json::parse(list.out).size(), j["fired"].size());
}

TEST_F(CliTickTest, ErrorsHaveTheirExitCodes) {
  EXPECT_EQ(Docket({"inbox"}).exit_code, 2);                  // no --as
  EXPECT_EQ(As("nobody", {"inbox"}).exit_code, 4);            // no such person: reads nothing
  EXPECT_EQ(Docket({"calendar", "load"}).exit_code, 2);       // no file
  EXPECT_EQ(Docket({"calendar", "load", dir_.File("missing.yaml")}).exit_code, 3);  // not found
  std::ofstream(dir_.File("bad.yaml")) << "semesters: [{id: a, start: 2026-03-01, end: 2026-01-01}]\n";
  auto bad = Docket({"--lang", "en", "calendar", "load", dir_.File("bad.yaml")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("bad.yaml:1:"));
  EXPECT_THAT(bad.err, HasSubstr("before it starts"));
  auto when = RunProcess(DOCKET_BINARY, {"--db", db_, "--now", "yesterday", "tick"});
  EXPECT_EQ(when.exit_code, 2);
}

}  // namespace
}  // namespace docket::testing
