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
  // largest, else a new one), empty, with room for at least `reserve` bytes.
  explicit ScratchBuffer(std::size_t reserve = 0);
  ~ScratchBuffer();  // back to the pool
  ScratchBuffer(const ScratchBuffer&) = delete;
  ScratchBuffer& operator=(const ScratchBuffer&) = delete;

  std::string& str() { return text_; }
  char* data() { return text_.data(); }

 private:
  std::string text_;
};

}  // namespace docket
