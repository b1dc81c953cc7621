// Many export files verified in one go (`docket audit verify --file A --file B`), and the
// scheme that a district's many exports share (ExportAudits, store/audit_export.h).
//
// Each file is the work of one thread from start to end, and the threads take the files in
// turn. For hundreds of small chains that keeps every CPU busy; handling them one after
// another, each split over the CPUs, left the CPUs waiting at each file's start and end
// (docs/BENCHMARKS.md, "district scale"). A failure of one file does not stop the others:
// each has its own result, in the order given.
#pragma once

#include <algorithm>
#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "audit/export_verify.h"
#include "core/status.h"
#include "core/env.h"

namespace docket {

// fn(i) for i in 0 .. n-1 on `threads` threads (at least one, at most n), each i on one
// thread; the results in order.
template <typename R, typename Fn>
std::vector<Result<R>> EachOnThreads(std::size_t n, int threads, Fn fn) {
  std::vector<std::optional<Result<R>>> done(n);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < n;) done[i].emplace(fn(i));
  };
  OnThreads(Env::Default(), static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), n)),
            work);
  std::vector<Result<R>> out;
  out.reserve(n);
  for (auto& r : done) out.push_back(std::move(*r));
  return out;
}

// VerifyExportFile for each of `paths` with `options` (whose `threads` is ignored), on
// `threads` threads (0: one per CPU, at most 8).
std::vector<Result<ExportVerifyReport>> VerifyExportFiles(const std::vector<std::string>& paths,
                                                          const ExportVerifyOptions& options = {},
                                                          int threads = 0);

}  // namespace docket
