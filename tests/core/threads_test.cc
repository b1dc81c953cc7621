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
  std::atomic<int> calls{0};
  bool own_done = false;
  auto work = [&] {
    if (calls++ == 0) throw std::runtime_error("helper failed");
  };
  try {
    OnThreads(3, work, [&] { own_done = true; });  // work runs on the two helpers only
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "helper failed");
  }
  EXPECT_EQ(calls.load(), 2);
  EXPECT_TRUE(own_done);
}

TEST(OnThreadsTest, AnExceptionHereWaitsForTheHelpers) {
  std::atomic<bool> helper_done{false};
  auto work = [&] { helper_done = true; };
  EXPECT_THROW(OnThreads(2, work, [] { throw std::bad_alloc(); }), std::bad_alloc);
  EXPECT_TRUE(helper_done.load());
}

}  // namespace
}  // namespace docket
