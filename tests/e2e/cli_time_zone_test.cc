// Each organization has a time zone (issue 14 item 4): times typed without an offset are local
// to it, shown with their offset, stored as an instant; the zone is part of the chained
// configuration; an unknown or malformed zone is refused by name, changing nothing; a term's
// days are the organization's days.
#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <map>
#include <vector>

#include "cli_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CliTimeZoneTest : public CliTest {
 protected:
  // The example organizations with school-b's zone set to `zone` (a YAML scalar).
  std::string OrgFileWithZone(const std::string& zone) {
    std::string text = FileText(SourcePath("workflows/examples/org.yaml"));
    const std::string at = "  - id: school-b\n";
    auto pos = text.find(at);
    EXPECT_NE(pos, std::string::npos);
    text.insert(pos + at.size(), "    time_zone: " + zone + "\n");
    const std::string file = dir_.File("org-" + std::to_string(files_++) + ".yaml");
    WriteFile(file, text);
    return file;
  }
  nlohmann::json Json(const RunResult& r) { return nlohmann::json::parse(r.out); }
  int files_ = 0;
};

TEST_F(CliTimeZoneTest, ATimeWithoutAnOffsetIsBeijingTimeAndIsShownWithItsOffset) {
  // 17:00 in Beijing is 09:00 UTC: the fixture's own clock, typed without an offset.
  now_ = "2026-03-02T17:00";
  auto m = As("liu", {"--json", "item", "create", "meeting", "--org", "school-a", "--set", "title=党委会", "--set",
                      "body=party-meeting", "--set", "scheduled_at=2026-03-05T15:30"});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  const auto item = Json(m);
  EXPECT_EQ(item["fields"]["scheduled_at"], "2026-03-05T07:30:00Z");
  EXPECT_EQ(item["created_at"], "2026-03-02T09:00:00Z");
  const std::string id = std::to_string(item["id"].get<int>());
  auto history = As("liu", {"item", "history", id});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_THAT(history.out, HasSubstr("2026-03-02T17:00:00+08:00"));
  auto json = As("liu", {"--json", "item", "history", id});
  EXPECT_EQ(Json(json)[0]["time"], "2026-03-02T09:00:00Z");
  // An offset given is taken as given.
  auto exact = As("liu", {"--json", "item", "create", "meeting", "--org", "school-a", "--set", "title=党委会", "--set",
                          "body=party-meeting", "--set", "scheduled_at=2026-03-05T15:30:00+09:00"});
  ASSERT_EQ(exact.exit_code, 0) << exact.err;
  EXPECT_EQ(Json(exact)["fields"]["scheduled_at"], "2026-03-05T06:30:00Z");
}

