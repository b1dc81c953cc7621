// A ReportDoc as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs
// read the Chinese text): the front matter as key,value lines, then one block per table —
// a line naming the section (and the table's caption), the header, the rows — separated by
// blank lines.
//
// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with
// `=`, `+`, `-` or `@` (or a tab or carriage return in front of one) as a formula, and any
// cell may hold text a person typed (a title, an organization's name). Such a cell is
// written with a single quote in front, so the spreadsheet shows it as text. A plain number
// (`-12`, `-3.5`, `-40%`) is left as it is: it can run nothing, and a negative count must
// stay a number. The rule applies to every cell this file writes, front matter included.
#include "report/doc.h"

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

std::string Line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + Field(fields[i]);
  return out + "\r\n";
}

}  // namespace

std::string RenderCsv(const ReportDoc& doc, Lang lang) {
  std::string out = "\xEF\xBB\xBF";
  out += Line({doc.labels.Get(lang, doc.report), doc.org_name.Get(lang, doc.org)});
  out += Line({ReportWord("org", lang), doc.org});
  out += Line({ReportWord("term", lang), doc.term, doc.term_start, doc.term_end});
  out += Line({ReportWord("generated_at", lang), doc.generated_at});
  out += Line({ReportWord("definition", lang), doc.report + " v" + std::to_string(doc.version), doc.definition_hash});
  int n = 0;
  for (const auto& s : doc.sections) {
    ++n;
    for (const auto& t : s.tables) {
      out += "\r\n";
      std::vector<std::string> title{std::to_string(n) + ". " + s.labels.Get(lang, s.id)};
      if (!t.labels.zh.empty() || !t.labels.en.empty()) title.push_back(t.labels.Get(lang, t.id));
      out += Line(title);
      std::vector<std::string> head;
      for (const auto& c : t.columns) head.push_back(c.labels.Get(lang, c.id));
      out += Line(head);
      for (const auto& r : t.rows) {
        std::vector<std::string> cells;
        for (const auto& c : r) cells.push_back(c.value.is_null() && c.shown.zh.empty() && c.shown.en.empty() ? "" : c.Text(lang));
        out += Line(cells);
      }
    }
  }
  return out;
}

}  // namespace docket
