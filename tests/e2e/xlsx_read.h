// Reading back what the reports' spreadsheets hold, for the e2e and server tests: a CSV's
// cells, and an XLSX workbook's first sheet through tests/support/xlsx_cells.py
// (/usr/bin/python3's zipfile and xml: no package beyond python3).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"

namespace docket::testing {

// The cells of an RFC 4180 text (after its byte-order mark), one vector per line.
inline std::vector<std::vector<std::string>> ParseCsv(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.emplace_back(1);
      ++i;
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back() == std::vector<std::string>(1)) rows.pop_back();
  return rows;
}

// What xlsx_cells.py reads in the workbook `file` (its docstring gives the form); discarded
// JSON, and a test failure, when it cannot.
inline nlohmann::json XlsxCells(const std::string& file) {
  auto r = RunProcess("/usr/bin/python3", {SourcePath("tests/support/xlsx_cells.py"), file});
  EXPECT_EQ(r.exit_code, 0) << "needs /usr/bin/python3 (scripts/install-deps): " << r.err;
  return nlohmann::json::parse(r.out, nullptr, false);
}

// A sheet cell as the CSV writes it: "" for none, a number in decimal.
inline std::string CellAsCsv(const nlohmann::json& cell) {
  if (cell.is_null()) return "";
  if (cell.contains("n")) return cell["n"].dump();
  return cell["s"].get<std::string>();
}

// Expects the sheet's rows (XlsxCells) to be the CSV's, cell for cell (trailing empty cells
// aside: a blank line is one empty field, a blank row none). With `other_second`, the two
// documents were generated apart (a server on the system clock): the front matter's time
// (row 3) may differ in its value.
inline void ExpectSameRows(const nlohmann::json& sheet, const std::string& csv_text, bool other_second = false) {
  auto trimmed = [](std::vector<std::string> row) {
    while (!row.empty() && row.back().empty()) row.pop_back();
    return row;
  };
  const auto csv = ParseCsv(csv_text);
  ASSERT_EQ(sheet["rows"].size(), csv.size());
  for (std::size_t r = 0; r < csv.size(); ++r) {
    std::vector<std::string> cells;
    for (const auto& c : sheet["rows"][r]) cells.push_back(CellAsCsv(c));
    std::vector<std::string> expected = csv[r];
    if (other_second && r == 3 && cells.size() == 2 && expected.size() == 2) {
      EXPECT_EQ(cells[1].size(), std::string("2026-01-01T08:00:00+08:00").size()) << cells[1];
      expected[1] = cells[1];
    }
    EXPECT_EQ(trimmed(cells), trimmed(expected)) << "row " << r;
  }
}

}  // namespace docket::testing
