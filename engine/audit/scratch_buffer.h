// Large byte buffers borrowed from a process-wide pool and given back when done.
//
// Exporting or verifying many files one after another (a district's 500 chains) would
// otherwise allocate a few fresh megabytes per file: glibc hands such blocks back to the
// kernel when they are freed, so every file paid again for page faults and zeroed pages.
// In the district benchmark that was a million page faults and about half of the kernel's
// time (docs/BENCHMARKS.md). The pool keeps a few buffers (at most kMaxKept, each at most
// kMaxKeptBytes) between uses; anything else is freed as usual.
#pragma once

#include <cstddef>
#include <string>

namespace docket {

class ScratchBuffer {
 public:
  static constexpr std::size_t kMaxKept = 8;
  static constexpr std::size_t kMaxKeptBytes = std::size_t{32} << 20;

  // A buffer from the pool (the smallest kept one with room for `reserve` bytes, else the
  // largest, else a new one), with room for at least `reserve` bytes; str() is empty.
  explicit ScratchBuffer(std::size_t reserve = 0);
  ~ScratchBuffer();  // back to the pool
  ScratchBuffer(const ScratchBuffer&) = delete;
  ScratchBuffer& operator=(const ScratchBuffer&) = delete;

  // The buffer as a string, empty when first asked for. (A buffer is used either way, as a
  // string or through Bytes, not both.)
  std::string& str() {
    if (fresh_) text_.clear();
    fresh_ = false;
    return text_;
  }
  // At least `n` bytes to write into, their contents unspecified: a kept buffer that already
  // held `n` bytes is not zeroed first (megabytes of memset, for a buffer about to be
  // overwritten); one that held fewer is grown, and its new bytes are zeroed.
  char* Bytes(std::size_t n) {
    if (text_.size() < n) text_.resize(n);
    fresh_ = false;
    return text_.data();
  }

 private:
  std::string text_;
  bool fresh_ = true;  // str() clears what a kept buffer held
};

}  // namespace docket
