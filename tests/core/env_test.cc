// Env (core/env.h): OnThreads runs every share, and exceptions come back to the caller after
// every thread has finished instead of ending the process; an Env without threads or with one
// CPU gives the same results; the buffer pool hands back what it kept; a file is read with
// its bound checked as it is read (a file that never ends, a FIFO).
#include "core/env.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "audit/scratch_buffer.h"
#include "support/temp_dir.h"

namespace docket {
namespace {

TEST(OnThreadsTest, EveryTaskRunsOnceAcrossTheThreads) {
  std::atomic<int> next{0};
  std::atomic<int> done[100] = {};
  auto work = [&] {
    for (int i; (i = next++) < 100;) ++done[i];
  };
  OnThreads(Env::Default(), 3, work);
  for (const auto& d : done) EXPECT_EQ(d.load(), 1);
}

TEST(OnThreadsTest, OwnShareRunsHereAndWorkOnTheHelper) {
  int own = 0, helper = 0;
  auto work = [&] { ++helper; };
  OnThreads(Env::Default(), 2, work, [&] { ++own; });
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
    OnThreads(Env::Default(), 3, work, [&] { own_done = true; });  // work runs on the two helpers only
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
  EXPECT_THROW(OnThreads(Env::Default(), 2, work, [] { throw std::bad_alloc(); }), std::bad_alloc);
  EXPECT_TRUE(helper_done.load());
}

// An Env of one CPU whose threads never start, counting what is asked of it.
class NoThreadsEnv : public Env {
 public:
  int Cpus() const override { return 1; }
  std::unique_ptr<Thread> StartThread(std::function<void()>) override {
    ++started;
    return nullptr;
  }
  std::string TakeBuffer(std::size_t reserve) override {
    ++taken;
    std::string s;
    s.reserve(reserve);
    return s;
  }
  void KeepBuffer(std::string) override { ++kept; }
  Result<std::string> ReadFile(const std::string& path, std::size_t) override {
    return Status::NotFound(Msg::Literal(path));
  }
  Result<std::string> ReadStandardInput(std::size_t) override { return std::string(); }
  int started = 0, taken = 0, kept = 0;
};

TEST(EnvTest, WithoutThreadsEveryShareRunsHereAndTheCpusAreOne) {
  NoThreadsEnv env;
  std::atomic<int> next{0};
  int done[50] = {};
  auto work = [&] {
    for (int i; (i = next++) < 50;) ++done[i];
  };
  int own = 0;
  OnThreads(env, 4, work, [&] { ++own; });
  EXPECT_EQ(env.started, 3);  // asked for three helpers, got none
  EXPECT_EQ(own, 1);
  for (int d : done) EXPECT_EQ(d, 1);
  EXPECT_EQ(env.UsableCpus(8), 1);
  EXPECT_EQ(Env::Default().UsableCpus(1), 1);
  EXPECT_EQ(Env::Default().Cpus(), static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
}

TEST(EnvTest, AScratchBufferComesFromItsEnvAndGoesBackToIt) {
  NoThreadsEnv env;
  {
    ScratchBuffer b(1 << 16, env);
    EXPECT_GE(b.str().capacity(), std::size_t{1} << 16);
    EXPECT_EQ(env.taken, 1);
    EXPECT_EQ(env.kept, 0);
  }
  EXPECT_EQ(env.kept, 1);
}

TEST(EnvTest, TheDefaultPoolHandsBackTheBufferItKept) {
  const char* data = nullptr;
  {
    std::string b = Env::Default().TakeBuffer(std::size_t{3} << 20);
    b.assign(std::size_t{1} << 20, 'x');
    data = b.data();
    Env::Default().KeepBuffer(std::move(b));
  }
  std::string again = Env::Default().TakeBuffer(std::size_t{3} << 20);
  EXPECT_EQ(again.data(), data);  // the same memory, not a fresh allocation
  EXPECT_EQ(again.size(), std::size_t{1} << 20);  // holding what it held: no memset paid
  std::string tiny = Env::Default().TakeBuffer(10);
  EXPECT_NE(tiny.data(), data);
  Env::Default().KeepBuffer(std::move(again));
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(EnvReadFileTest, AFileThatNeverEndsStopsAtTheBound) {
  // /dev/zero never ends: read whole, then checked, it would grow until the process died.
  auto r = Env::Default().ReadFile("/dev/zero", kMaxTextFileBytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalid);
  EXPECT_NE(r.status().message().find("/dev/zero: the file is larger than 1 MiB"), std::string::npos)
      << r.status().message();
  auto small = Env::Default().ReadFile("/dev/zero", 1000);
  EXPECT_NE(small.status().message().find("larger than 1000 bytes"), std::string::npos) << small.status().message();
}

TEST(EnvReadFileTest, AFileOfExactlyTheBoundIsReadAndOneByteMoreIsNot) {
  testing::TempDir dir;
  Write(dir.File("fits"), std::string(4096, 'a'));
  Write(dir.File("over"), std::string(4097, 'a'));
  auto fits = Env::Default().ReadFile(dir.File("fits"), 4096);
  ASSERT_TRUE(fits.ok()) << fits.status().ToString();
  EXPECT_EQ(fits->size(), 4096u);
  EXPECT_EQ(Env::Default().ReadFile(dir.File("over"), 4096).status().code(), Code::kInvalid);
  Write(dir.File("empty"), "");
  EXPECT_EQ(Env::Default().ReadFile(dir.File("empty"), 10).value(), "");
}

TEST(EnvReadFileTest, MissingFilesAndFoldersAreNamed) {
  testing::TempDir dir;
  auto missing = Env::Default().ReadFile(dir.File("nope.yaml"), 100);
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
  EXPECT_NE(missing.status().message().find("nope.yaml: no such file"), std::string::npos);
  auto folder = Env::Default().ReadFile(dir.path().string(), 100);
  EXPECT_EQ(folder.status().code(), Code::kInvalid);
  EXPECT_NE(folder.status().message().find("is a folder"), std::string::npos);
}

TEST(EnvReadFileTest, AFifoIsReadAsItComesAndCutOffAtTheBound) {
  testing::TempDir dir;
  const std::string fifo = dir.File("pipe");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // A writer that would write 8 MiB: the reader stops after the first 64 KiB past 1000
  // bytes, and the writer then meets a closed pipe (its stream fails; no SIGPIPE in ofstream
  // once the test ignores it).
  std::signal(SIGPIPE, SIG_IGN);
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    const std::string block(1 << 16, 'x');
    for (int i = 0; i < 128 && out; ++i) out << block << std::flush;
  });
  auto r = Env::Default().ReadFile(fifo, 1000);
  writer.join();
  EXPECT_EQ(r.status().code(), Code::kInvalid) << r.status().ToString();

  std::thread short_writer([&] { std::ofstream(fifo, std::ios::binary) << "a: 1\n"; });
  auto ok = Env::Default().ReadFile(fifo, 1000);
  short_writer.join();
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(*ok, "a: 1\n");
}

}  // namespace
}  // namespace docket
