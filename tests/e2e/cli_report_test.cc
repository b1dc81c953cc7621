// `docket report` with the real binary: a short semester of school-a driven through the CLI,
// then the semester report in every format and both languages and the supervisor's roll-up,
// compared byte for byte with golden files; submission, proof, review and the exit codes.
//
// Golden files live in tests/e2e/golden/. When a report changes on purpose, regenerate them
// with   DOCKET_UPDATE_GOLDEN=1 ctest --test-dir BUILD -R CliReport   and review the diff.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

class CliReportTest : public CliTest {
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

  // The id of the only child of `parent`.
  std::string ChildOf(const std::string& parent) {
    auto r = Docket({"--json", "item", "show", parent});
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    if (j.is_discarded() || j["children"].empty()) return "0";
    return std::to_string(j["children"][0]["id"].get<std::int64_t>());
  }

  // school-a's spring: a Party meeting deciding a large-spending matter, an office meeting
  // deciding a routine one, the decision assigned and one task done late, a temporary action
  // explained, two weeks of communication, the report opened by tick and approved.
  // Returns the report item's id.
  std::string Semester() {
    now_ = "2026-03-02T09:00:00Z";
    const std::string comm = Ok("wang", {"item", "create", "communication", "--org", "school-a"});
    now_ = "2026-03-03T09:00:00Z";
    const std::string party = Ok("liu", {"item", "create", "meeting", "--org", "school-a", "--set", "title=第1次党委会",
                                         "--set", "body=party-meeting", "--set", "scheduled_at=2026-03-10T09:00:00Z"});
    const std::string office = Ok("liu", {"item", "create", "meeting", "--org", "school-a", "--set", "title=第1次校长办公会",
                                          "--set", "body=office-meeting", "--set", "scheduled_at=2026-03-12T09:00:00Z"});
    for (const auto& m : {party, office}) Ok("liu", {"item", "act", m, "notify"});
    const std::string canteen = NewMatter();  // large-spending, 350000
    Ok("liu", {"item", "act", canteen, "submit"});
    Ok("wang", {"item", "act", canteen, "presign_secretary"});
    Ok("li", {"item", "act", canteen, "presign_principal"});
    Ok("liu", {"item", "act", canteen, "schedule", "--set", "meeting=" + party});
    const std::string exams = Ok("liu", {"item", "create", "matter", "--org", "school-a", "--set", "title=期中考试安排",
                                         "--set", "category=routine"});
    Ok("liu", {"item", "act", exams, "submit"});
    Ok("liu", {"item", "act", exams, "schedule", "--set", "meeting=" + office});
    Ok("wang", {"item", "act", comm, "record", "--set", "topic=食堂改造会前沟通"});
    now_ = "2026-03-05T09:00:00Z";
    const std::string storm = Ok("li", {"item", "create", "temporary-action", "--org", "school-a", "--set", "title=暴雨停课",
                                        "--set", "reason=暴雨红色预警", "--set", "action_taken=停课一天"});
    now_ = "2026-03-10T09:00:00Z";
    Ok("liu", {"item", "act", party, "hold", "--set", "present=wang,li,chen,gao,ma"});
    Ok("liu", {"item", "act", canteen, "vote", "--set", "present=wang,li,chen,gao,ma", "--set",
               "votes=li:agree,chen:agree,gao:agree,ma:agree,wang:agree"});
    Ok("wang", {"item", "act", canteen, "adopt", "--set", "decision=同意改造食堂"});
    Ok("li", {"item", "act", storm, "explain", "--set", "meeting=" + party, "--set", "explanation=就停课作出说明"});
    Ok("li", {"item", "act", comm, "record", "--set", "topic=干部人选"});
    now_ = "2026-03-12T09:00:00Z";
    Ok("liu", {"item", "act", office, "hold", "--set", "present=li,chen,tang"});
    Ok("liu", {"item", "act", exams, "vote", "--set", "present=li,chen,tang", "--set", "votes=chen:agree,tang:agree,li:agree"});
    Ok("li", {"item", "act", exams, "adopt", "--set", "decision=期中考试4月20日"});
    now_ = "2026-03-16T09:00:00Z";
    const std::string decision = ChildOf(canteen);
    Ok("wang", {"item", "act", decision, "assign", "--set", "owners=chen", "--set", "due_date=2026-05-31"});
    const std::string task = ChildOf(decision);
    Ok("chen", {"item", "act", task, "acknowledge"});
    Ok("chen", {"item", "act", task, "start"});
    now_ = "2026-06-10T09:00:00Z";
    Ok("chen", {"item", "act", task, "report", "--set", "progress=100"});
    Ok("chen", {"item", "act", task, "complete"});
    Ok("gao", {"item", "act", task, "check"});
    now_ = "2026-07-11T09:00:00Z";
    EXPECT_EQ(Docket({"tick"}).exit_code, 0);
    auto list = Docket({"--json", "item", "list", "--org", "school-a", "--workflow", "semester-report"});
    auto items = nlohmann::json::parse(list.out, nullptr, false);
    EXPECT_FALSE(items.is_discarded() || items.empty()) << list.out << list.err;
    const std::string report = items.is_discarded() || items.empty() ? "0" : std::to_string(items[0]["id"].get<std::int64_t>());
    now_ = "2026-07-14T09:00:00Z";
    Ok("wang", {"item", "act", report, "approve", "--set", "summary=本学期工作报告", "--set", "approved_at_meeting=2026-07-14"});
    now_ = "2026-07-15T09:00:00Z";
    return report;
  }