TEST_F(CliTimeZoneTest, AnOrganizationsZoneReadsItsTimesAndIsChainedConfiguration) {
  auto load = Docket({"org", "load", OrgFileWithZone("Asia/Urumqi")});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  EXPECT_THAT(load.out, Not(HasSubstr("no configuration change")));
  auto orgs = Docket({"--json", "org", "list"});
  EXPECT_THAT(orgs.out, HasSubstr("Asia/Urumqi"));
  // school-b's secretary is also its principal (一肩挑): sun creates its meeting.
  auto m = As("sun", {"--json", "item", "create", "meeting", "--org", "school-b", "--set", "title=支委会", "--set",
                       "body=party-meeting", "--set", "scheduled_at=2026-03-05T15:30"});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  EXPECT_EQ(Json(m)["fields"]["scheduled_at"], "2026-03-05T09:30:00Z");  // +06:00
  auto history = As("sun", {"item", "history", std::to_string(Json(m)["id"].get<int>())});
  EXPECT_THAT(history.out, HasSubstr("2026-03-02T15:00:00+06:00"));
  auto verify = Docket({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  // The zone is in the chain: changed in the file behind the chain's back, verify names it.
  SQLite::Database(db_, SQLite::OPEN_READWRITE).exec("UPDATE orgs SET time_zone='Asia/Shanghai' WHERE id='school-b'");
  auto tampered = Docket({"audit", "verify"});
  EXPECT_NE(tampered.exit_code, 0);
  EXPECT_THAT(tampered.out + tampered.err, HasSubstr("time_zone"));
}

TEST_F(CliTimeZoneTest, TodayIsTheDateOnTheClockOfTheItemsOrganization) {
  ASSERT_EQ(Docket({"org", "load", OrgFileWithZone("Asia/Urumqi")}).exit_code, 0);
  // 17:00 UTC: 01:00 on March 3rd in Beijing (school-a), 23:00 on March 2nd in Urumqi (school-b).
  std::map<std::string, std::string> met;
  for (const auto& [org, secretary] : {std::pair<std::string, std::string>{"school-a", "wang"}, {"school-b", "sun"}}) {
    auto made = As(secretary, {"--json", "item", "create", "communication", "--org", org});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const std::string id = std::to_string(Json(made)["id"].get<int>());
    now_ = "2026-03-02T17:00:00Z";
    auto recorded = As(secretary, {"--json", "item", "act", id, "record", "--set", "topic=本周工作"});
    ASSERT_EQ(recorded.exit_code, 0) << recorded.err;
    met[org] = Json(recorded)["item"]["fields"]["last_met"];
    now_ = "2026-03-02T09:00:00Z";
  }
  EXPECT_EQ(met["school-a"], "2026-03-03");
  EXPECT_EQ(met["school-b"], "2026-03-02");
  // The rules replayed by `audit verify`, on the database and on an export file, read the
  // same clocks: the recorded dates are what the rules give.
  auto verify = Docket({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  const std::string file = dir_.File("school-a.jsonl");
  ASSERT_EQ(Docket({"audit", "export", "--org", "school-a", "--out", file}).exit_code, 0);
  auto offline = Docket({"audit", "verify", "--file", file});
  EXPECT_EQ(offline.exit_code, 0) << offline.out << offline.err;
}

TEST_F(CliTimeZoneTest, AnUnknownOrMalformedZoneIsRefusedByNameAndChangesNothing) {
  auto before = Docket({"--json", "org", "list"});
  auto unknown = Docket({"org", "load", OrgFileWithZone("Mars/Olympus_Mons")});
  EXPECT_EQ(unknown.exit_code, 3) << unknown.err;  // not found
  EXPECT_THAT(unknown.err, HasSubstr("Mars/Olympus_Mons"));
  EXPECT_THAT(unknown.err, HasSubstr("school-b"));
  EXPECT_THAT(unknown.err, HasSubstr("org-0.yaml"));
  auto path = Docket({"org", "load", OrgFileWithZone("../../etc/passwd")});
  EXPECT_EQ(path.exit_code, 2) << path.err;  // invalid, with the file's line and column
  EXPECT_THAT(path.err, HasSubstr("org-1.yaml:"));
  EXPECT_THAT(path.err, HasSubstr("time_zone"));
  auto dst = Docket({"org", "load", OrgFileWithZone("Europe/Berlin")});
  EXPECT_NE(dst.exit_code, 0);
  EXPECT_THAT(dst.err, HasSubstr("Europe/Berlin"));
  EXPECT_EQ(Docket({"--json", "org", "list"}).out, before.out);
  auto lang = Docket({"--lang", "zh", "org", "load", OrgFileWithZone("Mars/Olympus_Mons")});
  EXPECT_THAT(lang.err, HasSubstr("时区"));
}

// A term's days are the organization's days: a spring term ending 2026-07-31, an autumn
// starting 2026-08-01, both read on Beijing's clock. A temporary action taken at 20:00 on
// 31 July (12:00 UTC) is spring's; one taken at 02:00 on 1 August (18:00 UTC on 31 July) is
// autumn's, in the semester report and in the findings of each term.
TEST_F(CliTimeZoneTest, ATermIsTheOrganizationsLocalDays) {
  const std::string cal = dir_.File("calendar.yaml");
  WriteFile(cal,
            "semesters:\n"
            "  - {id: 2026-spring, start: 2026-02-23, end: 2026-07-31}\n"
            "  - {id: 2026-autumn, start: 2026-08-01, end: 2027-01-22}\n");
  ASSERT_EQ(Docket({"calendar", "load", cal}).exit_code, 0);
  std::map<std::string, std::string> ids;  // taken_at -> item id
  for (const std::string at : {"2026-07-31T20:00", "2026-08-01T02:00"}) {
    now_ = at;
    auto r = As("li", {"--json", "item", "create", "temporary-action", "--org", "school-a", "--set", "title=暴雨停课",
                       "--set", "reason=暴雨红色预警", "--set", "action_taken=停课一天"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ids[at] = std::to_string(Json(r)["id"].get<int>());
  }
  now_ = "2026-09-15T12:00";  // both unexplained for over 30 days
  for (const auto& [term, at] : std::map<std::string, std::string>{{"2026-spring", "2026-07-31T20:00"},
                                                                   {"2026-autumn", "2026-08-01T02:00"}}) {
    auto report = Docket({"report", "semester", "--org", "school-a", "--term", term, "--format", "json"});
    ASSERT_EQ(report.exit_code, 0) << report.err;
    std::vector<std::string> taken;
    const nlohmann::json doc = Json(report);
    for (const auto& section : doc["sections"]) {
      if (section["id"] != "temporary") continue;
      for (const auto& row : section["tables"][1]["rows"]) taken.push_back(std::to_string(row[0]["value"].get<int>()));
    }
    EXPECT_EQ(taken, std::vector<std::string>{ids[at]}) << term;
    auto findings = Docket({"--json", "findings", "--org", "school-a", "--term", term});
    ASSERT_EQ(findings.exit_code, 0) << findings.err;
    std::vector<std::string> found;
    const nlohmann::json list = Json(findings);
    for (const auto& f : list["findings"]) found.push_back(std::to_string(f["item"].get<int>()));
    EXPECT_EQ(found, std::vector<std::string>{ids[at]}) << term;
  }
}

}  // namespace
}  // namespace docket::testing
