// `docket findings` through the real binary: the table in Chinese and in English, --json,
// --term, the exit codes — and a finding about an item inserted with SQL, outside the engine.
#include <SQLiteCpp/SQLiteCpp.h>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class CliFindingsTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(Docket({"table", "load", SourcePath("workflows/lists/decision-matters.yaml")}).exit_code, 0);
  }
  std::string Id(const RunResult& r) {
    std::string id = r.out;
    while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
    return id;
  }
};

TEST_F(CliFindingsTest, AnOverdueTaskIsFoundOnlyOnceItIsOverdue) {
  auto none = Docket({"findings", "--org", "district"});
  EXPECT_EQ(none.exit_code, 0) << none.err;
  EXPECT_THAT(none.out, HasSubstr("（未发现问题）"));
  const std::string task = StartedTask();  // owner li, due 2026-06-30
  now_ = "2026-06-30T15:00:00Z";  // 23:00 on the school's clock: the due day is not over
  EXPECT_THAT(Docket({"findings", "--org", "school-a"}).out, HasSubstr("（未发现问题）"));
  now_ = "2026-06-30T16:00:00Z";  // midnight there: it is
  EXPECT_THAT(Docket({"findings", "--org", "school-a"}).out, HasSubstr("R12"));

  now_ = "2026-07-02T08:00:00Z";
  auto zh = Docket({"findings", "--org", "district"});
  EXPECT_EQ(zh.exit_code, 0) << zh.err;  // findings are the output, not a failure
  EXPECT_THAT(zh.out, HasSubstr("规则"));
  EXPECT_THAT(zh.out, HasSubstr("R12"));
  EXPECT_THAT(zh.out, HasSubstr("#" + task + " 督办事项（办理中）"));
  EXPECT_THAT(zh.out, HasSubstr("督办事项逾期未完成"));
  EXPECT_THAT(zh.out, HasSubstr("责任人=li"));
  EXPECT_THAT(zh.out, HasSubstr("完成期限=2026-06-30"));
  EXPECT_THAT(zh.out, HasSubstr("（逾期 1 天）"));
  EXPECT_THAT(zh.out, HasSubstr("共 1 项：高 0，中 1，低 0"));

  auto en = Docket({"findings", "--org", "district", "--lang", "en"});
  EXPECT_EQ(en.exit_code, 0);
  EXPECT_THAT(en.out, HasSubstr("The execution task is past its due date and not completed"));
  EXPECT_THAT(en.out, HasSubstr("Owner=li"));
  EXPECT_THAT(en.out, HasSubstr("1 finding(s): 0 high, 1 medium, 0 low"));

  auto js = Docket({"--json", "findings", "--org", "school-a"});
  ASSERT_EQ(js.exit_code, 0) << js.err;
  auto j = nlohmann::json::parse(js.out);
  EXPECT_EQ(j["org"], "school-a");
  EXPECT_EQ(j["as_of"], "2026-07-02T08:00:00Z");
  EXPECT_TRUE(j["term"].is_null());
  ASSERT_EQ(j["count"], 1);
  const auto& f = j["findings"][0];
  EXPECT_EQ(f["rule"], "R12");
  EXPECT_EQ(f["severity"], "medium");
  EXPECT_EQ(f["check"], "overdue");
  EXPECT_EQ(f["workflow"], "task");
  EXPECT_EQ(f["state"], "in_progress");
  EXPECT_EQ(f["item"], std::stoll(task));
  EXPECT_EQ(f["message"]["zh"], "督办事项逾期未完成");
  EXPECT_THAT(f["detail"]["en"].get<std::string>(), HasSubstr("'deadline' was due 2026-07-01T00:00:00+08:00"));
  EXPECT_THAT(f["detail"]["zh"].get<std::string>(), HasSubstr("应于 2026-07-01T00:00:00+08:00")) << "and in Chinese";
  EXPECT_EQ(f["evidence"][1], (nlohmann::json{{"field", "owner"}, {"value", "li"}}));

  // Another school's findings are not school-b's.
  EXPECT_THAT(Docket({"findings", "--org", "school-b"}).out, HasSubstr("（未发现问题）"));
}

