// The helpers of config_csv_internal.h.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "definition/config_csv_internal.h"

namespace docket::csv_detail {

std::string Trimmed(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

void Error(std::vector<Diagnostic>* diags, const std::string& file, SourcePos pos, Msg msg) {
  diags->push_back(Diagnostic::Make(file, pos, Diagnostic::Severity::kError, std::move(msg)));
}

std::map<std::string, std::size_t> FindColumns(const CsvRow& header, const std::vector<Column>& specs,
                                               const std::string& file, std::vector<Diagnostic>* diags) {
  std::map<std::string, std::size_t> out;
  std::string known;
  for (const Column& c : specs) known += (known.empty() ? "" : ", ") + std::string(c.zh) + " (" + c.key + ")";
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    std::string name = Trimmed(header.cells[i]);
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    const SourcePos at{header.lines[i], static_cast<int>(i) + 1};
    const Column* found = nullptr;
    for (const Column& c : specs) {
      if (name == c.zh || lower == c.key) found = &c;
    }
    if (found == nullptr) {
      Error(diags, file, at, Msg("unknown column '{column}' in the header row; the columns are {known}",
                                 {{"column", name}, {"known", known}}));
      continue;
    }
    if (!out.emplace(found->key, i).second) {
      Error(diags, file, at, Msg("column '{column}' appears twice in the header row", {{"column", name}}));
    }
  }
  for (const Column& c : specs) {
    if (c.required && !out.count(c.key)) {
      Error(diags, file, SourcePos{header.line, 0},
            Msg("the header row has no column {zh} ({en}), which is required", {{"zh", c.zh}, {"en", c.key}}));
    }
  }
  return out;
}

std::string Quoted(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
  return out;
}

void MappedYaml::Line(int indent, std::string_view text, SourcePos cell) {
  text_.append(static_cast<std::size_t>(indent), ' ');
  text_.append(text);
  text_.push_back('\n');
  cells_.push_back(cell);
}

void MappedYaml::MapBack(const std::vector<Diagnostic>& yaml_diags, const std::string& file,
                         std::vector<Diagnostic>* out) const {
  for (Diagnostic d : yaml_diags) {
    SourcePos cell{};
    if (d.line >= 1 && static_cast<std::size_t>(d.line) <= cells_.size()) cell = cells_[d.line - 1];
    d.file = file;
    d.line = cell.line;
    d.column = cell.column;
    out->push_back(std::move(d));
  }
}

std::vector<std::string> ListItems(std::string_view cell) {
  std::vector<std::string> out;
  std::string cur;
  const auto flush = [&] {
    std::string t = Trimmed(cur);
    if (!t.empty()) out.push_back(std::move(t));
    cur.clear();
  };
  for (std::size_t i = 0; i < cell.size();) {
    const std::string_view rest = cell.substr(i);
    std::size_t sep = 0;
    if (rest[0] == ';' || rest[0] == ',' || rest[0] == '\n') sep = 1;
    for (std::string_view wide : {"、", "；", "，"}) {
      if (rest.substr(0, wide.size()) == wide) sep = wide.size();
    }
    if (sep > 0) {
      flush();
      i += sep;
    } else {
      cur.push_back(cell[i++]);
    }
  }
  flush();
  return out;
}

}  // namespace docket::csv_detail
