// GET /api/items searched and paged (?q=, ?limit=, ?after=: routes_items.cc): the page, its
// next cursor in X-Next-Cursor and Link, the 400s naming the parameter, the OpenAPI document
// saying so, and `docket item list --search --limit --after`.
#include <string>
#include <vector>

#include "server_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using Ids = std::vector<std::int64_t>;

class ServerSearchTest : public ServerTest {
 protected:
  // A task in school-a titled `title`; its id.
  std::int64_t Task(const std::string& title) {
    auto r = As("wang", {"--json", "item", "create", "task", "--org", "school-a", "--set", "title=" + title, "--set",
                         "owner=li", "--set", "due_date=2026-06-30"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? nlohmann::json::parse(r.out)["id"].get<std::int64_t>() : 0;
  }

  static Ids IdsOf(const httplib::Result& r) {
    Ids out;
    EXPECT_TRUE(r);
    if (!r) return out;
    EXPECT_EQ(r->status, 200) << r->body;
    for (const auto& item : nlohmann::json::parse(r->body)) out.push_back(item["id"].get<std::int64_t>());
    return out;
  }

  httplib::Headers session_;
};

TEST_F(ServerSearchTest, APageNamesTheNextInItsHeadersAndTheLastNamesNone) {
  const Ids t = {Task("食堂改造 Canteen"), Task("预算审议 budget"), Task("完成 100% 检查"), Task("file_name"),
                 Task("食堂卫生")};
  ASSERT_GT(Start(), 0);
  session_ = SignIn("li").session;

  auto first = Client().Get("/api/items?org=school-a&workflow=task&limit=2", session_);
  EXPECT_EQ(IdsOf(first), (Ids{t[4], t[3]}));
  EXPECT_EQ(first->get_header_value("X-Next-Cursor"), std::to_string(t[3]));
  const std::string link = first->get_header_value("Link");
  EXPECT_THAT(link, HasSubstr("after=" + std::to_string(t[3]) + ">; rel=\"next\""));
  EXPECT_THAT(link, HasSubstr("limit=2"));
  EXPECT_THAT(link, HasSubstr("workflow=task"));
  // The Link's address is the next page.
  ASSERT_EQ(link.front(), '<');
  auto second = Client().Get(link.substr(1, link.find('>') - 1), session_);
  EXPECT_EQ(IdsOf(second), (Ids{t[2], t[1]}));
  auto last = Client().Get("/api/items?org=school-a&workflow=task&limit=2&after=" + second->get_header_value("X-Next-Cursor"),
                           session_);
  EXPECT_EQ(IdsOf(last), (Ids{t[0]}));
  EXPECT_FALSE(last->has_header("X-Next-Cursor"));
  EXPECT_FALSE(last->has_header("Link"));

  // Without q, limit or after: every item, in id order, as the pages read it.
  auto whole = Client().Get("/api/items?org=school-a&workflow=task", session_);
  EXPECT_EQ(IdsOf(whole), t);
  EXPECT_FALSE(whole->has_header("X-Next-Cursor"));
}

TEST_F(ServerSearchTest, QFindsChineseAndLatinAndTakesPercentAndUnderscoreAsThemselves) {
  const Ids t = {Task("食堂改造 Canteen"), Task("预算审议 budget"), Task("完成 100% 检查"), Task("file_name"),
                 Task("食堂卫生")};
  ASSERT_GT(Start(), 0);
  session_ = SignIn("li").session;
  const std::string base = "/api/items?org=school-a&q=";
  EXPECT_EQ(IdsOf(Client().Get(base + "%E9%A3%9F%E5%A0%82", session_)), (Ids{t[4], t[0]}));  // 食堂
  EXPECT_EQ(IdsOf(Client().Get(base + "CANTEEN", session_)), (Ids{t[0]}));
  EXPECT_EQ(IdsOf(Client().Get(base + "%25", session_)), (Ids{t[2]}));  // %
  EXPECT_EQ(IdsOf(Client().Get(base + "_", session_)), (Ids{t[3]}));
  EXPECT_EQ(IdsOf(Client().Get(base + "f_le", session_)), Ids{});
  auto one = Client().Get(base + "%E9%A3%9F%E5%A0%82&limit=1", session_);
  EXPECT_EQ(IdsOf(one), (Ids{t[4]}));
  // httplib's client decodes a header's %XX: the raw answer shows the Link as sent, every byte
  // of 食堂 encoded (a header carries ASCII).
  EXPECT_THAT(one->get_header_value("Link"), HasSubstr("q=食堂&"));
  RawConnection raw(port_);
  ASSERT_TRUE(raw.connected());
  ASSERT_TRUE(raw.Send("GET " + base + "%E9%A3%9F%E5%A0%82&limit=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: " +
                       session_.find("Cookie")->second + "\r\n\r\n"));
  EXPECT_THAT(raw.ReadAll(), HasSubstr("q=%E9%A3%9F%E5%A0%82&after=" + std::to_string(t[4]) + ">; rel=\"next\""));
  EXPECT_EQ(IdsOf(Client().Get(base + "%E9%A3%9F%E5%A0%82&limit=1&after=" + one->get_header_value("X-Next-Cursor"), session_)),
            (Ids{t[0]}));
}

TEST_F(ServerSearchTest, BadPagingIs400NamingTheParameterAndAsOfDoesNotPage) {
  NewTask();
  ASSERT_GT(Start(), 0);
  session_ = SignIn("li").session;
  for (const std::string bad : {"limit=0", "limit=501", "limit=ten", "limit=", "after=0", "after=-3", "after=x7"}) {
    const std::string name = bad.substr(0, bad.find('='));
    auto problem = Problem(Client().Get("/api/items?org=school-a&" + bad, session_), 400);
    EXPECT_THAT(problem.value("detail", ""), HasSubstr(name)) << bad;
  }
  auto en = Problem(Client().Get("/api/items?org=school-a&limit=600", {{"Cookie", session_.begin()->second},
                                                                         {"Accept-Language", "en"}}), 400);
  EXPECT_THAT(en.value("detail", ""), HasSubstr("limit: '600' is not a whole number from 1 to 500"));
  auto as_of = Problem(Client().Get("/api/items?org=school-a&q=x&as_of=2026-03-03", session_), 400);
  EXPECT_THAT(as_of.value("detail", ""), HasSubstr("as_of"));
  EXPECT_EQ(IdsOf(Client().Get("/api/items?org=school-a&limit=500", session_)).size(), 1u);
}

TEST_F(ServerSearchTest, TheOpenApiDocumentNamesTheParametersAndTheHeaders) {
  const auto doc = nlohmann::json::parse(FileText(SourcePath("schemas/openapi.json")));
  const auto& op = doc["paths"]["/api/items"]["get"];
  std::set<std::string> params;
  for (const auto& p : op["parameters"]) params.insert(p["name"].get<std::string>());
  for (const char* name : {"q", "limit", "after"}) EXPECT_TRUE(params.count(name)) << name;
  EXPECT_TRUE(op["responses"]["200"]["headers"].contains("X-Next-Cursor"));
  EXPECT_TRUE(op["responses"]["200"]["headers"].contains("Link"));
}

TEST_F(ServerSearchTest, TheCliSearchesAndPages) {
  const Ids t = {Task("食堂改造 Canteen"), Task("预算审议 budget"), Task("食堂卫生")};
  auto found = Docket({"--json", "item", "list", "--org", "school-a", "--search", "食堂"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  Ids ids;
  for (const auto& item : nlohmann::json::parse(found.out)) ids.push_back(item["id"].get<std::int64_t>());
  EXPECT_EQ(ids, (Ids{t[0], t[2]}));  // a search alone: every match, in id order
  auto page = Docket({"item", "list", "--org", "school-a", "--limit", "2"});
  ASSERT_EQ(page.exit_code, 0) << page.err;
  EXPECT_THAT(page.out, HasSubstr("--after " + std::to_string(t[1])));
  EXPECT_THAT(page.out, HasSubstr("食堂卫生"));
  EXPECT_THAT(page.out, ::testing::Not(HasSubstr("食堂改造")));
  auto rest = Docket({"item", "list", "--org", "school-a", "--limit", "2", "--after", std::to_string(t[1])});
  ASSERT_EQ(rest.exit_code, 0) << rest.err;
  EXPECT_THAT(rest.out, HasSubstr("食堂改造"));
  EXPECT_THAT(rest.out, ::testing::Not(HasSubstr("--after")));
  auto bad = Docket({"item", "list", "--limit", "0"});
  EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
  EXPECT_THAT(bad.err, HasSubstr("--limit"));
}

}  // namespace
}  // namespace docket::testing
