// GET /api/items/{id}/documents/{kind} on the real server: a meeting's documents for exactly
// those who may read the meeting (a refusal recorded like any refused read), 400 for a bad
// kind or an item that is no meeting, the print stylesheet linked so the CSP holds.
#include "server_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ServerDocumentsTest : public ServerTest {
 protected:
  // A Party meeting of school-a, notified, with one topic on its agenda: its id.
  std::string Meeting() {
    auto planned = As("liu", {"item", "create", "meeting", "--org", "school-a", "--set", "title=第1次党委会", "--set",
                              "body=party-meeting", "--set", "scheduled_at=2026-03-10T09:00:00Z", "--set", "location=会议室<A>"});
    EXPECT_EQ(planned.exit_code, 0) << planned.err;
    std::string id = planned.out;
    while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
    EXPECT_EQ(As("liu", {"item", "act", id, "notify"}).exit_code, 0);
    return id;
  }
};

TEST_F(ServerDocumentsTest, AReaderOfTheMeetingGetsItsDocumentsAsPrintableHtml) {
  const std::string id = Meeting();
  ASSERT_GT(Start(), 0);
  const auto li = SignIn("li").session;
  auto r = Client().Get("/api/items/" + id + "/documents/notice", li);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_THAT(r->body, HasSubstr("<h1>关于召开第1次党委会的通知</h1>"));
  EXPECT_THAT(r->body, HasSubstr("会议室&lt;A&gt;"));
  // No inline style or script: the stylesheet is linked and the server's CSP stays as it is.
  EXPECT_THAT(r->body, HasSubstr("<link rel=\"stylesheet\" href=\"/documents/print.css\">"));
  EXPECT_THAT(r->body, Not(HasSubstr("<style")));
  EXPECT_THAT(r->body, Not(HasSubstr("<script")));
  EXPECT_EQ(r->get_header_value("Content-Security-Policy"), "default-src 'self'; frame-ancestors 'none'");
  auto css = Client().Get("/documents/print.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
  EXPECT_THAT(css->body, HasSubstr("@page { size: A4;"));
  // English by ?lang=en or by Accept-Language.
  auto en = Client().Get("/api/items/" + id + "/documents/signin?lang=en", li);
  ASSERT_TRUE(en);
  EXPECT_THAT(en->body, HasSubstr("<h1>Sign-in sheet of 第1次党委会</h1>"));
  httplib::Headers english = li;
  english.insert({"Accept-Language", "en"});
  auto agenda = Client().Get("/api/items/" + id + "/documents/agenda", english);
  ASSERT_TRUE(agenda);
  EXPECT_THAT(agenda->body, HasSubstr("<h1>Agenda of 第1次党委会</h1>"));
  // Not signed in: 401.
  auto none = Client().Get("/api/items/" + id + "/documents/minutes");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
}

TEST_F(ServerDocumentsTest, SomeoneWhoMayNotReadTheMeetingIs403AndTheRefusalIsRecorded) {
  const std::string id = Meeting();
  ASSERT_GT(Start(), 0);
  const auto sun = SignIn("sun").session;  // school-b's secretary
  const auto p = Problem(Client().Get("/api/items/" + id + "/documents/minutes", sun), 403);
  EXPECT_THAT(p.dump(), HasSubstr("school-a"));
  auto history = As("wang", {"--json", "item", "history", id});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const auto entries = nlohmann::json::parse(history.out);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back()["action"], "$read");
  EXPECT_EQ(entries.back()["actor"], "sun");
  EXPECT_EQ(entries.back()["outcome"], "refused");
}

TEST_F(ServerDocumentsTest, ABadKindOrAnItemThatIsNoMeetingIs400) {
  const std::string id = Meeting();
  const std::string task = NewTask();
  ASSERT_GT(Start(), 0);
  httplib::Headers li = SignIn("li").session;
  li.insert({"Accept-Language", "en"});
  auto kind = Problem(Client().Get("/api/items/" + id + "/documents/memo", li), 400);
  EXPECT_EQ(kind["detail"], "unknown document kind 'memo': notice, agenda, signin or minutes");
  auto lang = Problem(Client().Get("/api/items/" + id + "/documents/notice?lang=fr", li), 400);
  EXPECT_THAT(lang["detail"].get<std::string>(), HasSubstr("'fr'"));
  auto other = Problem(Client().Get("/api/items/" + task + "/documents/notice", li), 400);
  EXPECT_THAT(other["detail"].get<std::string>(), HasSubstr("not a meeting"));
  Problem(Client().Get("/api/items/999/documents/notice", li), 404);
}

}  // namespace
}  // namespace docket::testing
