// The supervisor's roll-up: every organization of the roll-up's kind at or below the
// supervisor (the org tree, any depth), each with its report item's status for the term,
// the content hash it submitted, the measures the report file's `rollup:` names (summed
// over the term's items, by index), and its findings counted by rule.
#include <algorithm>
#include <map>

#include "report/builder.h"
#include "report/values.h"

namespace docket {
namespace {

Labels StatusLabels(const std::string& status) {
  if (status == "not_opened") return LabelsOf(Msg("Not opened"));
  if (status == "draft") return LabelsOf(Msg("Draft"));
  if (status == "submitted") return LabelsOf(Msg("Submitted"));
  if (status == "accepted") return LabelsOf(Msg("Accepted"));
  if (status == "returned") return LabelsOf(Msg("Returned"));
  if (status == "late") return LabelsOf(Msg("Late"));
  return {status, status};
}

constexpr const char* kStatuses[] = {"not_opened", "draft", "late", "submitted", "returned", "accepted"};

// The organizations at or below `root` whose kind is `kind`, by id.
std::vector<const Org*> Below(const std::vector<Org>& orgs, const std::string& root, const std::string& kind) {
  std::vector<const Org*> out;
  for (const Org* o : Subtree(orgs, root)) {
    if (o->kind == kind) out.push_back(o);
  }
  std::sort(out.begin(), out.end(), [](const Org* a, const Org* b) { return a->id < b->id; });
  return out;
}


// The `wanted` measures of each section, summed for each of `schools` into `totals_of`
// (org -> section -> totals).
Status ReadAllTotals(ReportBuilder& b, const ReportDefinition& def,
                     const std::map<std::string, std::set<std::string>>& wanted,
                     const std::vector<const Org*>& schools,
                     std::map<std::string, std::map<std::string, MeasureTotals>>* totals_of) {
  for (const auto& [section, measures] : wanted) {
    const ReportSection& s = *def.FindSection(section);
    DOCKET_RETURN_IF_ERROR(b.ReadTotalsAhead(s, schools, measures));
    for (const Org* school : schools) {
      auto r = b.Totals(s, school->id, measures);
      if (!r.ok()) {
        return Status(r.status().code(),
                      Msg("{org}, section '{section}': {why}", {{"org", school->id}, {"section", section}, {"why", r.status().msg()}}));
      }
      (*totals_of)[school->id][section] = std::move(r).value();
    }
  }
  return Status::Ok();
}

}  // namespace

Result<ReportDoc> BuildRollup(ReportBuilder& b, const ResolvedReport& report, const Org& supervisor) {
  const ReportDefinition& def = *report.def;
  if (!def.rollup || !def.item) {
    return Status::Invalid(Msg("report '{report}' declares no roll-up (its file needs 'item' and 'rollup')", {{"report", def.id}}));
  }
  const ReportItemRule& rule = *def.item;
  DOCKET_ASSIGN_OR_RETURN(auto orgs, b.source().ListOrgs());
  const std::vector<const Org*> schools = Below(orgs, supervisor.id, def.rollup->orgs_of_kind);
  DOCKET_ASSIGN_OR_RETURN(auto item_def, b.Workflow(rule.workflow));
  const std::string hash_field = ReportHashField(*item_def);

  // Findings once for the whole tree, counted per organization and rule: started first, on
  // connections of their own where the source has them, while the totals are read below.
  DOCKET_RETURN_IF_ERROR(b.source().FindingsAhead(supervisor.id, b.term().id, b.now()));
  // The measures each section must sum, in column order.
  std::map<std::string, std::set<std::string>> wanted;
  for (const auto& c : def.rollup->columns) wanted[c.section].insert(c.measure);
  // Each section's totals for every school, a section at a time: the section's items are
  // read for all the schools at once (ReadTotalsAhead; on PostgreSQL one query, not 500).
  std::map<std::string, std::map<std::string, MeasureTotals>> totals_of;  // org -> section -> totals
  Status totals = ReadAllTotals(b, def, wanted, schools, &totals_of);
  // Each school's report items, read at once likewise.
  std::vector<std::string> school_ids;
  for (const Org* school : schools) school_ids.push_back(school->id);
  if (totals.ok()) totals = b.source().ReadItemsOfAhead(school_ids, rule.workflow);
  // The findings' failure first, as when they were computed before the totals.
  DOCKET_ASSIGN_OR_RETURN(auto findings, b.source().Findings(supervisor.id, b.term().id, b.now()));
  DOCKET_RETURN_IF_ERROR(totals);
  std::map<std::string, std::map<std::string, std::int64_t>> by_org;
  std::set<std::string> rule_set;
  for (const auto& f : findings) {
    ++by_org[f.org][f.rule];
    rule_set.insert(f.rule);
  }
  std::vector<std::string> rules(rule_set.begin(), rule_set.end());
  std::sort(rules.begin(), rules.end(), [](const std::string& a, const std::string& c) {
    return RuleNumber(a) != RuleNumber(c) ? RuleNumber(a) < RuleNumber(c) : a < c;
  });

  // In context "report": "Organization" and "Findings" alone read otherwise in Chinese (组织, 问题数);
  // here they are the units below and the findings' total.
  const Labels report_status = LabelsOf(Msg("Report status"));
  ReportTable t{"orgs", {}, {}, {}, true, LabelsOf(Msg("(no organizations below)"))};
  t.columns = {{"org", LabelsOf(Msg::In("report", "Organization")), false},
               {"status", report_status, false},
               {"item", LabelsOf(Msg("Report item")), false},
               {"hash", LabelsOf(Msg("Submitted hash")), false}};
  for (const auto& c : def.rollup->columns) {
    const ReportMeasure* m = def.FindSection(c.section)->FindMeasure(c.measure);
    const Labels l = !c.labels.zh.empty() || !c.labels.en.empty() ? c.labels : m->labels;
    t.columns.push_back({c.section + "." + c.measure, l, true});
  }
  for (const auto& r : rules) t.columns.push_back({"findings." + r, {r, r}, true});
  t.columns.push_back({"findings", LabelsOf(Msg::In("report", "Findings")), true});

  std::vector<Value> sums(def.rollup->columns.size() + rules.size() + 1);
  std::map<std::string, std::int64_t> status_count;
  for (const Org* school : schools) {
    // Due after the end of the term's last day on the school's clock.
    DOCKET_ASSIGN_OR_RETURN(const TimeZone zone, b.source().Zone(school->time_zone));
    const TimePoint due = EndOfLocalDay(zone, b.term().last_day) + std::chrono::seconds(rule.due_seconds);
    DOCKET_ASSIGN_OR_RETURN(auto items, b.source().ItemsOf(school->id, rule.workflow));
    const Item* item = PickReportItem(items, rule, b.term().id);
    std::string status = "not_opened";
    if (item != nullptr) {
      status = item->state;
      for (const auto& [name, states] : rule.status) {
        if (std::find(states.begin(), states.end(), item->state) != states.end()) status = name;
      }
      if (status == "draft" && b.now() >= due) status = "late";
    }
    ++status_count[status];
    std::vector<ReportCell> row;
    row.push_back({Value(school->id), {school->name.Get(Lang::kZh, school->id), school->name.Get(Lang::kEn, school->id)}});
    row.push_back({Value(status), StatusLabels(status)});
    if (item != nullptr) {
      const std::string id = "#" + std::to_string(item->id);
      row.push_back({Value(item->id), {id, id}});
    } else {
      row.push_back({});
    }
    ReportCell hash_cell;
    if (item != nullptr && !hash_field.empty()) {
      auto h = item->fields.find(hash_field);
      if (h != item->fields.end() && h->second.is_string()) {
        const std::string shown = h->second.as_string().substr(0, 16);
        hash_cell = {h->second, {shown, shown}};
      }
    }
    row.push_back(std::move(hash_cell));
    std::size_t col = 0;
    std::map<std::string, MeasureTotals>& totals = totals_of[school->id];
    for (const auto& c : def.rollup->columns) {
      const Value v = totals[c.section][c.measure];
      row.push_back(MeasureCell(v));
      AddMeasure(&sums[col++], v);
    }
    std::int64_t all = 0;
    for (const auto& r : rules) {
      const std::int64_t n = by_org[school->id][r];
      // Imported records listed instead of judged (core/finding.h) have a column, not a
      // share of the total.
      if (r != kImportedRule) all += n;
      row.push_back({Value(n), {}});
      AddMeasure(&sums[col++], Value(n));
    }
    row.push_back({Value(all), {}});
    AddMeasure(&sums[col], Value(all));
    t.rows.push_back(std::move(row));
  }
  if (!t.rows.empty()) {
    const ReportCell blank{Value(""), {}};
    std::vector<ReportCell> total{{Value("total"), LabelsOf(Msg("Total ({n})", {{"n", schools.size()}}))}, blank, blank, blank};
    for (const Value& v : sums) total.push_back(MeasureCell(v));
    t.rows.push_back(std::move(total));
  } else {
    t.total = false;
  }

  ReportTable statuses{"statuses", LabelsOf(Msg("Reports by status")),
                       {{"status", report_status, false}, {"count", LabelsOf(Msg("Organizations")), true}}, {}, false, {}};
  for (const char* s : kStatuses) statuses.rows.push_back({{Value(s), StatusLabels(s)}, {Value(status_count[s]), {}}});

  DOCKET_ASSIGN_OR_RETURN(ReportDoc doc, b.Header(report, "rollup", supervisor));
  doc.sections.push_back({"orgs", "rollup", LabelsOf(Msg("Each organization's report")), {std::move(t)}});
  doc.sections.push_back({"statuses", "rollup", report_status, {std::move(statuses)}});
  return doc;
}

}  // namespace docket
