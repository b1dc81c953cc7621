// Each organization has a time zone (issue 14 item 4): times typed without an offset are local
// to it, shown with their offset, stored as an instant; the zone is part of the chained
// configuration; an unknown or malformed zone is refused by name, changing nothing.
#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CliTimeZoneTest : public CliTest {
 protected:
  // The example organizations with school-b's zone set to `zone` (a YAML scalar).
  std::string OrgFileWithZone(const std::string& zone) {
    std::string text = ReadFile(SourcePath("workflows/examples/org.yaml"));
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

}  // namespace
}  // namespace docket::testing
