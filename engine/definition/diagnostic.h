// Diagnostic: one problem found in a YAML file, with where it is.
//
// The message is a Msg (core/message.h), rendered in the reader's language where it is
// shown; `message` keeps its English. Invariant: `message == msg.English()` whenever `msg`
// is set (Make sets both); a Diagnostic written by hand with only `message` shows it as is.
#pragma once

#include <string>
#include <vector>

#include "core/definition.h"
#include "core/message.h"

namespace docket {

struct Diagnostic {
  enum class Severity { kError, kWarning };
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
  Severity severity = Severity::kError;
  std::string message;  // the English of msg
  Msg msg{};  // empty in a Diagnostic written by hand: `message` is shown as written

  static Diagnostic Make(std::string file, SourcePos pos, Severity severity, Msg msg);

  // Place(file, {line, column}).
  std::string Where() const;
  // The message: msg, or `message` as written when msg is empty.
  Msg What() const;
  // "FILE:LINE:COL: error: message" (or "warning:"), in English; Format(lang) in `lang`
  // ("FILE:LINE:COL: 错误：…", "警告：").
  std::string Format() const { return Format(Lang::kEn); }
  std::string Format(Lang lang) const;
};

// "FILE:LINE:COL" ("FILE:LINE", "FILE"; "<input>" without a file name): where a problem is.
std::string Place(const std::string& file, SourcePos pos);

bool HasErrors(const std::vector<Diagnostic>& diags);
// The errors among `diags` (not the warnings), one "FILE:LINE:COL: message" per line, without
// the word "error": what a Status carries, which its reader already sees as an error.
Msg FormatErrors(const std::vector<Diagnostic>& diags);

}  // namespace docket
