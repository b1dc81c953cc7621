// ParseCsv and WriteCsv (definition/csv.h): Excel's "CSV UTF-8" read and written, and every
// malformed file refused at its line and column.
#include "definition/csv.h"

#include <gtest/gtest.h>

#include <random>

#include "test_files.h"

namespace docket {
namespace {

using testing::FormatAll;

std::vector<CsvRow> Parsed(std::string_view text, std::vector<Diagnostic>* diags) {
  return ParseCsv(text, "roster.csv", diags);
}

// The one error of `text`, as "LINE:COLUMN message".
std::string OnlyError(std::string_view text) {
  std::vector<Diagnostic> diags;
  Parsed(text, &diags);
  if (diags.size() != 1) return "expected one error, got:\n" + FormatAll(diags);
  EXPECT_EQ(diags[0].file, "roster.csv");
  return std::to_string(diags[0].line) + ":" + std::to_string(diags[0].column) + " " + diags[0].message;
}

std::vector<std::vector<std::string>> Cells(const std::vector<CsvRow>& rows) {
  std::vector<std::vector<std::string>> out;
  for (const CsvRow& r : rows) out.push_back(r.cells);
  return out;
}

TEST(Csv, ExcelCsvUtf8WithBomAndCrlf) {
  std::vector<Diagnostic> diags;
  auto rows = Parsed("\xEF\xBB\xBF编号,姓名\r\nwang,王明\r\nli,李华\r\n", &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  EXPECT_EQ(Cells(rows), (std::vector<std::vector<std::string>>{{"编号", "姓名"}, {"wang", "王明"}, {"li", "李华"}}));
  EXPECT_EQ(rows[2].line, 3);
}

TEST(Csv, LfLineEndsAndNoFinalLineBreak) {
  std::vector<Diagnostic> diags;
  auto rows = Parsed("a,b\n1,2", &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  EXPECT_EQ(Cells(rows), (std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2"}}));
}

TEST(Csv, QuotedCellsWithCommasQuotesAndLineBreaks) {
  std::vector<Diagnostic> diags;
  auto rows = Parsed("id,note,x\r\nwang,\"a, b \"\"c\"\"\r\nsecond line\",\"\"\r\nli,plain,\r\n", &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].cells[1], "a, b \"c\"\nsecond line");
  EXPECT_EQ(rows[1].cells[2], "");
  EXPECT_EQ(rows[2].cells, (std::vector<std::string>{"li", "plain", ""}));
  // The row after a cell over two lines begins on line 4, and its cells say so.
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_EQ(rows[2].lines[1], 4);
}

TEST(Csv, BlankLinesAtTheEndAndEmptyRowsAreSkipped) {
  std::vector<Diagnostic> diags;
  auto rows = Parsed("a,b\r\n1,2\r\n,\r\n3,4\r\n\r\n\r\n", &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  EXPECT_EQ(Cells(rows), (std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
}

TEST(Csv, RaggedRowsAreRefusedEachAtItsLine) {
  std::vector<Diagnostic> diags;
  Parsed("a,b,c\r\n1,2,3\r\n1,2\r\n1,2,3,4\r\n", &diags);
  ASSERT_EQ(diags.size(), 2u) << FormatAll(diags);
  EXPECT_EQ(diags[0].line, 3);
  EXPECT_EQ(diags[0].column, 3);
  EXPECT_EQ(diags[0].message, "this row has 2 cells, the header row has 3: every row needs one cell per column");
  EXPECT_EQ(diags[1].line, 4);
  EXPECT_EQ(diags[1].column, 4);
  EXPECT_EQ(diags[1].Format(), "roster.csv:4:4: error: this row has 4 cells, the header row has 3: every row needs one cell per column");
}

TEST(Csv, SyntaxErrorsNameLineAndColumn) {
  EXPECT_EQ(OnlyError("a,b\r\n1,x\"y\r\n"), "2:2 a quote inside an unquoted cell: quote the whole cell and double the quote (\"\")");
  EXPECT_EQ(OnlyError("a,b\r\n1,\"open\r\nstill open\r\n"), "2:2 the quote that opens this cell is never closed");
  EXPECT_EQ(OnlyError("a,b\r\n\"x\"y,2\r\n"), "2:1 text after the closing quote of this cell: quote the whole cell");
  EXPECT_EQ(OnlyError("a,b\r1,2\r\n"), "1:2 a carriage return without a line feed: save the file as CSV UTF-8 with Windows (CRLF) or Unix (LF) line ends");
  EXPECT_EQ(OnlyError("a,b\r\n\r\n1,2\r\n"), "2:1 a blank line between rows: delete it (only blank lines at the end are allowed)");
  EXPECT_EQ(OnlyError(std::string_view("a,b\r\n1,x\0y\r\n", 12)), "2:2 this cell contains a NUL byte: a CSV file must be text");
}

TEST(Csv, InvalidUtf8IsRefusedAtItsCell) {
  // 王明 in GBK, as Excel's plain "CSV" saves it on a Chinese Windows.
  EXPECT_EQ(OnlyError("id,name\r\nwang,\xCD\xF5\xC3\xF7\r\n"),
            "2:2 this cell is not UTF-8 text: in Excel, save as \"CSV UTF-8 (comma delimited)\"");
  // In a quoted cell on its second line: the line where the cell begins.
  EXPECT_EQ(OnlyError("id,name\r\nli,\"x\r\n\xFF\"\r\n"), "2:2 this cell is not UTF-8 text: in Excel, save as \"CSV UTF-8 (comma delimited)\"");
}

TEST(Csv, WriteIsExcelsShapeAndReadsBack) {
  const std::vector<std::vector<std::string>> rows = {
      {"编号", "备注"}, {"wang", "a, b"}, {"li", "say \"hi\"\nnext"}, {"x", " padded "}, {"", ""}};
  const std::string text = WriteCsv(rows);
  EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(text.find("wang,\"a, b\"\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("li,\"say \"\"hi\"\"\nnext\"\r\n"), std::string::npos) << text;
  std::vector<Diagnostic> diags;
  auto back = Parsed(text, &diags);
  ASSERT_TRUE(diags.empty()) << FormatAll(diags);
  // The empty last row is skipped on reading, as Excel's empty rows are.
  EXPECT_EQ(Cells(back), (std::vector<std::vector<std::string>>(rows.begin(), rows.end() - 1)));
}

// Random tables of cells made of the characters that need care: WriteCsv then ParseCsv gives
// them back (a fixed seed: the same cases on every run).
TEST(Csv, RandomTablesReadBackAsWritten) {
  std::mt19937 rng(20261206);
  const std::vector<std::string> pieces = {"a", ",", "\"", "\n", " ", "王", "、", "\t", "x y", "\xF0\x9F\x93\x8B"};
  for (int round = 0; round < 300; ++round) {
    const std::size_t width = 1 + rng() % 5;
    std::vector<std::vector<std::string>> rows(1 + rng() % 6, std::vector<std::string>(width));
    for (auto& row : rows) {
      for (auto& cell : row) {
        for (std::size_t n = rng() % 5; n > 0; --n) cell += pieces[rng() % pieces.size()];
      }
      row[0] += "r";  // no row is all empty (those are skipped on reading)
    }
    std::vector<Diagnostic> diags;
    auto back = Parsed(WriteCsv(rows), &diags);
    ASSERT_TRUE(diags.empty()) << FormatAll(diags);
    ASSERT_EQ(Cells(back), rows) << "round " << round;
  }
}

// Random bytes never crash the reader; what it accepts has rows of one width.
TEST(Csv, RandomBytesAreReadOrRefusedWithAPlace) {
  std::mt19937 rng(7);
  const std::string alphabet = "ab,\"\r\n \xE7\x8E\x8B\xFF";
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (std::size_t n = rng() % 40; n > 0; --n) text += alphabet[rng() % alphabet.size()];
    std::vector<Diagnostic> diags;
    auto rows = Parsed(text, &diags);
    if (!diags.empty()) {
      for (const Diagnostic& d : diags) EXPECT_GE(d.line, 1) << d.Format();
      continue;
    }
    for (const CsvRow& r : rows) ASSERT_EQ(r.cells.size(), rows.front().cells.size());
  }
}

}  // namespace
}  // namespace docket
