#include "core/utf8.h"

#include <cstdio>

namespace docket {

std::optional<TextPlace> FirstInvalidUtf8(std::string_view s) {
  const auto* begin = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = begin + s.size();
  TextPlace at;
  for (const unsigned char* p = begin; p < end;) {
    std::size_t n = 1;
    if (*p >= 0x80) {
      n = Utf8SequenceLength(p, end);
      if (n == 0) {
        at.offset = static_cast<std::size_t>(p - begin);
        return at;
      }
    }
    if (*p == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
    p += n;
  }
  return std::nullopt;
}

Msg NotUtf8(unsigned char byte) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", byte);
  return Msg("the text is not valid UTF-8 (byte {byte}); save it as UTF-8", {{"byte", std::string(hex)}});
}

Status CheckUtf8Text(std::string_view s, const Msg& where) {
  const auto bad = FirstInvalidUtf8(s);
  if (!bad) return Status::Ok();
  const Msg place = Msg::Join({where, Msg::Literal(std::to_string(bad->line)), Msg::Literal(std::to_string(bad->column))}, ":");
  return Status::Invalid(Msg::Join({place, NotUtf8(static_cast<unsigned char>(s[bad->offset]))}, ": "));
}

}  // namespace docket
