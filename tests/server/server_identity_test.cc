// Signing in to `docket serve`: invitations, passwords, sessions with CSRF tokens, API
// tokens, throttling, and the actions of a signed-in person with their ETag / If-Match and
// the "$via" mark in the chain. The real binary over loopback on a real SQLite file.
#include <SQLiteCpp/Database.h>

#include "server_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class ServerIdentityTest : public ServerTest {
 protected:
  // `docket ARGS` on the system clock (the server's), not the fixture's fixed --now.
  RunResult Live(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return RunProcess(DOCKET_BINARY, args, dir_.path());
  }
  httplib::Result Post(const std::string& path, const nlohmann::json& body, const httplib::Headers& headers = {}) {
    return Client().Post(path, headers, body.dump(), "application/json");
  }
};

TEST_F(ServerIdentityTest, AnInvitedPersonSetsAPasswordOnceAndSignsIn) {
  const std::string token = Invite("li");
  ASSERT_EQ(token.size(), 64u);
  ASSERT_GT(Start(), 0);
  auto weak = Problem(Post("/api/invitations/accept", {{"token", token}, {"password", "short"}}, {{"Accept-Language", "en"}}), 400);
  EXPECT_THAT(weak.value("detail", ""), HasSubstr("at least 10 characters"));
  auto ok = Post("/api/invitations/accept", {{"token", token}, {"password", kPassword}});
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(nlohmann::json::parse(ok->body)["person"], "li");
  Problem(Post("/api/invitations/accept", {{"token", token}, {"password", kPassword}}), 403);  // used

  auto wrong = Problem(Post("/api/session", {{"person", "li"}, {"password", "kitchen-2025"}}), 401);
  EXPECT_EQ(wrong["type"], "urn:docket:problem:forbidden");
  Problem(Post("/api/session", {{"person", "nobody"}, {"password", kPassword}}), 401);
  auto in = Post("/api/session", {{"person", "li"}, {"password", kPassword}});
  ASSERT_EQ(in->status, 200) << in->body;
  const std::string cookie = in->get_header_value("Set-Cookie");
  EXPECT_THAT(cookie, StartsWith("docket_session="));
  EXPECT_THAT(cookie, HasSubstr("HttpOnly; Secure; SameSite=Strict"));
  const auto me = nlohmann::json::parse(in->body);
  EXPECT_EQ(me["person"], "li");
  EXPECT_EQ(me["csrf"].get<std::string>().size(), 64u);

  const httplib::Headers session{{"Cookie", cookie.substr(0, cookie.find(';'))}};
  auto who = Client().Get("/api/session", session);
  ASSERT_EQ(who->status, 200);
  EXPECT_EQ(nlohmann::json::parse(who->body)["via"], me["via"]);
  auto anonymous = Client().Get("/api/session");
  Problem(anonymous, 401);
  EXPECT_EQ(anonymous->get_header_value("WWW-Authenticate"), "Bearer realm=\"docket\"");
  Problem(Client().Get("/api/session", {{"Cookie", "docket_session=" + std::string(64, 'a')}}), 401);

  // Signing out needs the CSRF token, and ends the session.
  Problem(Client().Delete("/api/session", session), 403);
  httplib::Headers with_csrf = session;
  with_csrf.emplace("X-CSRF-Token", me["csrf"].get<std::string>());
  ASSERT_EQ(Client().Delete("/api/session", with_csrf)->status, 200);
  Problem(Client().Get("/api/session", session), 401);

  // No secret reaches the database or the log in the clear.
  SQLite::Database d(db_, SQLite::OPEN_READONLY);
  EXPECT_EQ(d.execAndGet("SELECT count(*) FROM credentials WHERE key='" + token + "'").getInt(), 0);
  EXPECT_THAT(d.execAndGet("SELECT password_hash FROM accounts WHERE person='li'").getString(), StartsWith("$argon2id$"));
  EXPECT_EQ(ServerErr().find(kPassword), std::string::npos);
}

