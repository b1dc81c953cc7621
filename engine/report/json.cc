// The json form of a ReportDoc, its canonical text, and the words shared by the
// renderers. A cell is its raw value, or {"value": raw, "zh": ..., "en": ...} (and the texts
// of other languages under their codes, as labels are written everywhere: LabelsToJson) when
// it reads differently from the value.
#include <cstdint>
#include <limits>
#include <map>

#include "report/doc.h"

#include "audit/json_value.h"
#include "core/catalog.h"

namespace docket {
namespace {

using json = nlohmann::json;

// Deeper than a cell's lists ever nest: reading such lists recursively would only risk the stack.
constexpr int kMaxDepth = 64;

// A cell's value from json, as ValueToJson (audit/json_value.h) wrote it, saying "cell" where
// it is not one: Invalid for an object, an integer beyond int64 or lists nested kMaxDepth deep.
Result<Value> CellValueFromJson(const json& j, int depth = 0) {
  switch (j.type()) {
    case json::value_t::null: return Value();
    case json::value_t::boolean: return Value(j.get<bool>());
    case json::value_t::number_integer: return Value(j.get<std::int64_t>());
    case json::value_t::number_unsigned: {
      auto u = j.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return Status::Invalid(Msg("integer {value} is outside the 64-bit range", {{"value", j.dump()}}));
      }
      return Value(static_cast<std::int64_t>(u));
    }
    case json::value_t::number_float: return Value(j.get<double>());
    case json::value_t::string: return Value(j.get<std::string>());
    case json::value_t::array: {
      if (depth >= kMaxDepth) {
        return Status::Invalid(Msg("lists nested more than {depth} deep are not a cell value", {{"depth", kMaxDepth}}));
      }
      List list;
      for (const json& e : j) {
        DOCKET_ASSIGN_OR_RETURN(Value v, CellValueFromJson(e, depth + 1));
        list.push_back(std::move(v));
      }
      return Value(std::move(list));
    }
    case json::value_t::object: return Status::Invalid(Msg("a JSON object is not a cell value"));
    default: return Status::Invalid(Msg("unsupported JSON value of type {type}", {{"type", j.type_name()}}));
  }
}

// A reading of `j` as labels that never fails: anything but an object of texts reads as none.
Labels LabelsFrom(const json& j) {
  Result<Labels> l = LabelsFromJson(j);
  return l.ok() ? std::move(l).value() : Labels();
}

bool Shown(const Labels& l) { return !l.zh.empty() || !l.en.empty(); }

json CellJson(const ReportCell& c) {
  if (!Shown(c.shown)) return ValueToJson(c.value);
  json j = LabelsToJson(c.shown);
  j["value"] = ValueToJson(c.value);
  return j;
}

Result<ReportCell> CellFrom(const json& j) {
  ReportCell c;
  if (!j.is_object()) {
    DOCKET_ASSIGN_OR_RETURN(c.value, CellValueFromJson(j));
    return c;
  }
  DOCKET_ASSIGN_OR_RETURN(c.value, CellValueFromJson(j.value("value", json())));
  json shown = j;
  shown.erase("value");
  c.shown = LabelsFrom(shown);
  return c;
}

std::string Str(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

}  // namespace

std::string ReportCell::Text(Lang lang) const {
  if (Shown(shown)) return shown.Get(lang, "");
  if (value.is_null()) return "—";
  return value.ToText();
}

json ReportToJson(const ReportDoc& doc) {
  json sections = json::array();
  for (const auto& s : doc.sections) {
    json tables = json::array();
    for (const auto& t : s.tables) {
      json columns = json::array();
      for (const auto& c : t.columns) columns.push_back({{"id", c.id}, {"labels", LabelsToJson(c.labels)}, {"number", c.number}});
      json rows = json::array();
      for (const auto& r : t.rows) {
        json row = json::array();
        for (const auto& cell : r) row.push_back(CellJson(cell));
        rows.push_back(std::move(row));
      }
      tables.push_back({{"id", t.id}, {"labels", LabelsToJson(t.labels)}, {"columns", columns}, {"rows", rows},
                        {"total", t.total}, {"empty", LabelsToJson(t.empty)}});
    }
    sections.push_back({{"id", s.id}, {"kind", s.kind}, {"labels", LabelsToJson(s.labels)}, {"tables", tables}});
  }
  return {{"docket_report", 1},
          {"kind", doc.kind},
          {"report", doc.report},
          {"version", doc.version},
          {"definition_hash", doc.definition_hash},
          {"labels", LabelsToJson(doc.labels)},
          {"org", {{"id", doc.org}, {"name", LabelsToJson(doc.org_name)}}},
          {"term", {{"id", doc.term}, {"labels", LabelsToJson(doc.term_labels)}, {"start", doc.term_start}, {"end", doc.term_end}}},
          {"generated_at", doc.generated_at},
          {"sections", sections}};
}

namespace {

Result<ReportDoc> ReadReport(const json& j) {
  auto bad = [](Msg why) { return Status::Invalid(Msg("not a Docket report document: {why}", {{"why", std::move(why)}})); };
  if (!j.is_object() || j.value("docket_report", 0) != 1) {
    return bad(Msg("it lacks {member}", {{"member", "\"docket_report\": 1"}}));
  }
  ReportDoc doc;
  doc.kind = Str(j, "kind");
  doc.report = Str(j, "report");
  doc.version = j.contains("version") && j["version"].is_number_integer() ? j["version"].get<std::int64_t>() : 0;
  doc.definition_hash = Str(j, "definition_hash");
  doc.labels = LabelsFrom(j.value("labels", json()));
  const json org = j.value("org", json::object());
  doc.org = Str(org, "id");
  doc.org_name = LabelsFrom(org.value("name", json()));
  const json term = j.value("term", json::object());
  doc.term = Str(term, "id");
  doc.term_labels = LabelsFrom(term.value("labels", json()));
  doc.term_start = Str(term, "start");
  doc.term_end = Str(term, "end");
  doc.generated_at = Str(j, "generated_at");
  if (!j.contains("sections") || !j["sections"].is_array()) return bad(Msg("no sections"));
  for (const auto& sj : j["sections"]) {
    if (!sj.is_object()) return bad(Msg("a section is not an object"));
    ReportSectionDoc s{Str(sj, "id"), Str(sj, "kind"), LabelsFrom(sj.value("labels", json())), {}};
    for (const auto& tj : sj.value("tables", json::array())) {
      if (!tj.is_object()) return bad(Msg("a table is not an object"));
      ReportTable t;
      t.id = Str(tj, "id");
      t.labels = LabelsFrom(tj.value("labels", json()));
      t.total = tj.value("total", false);
      t.empty = LabelsFrom(tj.value("empty", json()));
      for (const auto& cj : tj.value("columns", json::array())) {
        t.columns.push_back({Str(cj, "id"), LabelsFrom(cj.value("labels", json())), cj.value("number", false)});
      }
      for (const auto& rj : tj.value("rows", json::array())) {
        if (!rj.is_array() || rj.size() != t.columns.size()) {
          return bad(Msg("a row of table '{table}' has the wrong width", {{"table", t.id}}));
        }
        std::vector<ReportCell> row;
        for (const auto& cj : rj) {
          auto cell = CellFrom(cj);
          if (!cell.ok()) return bad(cell.status().msg());
          row.push_back(std::move(cell).value());
        }
        t.rows.push_back(std::move(row));
      }
      s.tables.push_back(std::move(t));
    }
    doc.sections.push_back(std::move(s));
  }
  return doc;
}

}  // namespace

Result<ReportDoc> ReportFromJson(const json& j) {
  try {
    return ReadReport(j);
  } catch (const json::exception& e) {
    return Status::Invalid(Msg("not a Docket report document: {why}", {{"why", e.what()}}));
  }
}

std::string CanonicalReport(const ReportDoc& doc) {
  // Invalid UTF-8 is replaced by U+FFFD rather than thrown: the text is always hashable.
  return ReportToJson(doc).dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

std::string RenderJson(const ReportDoc& doc) {
  return ReportToJson(doc).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string ReportWord(const std::string& key, Lang lang) {
  static const std::map<std::string, Msg> kWords = {
      {"org", Msg("Organization")},
      {"term", Msg("Term")},
      {"generated_at", Msg("Generated at")},
      {"definition", Msg("Report definition")},
      {"derived", Msg("This report is derived from the items and the audit log; nothing in it was typed in.")},
      {"none", Msg("(none)")},
  };
  auto it = kWords.find(key);
  return it == kWords.end() ? std::string() : Text(it->second, lang);
}

std::string ReportDates(const ReportDoc& doc, Lang lang) {
  return Text(Msg("{start} to {end}", {{"start", doc.term_start}, {"end", doc.term_end}}), lang);
}

Labels LabelsOf(const Msg& msg) { return {Text(msg, Lang::kZh), Text(msg, Lang::kEn)}; }

}  // namespace docket
