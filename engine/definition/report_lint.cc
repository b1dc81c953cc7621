// LintReport: the names of a report definition checked against the workflows they name.
// Every error points at the name in the report file.
#include <algorithm>

#include "definition/report_loader.h"

namespace docket {
namespace {

class ReportLint {
 public:
  ReportLint(const std::string& file, const std::function<const Definition*(const std::string&)>& find,
             std::vector<Diagnostic>* diags)
      : file_(file), find_(find), diags_(diags) {}

  void Error(SourcePos pos, std::string message) {
    diags_->push_back({file_, pos.line, pos.column, Diagnostic::Severity::kError, std::move(message)});
  }

  const Definition* Workflow(const std::string& id, SourcePos pos, const std::string& what) {
    const Definition* d = find_(id);
    if (d == nullptr) Error(pos, what + " names workflow '" + id + "', which is not loaded");
    return d;
  }

  const FieldDef* Field(const Definition& def, const std::string& name, SourcePos pos, const std::string& what) {
    const FieldDef* f = def.FindField(name);
    if (f == nullptr) Error(pos, what + ": workflow '" + def.id + "' has no field '" + name + "'");
    return f;
  }

  void States(const Definition& def, const std::vector<std::string>& states, SourcePos pos, const std::string& what) {
    for (const auto& s : states) {
      if (def.FindState(s) == nullptr) Error(pos, what + ": workflow '" + def.id + "' has no state '" + s + "'");
    }
  }

  // The workflow an item field references (its `workflow:`), checked to be declared.
  const Definition* RefTarget(const Definition& def, const std::string& ref, SourcePos pos, const std::string& what) {
    const FieldDef* r = Field(def, ref, pos, what);
    if (r == nullptr) return nullptr;
    if (r->type != FieldType::kItem || r->workflow.empty()) {
      Error(pos, what + ": field '" + ref + "' of workflow '" + def.id +
                     "' must be an item reference that names its workflow (type: item, workflow: ...)");
      return nullptr;
    }
    return Workflow(r->workflow, pos, what + " (through '" + ref + "')");
  }

  void Operand(const Definition& def, const ReportOperand& o, const ReportSection& s, const std::string& what) {
    if (o.source == ReportOperand::Source::kState || o.source == ReportOperand::Source::kProgress) return;
    if (o.source == ReportOperand::Source::kExecution) {
      if (!s.execution) Error(o.pos, what + ": $" + o.execution + " needs the section's 'execution'");
      return;
    }
    const Definition* target = &def;
    if (o.source == ReportOperand::Source::kRef) target = RefTarget(def, o.ref, o.pos, what);
    if (target == nullptr) return;
    const FieldDef* f = Field(*target, o.field, o.pos, what);
    if (f != nullptr && o.as == "body" && f->type != FieldType::kText && f->type != FieldType::kEnum) {
      Error(o.pos, what + ": field '" + o.field + "' is shown as a body, so it must be text or enum");
    }
  }

  void Items(const ReportSection& s) {
    const std::string what = "section '" + s.id + "'";
    const Definition* def = Workflow(s.workflow, s.pos, what);
    if (def == nullptr) return;
    if (s.in_term.by != TermMembership::By::kCreated) {
      const Definition* target = def;
      if (s.in_term.by == TermMembership::By::kRef) target = RefTarget(*def, s.in_term.ref, s.in_term.pos, what + ".in_term");
      const FieldDef* f = target ? Field(*target, s.in_term.field, s.in_term.pos, what + ".in_term") : nullptr;
      if (f != nullptr && f->type != FieldType::kDate && f->type != FieldType::kDateTime) {
        Error(s.in_term.pos, what + ".in_term: field '" + f->name + "' must be a date or datetime");
      }
    }
    if (s.execution) {
      const FieldDef* due = Field(*def, s.execution->due, s.execution->pos, what + ".execution.due");
      if (due != nullptr && due->type != FieldType::kDate && due->type != FieldType::kDateTime) {
        Error(s.execution->pos, what + ".execution.due: field '" + due->name + "' must be a date or datetime");
      }
      States(*def, s.execution->done, s.execution->pos, what + ".execution.done");
      States(*def, s.execution->dropped, s.execution->pos, what + ".execution.dropped");
    }
    for (const auto& o : s.group_by) Operand(*def, o, s, what + ".group_by");
    for (const auto& o : s.rows) Operand(*def, o, s, what + ".rows");
    if (s.set_apart) Field(*def, s.set_apart->field, s.set_apart->pos, what + ".set_apart");
    for (const auto& m : s.measures) {
      const std::string mw = what + ": measure '" + m.id + "'";
      States(*def, m.states, m.pos, mw);
      if (!m.statuses.empty() && !s.execution) Error(m.pos, mw + " counts execution statuses; the section needs 'execution'");
      if (m.kind == ReportMeasure::Kind::kCount) continue;
      const FieldDef* p = Field(*def, m.present, m.pos, mw);
      if (p != nullptr && !(p->type == FieldType::kList && p->element == FieldType::kPerson)) {
        Error(m.pos, mw + ": field '" + m.present + "' must be a list of persons");
      }
      Operand(*def, m.members_of, s, mw + ".members_of");
    }
  }

  void Cadence(const ReportSection& s) {
    const std::string what = "section '" + s.id + "'";
    const Definition* def = Workflow(s.workflow, s.pos, what);
    if (def != nullptr && !def->HasTransitionNamed(s.action)) {
      Error(s.pos, what + ": workflow '" + def->id + "' has no action '" + s.action + "'");
    }
  }

  void ItemRule(const ReportItemRule& rule) {
    const Definition* def = Workflow(rule.workflow, rule.pos, "item");
    if (def == nullptr) return;
    const FieldDef* term = Field(*def, rule.term_field, rule.pos, "item.term_field");
    if (term != nullptr && term->type != FieldType::kText && term->type != FieldType::kEnum) {
      Error(rule.pos, "item.term_field: field '" + term->name + "' must be text or enum (it holds the term's id)");
    }
    Field(*def, rule.comment, rule.pos, "item.comment");
    for (const auto& [status, states] : rule.status) States(*def, states, rule.pos, "item.status." + status);
    for (const std::string* action : {&rule.accept, &rule.return_action}) {
      if (!def->HasTransitionNamed(*action)) {
        Error(rule.pos, "item: workflow '" + def->id + "' has no action '" + *action + "'");
      }
    }
  }

  void Rollup(const ReportDefinition& report) {
    for (const auto& c : report.rollup->columns) {
      const ReportSection* s = report.FindSection(c.section);
      if (s == nullptr || s->kind != ReportSection::Kind::kItems) {
        Error(c.pos, "rollup column: there is no items section '" + c.section + "'");
      } else if (s->FindMeasure(c.measure) == nullptr) {
        Error(c.pos, "rollup column: section '" + c.section + "' has no measure '" + c.measure + "'");
      }
    }
  }

 private:
  const std::string& file_;
  const std::function<const Definition*(const std::string&)>& find_;
  std::vector<Diagnostic>* diags_;
};

}  // namespace

void LintReport(const ReportDefinition& report, const std::string& file,
                const std::function<const Definition*(const std::string&)>& find,
                std::vector<Diagnostic>* diags) {
  ReportLint lint(file, find, diags);
  if (report.item) lint.ItemRule(*report.item);
  for (const auto& s : report.sections) {
    if (s.kind == ReportSection::Kind::kItems) lint.Items(s);
    if (s.kind == ReportSection::Kind::kCadence) lint.Cadence(s);
  }
  if (report.rollup) lint.Rollup(report);
}

}  // namespace docket
