// The routes of `docket serve` over HTTP: health, the public listing (the CLI's JSON), the
// organizations' bodies, problems for what has no answer, the request's language, the security headers.
#include <set>

#include <SQLiteCpp/Database.h>

#include "server_fixture.h"
#include "support/paths.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class ServerRoutesTest : public ServerTest {};

TEST_F(ServerRoutesTest, HealthzAnswersOkWhenTheDatabaseAnswers) {
  ASSERT_GT(Start(), 0);
  auto r = Client().Get("/healthz");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(nlohmann::json::parse(r->body), nlohmann::json({{"status", "ok"}}));
}

TEST_F(ServerRoutesTest, HealthzIsA503ProblemWhenTheDatabaseDoesNotAnswer) {
  ASSERT_GT(Start(), 0);
  // One keep-alive connection: both requests are served by the same worker and its handle.
  auto c = Client();
  c.set_keep_alive(true);
  ASSERT_EQ(c.Get("/healthz")->status, 200);
  {
    SQLite::Database d(db_, SQLite::OPEN_READWRITE);
    d.exec("DROP TABLE settings");
  }
  auto p = Problem(c.Get("/healthz", {{"Accept-Language", "en"}}), 503);
  EXPECT_EQ(p["type"], "urn:docket:problem:unavailable");
  EXPECT_EQ(p["title"], "Service unavailable");
  EXPECT_THAT(p.value("detail", ""), HasSubstr("settings"));
}

