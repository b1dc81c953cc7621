// Recomputing every entry's hash of a long chain on several threads: the part of `audit
// verify` that is the same work for every entry and needs no order (audit_verify.cc runs
// it beside its sequential pass over the chain, which checks the links and replays).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace docket {

// Entries per chunk that one thread reads and hashes at a time.
inline constexpr std::int64_t kHashCheckChunk = 1 << 15;

// The lowest seq in 1..head of `org`'s chain whose stored hash is not the hash of its
// content, or 0 when all match; the store's error if reading fails. Reads in chunks with
// `threads` threads (Store::ScanAudit on disjoint ranges). Entries above `up_to` (which the
// caller may lower while this runs, once it knows of an earlier problem) are skipped.
// Entries missing from the range are not its concern.
Result<std::int64_t> FirstBadHash(Store& store, const std::string& org, std::int64_t head, int threads,
                                  const std::atomic<std::int64_t>& up_to);

}  // namespace docket
