// The roster and the decision-matter list as CSV over HTTP (routes_config_csv.cc): the
// administrator imports and downloads; anyone else is refused; a bad row is a problem that
// names the CSV's line and column, and changes nothing.
#include "server_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class ServerConfigCsvTest : public ServerTest {};

TEST_F(ServerConfigCsvTest, TheAdministratorImportsAndDownloads) {
  ASSERT_GT(Start(), 0);
  const Signed zhao = SignIn("zhao");  // admin in the district, above every school
  auto exported = Client().Get("/api/config/roster?org=school-b", zhao.session);
  ASSERT_TRUE(exported);
  ASSERT_EQ(exported->status, 200) << exported->body;
  EXPECT_EQ(exported->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(exported->get_header_value("Content-Disposition"), "attachment; filename=\"roster-school-b.csv\"");
  EXPECT_EQ(exported->body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_THAT(exported->body, HasSubstr("sun,孙丽,Sun Li,principal; secretary,party-meeting; office-meeting,,\r\n"));

  auto same = Client().Post("/api/config/roster?org=school-b&file=roster-b.csv", zhao.session, exported->body, "text/csv");
  ASSERT_EQ(same->status, 200) << same->body;
  EXPECT_EQ(nlohmann::json::parse(same->body)["changed"], false);

  const std::string added = exported->body + "wu,吴敏,Wu Min,staff_representative,staff-congress,,\r\n";
  auto changed = Client().Post("/api/config/roster?org=school-b&file=roster-b.csv", zhao.session, added, "text/csv");
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(nlohmann::json::parse(changed->body)["changed"], true);
  auto again = Client().Get("/api/config/roster?org=school-b", zhao.session);
  EXPECT_THAT(again->body, HasSubstr("wu,吴敏,Wu Min,staff_representative,staff-congress,,\r\n"));

  auto matters = Client().Post("/api/config/matters?file=m.csv", zhao.session,
                               FileText(SourcePath("workflows/examples/decision-matters.csv")), "text/csv");
  ASSERT_EQ(matters->status, 200) << matters->body;
  auto list = Client().Get("/api/config/matters", zhao.session);
  ASSERT_EQ(list->status, 200);
  EXPECT_THAT(list->body, HasSubstr("large-spending,party-meeting,大额资金使用\r\n"));
}

TEST_F(ServerConfigCsvTest, OthersAreRefusedAndABadRowIsNamed) {
  ASSERT_GT(Start(), 0);
  const Signed li = SignIn("li");  // school-a's principal, no administrator
  Problem(Client().Get("/api/config/roster?org=school-a", li.session), 403);
  const std::string roster = FileText(SourcePath("workflows/examples/roster.csv"));
  Problem(Client().Post("/api/config/roster?org=school-a", li.session, roster, "text/csv"), 403);
  Problem(Client().Get("/api/config/matters", li.session), 403);

  const Signed zhao = SignIn("zhao");
  const std::string bad = roster + "wu,吴敏,,clerk,食堂,,\r\n";
  auto refused = Problem(Client().Post("/api/config/roster?org=school-a&file=roster.csv",
                                       [&] {
                                         httplib::Headers h = zhao.session;
                                         h.insert({"Accept-Language", "en"});
                                         return h;
                                       }(),
                                       bad, "text/csv"),
                         400);
  EXPECT_THAT(refused.value("detail", ""), HasSubstr("roster.csv:16:5: '食堂' is not a body of organization 'school-a'"));
  auto unchanged = Client().Get("/api/config/roster?org=school-a", zhao.session);
  EXPECT_EQ(unchanged->body, roster);
  Problem(Client().Post("/api/config/roster", zhao.session, roster, "text/csv"), 400);  // no ?org=
  Problem(Client().Get("/api/config/roster?org=school-z", zhao.session), 404);
  Problem(Client().Post("/api/config/roster?org=school-a", zhao.session, std::string((1 << 20) + 1, 'a'), "text/csv"), 413);
}

// A school's administrator loads the school's roster, whose people may hold roles elsewhere
// too: their roles there stay as they are, which needs no say of that organization's
// administrator; renaming such a person, or giving a role elsewhere, does.
TEST_F(ServerConfigCsvTest, ASchoolsAdministratorLoadsItsRosterWhosePeopleServeElsewhere) {
  ASSERT_GT(Start(), 0);
  const Signed zhao = SignIn("zhao");
  const std::string roster_a = FileText(SourcePath("workflows/examples/roster.csv"));
  const std::string chen = "chen,陈静,Chen Jing,committee_member; vice_principal,";
  ASSERT_NE(roster_a.find(chen), std::string::npos);
  std::string with_admin = roster_a;
  with_admin.replace(with_admin.find(chen), chen.size(), "chen,陈静,Chen Jing,committee_member; vice_principal; admin,");
  auto granted = Client().Post("/api/config/roster?org=school-a&file=roster.csv", zhao.session, with_admin, "text/csv");
  ASSERT_EQ(granted->status, 200) << granted->body;
  auto roster_b = Client().Get("/api/config/roster?org=school-b", zhao.session);
  ASSERT_EQ(roster_b->status, 200);
  auto li_in_b = Client().Post("/api/config/roster?org=school-b&file=roster-b.csv", zhao.session,
                               roster_b->body + "li,李华,Li Hua,committee_member,,,\r\n", "text/csv");
  ASSERT_EQ(li_in_b->status, 200) << li_in_b->body;

  const Signed admin_a = SignIn("chen");  // admin in school-a only
  auto current = Client().Get("/api/config/roster?org=school-a", admin_a.session);
  ASSERT_EQ(current->status, 200) << current->body;
  const std::string added = current->body + "wu,吴敏,Wu Min,staff_representative,staff-congress,,\r\n";
  auto loaded = Client().Post("/api/config/roster?org=school-a&file=roster.csv", admin_a.session, added, "text/csv");
  ASSERT_EQ(loaded->status, 200) << loaded->body;  // li is listed, and holds a role in school-b
  EXPECT_EQ(nlohmann::json::parse(loaded->body)["changed"], true);
  auto after_load = Client().Get("/api/config/roster?org=school-a", zhao.session);
  ASSERT_EQ(after_load->status, 200);

  const std::string li = "li,李华,Li Hua,";
  std::string renamed = added;
  ASSERT_NE(renamed.find(li), std::string::npos);
  renamed.replace(renamed.find(li), li.size(), "li,李华,Li Huaqiang,");
  Problem(Client().Post("/api/config/roster?org=school-a&file=roster.csv", admin_a.session, renamed, "text/csv"), 403);
  Problem(Client().Get("/api/config/roster?org=school-b", admin_a.session), 403);
  auto unchanged = Client().Get("/api/config/roster?org=school-a", zhao.session);
  EXPECT_EQ(unchanged->body, after_load->body);
}

}  // namespace
}  // namespace docket::testing
