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
  // A major matter on a held Party meeting's agenda (seven members, six present), `he` recused.
  std::string RecusedTopic() {
    EXPECT_EQ(Docket({"table", "load", SourcePath("workflows/lists/decision-matters.yaml")}).exit_code, 0);
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
    return m;
  }
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
  EXPECT_THAT(zh.err, HasSubstr("he 在“present”中，也在 'recused' 中"));
  std::vector<std::string> in_english{"--lang", "en"};
  in_english.insert(in_english.end(), vote.begin(), vote.end());
  auto en = As("liu", in_english);
  EXPECT_EQ(en.exit_code, kRefused) << en.err;
  EXPECT_THAT(en.err, HasSubstr("R6: A recused member is not present for the topic"));
  EXPECT_THAT(en.err, HasSubstr("he is in 'present' and also in 'recused'"));
  EXPECT_FALSE(Fields(m).contains("present"));
  EXPECT_FALSE(Fields(m).contains("votes"));
  // Without a list of its own the topic's attendance is the meeting's without him.
  Ok("liu", {"item", "act", m, "vote", "--set", "votes=he:recused,li:agree,chen:agree,gao:agree,ma:agree,wang:agree"});
  EXPECT_EQ(Fields(m)["present"], nlohmann::json({"wang", "li", "chen", "gao", "ma"}));
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

}  // namespace
}  // namespace docket::testing
