// Env: what the engine asks of the machine besides the time (core/clock.h) — how many CPUs
// it has, threads to split a long job over (an export, a verification, a batch of files,
// the findings of a district), large byte buffers kept between jobs, and the files it reads
// whole (every file a person gives: definitions, organizations, imports, field values,
// checkpoints and keys; the SQLite file and a streamed export are not). One seam, like
// LevelDB's Env: code deep in the engine asks an Env, never the machine, so a test can give
// one with a single CPU or threads that never start and see the same results.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"

namespace docket {

// The most a text file given to Docket may hold (a workflow, an organization, a table, a
// calendar, a report definition, an import): 1 MiB.
inline constexpr std::size_t kMaxTextFileBytes = std::size_t{1} << 20;

class Env {
 public:
  class Thread {
   public:
    virtual ~Thread() = default;
    virtual void Join() = 0;
  };

  static constexpr std::size_t kPoolBuffers = 8;
  static constexpr std::size_t kPoolBufferBytes = std::size_t{32} << 20;

  virtual ~Env() = default;

  // The process's Env: the machine's CPUs, std::thread, and one pool of buffers for the
  // whole process (core/env.cc). Never destroyed: threads still running at exit may use it.
  static Env& Default();

  // The hardware threads, at least 1.
  virtual int Cpus() const = 0;
  // Runs `fn` on a new thread; nullptr when no thread can be had (then `fn` is not run).
  virtual std::unique_ptr<Thread> StartThread(std::function<void()> fn) = 0;
  // A buffer with room for at least `reserve` bytes, from the pool when one is kept there
  // (holding what it held: clear it, or overwrite it without paying to zero it first);
  // KeepBuffer gives it back. The pool keeps at most kPoolBuffers, each of 4 KiB to
  // kPoolBufferBytes, and frees the rest. Exporting a district's 500 chains one after
  // another would otherwise allocate fresh megabytes per file, which glibc returns to the
  // kernel each time: a million page faults (docs/BENCHMARKS.md).
  virtual std::string TakeBuffer(std::size_t reserve) = 0;
  virtual void KeepBuffer(std::string buffer) = 0;

  // The whole file at `path`, read in chunks that stop as soon as more than `max_bytes` have
  // come: a file that never ends (/dev/zero), a FIFO or a huge file costs at most
  // `max_bytes` and one chunk. NotFound when there is no such file; Invalid when it is a
  // folder or larger than `max_bytes`; Storage when it cannot be read. Every message names
  // `path`.
  virtual Result<std::string> ReadFile(const std::string& path, std::size_t max_bytes) = 0;
  // All of standard input, bounded as ReadFile (Invalid beyond `max_bytes`, Storage when it
  // cannot be read); messages name it "standard input".
  virtual Result<std::string> ReadStandardInput(std::size_t max_bytes) = 0;

  // The CPUs to use: Cpus() clamped to 1 .. `at_most`.
  int UsableCpus(int at_most) const { return std::clamp(Cpus(), 1, std::max(1, at_most)); }
};

// Runs `own` on this thread and `work` on `threads` - 1 others started by `env`, and returns
// when all have finished. An exception thrown by any of them (std::bad_alloc, say) is
// rethrown here once all have finished — the first one; never std::terminate. A helper
// thread that cannot be started leaves its share to this thread, which runs `work` itself
// after `own`.
template <typename Work, typename Own>
void OnThreads(Env& env, int threads, Work& work, Own&& own) {
  std::mutex mu;
  std::exception_ptr first;
  auto guarded = [&](auto& fn) {
    try {
      fn();
    } catch (...) {
      std::lock_guard lock(mu);
      if (!first) first = std::current_exception();
    }
  };
  std::vector<std::unique_ptr<Env::Thread>> helpers;
  int not_started = 0;
  for (int t = 1; t < threads; ++t) {
    std::unique_ptr<Env::Thread> h;
    try {
      h = env.StartThread([&] { guarded(work); });
    } catch (...) {  // std::bad_alloc
    }
    if (h) {
      helpers.push_back(std::move(h));
    } else {
      ++not_started;
    }
  }
  guarded(own);
  for (int t = 0; t < not_started; ++t) guarded(work);
  for (auto& h : helpers) h->Join();
  if (first) std::rethrow_exception(first);
}

// Runs `work` on `threads` threads, this one among them, as above. `work` takes its tasks
// from shared state (an atomic counter), so each thread runs it once.
template <typename Work>
void OnThreads(Env& env, int threads, Work& work) {
  OnThreads(env, threads, work, work);
}

}  // namespace docket
