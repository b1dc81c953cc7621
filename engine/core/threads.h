// Work shared between threads: the loops that split a long job (an export, a verification,
// a batch of files) over the CPUs.
#pragma once

#include <algorithm>
#include <functional>
#include <thread>
#include <vector>

namespace docket {

// The CPUs to use: hardware_concurrency clamped to 1 .. `at_most`.
inline int UsableCpus(int at_most) {
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, std::max(1, at_most));
}

// Runs `work` on `threads` threads, this one among them, and returns when all have
// finished. `work` takes its tasks from shared state (an atomic counter), so each thread
// runs it once.
template <typename Work>
void OnThreads(int threads, Work& work) {
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads; ++t) helpers.emplace_back(std::ref(work));
  work();
  for (std::thread& h : helpers) h.join();
}

}  // namespace docket
