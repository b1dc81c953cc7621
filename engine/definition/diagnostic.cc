#include "definition/diagnostic.h"

#include <algorithm>

#include "core/catalog.h"

namespace docket {

Diagnostic Diagnostic::Make(std::string file, SourcePos pos, Severity severity, Msg msg) {
  Diagnostic d;
  d.file = std::move(file);
  d.line = pos.line;
  d.column = pos.column;
  d.severity = severity;
  d.message = msg.English();
  d.msg = std::move(msg);
  return d;
}

std::string Place(const std::string& file, SourcePos pos) {
  std::string out = file.empty() ? "<input>" : file;
  if (pos.line > 0) {
    out.append(":").append(std::to_string(pos.line));
    if (pos.column > 0) out.append(":").append(std::to_string(pos.column));
  }
  return out;
}

std::string Diagnostic::Where() const { return Place(file, {line, column}); }

Msg Diagnostic::What() const { return msg.empty() ? Msg::Literal(message) : msg; }

std::string Diagnostic::Format(Lang lang) const {
  const Msg::Arg where("where", Where()), what("message", What());
  return Text(severity == Severity::kError ? Msg("{where}: error: {message}", {where, what})
                                           : Msg("{where}: warning: {message}", {where, what}),
              lang);
}

bool HasErrors(const std::vector<Diagnostic>& diags) {
  return std::any_of(diags.begin(), diags.end(),
                     [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::kError; });
}

Msg FormatErrors(const std::vector<Diagnostic>& diags) {
  std::vector<Msg> lines;
  for (const auto& d : diags) {
    if (d.severity == Diagnostic::Severity::kError) lines.push_back(Msg::Join({Msg::Literal(d.Where()), d.What()}, ": "));
  }
  return Msg::Join(std::move(lines), "\n");
}

}  // namespace docket
