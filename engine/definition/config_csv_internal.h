// What roster_csv.cc and matter_list_csv.cc share: the header row's columns, the YAML text
// a CSV is converted into with the CSV cell each of its lines came from, and the mapping of
// the parser's diagnostics back to those cells.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "definition/csv.h"
#include "definition/diagnostic.h"

namespace docket::csv_detail {

struct Column {
  const char* key;  // English header, also accepted
  const char* zh;   // Chinese header, written by the export
  bool required;
};

// The index of each column of `specs` in `header` (absent when the column is missing);
// errors for an unknown, repeated or missing required column.
std::map<std::string, std::size_t> FindColumns(const CsvRow& header, const std::vector<Column>& specs,
                                               const std::string& file, std::vector<Diagnostic>* diags);

// `s` as a YAML double-quoted scalar.
std::string Quoted(std::string_view s);

// YAML text built line by line, each line remembering the CSV cell it came from.
class MappedYaml {
 public:
  void Line(int indent, std::string_view text, SourcePos cell = {});
  const std::string& text() const { return text_; }
  // `yaml_diags` (about text()) as diagnostics of the CSV `file`, at the cells their lines
  // came from.
  void MapBack(const std::vector<Diagnostic>& yaml_diags, const std::string& file, std::vector<Diagnostic>* out) const;

 private:
  std::string text_;
  std::vector<SourcePos> cells_;
};

// The items of a list cell: split at ; , 、 ；， and line breaks, trimmed, empty ones dropped.
std::vector<std::string> ListItems(std::string_view cell);
std::string Trimmed(std::string_view s);
void Error(std::vector<Diagnostic>* diags, const std::string& file, SourcePos pos, Msg msg);

}  // namespace docket::csv_detail
