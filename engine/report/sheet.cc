#include "report/sheet.h"

namespace docket {
namespace {

SheetRow TextRow(SheetRow::Kind kind, const std::vector<std::string>& texts) {
  SheetRow row{kind, {}};
  for (const auto& t : texts) row.cells.push_back({t, std::nullopt});
  return row;
}

// An integer that shows as itself is a number; a labelled one (an item "#10", a rate) is text.
SheetCell CellOf(const ReportCell& c, Lang lang) {
  if (c.value.is_null() && c.shown.zh.empty() && c.shown.en.empty()) return {"", std::nullopt};
  SheetCell out{c.Text(lang), std::nullopt};
  if (c.value.is_int() && c.shown.zh.empty() && c.shown.en.empty()) out.number = c.value.as_int();
  return out;
}

}  // namespace

std::vector<SheetRow> ReportSheet(const ReportDoc& doc, Lang lang) {
  using Kind = SheetRow::Kind;
  std::vector<SheetRow> rows;
  rows.push_back(TextRow(Kind::kTitle, {doc.labels.Get(lang, doc.report), doc.org_name.Get(lang, doc.org)}));
  rows.push_back(TextRow(Kind::kFront, {ReportWord("org", lang), doc.org}));
  rows.push_back(TextRow(Kind::kFront, {ReportWord("term", lang), doc.term, doc.term_start, doc.term_end}));
  rows.push_back(TextRow(Kind::kFront, {ReportWord("generated_at", lang), doc.generated_at}));
  rows.push_back(TextRow(Kind::kFront, {ReportWord("definition", lang), doc.report + " v" + std::to_string(doc.version),
                                        doc.definition_hash}));
  int n = 0;
  for (const auto& s : doc.sections) {
    ++n;
    for (const auto& t : s.tables) {
      rows.push_back({Kind::kBlank, {}});
      std::vector<std::string> title{std::to_string(n) + ". " + s.labels.Get(lang, s.id)};
      if (!t.labels.zh.empty() || !t.labels.en.empty()) title.push_back(t.labels.Get(lang, t.id));
      rows.push_back(TextRow(Kind::kCaption, title));
      std::vector<std::string> head;
      for (const auto& c : t.columns) head.push_back(c.labels.Get(lang, c.id));
      rows.push_back(TextRow(Kind::kHeader, head));
      for (std::size_t r = 0; r < t.rows.size(); ++r) {
        SheetRow row{t.total && r + 1 == t.rows.size() ? Kind::kTotal : Kind::kBody, {}};
        for (const auto& c : t.rows[r]) row.cells.push_back(CellOf(c, lang));
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

}  // namespace docket
