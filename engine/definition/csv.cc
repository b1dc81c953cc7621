// ParseCsv and WriteCsv (csv.h).
#include "definition/csv.h"

#include "core/utf8.h"

namespace docket {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Reads records one at a time; stops at the first syntax error.
class CsvReader {
 public:
  CsvReader(std::string_view text, const std::string& file, std::vector<Diagnostic>* diags)
      : text_(text), file_(file), diags_(diags) {
    if (text_.substr(0, kBom.size()) == kBom) text_.remove_prefix(kBom.size());
  }

  std::vector<CsvRow> Rows() {
    std::vector<CsvRow> rows;
    int first_blank = 0;  // the first blank line since the last row, 0 for none
    while (pos_ < text_.size()) {
      if (AtLineEnd()) {
        if (first_blank == 0) first_blank = line_;
        if (!SkipLineEnd(1)) return {};
        continue;
      }
      if (first_blank != 0) {
        Error(first_blank, 1, Msg("a blank line between rows: delete it (only blank lines at the end are allowed)"));
        return {};
      }
      CsvRow row;
      if (!ReadRow(&row)) return {};
      bool empty = true;
      for (const std::string& c : row.cells) empty = empty && c.empty();
      if (empty && !rows.empty()) continue;
      rows.push_back(std::move(row));
    }
    if (!rows.empty()) {
      const std::size_t width = rows.front().cells.size();
      for (const CsvRow& row : rows) {
        if (row.cells.size() != width) {
          Error(row.line, static_cast<int>(std::min(row.cells.size(), width) + 1),
                Msg("this row has {cells} cells, the header row has {width}: every row needs one cell per column",
                    {{"cells", row.cells.size()}, {"width", width}}));
        }
      }
    }
    return rows;
  }

 private:
  bool AtLineEnd() const {
    return text_[pos_] == '\n' || (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n');
  }
  // Past "\r\n" or "\n"; false (and an error) at a carriage return alone.
  bool SkipLineEnd(int column) {
    if (text_[pos_] == '\r') {
      if (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '\n') {
        Error(line_, column, Msg("a carriage return without a line feed: save the file as CSV UTF-8 with Windows (CRLF) or Unix (LF) line ends"));
        return false;
      }
      ++pos_;
    }
    ++pos_;
    ++line_;
    return true;
  }

  bool ReadRow(CsvRow* row) {
    row->line = line_;
    for (;;) {
      const int column = static_cast<int>(row->cells.size()) + 1;
      row->lines.push_back(line_);
      std::string cell;
      if (!ReadCell(column, &cell)) return false;
      if (!IsValidUtf8(cell)) {
        Error(row->lines.back(), column,
              Msg("this cell is not UTF-8 text: in Excel, save as \"CSV UTF-8 (comma delimited)\""));
        return false;
      }
      if (cell.find('\0') != std::string::npos) {
        Error(row->lines.back(), column, Msg("this cell contains a NUL byte: a CSV file must be text"));
        return false;
      }
      row->cells.push_back(std::move(cell));
      if (pos_ >= text_.size()) return true;
      if (text_[pos_] == ',') {
        ++pos_;
        if (pos_ >= text_.size()) {  // "a,b," at the very end: one more empty cell
          row->lines.push_back(line_);
          row->cells.emplace_back();
          return true;
        }
        continue;
      }
      return SkipLineEnd(column);
    }
  }

  bool ReadCell(int column, std::string* out) {
    if (text_[pos_] != '"') {
      while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
        if (text_[pos_] == '"') {
          Error(line_, column, Msg("a quote inside an unquoted cell: quote the whole cell and double the quote (\"\")"));
          return false;
        }
        out->push_back(text_[pos_++]);
      }
      return true;
    }
    const int opened = line_;
    ++pos_;
    for (;;) {
      if (pos_ >= text_.size()) {
        Error(opened, column, Msg("the quote that opens this cell is never closed"));
        return false;
      }
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          out->push_back('"');
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
        out->push_back('\n');
        pos_ += 2;
        ++line_;
        continue;
      }
      if (c == '\n') ++line_;
      out->push_back(c);
      ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
      Error(line_, column, Msg("text after the closing quote of this cell: quote the whole cell"));
      return false;
    }
    return true;
  }

  void Error(int line, int column, Msg msg) {
    diags_->push_back(Diagnostic::Make(file_, SourcePos{line, column}, Diagnostic::Severity::kError, std::move(msg)));
  }

  std::string_view text_;
  const std::string& file_;
  std::vector<Diagnostic>* diags_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

bool NeedsQuotes(const std::string& cell) {
  if (cell.empty()) return false;
  if (cell.front() == ' ' || cell.back() == ' ') return true;
  return cell.find_first_of(",\"\r\n") != std::string::npos;
}

}  // namespace

std::vector<CsvRow> ParseCsv(std::string_view text, const std::string& file, std::vector<Diagnostic>* diags) {
  return CsvReader(text, file, diags).Rows();
}

std::string WriteCsv(const std::vector<std::vector<std::string>>& rows) {
  std::string out(kBom);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out.push_back(',');
      const std::string& cell = row[i];
      if (!NeedsQuotes(cell)) {
        out += cell;
        continue;
      }
      out.push_back('"');
      for (char c : cell) {
        if (c == '"') out.push_back('"');
        if (c == '\r') continue;
        out.push_back(c);
      }
      out.push_back('"');
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace docket
