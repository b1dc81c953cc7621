#include "store/audit_export_batch.h"

#include <algorithm>
#include <atomic>
#include <optional>

#include "core/threads.h"

namespace docket {

namespace {

// fn(i) for i in 0 .. n-1 on `threads` threads, each i on one thread; the results in order.
template <typename R, typename Fn>
std::vector<Result<R>> EachOnThreads(std::size_t n, int threads, Fn fn) {
  std::vector<std::optional<Result<R>>> done(n);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < n;) done[i].emplace(fn(i));
  };
  OnThreads(static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), n)), work);
  std::vector<Result<R>> out;
  out.reserve(n);
  for (auto& r : done) out.push_back(std::move(*r));
  return out;
}

}  // namespace

std::vector<Result<ExportReport>> ExportAudits(Store& store, const std::vector<ExportOptions>& exports, int threads) {
  if (!store.ScansAuditRangesInParallel()) threads = 1;
  return EachOnThreads<ExportReport>(exports.size(), threads > 0 ? threads : UsableCpus(4), [&](std::size_t i) {
    ExportOptions one = exports[i];
    one.threads = 1;
    return ExportAudit(store, one);
  });
}

std::vector<Result<ExportVerifyReport>> VerifyExportFiles(const std::vector<std::string>& paths,
                                                          const ExportVerifyOptions& options, int threads) {
  ExportVerifyOptions one = options;
  one.threads = 1;
  return EachOnThreads<ExportVerifyReport>(paths.size(), threads > 0 ? threads : UsableCpus(8),
                                           [&](std::size_t i) { return VerifyExportFile(paths[i], one); });
}

}  // namespace docket
