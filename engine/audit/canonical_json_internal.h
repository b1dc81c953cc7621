// Internals of the canonical JSON writer and reader (canonical_json_write.cc,
// canonical_json_read.cc), shared with the export's line writers (export_format.cc, and
// store/audit_scan_sqlite.cc, which writes rows straight into lines); not an interface
// beyond those.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

#include "core/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace docket::audit_json {

#if defined(__SSE2__)
// A bit for each of the 16 bytes at `p` that a JSON string cannot hold as is or that is
// >= 0x80. Signed compare: bytes >= 0x80 are negative, so "< 0x20" also flags them.
inline unsigned SpecialBytes(const unsigned char* p) {
  const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i special = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('"')), _mm_cmpeq_epi8(b, _mm_set1_epi8('\\'))),
      _mm_cmplt_epi8(b, _mm_set1_epi8(0x20)));
  return static_cast<unsigned>(_mm_movemask_epi8(special));
}
#endif

// The first byte in [p, end) that a JSON string cannot hold as is — '"', '\\', a control
// character below 0x20 — or that starts a multi-byte UTF-8 sequence (>= 0x80); `end` if none.
// Sixteen bytes at a time where SSE2 is there (every x86-64).
inline const unsigned char* SkipPlainAscii(const unsigned char* p, const unsigned char* end) {
#if defined(__SSE2__)
  for (; end - p >= 16; p += 16) {
    if (const unsigned mask = SpecialBytes(p)) return p + __builtin_ctz(mask);
  }
  // The last bytes (most texts of an entry are shorter than 16), in a block padded with a
  // plain byte: one look instead of a loop.
  if (p == end) return p;
  unsigned char block[16];
  std::memset(block, 'a', sizeof block);
  std::memcpy(block, p, static_cast<std::size_t>(end - p));
  const unsigned mask = SpecialBytes(block);
  return mask != 0 ? p + __builtin_ctz(mask) : end;
#else
  while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') ++p;
  return p;
#endif
}

// The escape of a byte below 0x20, '"' or '\', or nullptr when it is written as is.
inline const char* EscapeOf(unsigned char c) {
  switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: return nullptr;
  }
}

// Writes into memory that has room for what is written (the caller makes sure, from a
// bound such as JsonStringBound): no checks, no growth. Has the two members of std::string
// that the writers below use.
struct RawOut {
  char* p;
  void append(const char* s, std::size_t n) {
    if (n == 0) return;  // `s` may then be null (an empty SQLite text), which memcpy must not see
    std::memcpy(p, s, n);
    p += n;
  }
  void push_back(char c) { *p++ = c; }
};

// The most bytes WriteJsonString writes for `bytes` bytes of text.
constexpr std::size_t JsonStringBound(std::size_t bytes) { return 6 * bytes + 2; }

// Writes `s` as a JSON string — UTF-8 unescaped, `"` `\` and controls escaped — to `out`
// (a std::string or a RawOut) and returns true; false when `s` is not valid UTF-8, with a
// part written (the caller drops it and writes `s` another way).
template <typename Out>
bool WriteJsonString(std::string_view s, Out& out) {
  out.push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  const auto* run = p;  // start of the bytes not yet copied
  while (true) {
    p = SkipPlainAscii(p, end);
    if (p == end) break;
    const unsigned char c = *p;
    if (c >= 0x80) {
      const std::size_t n = Utf8SequenceLength(p, end);
      if (n == 0) return false;
      p += n;
      continue;
    }
    out.append(reinterpret_cast<const char*>(run), p - run);
    if (const char* esc = EscapeOf(c)) {
      out.append(esc, 2);
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out.append(u, 6);
    }
    run = ++p;
  }
  out.append(reinterpret_cast<const char*>(run), end - run);
  out.push_back('"');
  return true;
}

// Appends a string literal without measuring it at run time.
template <std::size_t N>
inline void AppendLiteral(std::string* out, const char (&text)[N]) {
  out->append(text, N - 1);
}
template <std::size_t N>
inline void AppendLiteral(RawOut* out, const char (&text)[N]) {
  out->append(text, N - 1);
}

}  // namespace docket::audit_json
