// The server's one cache of rendered reports (server/report_cache.h): kept per key and
// basis, built again when the record or the second moves (an older second is answered by a
// newer entry), never kept without a record or when the build failed, and built once by one
// worker while the others wait for it.
#include "server/report_cache.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace docket::server {
namespace {

TEST(ReportCacheTest, KeptPerKeyAndBasisAndBuiltAgainWhenTheBasisMoves) {
  ReportCache cache;
  int built = 0;
  auto build = [&]() -> Result<Rendered> { return Rendered{"v" + std::to_string(++built), "text/plain"}; };
  const ReportBasis b1{"h1", 100}, b2{"h2", 100}, later{"h2", 101}, none{"", 101};
  EXPECT_EQ((*cache.Get("a", b1, build))->body, "v1");
  EXPECT_EQ((*cache.Get("a", b1, build))->body, "v1");
  EXPECT_EQ((*cache.Get("other", b1, build))->body, "v2");
  EXPECT_EQ((*cache.Get("a", b2, build))->body, "v3");
  EXPECT_EQ((*cache.Get("a", b2, build))->body, "v3");
  EXPECT_EQ((*cache.Get("a", later, build))->body, "v4");
  EXPECT_EQ((*cache.Get("a", b2, build))->body, "v4");  // a second later on the same record: newer, as good
  EXPECT_EQ((*cache.Get("a", none, build))->body, "v5");
  EXPECT_EQ((*cache.Get("a", none, build))->body, "v6");
  EXPECT_EQ(cache.builds(), 6u);
}

TEST(ReportCacheTest, AFailedBuildIsNotKept) {
  ReportCache cache;
  auto fail = []() -> Result<Rendered> { return Status::NotFound(Msg("no such report")); };
  auto r = cache.Get("a", ReportBasis{"b", 1}, fail);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ((*cache.Get("a", ReportBasis{"b", 1}, [] { return Result<Rendered>(Rendered{"ok", "text/plain"}); }))->body, "ok");
  EXPECT_EQ(cache.builds(), 2u);
}

TEST(ReportCacheTest, OneBuildWhileTheOthersWait) {
  ReportCache cache;
  std::atomic<int> running{0}, most{0};
  auto slow = [&]() -> Result<Rendered> {
    most = std::max(most.load(), ++running);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    --running;
    return Rendered{"doc", "application/json"};
  };
  std::vector<std::shared_ptr<const Rendered>> got(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i) {
    threads.emplace_back([&, i] { got[i] = *cache.Get("k", ReportBasis{"b", 1}, slow); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(cache.builds(), 1u);
  EXPECT_EQ(most.load(), 1);
  for (const auto& g : got) EXPECT_EQ(g, got[0]);
}

TEST(ReportCacheTest, AFullCacheForgetsWhatItKept) {
  ReportCache cache(2);
  auto build = []() -> Result<Rendered> { return Rendered{"x", "text/plain"}; };
  for (const char* key : {"a", "b", "c"}) ASSERT_TRUE(cache.Get(key, ReportBasis{"b", 1}, build).ok());
  ASSERT_TRUE(cache.Get("c", ReportBasis{"b", 1}, build).ok());
  EXPECT_EQ(cache.builds(), 3u);
  ASSERT_TRUE(cache.Get("a", ReportBasis{"b", 1}, build).ok());
  EXPECT_EQ(cache.builds(), 4u);
}

}  // namespace
}  // namespace docket::server
