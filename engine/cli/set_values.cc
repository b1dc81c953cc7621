// `--set FIELD=VALUE` as `item create` and `item act` take it (cli.h, ParseSetOptions).
//
// A value may be too long for the command line (Linux caps one argument near 128 KiB), so
// it can come from a file or from standard input instead:
//   FIELD=@PATH   the contents of the file PATH
//   FIELD=@-      everything on standard input (once per command)
//   FIELD=@@TEXT  the text "@TEXT": a doubled leading @ stands for one
// The trailing line breaks of a file or of standard input are dropped, as the shell's
// "$(cat PATH)" does. Files and standard input are read through Env (core/env.h), bounded
// as they are read. A value that is not UTF-8 is refused with where its first bad byte is.
// Nothing is opened or written before every --set has been read.
#include <string>
#include <vector>

#include "cli/cli.h"
#include "core/env.h"
#include "core/utf8.h"

namespace docket::cli {
namespace {

// Far above any minutes text (a 1 MB text goes in), below what would stall the action.
constexpr std::size_t kMaxSetInput = 16u << 20;

void DropTrailingLineBreaks(std::string* s) {
  while (!s->empty() && (s->back() == '\n' || s->back() == '\r')) s->pop_back();
}

}  // namespace

Result<FieldTexts> ParseSetOptions(const std::vector<std::string>& sets, Env& env) {
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
      DOCKET_RETURN_IF_ERROR(CheckUtf8Text(value, Msg::Literal("--set " + field)));
    } else if (value == "@-") {
      if (!stdin_field.empty()) {
        return Status::Invalid(Msg("--set {field}=@-: standard input was already read for field '{other}'; give the other fields from files (FIELD=@PATH)",
                                   {{"field", field}, {"other", stdin_field}}));
      }
      stdin_field = field;
      auto text = env.ReadStandardInput(kMaxSetInput);
      if (!text.ok()) {
        return Status::Invalid(Msg("--set field '{field}': {why}", {{"field", field}, {"why", text.status().msg()}}));
      }
      value = std::move(text).value();
      DOCKET_RETURN_IF_ERROR(CheckUtf8Text(value, Msg("standard input")));
      DropTrailingLineBreaks(&value);
    } else if (value.rfind('@', 0) == 0) {
      const std::string path = value.substr(1);
      if (path.empty()) {
        return Status::Invalid(Msg("--set {field}=@: no path after @ (write @@ for a literal @)", {{"field", field}}));
      }
      auto text = env.ReadFile(path, kMaxSetInput);
      if (!text.ok()) {
        return Status::Invalid(Msg("--set field '{field}': {why}", {{"field", field}, {"why", text.status().msg()}}));
      }
      value = std::move(text).value();
      DOCKET_RETURN_IF_ERROR(CheckUtf8Text(value, Msg::Literal(path)));
      DropTrailingLineBreaks(&value);
    } else {
      DOCKET_RETURN_IF_ERROR(CheckUtf8Text(value, Msg::Literal("--set " + field)));
    }
    out.emplace_back(std::move(field), std::move(value));
  }
  return out;
}

}  // namespace docket::cli
