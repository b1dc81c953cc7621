// Races: N real `docket` processes act on the same item with the same --expect-version,
// race after race. Per version exactly one wins (exit 0) and the others exit 6 with a
// message naming the version; no update is lost: the item ends at start + races, and its
// log holds exactly one entry per version, by that race's winner with the winner's value.
// Parametrised by the number of racers; DOCKET_RACES sets the races per racer count
// (scripts/race-test runs 1,000 in all).
#include <future>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "hardening_util.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class RaceTest : public CliTest, public ::testing::WithParamInterface<int> {};

TEST_P(RaceTest, OneWinnerPerVersionAndNoLostUpdate) {
  const int racers = GetParam();
  const int races = EnvInt("DOCKET_RACES", 7);
  std::string id = StartedTask();
  const int start_version = 3;

  struct Winner {
    std::string who;
    int progress = 0;
  };
  std::vector<Winner> winners;
  for (int race = 0; race < races; ++race) {
    const int version = start_version + race;
    std::vector<std::future<RunResult>> runs;
    for (int i = 0; i < racers; ++i) {
      std::string who = "li";  // the task's owner (and principal): only they may report, each racer its own process
      int progress = (race * 13 + i) % 101;
      runs.push_back(std::async(std::launch::async, [this, id, who, progress, version] {
        return As(who, {"--lang", "en", "item", "act", id, "report", "--set", "progress=" + std::to_string(progress),
                        "--expect-version", std::to_string(version)});
      }));
    }
    int won = 0;
    for (int i = 0; i < racers; ++i) {
      RunResult r = runs[i].get();
      if (r.exit_code == 0) {
        ++won;
        winners.push_back({"li", (race * 13 + i) % 101});
      } else {
        EXPECT_EQ(r.exit_code, 6) << "race " << race << " racer " << i << ": " << r.err;
        EXPECT_THAT(r.err, HasSubstr("version " + std::to_string(version + 1))) << r.err;
      }
    }
    ASSERT_EQ(won, 1) << "race " << race << " at version " << version;
  }

  auto item = nlohmann::json::parse(Docket({"--json", "item", "show", id}).out);
  EXPECT_EQ(item["version"], start_version + races);
  auto history = nlohmann::json::parse(Docket({"--json", "item", "history", id}).out);
  ASSERT_EQ(static_cast<int>(history.size()), start_version + races) << "a conflict left an entry, or one is lost";
  for (int race = 0; race < races; ++race) {
    const auto& e = history[start_version + race];
    EXPECT_EQ(e["item_version"], start_version + race + 1) << e.dump();
    EXPECT_EQ(e["outcome"], "ok") << e.dump();
    EXPECT_EQ(e["actor"], winners[race].who) << e.dump();
    EXPECT_THAT(e.dump(), HasSubstr("\"progress\"")) << e.dump();
  }
  if (races > 0) {
    EXPECT_EQ(item["fields"]["progress"], winners.back().progress) << item.dump();
  }
  auto verify = Docket({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
}

INSTANTIATE_TEST_SUITE_P(Racers, RaceTest, ::testing::Values(2, 4, 8));

}  // namespace
}  // namespace docket::testing
