// R6 on the command line (workflows/matter.yaml v8): a topic's recused member is not present for
// it. `item act vote` listing one present exits 5 (refused) with the rule's words and the
// member's id, in Chinese by default and in English, and records nothing but the refusal;
// without `present` the topic's attendance is the meeting's without the recused.
#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

constexpr int kRefused = 5;

class CliRecusalTest : public CliTest {
 protected:
  nlohmann::json Fields(const std::string& id) {
    auto r = As("liu", {"--json", "item", "show", id});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out)["fields"];
  }
};

TEST_F(CliRecusalTest, AVoteListingARecusedMemberPresentIsRefusedNamingThem) {
  const std::string m = RecusedTopic();
  const std::vector<std::string> vote{"item", "act", m, "vote", "--set", "present=wang,li,chen,gao,ma,he",
                                      "--set", "votes=he:recused,li:agree,chen:agree,gao:agree,ma:agree,wang:agree"};
  auto zh = As("liu", vote);
  EXPECT_EQ(zh.exit_code, kRefused) << zh.err;
  EXPECT_THAT(zh.err, HasSubstr("R6：回避人员不计入本议题出席"));
  EXPECT_THAT(zh.err, HasSubstr("he 在“present”中，也在“recused”中"));
  std::vector<std::string> in_english{"--lang", "en"};
  in_english.insert(in_english.end(), vote.begin(), vote.end());
  auto en = As("liu", in_english);
  EXPECT_EQ(en.exit_code, kRefused) << en.err;
  EXPECT_THAT(en.err, HasSubstr("R6: A recused member is not present for the topic"));
  EXPECT_THAT(en.err, HasSubstr("he is in 'present' and also in 'recused'"));
  EXPECT_FALSE(Fields(m).contains("present"));
  EXPECT_FALSE(Fields(m).contains("votes"));
  // Without a list of its own the topic's attendance is the meeting's without him.
  OkAs("liu", {"item", "act", m, "vote", "--set", "votes=he:recused,li:agree,chen:agree,gao:agree,ma:agree,wang:agree"});
  EXPECT_EQ(Fields(m)["present"], nlohmann::json({"wang", "li", "chen", "gao", "ma"}));
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

}  // namespace
}  // namespace docket::testing