// A decided matter written straight into the database, as a bad import would: the engine
// would have refused to put a large-spending matter before the office meeting (R1).
TEST_F(CliFindingsTest, AMatterInsertedWithSqlIsFound) {
  auto office = As("liu", {"item", "create", "meeting", "--org", "school-a", "--set", "title=校长办公会", "--set",
                           "body=office-meeting", "--set", "scheduled_at=2026-03-01T09:00:00Z"});
  ASSERT_EQ(office.exit_code, 0) << office.err;
  const std::string meeting = Id(office);
  std::string id;
  {
    SQLite::Database db(db_, SQLite::OPEN_READWRITE);
    SQLite::Statement ins(db,
                          "INSERT INTO items (org, workflow, workflow_version, state, fields, parent, version, "
                          "created_at, updated_at) VALUES ('school-a', 'matter', "
                          "(SELECT MAX(version) FROM definitions WHERE workflow = 'matter'), 'adopted', ?, NULL, 1, "
                          "'2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z')");
    ins.bind(1, R"({"title": "购置校车", "category": "large-spending", "amount": "900000.00", "meeting": )" + meeting +
                    R"(, "presigned_secretary": "wang", "presigned_principal": "li", "present": ["li", "chen", "tang"],)"
                    R"( "votes": [["chen", "agree"], ["tang", "agree"], ["li", "agree"]], "decision": "购置"})");
    ASSERT_EQ(ins.exec(), 1);
    id = std::to_string(db.getLastInsertRowid());
  }
  auto r = Docket({"findings", "--org", "district", "--lang", "en"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("#" + id + " Matter (Adopted)"));
  EXPECT_THAT(r.out, HasSubstr("The matter was decided by a body other than the one its decision-matter list names"));
  EXPECT_THAT(r.out, HasSubstr("Category=large-spending; Meeting=#" + meeting));
  EXPECT_THAT(r.out, HasSubstr("maps category 'large-spending' to 'party-meeting', but meeting.body is 'office-meeting'"));
  // All three members of the office meeting agreed: its quorum and majority hold. The body is
  // wrong, and the meeting was never held, so no one was present at it.
  auto j = nlohmann::json::parse(Docket({"--json", "findings", "--org", "school-a"}).out);
  std::vector<std::string> rules;
  for (const auto& f : j["findings"]) rules.push_back(f["rule"].get<std::string>() + " " + f["check"].get<std::string>());
  EXPECT_EQ(rules, (std::vector<std::string>{"R1 decided_by_right_body", "R2 held_meeting", "R2 topic_attendance"}));
}

TEST_F(CliFindingsTest, TermAndExitCodes) {
  // Without a calendar there are no terms.
  auto no_cal = Docket({"--lang", "en", "findings", "--org", "district", "--term", "2026-spring"});
  EXPECT_EQ(no_cal.exit_code, 2);
  EXPECT_THAT(no_cal.err, HasSubstr("unknown term '2026-spring': no calendar is loaded"));
  ASSERT_EQ(Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")}).exit_code, 0);
  StartedTask();  // created 2026-03-02: spring
  now_ = "2026-07-20T00:00:00Z";  // overdue, and spring is over with no report opened
  auto spring = Docket({"--json", "findings", "--org", "district", "--term", "2026-spring"});
  ASSERT_EQ(spring.exit_code, 0) << spring.err;
  auto j = nlohmann::json::parse(spring.out);
  EXPECT_EQ(j["term"], "2026-spring");
  EXPECT_EQ(j["count"], 4);  // the task, and a missing report for each of the three schools
  auto autumn = Docket({"findings", "--org", "district", "--term", "2026-autumn"});
  EXPECT_EQ(autumn.exit_code, 0);
  EXPECT_THAT(autumn.out, HasSubstr("（未发现问题）"));

  auto term = Docket({"--lang", "en", "findings", "--org", "district", "--term", "2031-spring"});
  EXPECT_EQ(term.exit_code, 2);
  EXPECT_THAT(term.err, HasSubstr("the calendar has 2026-spring, 2026-autumn"));
  auto org = Docket({"--lang", "en", "findings", "--org", "school-z"});
  EXPECT_EQ(org.exit_code, 3);
  EXPECT_THAT(org.err, HasSubstr("no organization 'school-z'"));
  auto js = Docket({"--json", "findings", "--org", "school-z"});
  EXPECT_EQ(js.exit_code, 3);
  EXPECT_EQ(nlohmann::json::parse(js.out)["code"], "not_found");
  EXPECT_EQ(Docket({"findings"}).exit_code, 2);  // --org is required
  auto help = Docket({"findings", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("--term"));
}

}  // namespace
}  // namespace docket::testing
