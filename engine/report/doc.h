// ReportDoc: a derived document (a semester report, a supervisor's roll-up) as data.
//
// A document is sections of tables whose cells already hold what they show, in Chinese and
// in English, next to the raw value. So one document renders in either language and any
// format (render_*.cc) without going back to the record, and its json form (one
// canonical text, json.cc) is what a submission hashes and keeps: rendering a kept
// copy later shows exactly what was submitted.
// Invariant: every row of a table has one cell per column.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/definition.h"
#include "core/message.h"
#include "core/status.h"
#include "core/value.h"

namespace docket {

struct ReportCell {
  Value value;   // text, an integer, [numerator, denominator] for a rate, or null
  Labels shown;  // how it reads; both empty = the value as text ("—" for null)

  // The text in `lang`.
  std::string Text(Lang lang) const;
};

struct ReportColumn {
  std::string id;
  Labels labels;
  bool number = false;  // right-aligned
};

struct ReportTable {
  std::string id;
  Labels labels;  // a caption; may be empty
  std::vector<ReportColumn> columns;
  std::vector<std::vector<ReportCell>> rows;
  bool total = false;  // the last row sums up the others
  Labels empty;        // what to say when there are no rows
};

struct ReportSectionDoc {
  std::string id;
  std::string kind;  // items, cadence, findings, chain_head, rollup
  Labels labels;
  std::vector<ReportTable> tables;
};

struct ReportDoc {
  std::string kind;  // "report" or "rollup"
  std::string report;
  std::int64_t version = 0;
  std::string definition_hash;  // SHA-256 of the report definition's YAML
  Labels labels;
  std::string org;
  Labels org_name;
  std::string term;
  Labels term_labels;
  std::string term_start;  // first day, YYYY-MM-DD
  std::string term_end;    // last day
  std::string generated_at;
  std::vector<ReportSectionDoc> sections;
};

// The json form of a document (keys sorted), and back: Invalid when `j` is not one.
nlohmann::json ReportToJson(const ReportDoc& doc);
Result<ReportDoc> ReportFromJson(const nlohmann::json& j);
// The canonical text of the json form (compact, keys in byte order, UTF-8 unescaped): what
// a submission hashes (app/report.h, ReportHash) and keeps.
std::string CanonicalReport(const ReportDoc& doc);

// Renderers (render_*.cc). Each is deterministic: the same document gives the same
// bytes. HTML is one self-contained page that prints on A4; CSV is UTF-8 with a BOM, one
// block per table.
std::string RenderMarkdown(const ReportDoc& doc, Lang lang);
std::string RenderHtml(const ReportDoc& doc, Lang lang);
std::string RenderCsv(const ReportDoc& doc, Lang lang);
// The XLSX workbook (render_xlsx.cc): one sheet with the CSV's rows and columns, integers as
// numbers, the rest as text; bold headers; deterministic. Storage when libxlsxwriter fails.
Result<std::string> RenderXlsx(const ReportDoc& doc, Lang lang);
// `s` with & < > " ' as HTML entities: text and attribute values of the HTML renderers.
std::string HtmlEscape(const std::string& s);
// One CSV cell as RenderCsv writes it before quoting: with a `'` in front when it begins
// with `=`, `+`, `@`, a tab or a carriage return, or with `-` and is not a plain number
// (`-12`, `-3.5`, `-40%` stay as they are), so that a spreadsheet shows it as text.
std::string NeutralizeCsvFormula(const std::string& cell);
// Pretty-printed json form (two-space indent): canonicalizing it gives CanonicalReport.
std::string RenderJson(const ReportDoc& doc);

// Words the renderers share, in `lang` (the headings of a document's front matter: org, term,
// generated_at, definition; derived, the note under them; none, an empty table), through the
// message catalog. "" for another key.
std::string ReportWord(const std::string& key, Lang lang);

// The term's first and last day in `lang` ("2026-03-01 to 2026-07-10").
std::string ReportDates(const ReportDoc& doc, Lang lang);

// `msg` rendered in each language through the catalog: what a cell or heading keeps, so the
// document reads in either language without the catalog's words being written twice.
Labels LabelsOf(const Msg& msg);

}  // namespace docket
