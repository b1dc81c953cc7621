// MatterListFromCsv and MatterListToCsv (config_csv.h): the CSV becomes the text of a table
// file, each line remembering the row it came from, and goes through ParseTableFile.
#include <map>

#include "definition/config_csv.h"
#include "definition/config_csv_internal.h"

namespace docket {
namespace {

const std::vector<csv_detail::Column>& MatterListColumns() {
  static const std::vector<csv_detail::Column> kColumns = {
      {"category", "类别", true},
      {"body", "决定机构", true},
      {"name", "名称", false},
  };
  return kColumns;
}

}  // namespace

TableFile MatterListFromCsv(std::string_view csv_text, const std::string& file, const CategoryNames& categories,
                            std::vector<Diagnostic>* diags) {
  using csv_detail::Quoted;
  using csv_detail::Trimmed;
  std::vector<CsvRow> rows = ParseCsv(csv_text, file, diags);
  if (HasErrors(*diags)) return {};
  if (rows.empty()) {
    csv_detail::Error(diags, file, SourcePos{1, 0},
                      Msg("the file is empty; a decision-matter list has a header row and one row per category"));
    return {};
  }
  const auto cols = csv_detail::FindColumns(rows.front(), MatterListColumns(), file, diags);
  if (HasErrors(*diags)) return {};
  const std::size_t category = cols.at("category");
  const std::size_t body = cols.at("body");
  csv_detail::MappedYaml y;
  y.Line(0, "table: " + Quoted(kDecisionMatterTable));
  y.Line(0, "entries:", SourcePos{rows.front().line, static_cast<int>(category) + 1});
  std::map<std::string, int> first_line;
  for (std::size_t n = 1; n < rows.size(); ++n) {
    const CsvRow& row = rows[n];
    std::string key = Trimmed(row.cells[category]);
    for (const auto& [id, labels] : categories) {
      if (key == labels.zh || key == labels.en) key = id;
    }
    const SourcePos key_at{row.lines[category], static_cast<int>(category) + 1};
    auto [seen, first] = first_line.emplace(key, row.line);
    if (!first) {
      csv_detail::Error(diags, file, key_at, Msg("category '{category}' is listed twice (first at line {line})",
                                                 {{"category", key}, {"line", seen->second}}));
      continue;
    }
    // The key's line for a bad key, the value's for a bad body.
    y.Line(2, Quoted(key) + ":", key_at);
    y.Line(4, Quoted(Trimmed(row.cells[body])), SourcePos{row.lines[body], static_cast<int>(body) + 1});
  }
  if (HasErrors(*diags)) return {};
  std::vector<Diagnostic> yaml_diags;
  TableFile parsed = ParseTableFile(y.text(), file, &yaml_diags);
  y.MapBack(yaml_diags, file, diags);
  return parsed;
}

std::string MatterListToCsv(const LookupTable& table, const CategoryNames& categories) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({MatterListColumns()[0].zh, MatterListColumns()[1].zh, MatterListColumns()[2].zh});
  for (const auto& [category, body] : table) {
    auto it = categories.find(category);
    rows.push_back({category, body, it == categories.end() ? "" : it->second.zh});
  }
  return WriteCsv(rows);
}

}  // namespace docket