  // Compares `actual` with tests/e2e/golden/NAME (cli_fixture.h ExpectGolden).
  void Golden(const std::string& name, const std::string& actual) { ExpectGolden(name, actual); }
};

TEST_F(CliReportTest, SemesterReportInEveryFormatAndBothLanguagesMatchesItsGoldenFiles) {
  Semester();
  for (const char* lang : {"zh", "en"}) {
    for (const char* format : {"md", "html", "csv"}) {
      auto r = Docket({"--lang", lang, "report", "semester", "--org", "school-a", "--term", "2026-spring", "--format", format});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      Golden(std::string("semester-school-a.") + lang + "." + format, r.out);
    }
  }
  auto json = Docket({"report", "semester", "--org", "school-a", "--term", "2026-spring", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  Golden("semester-school-a.json", json.out);
  // --json is the json form too; --out writes the file and says its hash.
  EXPECT_EQ(Docket({"--json", "report", "semester", "--org", "school-a", "--term", "2026-spring"}).out, json.out);
  const std::string out = dir_.File("r.html");
  auto written = Docket({"report", "semester", "--org", "school-a", "--term", "2026-spring", "--format", "html", "--out", out});
  ASSERT_EQ(written.exit_code, 0) << written.err;
  std::ifstream f(out);
  std::ostringstream html;
  html << f.rdbuf();
  EXPECT_THAT(html.str(), HasSubstr("@page { size: A4;"));
  EXPECT_THAT(html.str(), HasSubstr("\"Noto Sans CJK SC\", \"Source Han Sans SC\""));
  EXPECT_THAT(html.str(), HasSubstr("tr { break-inside: avoid; page-break-inside: avoid; }"));
  EXPECT_THAT(written.out, HasSubstr("sha256"));
}

TEST_F(CliReportTest, RollupMatchesItsGoldenFiles) {
  const std::string report = Semester();
  Ok("wang", {"item", "act", report, "submit"});
  now_ = "2026-08-12T09:00:00Z";  // the other schools' reports are late by now
  for (const char* lang : {"zh", "en"}) {
    auto r = Docket({"--lang", lang, "report", "rollup", "--org", "district", "--term", "2026-spring"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    Golden(std::string("rollup-district.") + lang + ".md", r.out);
  }
  auto csv = Docket({"--lang", "en", "report", "rollup", "--org", "district", "--term", "2026-spring", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  Golden("rollup-district.en.csv", csv.out);
  auto json = Docket({"report", "rollup", "--org", "district", "--term", "2026-spring", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  Golden("rollup-district.json", json.out);
}

TEST_F(CliReportTest, SubmissionIsProvenAndSupervisorsReviewThroughAct) {
  const std::string report = Semester();
  // The school keeps the json form it generates at the moment it submits.
  const std::string file = dir_.File("submitted.json");
  ASSERT_EQ(Docket({"report", "semester", "--org", "school-a", "--term", "2026-spring", "--format", "json", "--out", file})
                .exit_code,
            0);
  Ok("wang", {"item", "act", report, "submit"});
  now_ = "2026-07-20T09:00:00Z";
  auto verified = Docket({"--json", "report", "verify", "--org", "school-a", "--term", "2026-spring", "--file", file});
  ASSERT_EQ(verified.exit_code, 0) << verified.err;
  auto j = nlohmann::json::parse(verified.out);
  ASSERT_EQ(j["submissions"].size(), 1u);
  EXPECT_EQ(j["file_hash"], j["submissions"][0]["hash"]);
  // The kept copy renders as it was submitted.
  auto kept = Docket({"report", "semester", "--org", "school-a", "--term", "2026-spring", "--submitted", "--format", "json"});
  ASSERT_EQ(kept.exit_code, 0) << kept.err;
  std::ifstream f(file);
  std::ostringstream original;
  original << f.rdbuf();
  EXPECT_EQ(kept.out, original.str());
  // A changed document is caught: exit 7.
  std::string forged = original.str();
  forged.replace(forged.find("\"held\""), 6, "\"HELD\"");
  std::ofstream(dir_.File("forged.json")) << forged;
  auto caught = Docket({"--lang", "en", "report", "verify", "--org", "school-a", "--term", "2026-spring", "--file", dir_.File("forged.json")});
  EXPECT_EQ(caught.exit_code, 7);
  EXPECT_THAT(caught.err, HasSubstr("matches no submission"));

  // Review: the principal may not accept her own school's report (4, audited); a return
  // needs a comment (2); the supervisor returns, the school resubmits, the supervisor accepts.
  EXPECT_EQ(As("li", {"report", "accept", "--org", "school-a", "--term", "2026-spring"}).exit_code, 4);
  EXPECT_EQ(As("zhao", {"report", "return", "--org", "school-a", "--term", "2026-spring"}).exit_code, 2);
  auto back = As("zhao", {"report", "return", "--org", "school-a", "--term", "2026-spring", "--comment", "请补充督办情况"});
  EXPECT_EQ(back.exit_code, 0) << back.err;
  EXPECT_THAT(back.out, HasSubstr("submitted -> returned"));
  Ok("wang", {"item", "act", report, "resubmit", "--set", "summary=已补充"});
  auto accept = As("zhao", {"report", "accept", "--org", "school-a", "--term", "2026-spring", "--comment", "同意"});
  EXPECT_EQ(accept.exit_code, 0) << accept.err;
  EXPECT_EQ(As("zhao", {"report", "accept", "--org", "school-a", "--term", "2026-spring"}).exit_code, 5);
  auto history = Docket({"item", "history", report});
  EXPECT_THAT(history.out, HasSubstr("拒绝：“li”不能执行动作"));
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

TEST_F(CliReportTest, BadInputHasItsExitCode) {
  auto no_org = Docket({"report", "semester", "--org", "nowhere", "--term", "2026-spring"});
  EXPECT_EQ(no_org.exit_code, 3);
  EXPECT_THAT(no_org.err, HasSubstr("nowhere"));
  auto no_term = Docket({"report", "semester", "--org", "school-a", "--term", "2031-spring"});
  EXPECT_EQ(no_term.exit_code, 2);
  EXPECT_THAT(no_term.err, HasSubstr("2031-spring"));
  auto format = Docket({"report", "semester", "--org", "school-a", "--term", "2026-spring", "--format", "pdf"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_EQ(Docket({"report", "semester", "--org", "school-a"}).exit_code, 2);
  EXPECT_EQ(Docket({"report", "rollup", "--org", "nowhere", "--term", "2026-spring"}).exit_code, 3);
  EXPECT_EQ(Docket({"report", "rollup", "--org", "district", "--term", "1999-autumn"}).exit_code, 2);
  EXPECT_EQ(Docket({"report", "semester", "--org", "school-a", "--term", "2026-spring", "--report", "quarterly"}).exit_code, 3);
  // Nothing submitted yet: there is nothing to verify or accept.
  EXPECT_EQ(Docket({"report", "verify", "--org", "school-a", "--term", "2026-spring"}).exit_code, 3);
  EXPECT_EQ(As("zhao", {"report", "accept", "--org", "school-a", "--term", "2026-spring"}).exit_code, 3);
  auto missing = Docket({"report", "verify", "--org", "school-a", "--term", "2026-spring", "--file", dir_.File("none.json")});
  EXPECT_EQ(missing.exit_code, 3);  // not found
  // A report file with errors is refused whole, with its place.
  std::ofstream(dir_.File("bad.yaml")) << "report: r\nversion: 1\nsections:\n  - {id: a, workflow: nowhere, in_term: created, "
                                          "measures: [{id: n, count: {}}]}\n";
  auto bad = Docket({"--lang", "en", "report", "load", dir_.File("bad.yaml")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("bad.yaml:4:5: section 'a' names workflow 'nowhere'"));
  auto good = Docket({"--lang", "en", "report", "load", SourcePath("workflows/reports/semester.yaml")});
  EXPECT_EQ(good.exit_code, 0) << good.err;
  EXPECT_THAT(good.out, HasSubstr("report semester v2 loaded"));
}

}  // namespace
}  // namespace docket::testing