TEST_F(ServerIdentityTest, ASignedInPersonActsWithCsrfAndIfMatchAndTheChainRecordsHow) {
  const std::string id = NewTask();
  ASSERT_GT(Start(), 0);
  const Signed li = SignIn("li");
  const httplib::Headers session{{"Cookie", li.session.find("Cookie")->second}};
  const std::string& csrf = li.csrf;
  const std::string& how = li.via;
  EXPECT_THAT(how, StartsWith("session:"));
  auto got = Client().Get("/api/items/" + id, session);
  ASSERT_EQ(got->status, 200) << got->body;
  EXPECT_EQ(got->get_header_value("ETag"), "\"v1\"");
  Problem(Client().Get("/api/items/" + id), 401);

  const std::string path = "/api/items/" + id + "/actions/acknowledge";
  auto no_csrf = Problem(Client().Post(path, session, "{}", "application/json"), 403);
  EXPECT_EQ(no_csrf["type"], "urn:docket:problem:csrf");
  httplib::Headers acting = session;
  acting.emplace("X-CSRF-Token", csrf);
  acting.emplace("If-Match", "\"v1\"");
  auto acted = Client().Post(path, acting, "{}", "application/json");
  ASSERT_EQ(acted->status, 200) << acted->body;
  EXPECT_EQ(acted->get_header_value("ETag"), "\"v2\"");
  const auto body = nlohmann::json::parse(acted->body);
  EXPECT_EQ(body["entry"]["actor"], "li");
  const auto via = body["entry"]["changes"].value("$via", nlohmann::json());
  ASSERT_TRUE(via.is_array()) << body["entry"].dump();
  EXPECT_EQ(via[0], nullptr);
  EXPECT_EQ(via[1], how);
  // The same version again: someone changed the item first.
  Problem(Client().Post("/api/items/" + id + "/actions/start", acting, "{}", "application/json"), 412);

  // Someone else's organization: the application's read rule, as for --as.
  Problem(Client().Get("/api/items/" + id, SignIn("sun").session), 403);
  Problem(Client().Get("/api/items/abc", session), 400);
  httplib::Headers bad = session;
  bad.emplace("X-CSRF-Token", csrf);
  Problem(Client().Post("/api/items", bad, "not json", "application/json"), 400);

  // The record with "$via" verifies, offline rules included.
  auto verify = Live({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(ServerIdentityTest, TokensAreScopedToOneOrganizationAndReadOnlyUntilRevoked) {
  const std::string id = NewTask();
  auto made = Live({"--json", "token", "create", "--for", "zhao", "--org", "school-a", "--scope", "read"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const auto token = nlohmann::json::parse(made.out);
  ASSERT_GT(Start(), 0);
  const httplib::Headers bearer{{"Authorization", "Bearer " + token["token"].get<std::string>()}};
  EXPECT_EQ(Client().Get("/api/items/" + id, bearer)->status, 200);
  EXPECT_EQ(Client().Get("/api/items?org=school-a", bearer)->status, 200);
  // zhao reads every school as admin, but this token only school-a.
  Problem(Client().Get("/api/items?org=school-b", bearer), 403);
  auto write = Problem(Client().Post("/api/items/" + id + "/actions/acknowledge", bearer, "{}", "application/json"), 403);
  EXPECT_THAT(write.value("detail", ""), HasSubstr("只读"));
  ASSERT_EQ(Live({"token", "revoke", token["id"].get<std::string>()}).exit_code, 0);
  Problem(Client().Get("/api/items/" + id, bearer), 401);
  Problem(Client().Get("/api/items/" + id, {{"Authorization", "Bearer dkt_nonsense"}}), 401);
  auto bad_scope = Live({"token", "create", "--for", "li", "--org", "school-a", "--scope", "all"});
  EXPECT_EQ(bad_scope.exit_code, 2) << bad_scope.err;
}

TEST_F(ServerIdentityTest, FiveFailuresLockTheAccountOutAndEveryAttemptIsRecorded) {
  ASSERT_GT(Start(), 0);
  ASSERT_EQ(Post("/api/invitations/accept", {{"token", Invite("chen")}, {"password", kPassword}})->status, 200);
  for (int i = 0; i < 5; ++i) Problem(Post("/api/session", {{"person", "chen"}, {"password", "wrong-pass-1"}}), 401);
  auto locked = Problem(Post("/api/session", {{"person", "chen"}, {"password", kPassword}}), 429);
  EXPECT_THAT(locked.value("detail", ""), HasSubstr("chen"));
  SQLite::Database d(db_, SQLite::OPEN_READONLY);
  EXPECT_EQ(d.execAndGet("SELECT group_concat(outcome) FROM sign_ins WHERE person='chen'").getString(),
            "failed,failed,failed,failed,failed,locked");
}

TEST_F(ServerIdentityTest, BehindATrustedProxyTheForwardedAddressIsWhatIsThrottled) {
  // 127.0.0.1 is the proxy (nginx on this machine): the address it forwards is the client's.
  ASSERT_GT(Start({}, {"--trust-proxy", "127.0.0.1"}), 0);
  ASSERT_EQ(Post("/api/invitations/accept", {{"token", Invite("chen")}, {"password", kPassword}})->status, 200);
  const httplib::Headers attacker{{"X-Forwarded-For", "198.51.100.1, 203.0.113.7"}};
  for (int i = 0; i < 20; ++i) {
    Problem(Post("/api/session", {{"person", "nobody-" + std::to_string(i)}, {"password", "wrong-pass-1"}}, attacker), 401);
  }
  // The attacker's address is locked out, even with the right password of another person...
  Problem(Post("/api/session", {{"person", "chen"}, {"password", kPassword}}, attacker), 429);
  // ...but another client behind the same proxy is not.
  auto other = Post("/api/session", {{"person", "chen"}, {"password", kPassword}}, {{"X-Forwarded-For", "203.0.113.8"}});
  ASSERT_EQ(other->status, 200) << other->body;
  SQLite::Database d(db_, SQLite::OPEN_READONLY);
  EXPECT_EQ(d.execAndGet("SELECT count(*) FROM sign_ins WHERE address='203.0.113.7'").getInt(), 21);
  EXPECT_EQ(d.execAndGet("SELECT count(*) FROM sign_ins WHERE address='127.0.0.1'").getInt(), 0);
}

TEST_F(ServerIdentityTest, FromAnUntrustedPeerTheForwardedHeaderIsIgnored) {
  ASSERT_GT(Start(), 0);
  ASSERT_EQ(Post("/api/invitations/accept", {{"token", Invite("chen")}, {"password", kPassword}})->status, 200);
  Problem(Post("/api/session", {{"person", "chen"}, {"password", "wrong-pass-1"}}, {{"X-Forwarded-For", "203.0.113.9"}}), 401);
  SQLite::Database d(db_, SQLite::OPEN_READONLY);
  EXPECT_EQ(d.execAndGet("SELECT group_concat(address) FROM sign_ins").getString(), "127.0.0.1");
}

TEST_F(ServerIdentityTest, OnAServedSimulationOnlyAnAdministratorLoadsConfiguration) {
  // The fixture's database is a simulation (init --simulation), where the command line
  // needs no administrator; a person signed in to the server always does.
  ASSERT_GT(Start(), 0);
  std::string org_yaml = FileText(SourcePath("workflows/examples/org.yaml"));
  org_yaml.replace(org_yaml.find("      - {org: school-a, role: principal}"), 0, "      - {org: district, role: admin}\n");
  const Signed li = SignIn("li");
  auto refused = Problem(Client().Post("/api/config/orgs?file=org.yaml", li.session, org_yaml, "application/yaml"), 403);
  EXPECT_THAT(refused.value("detail", ""), HasSubstr("li"));
  Problem(Client().Post("/api/invitations", li.session, nlohmann::json({{"person", "chen"}}).dump(), "application/json"), 403);
  const Signed zhao = SignIn("zhao");
  auto taken = Client().Post("/api/config/orgs?file=org.yaml", zhao.session, FileText(SourcePath("workflows/examples/org.yaml")),
                             "application/yaml");
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->status, 200) << taken->body;
  // The link an invitation gives (/invite#token=…) opens the page.
  auto page = Client().Get("/invite");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body, HasSubstr("<script type=\"module\""));
}

}  // namespace
}  // namespace docket::testing
