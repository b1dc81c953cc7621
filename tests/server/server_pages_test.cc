// The pages (routes_pages.cc) as a browser fetches them: GET / is the page in Chinese, every
// file it names is served with its content type, an ETag that answers 304, and the server's
// Content-Security-Policy, which the pages keep (no inline script or style).
#include <regex>
#include <set>

#include "server_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

class ServerPagesTest : public ServerTest {};

TEST_F(ServerPagesTest, TheRootIsThePageInChineseWithoutInlineScriptOrStyle) {
  ASSERT_GT(Start(), 0);
  auto r = Client().Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r->get_header_value("Content-Security-Policy"), "default-src 'self'; frame-ancestors 'none'");
  EXPECT_NE(r->body.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(r->body.find("登录"), std::string::npos);
  // Every <script> names its file; no style attribute or <style> element.
  EXPECT_FALSE(std::regex_search(r->body, std::regex("<script(?![^>]*\\ssrc=)")));
  EXPECT_FALSE(std::regex_search(r->body, std::regex("<style|\\sstyle=")));
}

TEST_F(ServerPagesTest, EveryFileThePageNamesIsServedWithItsTypeAndRevalidated) {
  ASSERT_GT(Start(), 0);
  const std::string page = Client().Get("/")->body;
  const std::regex linked(R"re((?:src|href)="/static/([^"]+)")re");
  int files = 0;
  for (std::sregex_iterator it(page.begin(), page.end(), linked), end; it != end; ++it, ++files) {
    const std::string path = "/static/" + (*it)[1].str();
    auto r = Client().Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path;
    const std::string type = path.ends_with(".css")   ? "text/css; charset=utf-8"
                             : path.ends_with(".svg") ? "image/svg+xml"
                                                      : "text/javascript; charset=utf-8";
    EXPECT_EQ(r->get_header_value("Content-Type"), type) << path;
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-cache") << path;
    EXPECT_EQ(r->get_header_value_count("Cache-Control"), 1u) << path;
    const std::string etag = r->get_header_value("ETag");
    ASSERT_FALSE(etag.empty()) << path;
    auto again = Client().Get(path, {{"If-None-Match", etag}});
    ASSERT_TRUE(again) << path;
    EXPECT_EQ(again->status, 304) << path;
    EXPECT_TRUE(again->body.empty()) << path;
  }
  EXPECT_EQ(files, 3);  // the icon, app.css and app.js; the modules app.js imports are fetched the same way
  auto module = Client().Get("/static/labels.js");
  ASSERT_TRUE(module);
  EXPECT_EQ(module->status, 200);
  EXPECT_NE(module->body.find("我的任务"), std::string::npos);
}

TEST_F(ServerPagesTest, AFileThatIsNotThereIsA404Problem) {
  ASSERT_GT(Start(), 0);
  for (const char* path : {"/static/nope.js", "/static/../schemas/openapi.json", "/static/"}) {
    auto r = Client().Get(path);
    Problem(r, 404);
  }
}

// What the pages read besides items: the roles of the signed-in person, and on each item the
// actions they may try there (by their roles in its state; a read-only token may try none).
TEST_F(ServerPagesTest, TheItemOffersTheActionsTheCallersRolesAllowAndTheSessionItsRoles) {
  auto created = As("li", {"--json", "item", "create", "task", "--org", "school-a", "--set", "title=食堂", "--set", "owner=li",
                           "--set", "due_date=2026-12-31"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string id = std::to_string(nlohmann::json::parse(created.out)["id"].get<int>());
  ASSERT_GT(Start(), 0);
  auto offered = [&](const httplib::Headers& who) {
    std::vector<std::string> names;
    auto r = Client().Get("/api/items/" + id, who);
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "");
    if (!r || r->status != 200) return names;
    const nlohmann::json item = nlohmann::json::parse(r->body);
    for (const auto& a : item.at("actions")) names.push_back(a["name"]);
    return names;
  };
  const auto li = SignIn("li");
  EXPECT_EQ(offered(li.session), std::vector<std::string>{"acknowledge"});
  const auto wang = SignIn("wang");
  EXPECT_EQ(offered(wang.session), std::vector<std::string>{"cancel"});  // the secretary
  EXPECT_EQ(offered(SignIn("liu").session), std::vector<std::string>{});          // the clerk
  auto list = Client().Get("/api/items?org=school-a&workflow=task", li.session);
  ASSERT_TRUE(list && list->status == 200);
  const auto first = nlohmann::json::parse(list->body).at(0)["actions"].at(0);
  EXPECT_EQ(first["labels"], nlohmann::json({{"zh", "签收"}, {"en", "Acknowledge"}}));
  EXPECT_EQ(first["required"], nlohmann::json::array());
  // A required field comes with what a page needs to ask for it: its labels and its type.
  auto as_wang = Client().Get("/api/items/" + id, wang.session);
  ASSERT_TRUE(as_wang && as_wang->status == 200);
  const auto cancel = nlohmann::json::parse(as_wang->body).at("actions").at(0);
  ASSERT_EQ(cancel["required"].size(), 1u) << cancel.dump();
  EXPECT_EQ(cancel["required"][0]["name"], "comment");
  EXPECT_EQ(cancel["required"][0]["type"], "text");
  EXPECT_FALSE(cancel["required"][0].contains("workflow"));

  // On the system clock, as the server checks it (the fixture's --now is in the past).
  auto token = RunProcess(DOCKET_BINARY, {"--db", db_, "--json", "token", "create", "--for", "li", "--org", "school-a",
                                          "--scope", "read", "--days", "1"},
                          dir_.path());
  ASSERT_EQ(token.exit_code, 0) << token.err;
  const std::string secret = nlohmann::json::parse(token.out)["token"];
  EXPECT_EQ(offered({{"Authorization", "Bearer " + secret}}), std::vector<std::string>{});

  auto session = Client().Get("/api/session", li.session);
  ASSERT_TRUE(session && session->status == 200);
  std::set<std::string> roles;
  const nlohmann::json caller = nlohmann::json::parse(session->body);
  for (const auto& g : caller.at("roles")) roles.insert(g["org"].get<std::string>() + ":" + g["role"].get<std::string>());
  EXPECT_EQ(roles, (std::set<std::string>{"school-a:committee_member", "school-a:principal"}));
}

// An action the caller's roles allow but its conditions refuse is offered "blocked", with
// the words the refusal gives: chen, a vice principal, on li's task (R12: its owner or the
// principal carries it out), in each language, as POST then answers.
TEST_F(ServerPagesTest, AnActionItsConditionsRefuseIsOfferedBlockedInTheRefusalsWords) {
  auto created = As("li", {"--json", "item", "create", "task", "--org", "school-a", "--set", "title=食堂", "--set", "owner=li",
                           "--set", "due_date=2026-12-31"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string id = std::to_string(nlohmann::json::parse(created.out)["id"].get<int>());
  ASSERT_GT(Start(), 0);
  const auto chen = SignIn("chen");
  auto r = Client().Get("/api/items/" + id, chen.session);
  ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "");
  const nlohmann::json actions = nlohmann::json::parse(r->body).at("actions");
  ASSERT_EQ(actions.size(), 1u) << actions.dump();
  EXPECT_EQ(actions[0]["name"], "acknowledge");
  ASSERT_TRUE(actions[0].contains("blocked")) << actions.dump();
  const nlohmann::json blocked = actions[0]["blocked"];
  EXPECT_EQ(blocked["rule"], "R12");
  EXPECT_NE(blocked["zh"].get<std::string>().find("督办事项由其责任人或校长办理"), std::string::npos) << blocked.dump();
  EXPECT_NE(blocked["en"].get<std::string>().find("A task is carried out by its owner or by the principal"), std::string::npos);
  for (const char* lang : {"zh", "en"}) {
    httplib::Headers headers = chen.session;
    headers.emplace("Accept-Language", lang);
    const nlohmann::json refused =
        Problem(Client().Post("/api/items/" + id + "/actions/acknowledge", headers, "{}", "application/json"), 422);
    EXPECT_EQ(refused["detail"], blocked[lang]) << lang;
  }
  // The owner is offered it open.
  auto as_li = Client().Get("/api/items/" + id, SignIn("li").session);
  ASSERT_TRUE(as_li && as_li->status == 200);
  EXPECT_FALSE(nlohmann::json::parse(as_li->body).at("actions").at(0).contains("blocked")) << as_li->body;
}

}  // namespace
}  // namespace docket::testing
