// `--set FIELD=VALUE` as `item create` and `item act` take it (cli.h, ParseSetOptions).
//
// A value may be too long for the command line (Linux caps one argument near 128 KiB), so
// it can come from a file or from standard input instead:
//   FIELD=@PATH   the contents of the file PATH
//   FIELD=@-      everything on standard input (once per command)
//   FIELD=@@TEXT  the text "@TEXT": a doubled leading @ stands for one
// The trailing line breaks of a file or of standard input are dropped, as the shell's
// "$(cat PATH)" does. Nothing is opened or written before every --set has been read.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace docket::cli {
namespace {

// Far above any minutes text (a 1 MB text goes in), below what would stall the action.
constexpr std::size_t kMaxSetInput = 16u << 20;

// The whole of `f`; on failure the reason (strerror) in *why and nullopt.
std::optional<std::string> ReadAll(std::FILE* f, Msg* why) {
  std::string text;
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    text.append(buf, n);
    if (text.size() > kMaxSetInput) {
      *why = Msg("longer than {n} MiB", {{"n", kMaxSetInput >> 20}});
      return std::nullopt;
    }
  }
  if (std::ferror(f)) {
    *why = Msg::Literal(std::strerror(errno));
    return std::nullopt;
  }
  return text;
}

void DropTrailingLineBreaks(std::string* s) {
  while (!s->empty() && (s->back() == '\n' || s->back() == '\r')) s->pop_back();
}

}  // namespace

Result<FieldTexts> ParseSetOptions(const std::vector<std::string>& sets, std::FILE* stdin_file) {
  FieldTexts out;
  std::string stdin_field;  // the field that took standard input, once it has
  for (const auto& s : sets) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::Invalid(Msg("--set '{text}': expected FIELD=VALUE (or FIELD=@PATH, FIELD=@-)", {{"text", s}}));
    }
    std::string field = s.substr(0, eq), value = s.substr(eq + 1);
    if (value.rfind("@@", 0) == 0) {
      value.erase(0, 1);
    } else if (value == "@-") {
      if (!stdin_field.empty()) {
        return Status::Invalid(Msg("--set {field}=@-: standard input was already read for field '{other}'; give the other fields from files (FIELD=@PATH)",
                                   {{"field", field}, {"other", stdin_field}}));
      }
      stdin_field = field;
      Msg why;
      auto text = ReadAll(stdin_file, &why);
      if (!text) {
        return Status::Invalid(Msg("--set {field}=@-: cannot read field '{field}' from standard input: {why}", {{"field", field}, {"why", why}}));
      }
      value = std::move(*text);
      DropTrailingLineBreaks(&value);
    } else if (value.rfind('@', 0) == 0) {
      const std::string path = value.substr(1);
      auto cannot = [&](Msg why) {
        return Status::Invalid(Msg("--set {field}=@{path}: cannot read field '{field}' from '{path}': {why}",
                                   {{"field", field}, {"path", path}, {"why", std::move(why)}}));
      };
      if (path.empty()) return cannot(Msg("no path after @ (write @@ for a literal @)"));
      std::error_code ec;
      if (std::filesystem::is_directory(path, ec)) return cannot(Msg("it is a folder"));
      std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
      if (!f) return cannot(Msg::Literal(std::strerror(errno)));
      Msg why;
      auto text = ReadAll(f.get(), &why);
      if (!text) return cannot(why);
      value = std::move(*text);
      DropTrailingLineBreaks(&value);
    }
    out.emplace_back(std::move(field), std::move(value));
  }
  return out;
}

}  // namespace docket::cli
