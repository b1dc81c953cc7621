// Internals shared by audit_json_write.cc and audit_json_read.cc; not an interface.
#pragma once

#include <cstddef>

namespace docket::audit_json {

// Length of the well-formed UTF-8 sequence starting at p (a byte >= 0x80, p < end), or 0
// when it is not one: overlong forms, surrogates and code points above U+10FFFF are not
// (the same set nlohmann::json accepts).
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

}  // namespace docket::audit_json
