// The pages (routes_pages.cc) as a browser fetches them: GET / is the page in Chinese, every
// file it names is served with its content type, an ETag that answers 304, and the server's
// Content-Security-Policy, which the pages keep (no inline script or style).
#include <regex>

#include "server_fixture.h"

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

}  // namespace
}  // namespace docket::testing
