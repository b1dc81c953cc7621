#include "audit/scratch_buffer.h"

#include <mutex>
#include <utility>
#include <vector>

namespace docket {

namespace {

// Neither is ever destroyed: buffers may be given back by threads still running at exit.
std::mutex& PoolMutex() {
  static auto* mu = new std::mutex;
  return *mu;
}

std::vector<std::string>& Pool() {
  static auto* pool = new std::vector<std::string>();
  return *pool;
}

}  // namespace

ScratchBuffer::ScratchBuffer(std::size_t reserve) {
  {
    std::lock_guard lock(PoolMutex());
    auto& pool = Pool();
    // The smallest that fits, so a small request does not take a large buffer; when none
    // fits, the largest, which grows the least.
    auto best = pool.end();
    for (auto it = pool.begin(); it != pool.end(); ++it) {
      if (best == pool.end()) {
        best = it;
        continue;
      }
      const bool fits = it->capacity() >= reserve, best_fits = best->capacity() >= reserve;
      if (fits ? (!best_fits || it->capacity() < best->capacity()) : (!best_fits && it->capacity() > best->capacity())) {
        best = it;
      }
    }
    if (best != pool.end()) {
      text_ = std::move(*best);
      pool.erase(best);
    }
  }
  // Growing a kept buffer would copy what it held: let it go first.
  if (text_.capacity() < reserve) text_.clear();
  text_.reserve(reserve);
}

ScratchBuffer::~ScratchBuffer() {
  if (text_.capacity() > kMaxKeptBytes || text_.capacity() < 4096) return;
  std::lock_guard lock(PoolMutex());
  auto& pool = Pool();
  if (pool.size() < kMaxKept) pool.push_back(std::move(text_));
}

}  // namespace docket
