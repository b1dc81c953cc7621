#include "store/audit_hash_check.h"

#include <algorithm>
#include <mutex>
#include <string_view>

#include "audit/chain.h"
#include "core/env.h"

namespace docket {

Result<std::int64_t> FirstBadHash(Store& store, const std::string& org, std::int64_t head, int threads,
                                  const std::atomic<std::int64_t>& up_to) {
  const std::int64_t chunks = (head + kHashCheckChunk - 1) / kHashCheckChunk;
  std::atomic<std::int64_t> next{0};
  std::atomic<std::int64_t> first_bad{0};  // 0: none found yet
  std::mutex mu;
  Status failed;
  auto work = [&] {
    std::string scratch;
    char digest[64];
    for (std::int64_t c; (c = next++) < chunks;) {
      const std::int64_t from = c * kHashCheckChunk + 1;
      if (from > up_to) return;
      const std::int64_t bad_so_far = first_bad.load();
      if (bad_so_far != 0 && bad_so_far < from) return;  // chunks are claimed in order
      const std::int64_t to = std::min(head, (c + 1) * kHashCheckChunk);
      bool stopped = false;  // the scan was ended on purpose, not by an error
      auto stop = [&] {
        stopped = true;
        return Status::Refused("stopped");
      };
      Status st = store.ScanAudit(org, from, to, [&](const AuditEntry& e) -> Status {
        if (e.seq > up_to) return stop();
        EntryHashInto(e, &scratch, digest);
        if (std::string_view(digest, 64) == e.hash) return Status::Ok();
        // Keep the lowest; stop reading this chunk.
        std::int64_t seen = first_bad.load();
        while ((seen == 0 || e.seq < seen) && !first_bad.compare_exchange_weak(seen, e.seq)) {
        }
        return stop();
      });
      if (!st.ok() && !stopped) {
        std::lock_guard lock(mu);
        if (failed.ok()) failed = st;
        return;
      }
    }
  };
  OnThreads(Env::Default(), threads, work);
  if (!failed.ok()) return failed;
  return first_bad.load();
}

}  // namespace docket
