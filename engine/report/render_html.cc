// A ReportDoc as one self-contained HTML page that prints cleanly on A4 with Chinese text:
// @page A4, a CJK font stack, table rows that do not split across pages, table headers
// repeated on each page, headings kept with what follows. No scripts, no external files.
#include "report/doc.h"

namespace docket {

std::string HtmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

constexpr const char* kStyle = R"(@page { size: A4; margin: 18mm 15mm; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 10.5pt; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 180mm; }
h1 { font-size: 16pt; margin: 0 0 6pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 6pt; break-after: avoid; page-break-after: avoid; }
ul.meta { margin: 0 0 8pt; padding-left: 0; list-style: none; }
p.note { font-size: 9pt; color: #333; border-left: 2pt solid #999; padding-left: 6pt; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 10pt; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 2pt 0; }
th, td { border: 0.5pt solid #555; padding: 2pt 4pt; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
th.n, td.n { text-align: right; white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.total td { font-weight: bold; }
p.empty { color: #555; }
code { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 8.5pt; overflow-wrap: anywhere; }
)";

std::string Esc(const std::string& s) { return HtmlEscape(s); }

std::string ListItem(const std::string& word, const std::string& value) {
  return "<li><strong>" + Esc(word) + "</strong> " + value + "</li>\n";
}

}  // namespace

std::string RenderHtml(const ReportDoc& doc, Lang lang) {
  const bool zh = lang == Lang::kZh;
  const std::string title = doc.labels.Get(lang, doc.report) + " — " + doc.org_name.Get(lang, doc.org);
  std::string out = std::string("<!DOCTYPE html>\n<html lang=\"") + (zh ? "zh-CN" : "en") + "\">\n<head>\n" +
                    "<meta charset=\"utf-8\">\n<title>" + Esc(title) + "</title>\n<style>\n" + kStyle +
                    "</style>\n</head>\n<body>\n<h1>" + Esc(title) + "</h1>\n<ul class=\"meta\">\n";
  out += ListItem(ReportWord("org", lang), Esc(doc.org_name.Get(lang, doc.org)) + " (<code>" + Esc(doc.org) + "</code>)");
  out += ListItem(ReportWord("term", lang), Esc(doc.term_labels.Get(lang, doc.term)) + " (<code>" + Esc(doc.term) + "</code>, " +
                                            Esc(ReportDates(doc, lang)) + ")");
  out += ListItem(ReportWord("generated_at", lang), Esc(doc.generated_at));
  out += ListItem(ReportWord("definition", lang), Esc(doc.report) + " v" + std::to_string(doc.version) + " (sha256 <code>" +
                                                  Esc(doc.definition_hash.substr(0, 16)) + "</code>)");
  out += "</ul>\n<p class=\"note\">" + Esc(ReportWord("derived", lang)) + "</p>\n";
  int n = 0;
  for (const auto& s : doc.sections) {
    out += "<section id=\"" + Esc(s.id) + "\">\n<h2>" + std::to_string(++n) + ". " + Esc(s.labels.Get(lang, s.id)) + "</h2>\n";
    for (const auto& t : s.tables) {
      const bool captioned = !t.labels.zh.empty() || !t.labels.en.empty();
      if (t.rows.empty()) {
        if (captioned) out += "<p><strong>" + Esc(t.labels.Get(lang, t.id)) + "</strong></p>\n";
        const std::string empty = t.empty.zh.empty() && t.empty.en.empty() ? ReportWord("none", lang) : t.empty.Get(lang, "");
        out += "<p class=\"empty\">" + Esc(empty) + "</p>\n";
        continue;
      }
      out += "<table>\n";
      if (captioned) out += "<caption>" + Esc(t.labels.Get(lang, t.id)) + "</caption>\n";
      out += "<thead><tr>";
      for (const auto& c : t.columns) out += std::string(c.number ? "<th class=\"n\">" : "<th>") + Esc(c.labels.Get(lang, c.id)) + "</th>";
      out += "</tr></thead>\n<tbody>\n";
      for (std::size_t r = 0; r < t.rows.size(); ++r) {
        out += t.total && r + 1 == t.rows.size() ? "<tr class=\"total\">" : "<tr>";
        for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
          const bool number = c < t.columns.size() && t.columns[c].number;
          out += std::string(number ? "<td class=\"n\">" : "<td>") + Esc(t.rows[r][c].Text(lang)) + "</td>";
        }
        out += "</tr>\n";
      }
      out += "</tbody>\n</table>\n";
    }
    out += "</section>\n";
  }
  return out + "</body>\n</html>\n";
}

}  // namespace docket
