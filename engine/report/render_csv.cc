// A ReportDoc as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs
// read the Chinese text): the rows of report/sheet.h, one line each — the front matter as
// key,value lines, then one block per table (a line naming the section and the table's
// caption, the header, the rows) after a blank line. The XLSX has the same rows.
//
// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with
// `=`, `+`, `-` or `@` (or a tab or carriage return in front of one) as a formula, and any
// cell may hold text a person typed (a title, an organization's name). Such a cell is
// written with a single quote in front, so the spreadsheet shows it as text. A plain number
// (`-12`, `-3.5`, `-40%`) is left as it is: it can run nothing, and a negative count must
// stay a number. The rule applies to every cell this file writes, front matter included.
#include "report/doc.h"
#include "report/sheet.h"

#include <string_view>

namespace docket {
namespace {

// `-`, digits, at most one `.` followed by digits, an optional `%`: nothing a spreadsheet runs.
bool PlainNegativeNumber(std::string_view s) {
  if (s.size() < 2 || s[0] != '-') return false;
  s.remove_prefix(1);
  if (s.back() == '%') s.remove_suffix(1);
  const auto dot = s.find('.');
  auto digits = [](std::string_view d) {
    return !d.empty() && d.find_first_not_of("0123456789") == std::string_view::npos;
  };
  return dot == std::string_view::npos ? digits(s) : digits(s.substr(0, dot)) && digits(s.substr(dot + 1));
}

}  // namespace

std::string NeutralizeCsvFormula(const std::string& s) {
  if (s.empty()) return s;
  switch (s[0]) {
    case '=': case '+': case '@': case '\t': case '\r':
      return "'" + s;
    case '-':
      return PlainNegativeNumber(s) ? s : "'" + s;
    default:
      return s;
  }
}

namespace {

std::string Field(const std::string& cell) {
  const std::string s = NeutralizeCsvFormula(cell);
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Line(const SheetRow& row) {
  std::string out;
  for (std::size_t i = 0; i < row.cells.size(); ++i) out += (i ? "," : "") + Field(row.cells[i].text);
  return out + "\r\n";
}

}  // namespace

std::string RenderCsv(const ReportDoc& doc, Lang lang) {
  std::string out = "\xEF\xBB\xBF";
  for (const SheetRow& row : ReportSheet(doc, lang)) out += Line(row);
  return out;
}

}  // namespace docket
