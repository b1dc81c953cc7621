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
  const std::string m = RecusedTopic();
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
  EXPECT_THAT(zh->body, HasSubstr("R6：回避人员不计入本议题出席［he 在“present”中，也在“recused”中］"));
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
