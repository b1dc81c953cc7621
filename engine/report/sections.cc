// The sections that are not item counts: a cadence (how many periods of the term saw an
// action, from the audit log), the compliance findings (ReportSource::Findings) and the head of
// the organization's audit chain at generation time.
#include <algorithm>
#include <set>

#include "report/builder.h"
#include "report/values.h"

namespace docket {
namespace {

// Weeks for 7 days, days for one, else periods.
Msg PeriodWord(std::int64_t seconds) {
  if (seconds == 7 * 86400) return Msg("Weeks");
  if (seconds == 86400) return Msg("Days");
  return Msg("Periods");
}

Labels SeverityLabels(const std::string& s) {
  if (s == "high") return LabelsOf(Msg("high"));
  if (s == "medium") return LabelsOf(Msg("medium"));
  if (s == "low") return LabelsOf(Msg("low"));
  if (s == "info") return LabelsOf(Msg("info"));
  return {s, s};
}

ReportCell Text(const std::string& s) { return {Value(s), {}}; }
ReportCell ShownCell(const std::string& raw, const Labels& l) { return {Value(raw), l}; }

}  // namespace

Result<ReportSectionDoc> ReportBuilder::CadenceSection(const ReportSection& s, const Org& org) {
  DOCKET_ASSIGN_OR_RETURN(auto wf, Workflow(s.workflow));
  Msg action = Msg::Literal(s.action);
  for (const auto& t : wf->transitions) {
    if (t.name == s.action) action = Msg::Of(t.labels, t.name);
  }
  const std::chrono::seconds every(s.every_seconds);
  // The term's first and last days on the organization's clock.
  DOCKET_ASSIGN_OR_RETURN(const Calendar calendar, CalendarOf(org));
  const TimePoint start = calendar.StartOf(term_), term_end = calendar.EndOf(term_);
  const TimePoint end = std::min(term_end, now_);
  // Whole periods so far; the last, shorter one once the term is over.
  std::int64_t periods = 0;
  if (end > start) {
    const auto span = std::chrono::duration_cast<std::chrono::seconds>(end - start).count();
    periods = span / s.every_seconds + (now_ >= term_end && span % s.every_seconds ? 1 : 0);
  }
  DOCKET_ASSIGN_OR_RETURN(auto items, source_.ItemsOf(org.id, s.workflow));
  std::set<std::int64_t> hit;
  std::int64_t actions = 0;
  for (const Item& item : items) {
    DOCKET_ASSIGN_OR_RETURN(auto taken, source_.ItemActions(item.id));
    for (const ItemAction& e : taken) {
      if (e.action != s.action) continue;
      auto t = ParseTime(e.time);
      if (!t || *t < start || *t >= end) continue;
      ++actions;
      const std::int64_t k = std::chrono::duration_cast<std::chrono::seconds>(*t - start).count() / s.every_seconds;
      if (k < periods) hit.insert(k);
    }
  }
  const Msg unit = PeriodWord(s.every_seconds);
  ReportSectionDoc doc{s.id, "cadence", s.labels, {}};
  ReportTable summary{"summary", {}, {}, {}, false, {}};
  summary.columns = {
      {"periods_with", LabelsOf(Msg("{unit} with \"{action}\"", {{"unit", unit}, {"action", action}})), true},
      {"periods", LabelsOf(Msg("{unit} of the term so far", {{"unit", unit}})), true},
      {"coverage", LabelsOf(Msg("Coverage")), true},
      {"actions", LabelsOf(Msg("Times \"{action}\"", {{"action", action}})), true}};
  const std::int64_t with = static_cast<std::int64_t>(hit.size());
  const std::string rate = RateText(with, periods);
  summary.rows.push_back({ReportCell{Value(with), {}}, ReportCell{Value(periods), {}},
                          periods > 0 ? ReportCell{Value(List{Value(with), Value(periods)}), {rate, rate}} : ReportCell{},
                          ReportCell{Value(actions), {}}});
  doc.tables.push_back(std::move(summary));
  ReportTable missed{"missed", LabelsOf(Msg("{unit} without \"{action}\"", {{"unit", unit}, {"action", action}})),
                     {{"period", LabelsOf(Msg("No.")), true},
                      {"from", LabelsOf(Msg("From")), false},
                      {"to", LabelsOf(Msg("To")), false}},
                     {}, false, LabelsOf(Msg("(none)"))};
  for (std::int64_t k = 0; k < periods; ++k) {
    if (hit.count(k)) continue;
    const TimePoint from = start + every * k;
    const TimePoint to = std::min(from + every, term_end) - std::chrono::days(1);
    missed.rows.push_back({ReportCell{Value(k + 1), {}}, Text(FormatDateIn(from, calendar.zone)),
                           Text(FormatDateIn(to, calendar.zone))});
  }
  doc.tables.push_back(std::move(missed));
  return doc;
}

Result<ReportSectionDoc> ReportBuilder::FindingsSection(const ReportSection& s, const Org& org) {
  DOCKET_ASSIGN_OR_RETURN(auto all, source_.Findings(org.id, term_.id, now_));
  std::vector<const Finding*> found;
  for (const auto& f : all) {
    if (f.org == org.id) found.push_back(&f);
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Finding* a, const Finding* b) { return RuleNumber(a->rule) < RuleNumber(b->rule); });
  ReportSectionDoc doc{s.id, "findings", s.labels, {}};
  const Labels none = LabelsOf(Msg("(no findings)"));
  ReportTable by_rule{"by_rule", LabelsOf(Msg("By rule")),
                      {{"rule", LabelsOf(Msg("Rule")), false}, {"count", LabelsOf(Msg("Findings")), true}}, {}, false, none};
  for (std::size_t i = 0; i < found.size();) {
    std::size_t j = i;
    while (j < found.size() && found[j]->rule == found[i]->rule) ++j;
    by_rule.rows.push_back({Text(found[i]->rule), ReportCell{Value(static_cast<std::int64_t>(j - i)), {}}});
    i = j;
  }
  doc.tables.push_back(std::move(by_rule));
  // In context "report": "Evidence" alone is the CLI's column (证据).
  ReportTable list{"findings", LabelsOf(Msg("The findings")),
                   {{"rule", LabelsOf(Msg("Rule")), false},
                    {"severity", LabelsOf(Msg("Severity")), false},
                    {"item", LabelsOf(Msg("Item")), false},
                    {"message", LabelsOf(Msg("Finding")), false},
                    {"evidence", LabelsOf(Msg::In("report", "Evidence")), false}},
                   {}, false, none};
  for (const Finding* f : found) {
    Labels what{f->workflow, f->workflow};
    auto def = source_.Workflow(f->workflow);
    if (def.ok()) what = {(*def)->labels.Get(Lang::kZh, f->workflow), (*def)->labels.Get(Lang::kEn, f->workflow)};
    if (f->item != 0) {
      what.zh += " #" + std::to_string(f->item);
      what.en += " #" + std::to_string(f->item);
    }
    // The evidence by the fields' labels: "发现时间：…；…" / "Found at: …; …".
    std::string raw;
    std::vector<Msg> parts;
    for (const auto& [k, v] : f->evidence) {
      const FieldDef* fd = def.ok() ? (*def)->FindField(k) : nullptr;
      raw += (raw.empty() ? "" : "; ") + k + ": " + v;
      parts.push_back(Msg("{label}: {value}", {{"label", fd ? Msg::Of(fd->labels, k) : Msg::Literal(k)}, {"value", v}}));
    }
    const Labels evidence = LabelsOf(Msg::Join(std::move(parts), Msg("; ")));
    list.rows.push_back({Text(f->rule), ShownCell(f->severity, SeverityLabels(f->severity)),
                         ShownCell(f->item != 0 ? std::to_string(f->item) : "", what),
                         ShownCell(f->check, {f->message.Get(Lang::kZh, f->check), f->message.Get(Lang::kEn, f->check)}),
                         evidence.zh.empty() ? Text("") : ShownCell(raw, evidence)});
  }
  doc.tables.push_back(std::move(list));
  return doc;
}

Result<ReportSectionDoc> ReportBuilder::ChainSection(const ReportSection& s, const Org& org) {
  DOCKET_ASSIGN_OR_RETURN(auto head, source_.AuditHead(org.id));
  ReportSectionDoc doc{s.id, "chain_head", s.labels, {}};
  ReportTable t{"head", {},
                {{"org", LabelsOf(Msg("Organization")), false},
                 {"seq", LabelsOf(Msg("Last entry")), true},
                 {"hash", LabelsOf(Msg("Head hash ({algorithm})", {{"algorithm", "SHA-256"}})), false}},
                {}, false, {}};
  t.rows.push_back({Text(org.id), ReportCell{Value(head.seq), {}}, Text(head.hash)});
  doc.tables.push_back(std::move(t));
  return doc;
}

}  // namespace docket
