// OnThreads (core/threads.h): every share runs, exceptions come back to the caller after
// every thread has finished instead of ending the process.
#include "core/threads.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

namespace docket {
namespace {

TEST(OnThreadsTest, EveryTaskRunsOnceAcrossTheThreads) {
  std::atomic<int> next{0};
  std::atomic<int> done[100] = {};
  auto work = [&] {
    for (int i; (i = next++) < 100;) ++done[i];
  };
  OnThreads(3, work);
  for (const auto& d : done) EXPECT_EQ(d.load(), 1);
}

TEST(OnThreadsTest, OwnShareRunsHereAndWorkOnTheHelper) {
  int own = 0, helper = 0;
  auto work = [&] { ++helper; };
  OnThreads(2, work, [&] { ++own; });
  EXPECT_EQ(own, 1);
  EXPECT_EQ(helper, 1);
}

TEST(OnThreadsTest, AnExceptionOnAHelperComesBackAfterAllFinished) {
  std::atomic<int> finished{0};
  std::atomic<int> calls{0};
  auto work = [&] {
    if (calls++ == 1) throw std::runtime_error("helper failed");
    ++finished;
  };
  try {
    OnThreads(3, work);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "helper failed");
  }
  EXPECT_EQ(calls.load(), 3);
  EXPECT_EQ(finished.load(), 2);
}

TEST(OnThreadsTest, AnExceptionHereWaitsForTheHelpers) {
  std::atomic<bool> helper_done{false};
  auto work = [&] { helper_done = true; };
  EXPECT_THROW(OnThreads(2, work, [] { throw std::bad_alloc(); }), std::bad_alloc);
  EXPECT_TRUE(helper_done.load());
}

}  // namespace
}  // namespace docket
