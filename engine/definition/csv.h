// CSV as a school's spreadsheet writes it: Excel's "CSV UTF-8" (RFC 4180 with a byte-order
// mark and CRLF line ends), read into rows of cells and written back the same way.
//
// Reading accepts a leading BOM, CRLF or LF line ends, quoted fields holding commas, doubled
// quotes and line breaks, rows whose every cell is empty (Excel writes them for formatted
// rows; they are skipped) and blank lines at the end. Everything else is refused with the
// file, the line and the column: a blank line between rows, a row with another number of
// cells than the header row, a quote inside an unquoted field, text after a closing quote,
// a quoted field never closed, a carriage return alone, NUL, bytes that are not UTF-8
// (a file saved as Excel's plain "CSV", in the local code page).
//
// A column is the cell's place in its row, 1-based (column 1 is Excel's column A); a line is
// the file's line where the cell begins (a quoted cell may run over several).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "definition/diagnostic.h"

namespace docket {

struct CsvRow {
  int line = 0;                    // where the row begins
  std::vector<std::string> cells;  // line breaks inside a cell as "\n"
  std::vector<int> lines;          // where each cell begins
};

// The rows of `text`, the header row first, all of the same width. Problems go to `diags`
// (the first syntax error stops the reading); the rows mean something only when
// HasErrors(*diags) is false.
std::vector<CsvRow> ParseCsv(std::string_view text, const std::string& file, std::vector<Diagnostic>* diags);

// `rows` as Excel's "CSV UTF-8": a BOM, CRLF after every row, a cell quoted only when it holds
// a comma, a quote, a line break or leading or trailing spaces (its quotes doubled), its line
// breaks written as LF. ParseCsv of the result gives `rows` back.
std::string WriteCsv(const std::vector<std::vector<std::string>>& rows);

}  // namespace docket
