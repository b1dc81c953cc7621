// Real processes racing on one item with the same expected version: exactly one wins,
// the others get a conflict (exit 6), and no update is lost; twenty writers at once all get
// their turn (a writer waits up to 30 s for another's lock, kBusyWaitMs).

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <future>
#include <thread>

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

TEST_F(CliTest, TwentyWritersAtOnceAllSucceed) {
  // Twenty processes act on one item while another connection holds the write lock for 6 s
  // (longer than SQLite's usual 5 s timeout); then they take their turns. None fails with
  // "database is locked", and no update is lost.
  std::string shared = StartedTask();
  constexpr int kWriters = 20;
  SQLite::Database holder(db_, SQLite::OPEN_READWRITE);
  holder.exec("BEGIN IMMEDIATE");
  std::vector<std::future<RunResult>> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.push_back(std::async(std::launch::async, [this, shared, i] {
      return As("li", {"item", "act", shared, "report", "--set", "progress=" + std::to_string(i)});
    }));
  }
  std::this_thread::sleep_for(std::chrono::seconds(6));
  holder.exec("ROLLBACK");
  for (auto& f : writers) {
    RunResult r = f.get();
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  auto item = nlohmann::json::parse(Docket({"--json", "item", "show", shared}).out);
  EXPECT_EQ(item["version"], 3 + kWriters);
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

}  // namespace
}  // namespace docket::testing
