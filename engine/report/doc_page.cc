// The frame every printable document shares (doc_page.h).
#include "report/doc_page.h"

#include "core/catalog.h"
#include "report/doc.h"

namespace docket {
namespace {

constexpr const char* kDocStyle = R"(@page { size: A4; margin: 25mm 20mm 20mm 25mm; }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 12pt; line-height: 1.6; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 165mm; }
h1 { font-size: 20pt; text-align: center; margin: 0 0 4pt; letter-spacing: 0.05em; }
p.issuer { text-align: center; margin: 0 0 14pt; font-family: "Noto Sans CJK SC", sans-serif; font-size: 11pt; }
h2 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 13pt; margin: 14pt 0 6pt; break-after: avoid; page-break-after: avoid; }
h3 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 12pt; margin: 10pt 0 4pt; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 10pt; }
th, td { border: 0.5pt solid #000; padding: 3pt 5pt; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { font-family: "Noto Sans CJK SC", sans-serif; font-weight: bold; white-space: nowrap; }
table.fields th { width: 24%; }
table.signin td { height: 11mm; }
table.steps { font-size: 10pt; }
table.steps td:first-child, table.steps td:nth-child(2) { white-space: nowrap; }
td.n, th.n { text-align: center; width: 10mm; }
td.sign { width: 40%; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
section.topic, section.task, section.entry { break-inside: avoid-page; }
p.note { font-size: 10pt; color: #333; }
p.draft { font-weight: bold; border: 1pt solid #000; padding: 3pt 6pt; }
p.closing { margin-top: 18pt; }
p.source { margin-top: 18pt; font-size: 8.5pt; color: #555; border-top: 0.5pt solid #999; padding-top: 3pt; }
@media screen { body { padding: 10mm 0; } }
)";

}  // namespace

const std::string& DocStylesheet() {
  static const std::string kText = kDocStyle;
  return kText;
}

std::string DocEsc(const std::string& s) { return HtmlEscape(s); }

std::string DocLines(const std::string& s) {
  std::string out = DocEsc(s);
  for (std::size_t at = 0; (at = out.find('\n', at)) != std::string::npos; at += 5) out.replace(at, 1, "<br>\n");
  return out;
}

std::string DocPage::W(const Msg& msg) const { return Text(msg, lang_); }

std::string DocPage::L(const Labels& l, const std::string& fallback) const { return l.Get(lang_, fallback); }

std::string DocPage::Name(const DocPerson& p) const { return p.name.Get(lang_, p.id); }

std::string DocPage::Names(const std::vector<DocPerson>& people) const {
  if (people.empty()) return W(Msg::In("document", "(none)"));
  std::string out;
  for (const auto& p : people) out += (out.empty() ? "" : Sep()) + Name(p);
  return out;
}

std::string DocPage::Sep() const { return lang_ == Lang::kZh ? "、" : ", "; }

std::string DocPage::Date(const std::string& iso) const {
  if (lang_ != Lang::kZh || iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return iso;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (iso[i] < '0' || iso[i] > '9') return iso;
  }
  auto num = [&](std::size_t at) { return iso[at] == '0' ? iso.substr(at + 1, 1) : iso.substr(at, 2); };
  return iso.substr(0, 4) + "年" + num(5) + "月" + num(8) + "日";
}

std::string DocPage::Time(const std::string& local) const {
  if (local.size() < 16) return local.empty() ? W(Msg::In("document", "not recorded")) : local;
  return Date(local.substr(0, 10)) + " " + local.substr(11, 5);
}

void DocPage::Row(const std::string& th, const std::string& td_html) {
  rows_ += "<tr><th>" + DocEsc(th) + "</th><td>" + td_html + "</td></tr>\n";
}

void DocPage::FieldsTable() {
  out_ += "<table class=\"fields\">\n<tbody>\n" + rows_ + "</tbody>\n</table>\n";
  rows_.clear();
}

std::string DocPage::Open(const std::string& title, const std::string& issuer, const std::string& date,
                          const DocStyle& style) const {
  std::string head = std::string("<!DOCTYPE html>\n<html lang=\"") + (lang_ == Lang::kZh ? "zh-CN" : "en") +
                     "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + DocEsc(title) + "</title>\n";
  head += style.href ? "<link rel=\"stylesheet\" href=\"" + DocEsc(*style.href) + "\">\n"
                     : "<style>\n" + std::string(kDocStyle) + "</style>\n";
  return head + "</head>\n<body>\n<main>\n<h1>" + DocEsc(title) + "</h1>\n<p class=\"issuer\">" + DocEsc(issuer) + "　" +
         DocEsc(Date(date)) + "</p>\n";
}

std::string DocPage::Close(const std::string& source) const {
  return "</main>\n<footer>\n<p class=\"source\">" + DocEsc(source) + "</p>\n</footer>\n</body>\n</html>\n";
}

}  // namespace docket
