// R6 over the API (workflows/matter.yaml v8): POST /api/items/{id}/actions/vote with a recused
// member among `present` is refused (422) with the rule's words and the member's id — the
// positions form of the meeting page shows the refusal's words — records the refusal and
// changes nothing; the same vote without him is taken.
#include "server_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class ServerRecusalTest : public ServerTest {
 protected:
  std::string Id(const RunResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string id = r.out;
    while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
    return id;
  }
  void Ok(const std::string& who, std::vector<std::string> args) {
    auto r = As(who, std::move(args));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // The vote with `present`, its answer in `lang` (Accept-Language).
  httplib::Result Vote(const httplib::Headers& session, const std::string& matter, const std::string& present,
                       const std::string& lang = "en") {
    const nlohmann::json body = {
        {"fields", {{"present", present}, {"votes", "he:recused,li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}}}};
    httplib::Headers headers = session;
    headers.emplace("Accept-Language", lang);
    return Client().Post("/api/items/" + matter + "/actions/vote", headers, body.dump(), "application/json");
  }
};

TEST_F(ServerRecusalTest, AVoteWithARecusedMemberPresentIsRefusedNamingThem) {
  ASSERT_EQ(Docket({"table", "load", SourcePath("workflows/lists/decision-matters.yaml")}).exit_code, 0);
  const std::string meeting = Id(As("liu", {"item", "create", "meeting", "--org", "school-a", "--set", "title=党委会", "--set",
                                            "body=party-meeting", "--set", "scheduled_at=2026-03-10T09:00:00Z"}));
  Ok("liu", {"item", "act", meeting, "notify"});
  const std::string m = Id(As("liu", {"item", "create", "matter", "--org", "school-a", "--set", "title=校园绿化", "--set",
                                      "category=major-project"}));
  Ok("liu", {"item", "act", m, "submit"});
  Ok("wang", {"item", "act", m, "presign_secretary"});
  Ok("li", {"item", "act", m, "presign_principal"});
  Ok("liu", {"item", "act", m, "schedule", "--set", "meeting=" + meeting});
  Ok("liu", {"item", "act", m, "recuse", "--set", "recused=he"});
  now_ = "2026-03-10T09:30:00Z";
  Ok("liu", {"item", "act", meeting, "hold", "--set", "present=wang,li,chen,gao,ma,he", "--set", "absent=xu:病假"});
  ASSERT_GT(Start(), 0);
  const httplib::Headers clerk = SignIn("liu").session;
  auto history = [&]() {
    auto r = Client().Get("/api/items/" + m + "/history", clerk);
    EXPECT_TRUE(r && r->status == 200);
    return r ? nlohmann::json::parse(r->body) : nlohmann::json::array();
  };
  const std::size_t before = history().size();

  auto refused = Vote(clerk, m, "wang,li,chen,gao,ma,he");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422) << refused->body;
  EXPECT_THAT(refused->body, HasSubstr("A recused member is not present for the topic"));
  EXPECT_THAT(refused->body, HasSubstr("he is in 'present' and also in 'recused'"));
  auto zh = Vote(clerk, m, "wang,li,chen,gao,ma,he", "zh-CN");
  ASSERT_TRUE(zh);
  EXPECT_EQ(zh->status, 422) << zh->body;
  EXPECT_THAT(zh->body, HasSubstr("R6：回避人员不计入本议题出席［he 在“present”中，也在 'recused' 中］"));
  const nlohmann::json after = history();
  ASSERT_EQ(after.size(), before + 2);  // the two refusals, recorded
  EXPECT_EQ(after.back()["outcome"], "refused");
  auto item = Client().Get("/api/items/" + m, clerk);
  ASSERT_TRUE(item && item->status == 200);
  EXPECT_FALSE(nlohmann::json::parse(item->body)["fields"].contains("present"));

  auto taken = Vote(clerk, m, "wang,li,chen,gao,ma");
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->status, 200) << taken->body;
}

}  // namespace
}  // namespace docket::testing
