// Work shared between threads: the loops that split a long job (an export, a verification,
// a batch of files, the findings of a district) over the CPUs.
#pragma once

#include <algorithm>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace docket {

// The CPUs to use: hardware_concurrency clamped to 1 .. `at_most`.
inline int UsableCpus(int at_most) {
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, std::max(1, at_most));
}

// Runs `own` on this thread and `work` on `threads` - 1 others, and returns when all have
// finished. An exception thrown by any of them (std::bad_alloc, say) is rethrown here once
// all have finished — the first one; never std::terminate. A helper thread that cannot be
// started leaves its share to this thread, which runs `work` itself after `own`.
template <typename Work, typename Own>
void OnThreads(int threads, Work& work, Own&& own) {
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
  std::vector<std::thread> helpers;
  int not_started = 0;
  for (int t = 1; t < threads; ++t) {
    try {
      helpers.emplace_back([&] { guarded(work); });
    } catch (...) {  // std::system_error (no thread to be had) or std::bad_alloc
      ++not_started;
    }
  }
  guarded(own);
  for (int t = 0; t < not_started; ++t) guarded(work);
  for (std::thread& h : helpers) h.join();
  if (first) std::rethrow_exception(first);
}

// Runs `work` on `threads` threads, this one among them, as above. `work` takes its tasks
// from shared state (an atomic counter), so each thread runs it once.
template <typename Work>
void OnThreads(int threads, Work& work) {
  OnThreads(threads, work, work);
}

}  // namespace docket