TEST_F(ServerRoutesTest, PublicListingIsTheCliJsonOnTheSameDatabase) {
  Decisions();
  ASSERT_GT(Start(), 0);
  auto r = Client().Get("/api/orgs/school-a/public");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  ASSERT_EQ(r->status, 200) << r->body;
  const auto served = nlohmann::json::parse(r->body);
  const auto cli = Docket({"--json", "public", "list", "--org", "school-a"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(served, nlohmann::json::parse(cli.out));
  ASSERT_EQ(served.size(), 1u);
  EXPECT_EQ(served[0]["fields"]["content"], "公开决定");
  // An organization with nothing published: an empty array.
  auto empty = Client().Get("/api/orgs/school-b/public");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->body, "[]");
}

// The clerk's page takes a meeting's attendance from its body's members.
TEST_F(ServerRoutesTest, TheOrganizationsListTheirBodiesWithTheirMembers) {
  ASSERT_GT(Start(), 0);
  auto r = Client().Get("/api/orgs", SignIn("liu").session);
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  ASSERT_EQ(r->status, 200) << r->body;
  const auto orgs = nlohmann::json::parse(r->body);
  nlohmann::json party;
  for (const auto& o : orgs) {
    if (o["id"] != "school-a") continue;
    for (const auto& b : o["bodies"]) {
      if (b["id"] == "party-meeting") party = b;
    }
  }
  ASSERT_FALSE(party.is_null()) << r->body;
  EXPECT_EQ(party["members"], nlohmann::json({"wang", "li", "chen", "gao", "ma", "he", "xu"}));
  EXPECT_EQ(party["attendees"], nlohmann::json({"liu"}));
  EXPECT_EQ(party["name"]["zh"], "党委会");
}

TEST_F(ServerRoutesTest, AMissingOrganizationIsA404ProblemInTheRequestsLanguage) {
  ASSERT_GT(Start(), 0);
  auto zh = Problem(Client().Get("/api/orgs/nowhere/public"), 404);
  EXPECT_EQ(zh["type"], "urn:docket:problem:not_found");
  EXPECT_TRUE(HasChinese(zh.value("detail", ""))) << zh.dump();
  EXPECT_THAT(zh.value("detail", ""), HasSubstr("nowhere"));
  auto en = Problem(Client().Get("/api/orgs/nowhere/public", {{"Accept-Language", "en-GB,en;q=0.9"}}), 404);
  EXPECT_EQ(en["detail"], "no organization 'nowhere'");
  EXPECT_EQ(en["title"], "Not found");
  // The first language Docket speaks wins; one it does not speak is passed over.
  auto fr = Problem(Client().Get("/api/orgs/nowhere/public", {{"Accept-Language", "fr, zh-CN;q=0.8, en;q=0.5"}}), 404);
  EXPECT_TRUE(HasChinese(fr.value("title", ""))) << fr.dump();
}

TEST_F(ServerRoutesTest, AnUnknownRouteIsA404ProblemNotACrash) {
  ASSERT_GT(Start(), 0);
  for (const char* path : {"/api/nothing", "/api/orgs/school-a", "/api/orgs/school-a/public/x", "/api/"}) {
    auto p = Problem(Client().Get(path, {{"Accept-Language", "en"}}), 404);
    EXPECT_EQ(p["type"], "urn:docket:problem:no_route") << path;
    EXPECT_EQ(p["detail"], std::string("no route GET ") + path);
  }
  auto post = Problem(Client().Post("/healthz", "{}", "application/json"), 404);
  EXPECT_EQ(post["type"], "urn:docket:problem:no_route");
  EXPECT_EQ(Client().Get("/healthz")->status, 200);  // still serving
}

TEST_F(ServerRoutesTest, ABodyOverTheLimitIs413) {
  ASSERT_GT(Start(), 0);
  const std::string big(2 * 1024 * 1024, 'x');
  auto p = Problem(Client().Post("/api/orgs/school-a/public", {{"Accept-Language", "en"}}, big, "text/plain"), 413);
  EXPECT_EQ(p["type"], "urn:docket:problem:body_too_large");
  EXPECT_EQ(p["detail"], "the request body is larger than 1048576 bytes");
}

TEST_F(ServerRoutesTest, TooManyHeadersAre431) {
  ASSERT_GT(Start(), 0);
  httplib::Headers headers;
  for (int i = 0; i < 80; ++i) headers.emplace("X-Filler-" + std::to_string(i), "1");
  auto p = Problem(Client().Get("/healthz", headers), 431);
  EXPECT_EQ(p["type"], "urn:docket:problem:headers_too_large");
}

TEST_F(ServerRoutesTest, EveryResponseCarriesTheSecurityHeaders) {
  ASSERT_GT(Start(), 0);
  auto c = Client();
  std::vector<httplib::Result> responses;
  responses.push_back(c.Get("/healthz"));
  responses.push_back(c.Get("/api/orgs/school-a/public"));
  responses.push_back(c.Get("/api/openapi.json"));
  responses.push_back(c.Get("/api/nothing"));
  responses.push_back(c.Post("/api/x", std::string(2 * 1024 * 1024, 'x'), "text/plain"));
  for (const auto& r : responses) {
    ASSERT_TRUE(r) << httplib::to_string(r.error());
    EXPECT_EQ(r->get_header_value("Content-Security-Policy"), "default-src 'self'; frame-ancestors 'none'") << r->status;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << r->status;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << r->status;
  }
}

TEST_F(ServerRoutesTest, AChainsExportIsSentWholeWithItsLengthAndVerifiesOffline) {
  Decisions();
  ASSERT_GT(Start(), 0);
  const httplib::Headers admin = SignIn("zhao").session;
  auto r = Client().Get("/api/orgs/school-a/audit/export", admin);
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/jsonl");
  EXPECT_EQ(r->get_header_value("Content-Length"), std::to_string(r->body.size()));
  EXPECT_THAT(r->get_header_value("Content-Disposition"), HasSubstr("school-a.jsonl"));
  const std::string file = dir_.path() / "school-a.jsonl";
  WriteFile(file, r->body);
  TempDir offline;  // no database there
  auto verified = RunProcess(DOCKET_BINARY, {"--lang", "en", "audit", "verify", "--file", file}, offline.path());
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_THAT(verified.out, HasSubstr("export verified: OK — school-a"));
}

}  // namespace
}  // namespace docket::testing
