// Which of a workflow's items an items section places in a term (`in_term:`,
// docs/REPORTS.md): the one reading that the report's sections and the findings
// (app/findings.cc) share.
#include <tuple>

#include "report/builder.h"

namespace docket {

Result<std::shared_ptr<const Definition>> ReportWorkflow(ReportSource& source, const std::string& id) {
  auto def = source.Workflow(id);
  if (!def.ok() && def.status().code() == Code::kNotFound) {
    return Status::NotFound(Msg("the report reads workflow '{workflow}', which is not loaded: docket workflow load", {{"workflow", id}}));
  }
  return def;
}

Result<InTermRange> InTermRangeOf(ReportSource& source, const ReportSection& s, const TermSpan& span) {
  InTermRange r;
  r.query.workflow = s.workflow;
  if (s.in_term.by == TermMembership::By::kCreated) {
    std::tie(r.query.from, r.query.to) = SpanText(span, /*dates=*/false);
    return r;
  }
  DOCKET_ASSIGN_OR_RETURN(std::shared_ptr<const Definition> target, ReportWorkflow(source, s.workflow));
  r.query.field = s.in_term.field;
  if (s.in_term.by == TermMembership::By::kRef) {
    const FieldDef* ref = target->FindField(s.in_term.ref);
    if (ref == nullptr || ref->workflow.empty()) {
      return Status::Invalid(Msg("section '{section}': bad in_term.ref", {{"section", s.id}}));
    }
    r.query.ref = s.in_term.ref;
    r.query.ref_workflow = ref->workflow;
    r.indexes = {{ref->workflow, s.in_term.field}, {s.workflow, s.in_term.ref}};
    DOCKET_ASSIGN_OR_RETURN(target, ReportWorkflow(source, ref->workflow));
  } else {
    r.indexes = {{s.workflow, s.in_term.field}};
  }
  const FieldDef* f = target->FindField(s.in_term.field);
  std::tie(r.query.from, r.query.to) = SpanText(span, f != nullptr && f->type == FieldType::kDate);
  return r;
}

std::vector<std::pair<std::string, std::string>> TermIndexes(ReportSource& source, const ReportDefinition& def) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const ReportSection& s : def.sections) {
    if (s.kind != ReportSection::Kind::kItems) continue;
    Result<InTermRange> r = InTermRangeOf(source, s, TermSpan{});
    if (r.ok()) out.insert(out.end(), r->indexes.begin(), r->indexes.end());
  }
  return out;
}

}  // namespace docket
