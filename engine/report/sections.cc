// The sections that are not item counts: a cadence (how many periods of the term saw an
// action, from the audit log), the compliance findings (ReportSource::Findings) and the head of
// the organization's audit chain at generation time.
#include <algorithm>
#include <set>

#include "report/builder.h"
#include "report/values.h"

namespace docket {
namespace {

// "周"/"week" for 7 days, "天"/"day" for one, else "周期"/"period".
Labels PeriodWord(std::int64_t seconds) {
  if (seconds == 7 * 86400) return {"周", "Weeks"};
  if (seconds == 86400) return {"天", "Days"};
  return {"周期", "Periods"};
}

int RuleNumber(const std::string& rule) {
  int n = 0;
  for (char c : rule) {
    if (c >= '0' && c <= '9') n = n * 10 + (c - '0');
  }
  return n;
}

Labels SeverityLabels(const std::string& s) {
  if (s == "high") return {"高", "high"};
  if (s == "medium") return {"中", "medium"};
  if (s == "low") return {"低", "low"};
  if (s == "info") return {"提示", "info"};
  return {s, s};
}

ReportCell Text(const std::string& s) { return {Value(s), {}}; }
ReportCell Shown(const std::string& raw, const Labels& l) { return {Value(raw), l}; }

}  // namespace

Result<ReportSectionDoc> ReportBuilder::CadenceSection(const ReportSection& s, const Org& org) {
  DOCKET_ASSIGN_OR_RETURN(auto wf, Workflow(s.workflow));
  Labels action{s.action, s.action};
  for (const auto& t : wf->transitions) {
    if (t.name == s.action) action = {t.labels.Get(Lang::kZh, t.name), t.labels.Get(Lang::kEn, t.name)};
  }
  const std::chrono::seconds every(s.every_seconds);
  const TimePoint start = term_.start;
  const TimePoint end = std::min(term_.End(), now_);
  // Whole periods so far; the last, shorter one once the term is over.
  std::int64_t periods = 0;
  if (end > start) {
    const auto span = std::chrono::duration_cast<std::chrono::seconds>(end - start).count();
    periods = span / s.every_seconds + (now_ >= term_.End() && span % s.every_seconds ? 1 : 0);
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
  const Labels unit = PeriodWord(s.every_seconds);
  ReportSectionDoc doc{s.id, "cadence", s.labels, {}};
  ReportTable summary{"summary", {}, {}, {}, false, {}};
  summary.columns = {
      {"periods_with", {"有「" + action.zh + "」的" + unit.zh + "数", unit.en + " with \"" + action.en + "\""}, true},
      {"periods", {"学期已过" + unit.zh + "数", unit.en + " of the term so far"}, true},
      {"coverage", {"覆盖率", "Coverage"}, true},
      {"actions", {"「" + action.zh + "」次数", "Times \"" + action.en + "\""}, true}};
  const std::int64_t with = static_cast<std::int64_t>(hit.size());
  const std::string rate = RateText(with, periods);
  summary.rows.push_back({ReportCell{Value(with), {}}, ReportCell{Value(periods), {}},
                          periods > 0 ? ReportCell{Value(List{Value(with), Value(periods)}), {rate, rate}} : ReportCell{},
                          ReportCell{Value(actions), {}}});
  doc.tables.push_back(std::move(summary));
  ReportTable missed{"missed", {"没有「" + action.zh + "」的" + unit.zh, unit.en + " without \"" + action.en + "\""},
                     {{"period", {"序号", "No."}, true}, {"from", {"起", "From"}, false}, {"to", {"止", "To"}, false}},
                     {}, false, {"（无）", "(none)"}};
  for (std::int64_t k = 0; k < periods; ++k) {
    if (hit.count(k)) continue;
    const TimePoint from = start + every * k;
    const TimePoint to = std::min(from + every, term_.End()) - std::chrono::days(1);
    missed.rows.push_back({ReportCell{Value(k + 1), {}}, Text(FormatDate(from)), Text(FormatDate(to))});
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
  ReportTable by_rule{"by_rule", {"按规则统计", "By rule"},
                      {{"rule", {"规则", "Rule"}, false}, {"count", {"问题数", "Findings"}, true}}, {}, false,
                      {"（未发现问题）", "(no findings)"}};
  for (std::size_t i = 0; i < found.size();) {
    std::size_t j = i;
    while (j < found.size() && found[j]->rule == found[i]->rule) ++j;
    by_rule.rows.push_back({Text(found[i]->rule), ReportCell{Value(static_cast<std::int64_t>(j - i)), {}}});
    i = j;
  }
  doc.tables.push_back(std::move(by_rule));
  ReportTable list{"findings", {"问题清单", "The findings"},
                   {{"rule", {"规则", "Rule"}, false},
                    {"severity", {"严重程度", "Severity"}, false},
                    {"item", {"事项", "Item"}, false},
                    {"message", {"问题", "Finding"}, false},
                    {"evidence", {"依据", "Evidence"}, false}},
                   {}, false, {"（未发现问题）", "(no findings)"}};
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
    Labels evidence;
    for (const auto& [k, v] : f->evidence) {
      const FieldDef* fd = def.ok() ? (*def)->FindField(k) : nullptr;
      raw += (raw.empty() ? "" : "; ") + k + ": " + v;
      evidence.zh += (evidence.zh.empty() ? "" : "；") + (fd ? fd->labels.Get(Lang::kZh, k) : k) + "：" + v;
      evidence.en += (evidence.en.empty() ? "" : "; ") + (fd ? fd->labels.Get(Lang::kEn, k) : k) + ": " + v;
    }
    list.rows.push_back({Text(f->rule), Shown(f->severity, SeverityLabels(f->severity)),
                         Shown(f->item != 0 ? std::to_string(f->item) : "", what),
                         Shown(f->check, {f->message.Get(Lang::kZh, f->check), f->message.Get(Lang::kEn, f->check)}),
                         evidence.zh.empty() ? Text("") : Shown(raw, evidence)});
  }
  doc.tables.push_back(std::move(list));
  return doc;
}

Result<ReportSectionDoc> ReportBuilder::ChainSection(const ReportSection& s, const Org& org) {
  DOCKET_ASSIGN_OR_RETURN(auto head, source_.AuditHead(org.id));
  ReportSectionDoc doc{s.id, "chain_head", s.labels, {}};
  ReportTable t{"head", {},
                {{"org", {"组织", "Organization"}, false},
                 {"seq", {"最新记录序号", "Last entry"}, true},
                 {"hash", {"链头哈希（SHA-256）", "Head hash (SHA-256)"}, false}},
                {}, false, {}};
  t.rows.push_back({Text(org.id), ReportCell{Value(head.seq), {}}, Text(head.hash)});
  doc.tables.push_back(std::move(t));
  return doc;
}

}  // namespace docket
