// `docket item act ... --dry-run` (Docket::JudgeAction): the action judged with its fields as
// act would judge it — the same refusal, in the same words, with the same exit code — and
// nothing written or recorded; allowed, one line saying so (and --json).
#include "cli_fixture.h"

#include <nlohmann/json.hpp>

namespace docket::testing {
namespace {

class CliDryRunTest : public CliTest {
 protected:
  std::string Created(const RunResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string id = r.out;
    while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
    return id;
  }
  std::string History(const std::string& id) { return Docket({"--json", "item", "history", id}).out; }
};

TEST_F(CliDryRunTest, SchedulingIsJudgedWithTheMeetingGivenAndNothingIsWritten) {
  ASSERT_EQ(Docket({"table", "load", SourcePath("workflows/lists/decision-matters.yaml")}).exit_code, 0);
  const std::string office = Created(As("liu", {"item", "create", "meeting", "--org", "school-a", "--set", "title=办公会",
                                                "--set", "body=office-meeting", "--set", "scheduled_at=2026-03-10T09:00:00Z"}));
  const std::string party = Created(As("liu", {"item", "create", "meeting", "--org", "school-a", "--set", "title=党委会",
                                               "--set", "body=party-meeting", "--set", "scheduled_at=2026-03-10T09:00:00Z"}));
  const std::string matter = NewMatter();  // large-spending
  ASSERT_EQ(As("liu", {"item", "act", matter, "submit"}).exit_code, 0);
  const std::string before = History(matter);

  // R1 before the office meeting: act's refusal and exit code (5), nothing recorded.
  auto r1 = As("liu", {"--lang", "en", "item", "act", matter, "schedule", "--set", "meeting=" + office, "--dry-run"});
  EXPECT_EQ(r1.exit_code, 5) << r1.out << r1.err;
  EXPECT_THAT(r1.err, ::testing::HasSubstr("R1"));
  // R8 before the Party committee, in Chinese by default.
  auto r8 = As("liu", {"item", "act", matter, "schedule", "--set", "meeting=" + party, "--dry-run"});
  EXPECT_EQ(r8.exit_code, 5) << r8.out << r8.err;
  EXPECT_THAT(r8.err, ::testing::HasSubstr("会前沟通"));
  EXPECT_EQ(History(matter), before);
  // Taken, the same refusal, recorded.
  auto taken = As("liu", {"item", "act", matter, "schedule", "--set", "meeting=" + party});
  EXPECT_EQ(taken.exit_code, 5);
  EXPECT_EQ(taken.err, r8.err);
  EXPECT_NE(History(matter), before);

  // Signed off: allowed, and still nothing taken.
  ASSERT_EQ(As("wang", {"item", "act", matter, "presign_secretary"}).exit_code, 0);
  ASSERT_EQ(As("li", {"item", "act", matter, "presign_principal"}).exit_code, 0);
  const std::string signed_off = History(matter);
  auto ok = As("liu", {"--json", "item", "act", matter, "schedule", "--set", "meeting=" + party, "--dry-run"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(nlohmann::json::parse(ok.out),
            nlohmann::json({{"item", std::stoll(matter)}, {"action", "schedule"}, {"allowed", true}}));
  auto text = As("liu", {"item", "act", matter, "schedule", "--set", "meeting=" + party, "--dry-run"});
  EXPECT_THAT(text.out, ::testing::HasSubstr("现在可以办理"));
  EXPECT_EQ(History(matter), signed_off);
  auto shown = Docket({"--json", "item", "show", matter});
  EXPECT_EQ(nlohmann::json::parse(shown.out)["state"], "submitted");
  // A person without the role: act's Forbidden (exit 4).
  EXPECT_EQ(As("xu", {"item", "act", matter, "schedule", "--set", "meeting=" + party, "--dry-run"}).exit_code, 4);
}

}  // namespace
}  // namespace docket::testing
