// ReportBuilder: the term, the front matter, and the whole document section by section; the
// names a report shows (persons, bodies), cached.
#include "report/builder.h"

#include "definition/calendar_loader.h"

namespace docket {

Status ReportBuilder::UseTerm(const std::string& term) {
  DOCKET_ASSIGN_OR_RETURN(auto text, source_.CalendarText());
  if (!text) {
    return Status::Invalid(Msg("no calendar is loaded, so term '{term}' has no dates: docket calendar load FILE", {{"term", term}}));
  }
  std::vector<Diagnostic> diags;
  Calendar calendar = ParseCalendarFile(*text, "calendar (stored)", &diags);
  if (HasErrors(diags)) return Status::Integrity(Msg("the stored calendar no longer parses: {errors}", {{"errors", FormatErrors(diags)}}));
  const Semester* s = calendar.Find(term);
  if (s == nullptr) {
    std::string known;
    for (const auto& sem : calendar.semesters) known += (known.empty() ? "" : ", ") + sem.id;
    return Status::Invalid(Msg("the calendar has no term '{term}' (it has: {known})", {{"term", term}, {"known", known}}));
  }
  term_ = *s;
  calendar_ = std::move(calendar);
  return Status::Ok();
}

Result<Calendar> ReportBuilder::CalendarOf(const Org& org) {
  Calendar calendar = calendar_;
  DOCKET_ASSIGN_OR_RETURN(calendar.zone, source_.Zone(org.time_zone));
  return calendar;
}

Result<TermSpan> ReportBuilder::SpanOf(const Org& org) {
  DOCKET_ASSIGN_OR_RETURN(auto calendar, CalendarOf(org));
  return docket::SpanOf(calendar, term_);
}

Result<ReportDoc> ReportBuilder::Header(const ResolvedReport& report, const std::string& kind, const Org& org) {
  ReportDoc doc;
  doc.kind = kind;
  doc.report = report.def->id;
  doc.version = report.def->version;
  doc.definition_hash = report.hash;
  doc.labels = report.def->labels;
  if (kind == "rollup") {
    doc.labels = LabelsOf(Msg("{report} roll-up", {{"report", Msg::Of(report.def->labels, doc.report)}}));
  }
  doc.org = org.id;
  doc.org_name = {org.name.Get(Lang::kZh, org.id), org.name.Get(Lang::kEn, org.id)};
  doc.term = term_.id;
  doc.term_labels = {term_.labels.Get(Lang::kZh, term_.id), term_.labels.Get(Lang::kEn, term_.id)};
  doc.term_start = FormatDate(term_.start);
  doc.term_end = FormatDate(term_.last_day);
  DOCKET_ASSIGN_OR_RETURN(const TimeZone zone, source_.Zone(org.time_zone));
  doc.generated_at = FormatTimeIn(now_, zone);
  return doc;
}

Result<ReportDoc> ReportBuilder::Build(const ResolvedReport& report, const Org& org) {
  DOCKET_ASSIGN_OR_RETURN(ReportDoc doc, Header(report, "report", org));
  for (const auto& s : report.def->sections) {
    Result<ReportSectionDoc> section = Status::Invalid(Msg("unknown section kind"));
    switch (s.kind) {
      case ReportSection::Kind::kItems: section = ItemsSection(*report.def, s, org); break;
      case ReportSection::Kind::kCadence: section = CadenceSection(s, org); break;
      case ReportSection::Kind::kFindings: section = FindingsSection(s, org); break;
      case ReportSection::Kind::kChainHead: section = ChainSection(s, org); break;
    }
    if (!section.ok()) {
      return Status(section.status().code(), Msg("report '{report}', section '{section}': {why}",
                                                 {{"report", report.def->id}, {"section", s.id}, {"why", section.status().msg()}}));
    }
    doc.sections.push_back(std::move(section).value());
  }
  return doc;
}

Labels ReportBuilder::PersonName(const std::string& id) {
  auto it = people_.find(id);
  if (it == people_.end()) {
    auto p = source_.GetPerson(id);
    Labels name{id, id};
    if (p.ok()) name = {p->name.Get(Lang::kZh, id), p->name.Get(Lang::kEn, id)};
    it = people_.emplace(id, name).first;
  }
  return it->second;
}

Labels ReportBuilder::BodyName(const std::string& org, const std::string& body) {
  auto it = orgs_.find(org);
  if (it == orgs_.end()) {
    auto o = source_.GetOrg(org);
    if (!o.ok()) return {body, body};
    it = orgs_.emplace(org, std::move(o).value()).first;
  }
  const Body* b = it->second.FindBody(body);
  if (b == nullptr) return {body, body};
  return {b->name.Get(Lang::kZh, body), b->name.Get(Lang::kEn, body)};
}

void ReportBuilder::EnsureIndex(const std::string& workflow, const std::string& field) {
  if (!indexed_.insert({workflow, field}).second) return;
  // Without the index the items are read by scanning: slower, the same answer.
  (void)source_.EnsureFieldIndex(workflow, field);
}

Result<std::shared_ptr<const Definition>> ReportBuilder::Workflow(const std::string& id) {
  return ReportWorkflow(source_, id);
}

}  // namespace docket
