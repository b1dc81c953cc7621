// A large byte buffer borrowed from an Env's pool (core/env.h) and given back when done.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "core/env.h"

namespace docket {

class ScratchBuffer {
 public:
  static constexpr std::size_t kMaxKept = Env::kPoolBuffers;
  static constexpr std::size_t kMaxKeptBytes = Env::kPoolBufferBytes;

  // A buffer from `env`'s pool (the smallest kept one with room for `reserve` bytes, else
  // the largest, else a new one), with room for at least `reserve` bytes; str() is empty.
  explicit ScratchBuffer(std::size_t reserve = 0, Env& env = Env::Default())
      : env_(env), text_(env.TakeBuffer(reserve)) {}
  ~ScratchBuffer() { env_.KeepBuffer(std::move(text_)); }
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
  Env& env_;
  std::string text_;
  bool fresh_ = true;  // str() clears what a kept buffer held
};

}  // namespace docket
