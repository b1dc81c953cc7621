// POST /api/items/{id}/actions/{action}/judgement (routes_items.cc): an action judged with the
// fields it would be given, before it is taken — the clerk's agenda asks it whether a matter
// may go into a meeting (R1 depends on the meeting's body, R8 on the sign-offs) — and
// nothing written or recorded.
#include "server_fixture.h"

namespace docket::testing {
namespace {

class ServerJudgementTest : public ServerTest {
 protected:
  // A planned meeting of `body` in school-a, by the clerk; its id.
  std::string Meeting(const std::string& body) {
    auto r = As("liu", {"item", "create", "meeting", "--org", "school-a", "--set", "title=" + body, "--set",
                        "body=" + body, "--set", "scheduled_at=2026-03-10T09:00:00Z"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string id = r.out;
    while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
    return id;
  }

  nlohmann::json Judge(const httplib::Headers& session, const std::string& matter, const std::string& meeting,
                       const std::string& action = "schedule") {
    const nlohmann::json body = {{"fields", {{"meeting", meeting}}}};
    auto r = Client().Post("/api/items/" + matter + "/actions/" + action + "/judgement", session, body.dump(),
                           "application/json");
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->status, 200) << r->body;
    return nlohmann::json::parse(r->body);
  }

  std::size_t HistoryLength(const httplib::Headers& session, const std::string& id) {
    auto r = Client().Get("/api/items/" + id + "/history", session);
    EXPECT_TRUE(r && r->status == 200);
    return r ? nlohmann::json::parse(r->body).size() : 0;
  }
};

TEST_F(ServerJudgementTest, SchedulingIsJudgedOnTheMeetingGivenAndNothingIsRecorded) {
  ASSERT_EQ(Docket({"table", "load", SourcePath("workflows/lists/decision-matters.yaml")}).exit_code, 0);
  const std::string party = Meeting("party-meeting");
  const std::string office = Meeting("office-meeting");
  const std::string matter = NewMatter();  // large-spending: before the Party committee (R1), signed off first (R8)
  ASSERT_EQ(As("liu", {"item", "act", matter, "submit"}).exit_code, 0);
  ASSERT_GT(Start(), 0);
  const httplib::Headers clerk = SignIn("liu").session;
  const std::size_t before = HistoryLength(clerk, matter);

  // R1: the principal's office meeting is not the body the list names, whatever is signed.
  auto r1 = Judge(clerk, matter, office);
  EXPECT_EQ(r1["action"], "schedule");
  EXPECT_EQ(r1["allowed"], false) << r1.dump();
  EXPECT_EQ(r1["blocked"].value("rule", ""), "R1") << r1.dump();
  EXPECT_THAT(r1["blocked"].value("zh", ""), ::testing::HasSubstr("议事清单"));
  EXPECT_THAT(r1["blocked"].value("en", ""), ::testing::HasSubstr("decision-matter list"));
  EXPECT_EQ(r1["status"], 422);

  // R8: the right body, but no pre-meeting sign-off yet.
  auto r8 = Judge(clerk, matter, party);
  EXPECT_EQ(r8["allowed"], false) << r8.dump();
  EXPECT_EQ(r8["blocked"].value("rule", ""), "R8") << r8.dump();
  EXPECT_THAT(r8["blocked"].value("zh", ""), ::testing::HasSubstr("会前沟通"));

  // Signed off by the secretary and the principal: allowed into the Party committee only.
  ASSERT_EQ(As("wang", {"item", "act", matter, "presign_secretary"}).exit_code, 0);
  ASSERT_EQ(As("li", {"item", "act", matter, "presign_principal"}).exit_code, 0);
  const std::size_t signed_off = HistoryLength(clerk, matter);
  EXPECT_EQ(signed_off, before + 2);
  auto ok = Judge(clerk, matter, party);
  EXPECT_EQ(ok, nlohmann::json({{"action", "schedule"}, {"allowed", true}}));
  EXPECT_EQ(Judge(clerk, matter, office)["blocked"].value("rule", ""), "R1");

  // A field that is no meeting is the action's 400; a person without the action's role its 403.
  auto bad = Judge(clerk, matter, "not-a-meeting");
  EXPECT_EQ(bad["allowed"], false);
  EXPECT_EQ(bad["status"], 400) << bad.dump();
  const httplib::Headers member = SignIn("xu").session;
  auto forbidden = Judge(member, matter, party);
  EXPECT_EQ(forbidden["allowed"], false);
  EXPECT_EQ(forbidden["status"], 403) << forbidden.dump();

  // Judged, not taken: no refusal recorded, the matter where it was.
  EXPECT_EQ(HistoryLength(clerk, matter), signed_off);
  auto item = Client().Get("/api/items/" + matter, clerk);
  ASSERT_TRUE(item && item->status == 200);
  EXPECT_EQ(nlohmann::json::parse(item->body)["state"], "submitted");

  // Taken, the same answer: the action goes through.
  const nlohmann::json fields = {{"fields", {{"meeting", party}}}};
  auto taken = Client().Post("/api/items/" + matter + "/actions/schedule", clerk, fields.dump(), "application/json");
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->status, 200) << taken->body;
}

TEST_F(ServerJudgementTest, AStaleVersionAnUnknownItemAndAMissingCsrfTokenAreProblems) {
  const std::string party = Meeting("party-meeting");
  const std::string matter = NewMatter();
  ASSERT_GT(Start(), 0);
  const ServerTest::Signed clerk = SignIn("liu");
  const std::string body = nlohmann::json({{"fields", {{"meeting", party}}}}).dump();
  httplib::Headers stale = clerk.session;
  stale.emplace("If-Match", "\"v99\"");
  Problem(Client().Post("/api/items/" + matter + "/actions/submit/judgement", stale, body, "application/json"), 412);
  Problem(Client().Post("/api/items/999999/actions/submit/judgement", clerk.session, body, "application/json"), 404);
  httplib::Headers no_csrf;
  for (const auto& [name, value] : clerk.session) {
    if (name != "X-CSRF-Token") no_csrf.emplace(name, value);
  }
  Problem(Client().Post("/api/items/" + matter + "/actions/submit/judgement", no_csrf, body, "application/json"), 403);
  // The item's own action may be judged with no body at all.
  auto plain = Client().Post("/api/items/" + matter + "/actions/submit/judgement", clerk.session, "", "application/json");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 200) << plain->body;
  EXPECT_EQ(nlohmann::json::parse(plain->body)["allowed"], true);
}

}  // namespace
}  // namespace docket::testing
