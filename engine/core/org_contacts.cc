// IsEmailAddress and IsWebhookUrl (core/org.h): the addresses an organization file may give.
#include <string_view>

#include "core/org.h"

namespace docket {
namespace {

bool Printable(char c) { return c > 0x20 && c < 0x7f; }

}  // namespace

bool IsEmailAddress(std::string_view text) {
  if (text.empty() || text.size() > 254) return false;
  const std::size_t at = text.find('@');
  if (at == 0 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : text) {
    if (!Printable(c) || c == '"' || c == '<' || c == '>' || c == ',' || c == '(' || c == ')' || c == ';' || c == '\\') return false;
  }
  const std::string_view domain = text.substr(at + 1);
  std::size_t label = 0;
  for (char c : domain) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
    ++label;
  }
  return label > 0;
}

bool IsWebhookUrl(std::string_view text) {
  if (text.size() > 2048) return false;
  std::string_view rest;
  for (std::string_view scheme : {"https://", "http://"}) {
    if (text.substr(0, scheme.size()) == scheme) rest = text.substr(scheme.size());
  }
  if (rest.empty() || rest[0] == '/' || rest[0] == ':' || rest[0] == '?' || rest[0] == '@') return false;
  for (char c : text) {
    if (!Printable(c) || c == '"' || c == '<' || c == '>' || c == '\\') return false;
  }
  return true;
}

}  // namespace docket
