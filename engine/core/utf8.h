// Well-formed UTF-8 (RFC 3629): the one definition every check of text uses — the files a
// person gives (refused at load with the line and column of the first bad byte), field
// values, the audit log, the canonical JSON reader and writer, and the store's refusal of
// non-UTF-8 input.
//
// A sequence is well-formed when it is ASCII, or a lead byte C2..F4 followed by the right
// number of continuation bytes, with no overlong form, no surrogate (U+D800..U+DFFF) and
// nothing above U+10FFFF: exactly the set nlohmann::json accepts when it dumps strictly
// (tests/audit/utf8_test.cc compares the two).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "core/status.h"

namespace docket {

// Length of the well-formed UTF-8 sequence starting at p (a byte >= 0x80, p < end), or 0
// when it is not one.
inline std::size_t Utf8SequenceLength(const unsigned char* p, const unsigned char* end) {
  const auto cont = [&](std::size_t k) { return p + k < end && (p[k] & 0xC0) == 0x80; };
  const unsigned char c = p[0];
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (c == 0xED && p[1] > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;  // overlong
    if (c == 0xF4 && p[1] > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// Whether all of `s` is well-formed UTF-8.
inline bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    // Eight ASCII bytes at a time.
    for (std::uint64_t word; end - p >= 8; p += 8) {
      std::memcpy(&word, p, sizeof word);
      if ((word & 0x8080808080808080ULL) != 0) break;
    }
    if (p == end) break;
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const std::size_t n = Utf8SequenceLength(p, end);
    if (n == 0) return false;
    p += n;
  }
  return true;
}

// A place in a text: 1-based line and column (the column counts characters, as an editor
// does), and the byte offset.
struct TextPlace {
  std::size_t line = 1;
  std::size_t column = 1;
  std::size_t offset = 0;
};

// Where the first byte of `s` that is not well-formed UTF-8 lies; nullopt when all is.
std::optional<TextPlace> FirstInvalidUtf8(std::string_view s);

// What is wrong at a byte that is not well-formed UTF-8 (the place is said by the caller).
Msg NotUtf8(unsigned char byte);

// Invalid, naming `where` (a file, "standard input", an option) with the line and column of
// the first bad byte, when `s` is not well-formed UTF-8; ok otherwise.
Status CheckUtf8Text(std::string_view s, const Msg& where);

}  // namespace docket
