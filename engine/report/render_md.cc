// A ReportDoc as Markdown: the front matter as a list, each section a heading, each table a
// pipe table (numbers right-aligned), in one language.
#include "report/doc.h"

#include "core/catalog.h"

namespace docket {
namespace {

std::string Cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// "- Word: value", the colon in `lang`.
std::string Entry(const std::string& word, const std::string& value, Lang lang) {
  return "- " + Text(Msg("{label}: {value}", {{"label", word}, {"value", value}}), lang) + "\n";
}

}  // namespace

std::string RenderMarkdown(const ReportDoc& doc, Lang lang) {
  std::string out = "# " + doc.labels.Get(lang, doc.report) + " — " + doc.org_name.Get(lang, doc.org) + "\n\n";
  out += Entry(ReportWord("org", lang), doc.org_name.Get(lang, doc.org) + " (" + doc.org + ")", lang);
  out += Entry(ReportWord("term", lang), doc.term_labels.Get(lang, doc.term) + " (" + doc.term + ", " + ReportDates(doc, lang) + ")", lang);
  out += Entry(ReportWord("generated_at", lang), doc.generated_at, lang);
  out += Entry(ReportWord("definition", lang),
               doc.report + " v" + std::to_string(doc.version) + " (sha256 " + doc.definition_hash.substr(0, 16) + ")", lang);
  out += "\n";
  out += std::string("> ") + ReportWord("derived", lang) + "\n";
  int n = 0;
  for (const auto& s : doc.sections) {
    out += "\n## " + std::to_string(++n) + ". " + s.labels.Get(lang, s.id) + "\n";
    for (const auto& t : s.tables) {
      out += "\n";
      if (!t.labels.zh.empty() || !t.labels.en.empty()) out += "**" + Cell(t.labels.Get(lang, t.id)) + "**\n\n";
      if (t.rows.empty()) {
        out += (t.empty.zh.empty() && t.empty.en.empty() ? std::string(ReportWord("none", lang)) : t.empty.Get(lang, "")) + "\n";
        continue;
      }
      std::string head = "|", rule = "|";
      for (const auto& c : t.columns) {
        head += " " + Cell(c.labels.Get(lang, c.id)) + " |";
        rule += c.number ? " ---: |" : " --- |";
      }
      out += head + "\n" + rule + "\n";
      for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const bool total = t.total && r + 1 == t.rows.size();
        std::string line = "|";
        for (const auto& cell : t.rows[r]) {
          std::string text = Cell(cell.Text(lang));
          if (total && !text.empty()) text = "**" + text + "**";
          line += " " + text + " |";
        }
        out += line + "\n";
      }
    }
  }
  return out;
}

}  // namespace docket
