// ParseReportFile: a report definition from YAML (the format: docs/REPORTS.md). Sections
// are read by report_sections.cc; the names are checked against workflows by report_lint.cc.
#include "definition/report_loader.h"

#include "core/timer.h"
#include "definition/report_parse.h"

namespace docket {
namespace detail {
namespace {

void ReadReportValueLabels(YamlReader& r, const YAML::Node& n, ReportDefinition* def) {
  auto m = r.Map(n, Key("value_labels"), {});
  if (!m) return;
  for (const auto& e : m->entries()) {
    def->value_labels[e.key] = r.ReadLabels(e.value, Key("value_labels." + e.key));
  }
}

void ReadItemRule(YamlReader& r, const YAML::Node& n, ReportDefinition* def) {
  auto m = r.Map(n, Key("item"), {"workflow", "term_field", "due", "status", "accept", "return", "comment"});
  if (!m) return;
  ReportItemRule rule;
  rule.pos = YamlReader::Pos(n);
  std::size_t before = r.error_count();
  for (const char* key : {"workflow", "term_field", "accept", "return", "comment"}) {
    const MapEntry* e = m->Find(key);
    if (e == nullptr) {
      r.Error(n, Needs(Key("item"), key));
      continue;
    }
    auto id = r.Identifier(e->value, Key(std::string("item.") + key));
    if (!id) continue;
    const std::string k = key;
    (k == "workflow" ? rule.workflow
     : k == "term_field" ? rule.term_field
     : k == "accept" ? rule.accept
     : k == "return" ? rule.return_action
                     : rule.comment) = *id;
  }
  if (const MapEntry* e = m->Find("due")) {
    auto off = e->value.IsScalar() ? ParseOffset(e->value.Scalar(), true) : std::nullopt;
    if (!off || *off < 0) {
      r.Error(e->value, Msg("item.due must be a time after the term ends, e.g. +30d"));
    } else {
      rule.due_seconds = *off;
    }
  } else {
    r.Error(n, Msg("item needs 'due' (after the term ends, e.g. +30d)"));
  }
  if (const MapEntry* e = m->Find("status")) {
    if (auto s = r.Map(e->value, Key("item.status"), {"draft", "submitted", "accepted", "returned"})) {
      for (const auto& st : s->entries()) rule.status[st.key] = r.IdentifierList(st.value, Key("item.status." + st.key));
    }
    for (const char* need : {"draft", "submitted", "accepted", "returned"}) {
      if (!rule.status.count(need) && r.error_count() == before) {
        r.Error(e->value, Msg("item.status needs '{key}' (the states that mean it)", {{"key", need}}));
      }
    }
  } else {
    r.Error(n, Msg("item needs 'status' (draft, submitted, accepted, returned: lists of states)"));
  }
  if (r.error_count() == before) def->item = std::move(rule);
}

void ReadRollup(YamlReader& r, const YAML::Node& n, ReportDefinition* def) {
  auto m = r.Map(n, Key("rollup"), {"orgs_of_kind", "columns"});
  if (!m) return;
  RollupDef rollup;
  rollup.pos = YamlReader::Pos(n);
  std::size_t before = r.error_count();
  if (const MapEntry* e = m->Find("orgs_of_kind")) {
    if (auto k = r.Text(e->value, Key("rollup.orgs_of_kind"))) rollup.orgs_of_kind = *k;
  } else {
    r.Error(n, Msg("rollup needs 'orgs_of_kind' (the kind of organization rolled up, e.g. school)"));
  }
  if (const MapEntry* e = m->Find("columns")) {
    if (!e->value.IsSequence()) {
      r.Error(e->value, Msg("rollup.columns must be a list of {section, measure}"));
    } else {
      for (const auto& c : e->value) {
        auto cm = r.Map(c, Msg("a roll-up column"), {"section", "measure", "labels"});
        if (!cm) continue;
        RollupColumn col;
        col.pos = YamlReader::Pos(c);
        const MapEntry* s = cm->Find("section");
        const MapEntry* me = cm->Find("measure");
        if (s == nullptr || me == nullptr) {
          r.Error(c, Msg("a roll-up column needs 'section' and 'measure'"));
          continue;
        }
        auto sid = r.Identifier(s->value, Msg("rollup column section"));
        auto mid = r.Identifier(me->value, Msg("rollup column measure"));
        if (!sid || !mid) continue;
        col.section = *sid;
        col.measure = *mid;
        if (const MapEntry* l = cm->Find("labels")) col.labels = r.ReadLabels(l->value, Msg("rollup column labels"));
        rollup.columns.push_back(std::move(col));
      }
    }
  }
  if (r.error_count() == before) def->rollup = std::move(rollup);
}

}  // namespace
}  // namespace detail

const ReportMeasure* ReportSection::FindMeasure(const std::string& measure_id) const {
  for (const auto& m : measures) {
    if (m.id == measure_id) return &m;
  }
  return nullptr;
}

const ReportSection* ReportDefinition::FindSection(const std::string& section_id) const {
  for (const auto& s : sections) {
    if (s.id == section_id) return &s;
  }
  return nullptr;
}

const std::vector<std::string>& ExecutionStatuses() {
  static const std::vector<std::string> kStatuses = {"on_time", "late", "overdue", "open", "discontinued"};
  return kStatuses;
}

std::optional<ReportDefinition> ParseReportFile(std::string_view yaml_text, const std::string& file,
                                                std::vector<Diagnostic>* diags) {
  using namespace detail;
  YamlReader r(file, diags);
  YAML::Node root;
  auto top = r.LoadRoot(yaml_text, Msg("a report file"),
                        Msg("the file is empty; a report needs 'report', 'version' and 'sections'"),
                        {"report", "version", "labels", "value_labels", "item", "sections", "rollup"}, &root);
  if (!top) return std::nullopt;
  ReportDefinition def;
  def.pos = YamlReader::Pos(root);
  if (const MapEntry* e = top->Find("report")) {
    if (auto id = r.Identifier(e->value, Key("report"))) def.id = *id;
  } else {
    r.Error(root, Msg("a report file needs 'report', its id (e.g. report: semester)"));
  }
  if (const MapEntry* e = top->Find("version")) {
    if (auto v = r.PositiveInteger(e->value, Key("version"))) def.version = *v;
  } else {
    r.Error(root, Msg("a report file needs 'version' (a positive whole number)"));
  }
  if (const MapEntry* e = top->Find("labels")) def.labels = r.ReadLabels(e->value, Key("labels"));
  if (const MapEntry* e = top->Find("value_labels")) ReadReportValueLabels(r, e->value, &def);
  if (const MapEntry* e = top->Find("item")) ReadItemRule(r, e->value, &def);
  if (const MapEntry* e = top->Find("sections")) {
    ReadSections(r, e->value, &def);
  } else {
    r.Error(root, Msg("a report file needs 'sections'"));
  }
  if (const MapEntry* e = top->Find("rollup")) ReadRollup(r, e->value, &def);
  if (r.error_count() > 0) return std::nullopt;
  return def;
}

}  // namespace docket
