// ReportSheet: a document laid out as the rows of one spreadsheet — what the CSV writes line
// by line and the XLSX cell by cell (render_csv.cc, render_xlsx.cc), so that the two always
// have the same rows and columns. The front matter as key,value rows, then per table a blank
// row, a row naming the section (and the table's caption), the header, the rows.
// Invariant: a body or total row has one cell per column of its table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/doc.h"

namespace docket {

struct SheetCell {
  std::string text;                    // as it reads in the chosen language ("" for nothing)
  std::optional<std::int64_t> number;  // set when the cell shows an integer as itself
};

struct SheetRow {
  enum class Kind { kTitle, kFront, kBlank, kCaption, kHeader, kBody, kTotal };
  Kind kind;
  std::vector<SheetCell> cells;
};

// The rows of `doc` in `lang`, deterministic. Text is as the document shows it (no CSV
// quoting or formula neutralization: that is the CSV's business).
std::vector<SheetRow> ReportSheet(const ReportDoc& doc, Lang lang);

}  // namespace docket
