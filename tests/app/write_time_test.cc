// Two servers on one database (two Dockets on one store's data): a write takes its time
// only once it holds its organization's chain (AppContext::WriteTime), so an action that
// waited for another server's is stamped after it, and no write is refused for "moving the
// log back in time" because another server appended in between (docs/DEPLOY.md, "Several
// servers on one PostgreSQL").
#include <algorithm>
#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include "app_fixture.h"

namespace docket::testing {
namespace {

// A clock that moves forward one second at every read, as a real one does between writes,
// and calls `on_first_read` (once) at the first read, after taking the time it answers.
class TickingClock : public Clock {
 public:
  TickingClock(std::atomic<std::int64_t>* seconds, std::function<void()> on_first_read)
      : seconds_(seconds), on_first_read_(std::move(on_first_read)) {}
  TimePoint Now() const override {
    const TimePoint now(std::chrono::seconds(seconds_->fetch_add(1)));  // before what the hook does
    std::call_once(first_, [this] {
      if (on_first_read_) on_first_read_();
    });
    return now;
  }

 private:
  std::atomic<std::int64_t>* seconds_;
  std::function<void()> on_first_read_;
  mutable std::once_flag first_;
};

class WriteTimeTest : public AppTest {
 protected:
  std::unique_ptr<Store> OpenAgain() {
    auto s = opener_->Open({});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  static std::shared_ptr<spdlog::logger> Quiet() {
    return std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
  }
};

TEST_P(WriteTimeTest, AnActionThatWaitedForTheChainIsStampedAfterTheOneThatHeldIt) {
  const std::int64_t first = NewMatter(), second = NewMatter();
  // One clock for both servers, after every entry written so far.
  std::atomic<std::int64_t> seconds{std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count() + 60};
  std::unique_ptr<Store> store_b = OpenAgain();
  ASSERT_NE(store_b, nullptr);
  TickingClock clock_b(&seconds, nullptr);
  Docket server_b(*store_b, clock_b, Quiet());
  std::future<Result<ActResult>> b_acted;
  // When server A first reads the clock for its action, server B acts on another item of
  // the same organization, and A goes on after B is done or after 1 s (B waiting for A).
  std::unique_ptr<Store> store_a = OpenAgain();
  ASSERT_NE(store_a, nullptr);
  TickingClock clock_a(&seconds, [&] {
    b_acted = std::async(std::launch::async, [&] { return server_b.Act({second, "submit", {}, std::nullopt, "liu"}); });
    b_acted.wait_for(std::chrono::seconds(1));
  });
  Docket server_a(*store_a, clock_a, Quiet());
  Result<ActResult> a = server_a.Act({first, "submit", {}, std::nullopt, "liu"});
  ASSERT_TRUE(b_acted.valid()) << "server A read no clock";
  Result<ActResult> b = b_acted.get();
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_LT(a->entry.time, b->entry.time) << "B waited for A's chain and took its time after";
  EXPECT_EQ(a->entry.seq + 1, b->entry.seq);
  auto verified = docket_->Verify(std::nullopt);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
}

// Two servers' group commits, each a transaction over two organizations' chains, taken in
// opposite orders: A holds school-a's chain and B school-b's when each asks for the other's.
// Neither waits while holding a chain (PostgreSQL: NOWAIT, Status::Busy): no deadlock, each
// batch commits what it holds, and the change that was refused its second chain wrote
// nothing and goes through alone afterwards. Where writers take turns (SQLite, memory), B's
// batch waits for A's whole transaction and nothing is busy.
TEST_P(WriteTimeTest, TwoBatchesThatHoldEachOthersChainNeverDeadlock) {
  auto matter = [](const std::string& org, const std::string& clerk) {
    return CreateRequest{"matter", org, std::nullopt, {{"title", "t"}, {"category", "routine"}}, clerk};
  };
  const CreateRequest in_a = matter("school-a", "liu"), in_b = matter("school-b", "zhou");
  std::unique_ptr<Store> store_a = OpenAgain(), store_b = OpenAgain();
  ASSERT_NE(store_a, nullptr);
  ASSERT_NE(store_b, nullptr);
  Docket server_a(*store_a, clock_, Quiet()), server_b(*store_b, clock_, Quiet());
  std::promise<void> a_holds, b_holds;
  std::shared_future<void> a_held = a_holds.get_future().share(), b_held = b_holds.get_future().share();
  // One batch: `first`, then (once the other batch holds its first chain, or after 1 s)
  // `second`; the statuses of both.
  auto batch = [](Docket& server, const CreateRequest& first, const CreateRequest& second, std::promise<void>& holds,
                  std::shared_future<void> other_holds) {
    std::pair<Status, Status> out;
    Status st = server.Bulk([&]() -> Status {
      out.first = server.CreateItem(first).status();
      holds.set_value();
      other_holds.wait_for(std::chrono::seconds(1));
      out.second = server.CreateItem(second).status();
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  };
  const auto started = std::chrono::steady_clock::now();
  auto b = std::async(std::launch::async, [&] { return batch(server_b, in_b, in_a, b_holds, a_held); });
  const auto a = batch(server_a, in_a, in_b, a_holds, b_held);
  const auto b_done = b.get();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4)) << "a deadlock waits for its detection";
  int busy = 0;
  for (const Status& st : {a.first, a.second, b_done.first, b_done.second}) {
    if (st.busy()) {
      ++busy;
      continue;
    }
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  EXPECT_EQ(busy > 0, !store_->SerializesWriters()) << busy << " change(s) refused a second chain";
  // A busy change wrote nothing: run alone, it goes through.
  for (const auto& [st, req] : {std::pair{a.second, in_b}, {b_done.second, in_a}}) {
    if (st.busy()) {
      EXPECT_TRUE(server_a.CreateItem(req).ok());
    }
  }
  auto listed = docket_->ListItems(ItemFilter{});
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(std::count_if(listed->begin(), listed->end(), [](const Item& i) { return i.workflow == "matter"; }), 4);
  auto verified = docket_->Verify(std::nullopt);
  EXPECT_TRUE(verified.ok()) << verified.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(Stores, WriteTimeTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
