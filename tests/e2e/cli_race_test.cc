// Real processes racing on one item with the same expected version: exactly one wins,
// the others get a conflict (exit 6), and no update is lost.

#include <future>
#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace docket::testing {
namespace {

TEST_F(CliTest, ConcurrentActionsOnOneVersionHaveOneWinner) {
  std::string id = NewMatter();
  constexpr int kRacers = 6;
  std::vector<std::future<RunResult>> racers;
  for (int i = 0; i < kRacers; ++i) {
    racers.push_back(std::async(std::launch::async, [this, id] {
      return As("liu", {"item", "act", id, "submit", "--expect-version", "1"});
    }));
  }
  int won = 0, conflicted = 0;
  for (auto& f : racers) {
    RunResult r = f.get();
    if (r.exit_code == 0) ++won;
    if (r.exit_code == 6) ++conflicted;
  }
  EXPECT_EQ(won, 1);
  EXPECT_EQ(conflicted, kRacers - 1);
  auto item = nlohmann::json::parse(Docket({"--json", "item", "show", id}).out);
  EXPECT_EQ(item["version"], 2);
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

TEST_F(CliTest, ConcurrentActionsWithoutExpectedVersionAreSerialised) {
  std::string id = StartedTask();
  constexpr int kRacers = 6;
  std::vector<std::future<RunResult>> racers;
  for (int i = 0; i < kRacers; ++i) {
    racers.push_back(std::async(std::launch::async, [this, id, i] {
      return As("li", {"item", "act", id, "report", "--set", "progress=" + std::to_string(10 + i)});
    }));
  }
  for (auto& f : racers) EXPECT_EQ(f.get().exit_code, 0);
  auto item = nlohmann::json::parse(Docket({"--json", "item", "show", id}).out);
  EXPECT_EQ(item["version"], 3 + kRacers);  // no update lost
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

}  // namespace
}  // namespace docket::testing
