// LintReport: the names of a report definition checked against the workflows they name.
// Every error points at the name in the report file.
#include <algorithm>

#include "definition/report_loader.h"
#include "definition/yaml_reader.h"

namespace docket {
namespace {

using detail::Key;
using detail::KeyOf;
using detail::Path;

Msg SectionNamed(const std::string& id) { return Msg("section '{section}'", {{"section", id}}); }

Msg NotADate(const Msg& what, const std::string& field) {
  return Msg("{what}: field '{field}' must be a date or datetime", {{"what", what}, {"field", field}});
}

Msg NoAction(const Msg& what, const Definition& def, const std::string& action) {
  return Msg("{what}: workflow '{workflow}' has no action '{action}'", {{"what", what}, {"workflow", def.id}, {"action", action}});
}

class ReportLint {
 public:
  ReportLint(const std::string& file, const std::function<const Definition*(const std::string&)>& find,
             std::vector<Diagnostic>* diags)
      : file_(file), find_(find), diags_(diags) {}

  void Error(SourcePos pos, Msg message) {
    diags_->push_back(Diagnostic::Make(file_, pos, Diagnostic::Severity::kError, std::move(message)));
  }

  const Definition* Workflow(const std::string& id, SourcePos pos, const Msg& what) {
    const Definition* d = find_(id);
    if (d == nullptr) Error(pos, Msg("{what} names workflow '{workflow}', which is not loaded", {{"what", what}, {"workflow", id}}));
    return d;
  }

  const FieldDef* Field(const Definition& def, const std::string& name, SourcePos pos, const Msg& what) {
    const FieldDef* f = def.FindField(name);
    if (f == nullptr) {
      Error(pos, Msg("{what}: workflow '{workflow}' has no field '{field}'", {{"what", what}, {"workflow", def.id}, {"field", name}}));
    }
    return f;
  }

  void States(const Definition& def, const std::vector<std::string>& states, SourcePos pos, const Msg& what) {
    for (const auto& s : states) {
      if (def.FindState(s) == nullptr) {
        Error(pos, Msg("{what}: workflow '{workflow}' has no state '{state}'", {{"what", what}, {"workflow", def.id}, {"state", s}}));
      }
    }
  }

  // The workflow an item field references (its `workflow:`), checked to be declared.
  const Definition* RefTarget(const Definition& def, const std::string& ref, SourcePos pos, const Msg& what) {
    const FieldDef* r = Field(def, ref, pos, what);
    if (r == nullptr) return nullptr;
    if (r->type != FieldType::kItem || r->workflow.empty()) {
      Error(pos, Msg("{what}: field '{field}' of workflow '{workflow}' must be an item reference that names its workflow (type: item, workflow: ...)",
                     {{"what", what}, {"field", ref}, {"workflow", def.id}}));
      return nullptr;
    }
    return Workflow(r->workflow, pos, Msg("{what} (through '{field}')", {{"what", what}, {"field", ref}}));
  }

  void Operand(const Definition& def, const ReportOperand& o, const ReportSection& s, const Msg& what) {
    if (o.source == ReportOperand::Source::kState || o.source == ReportOperand::Source::kProgress) return;
    if (o.source == ReportOperand::Source::kExecution) {
      if (!s.execution) Error(o.pos, Msg("{what}: ${value} needs the section's 'execution'", {{"what", what}, {"value", o.execution}}));
      return;
    }
    const Definition* target = &def;
    if (o.source == ReportOperand::Source::kRef) target = RefTarget(def, o.ref, o.pos, what);
    if (target == nullptr) return;
    const FieldDef* f = Field(*target, o.field, o.pos, what);
    if (f != nullptr && o.as == "body" && f->type != FieldType::kText && f->type != FieldType::kEnum) {
      Error(o.pos, Msg("{what}: field '{field}' is shown as a body, so it must be text or enum", {{"what", what}, {"field", o.field}}));
    }
  }

  void Items(const ReportSection& s) {
    const Msg what = SectionNamed(s.id);
    const Definition* def = Workflow(s.workflow, s.pos, what);
    if (def == nullptr) return;
    if (s.in_term.by != TermMembership::By::kCreated) {
      const Msg in_term = Path(what, "in_term");
      const Definition* target = def;
      if (s.in_term.by == TermMembership::By::kRef) target = RefTarget(*def, s.in_term.ref, s.in_term.pos, in_term);
      const FieldDef* f = target ? Field(*target, s.in_term.field, s.in_term.pos, in_term) : nullptr;
      if (f != nullptr && f->type != FieldType::kDate && f->type != FieldType::kDateTime) {
        Error(s.in_term.pos, NotADate(in_term, f->name));
      }
    }
    if (s.execution) {
      const Msg due_what = Path(what, "execution.due");
      const FieldDef* due = Field(*def, s.execution->due, s.execution->pos, due_what);
      if (due != nullptr && due->type != FieldType::kDate && due->type != FieldType::kDateTime) {
        Error(s.execution->pos, NotADate(due_what, due->name));
      }
      States(*def, s.execution->done, s.execution->pos, Path(what, "execution.done"));
      States(*def, s.execution->dropped, s.execution->pos, Path(what, "execution.dropped"));
    }
    for (const auto& o : s.group_by) Operand(*def, o, s, Path(what, "group_by"));
    for (const auto& o : s.rows) Operand(*def, o, s, Path(what, "rows"));
    if (s.set_apart) Field(*def, s.set_apart->field, s.set_apart->pos, Path(what, "set_apart"));
    for (const auto& m : s.measures) {
      const Msg mw = KeyOf(what, Msg("measure '{measure}'", {{"measure", m.id}}));
      States(*def, m.states, m.pos, mw);
      if (!m.statuses.empty() && !s.execution) {
        Error(m.pos, Msg("{what} counts execution statuses; the section needs 'execution'", {{"what", mw}}));
      }
      if (m.kind == ReportMeasure::Kind::kCount) continue;
      const FieldDef* p = Field(*def, m.present, m.pos, mw);
      if (p != nullptr && !(p->type == FieldType::kList && p->element == FieldType::kPerson)) {
        Error(m.pos, Msg("{what}: field '{field}' must be a list of persons", {{"what", mw}, {"field", m.present}}));
      }
      Operand(*def, m.members_of, s, Path(mw, "members_of"));
    }
  }

  void Cadence(const ReportSection& s) {
    const Msg what = SectionNamed(s.id);
    const Definition* def = Workflow(s.workflow, s.pos, what);
    if (def != nullptr && !def->HasTransitionNamed(s.action)) Error(s.pos, NoAction(what, *def, s.action));
  }

  void ItemRule(const ReportItemRule& rule) {
    const Definition* def = Workflow(rule.workflow, rule.pos, Key("item"));
    if (def == nullptr) return;
    const FieldDef* term = Field(*def, rule.term_field, rule.pos, Key("item.term_field"));
    if (term != nullptr && term->type != FieldType::kText && term->type != FieldType::kEnum) {
      Error(rule.pos, Msg("item.term_field: field '{field}' must be text or enum (it holds the term's id)", {{"field", term->name}}));
    }
    Field(*def, rule.comment, rule.pos, Key("item.comment"));
    for (const auto& [status, states] : rule.status) States(*def, states, rule.pos, Key("item.status." + status));
    for (const std::string* action : {&rule.accept, &rule.return_action}) {
      if (!def->HasTransitionNamed(*action)) Error(rule.pos, NoAction(Key("item"), *def, *action));
    }
  }

  void Rollup(const ReportDefinition& report) {
    for (const auto& c : report.rollup->columns) {
      const ReportSection* s = report.FindSection(c.section);
      if (s == nullptr || s->kind != ReportSection::Kind::kItems) {
        Error(c.pos, Msg("rollup column: there is no items section '{section}'", {{"section", c.section}}));
      } else if (s->FindMeasure(c.measure) == nullptr) {
        Error(c.pos, Msg("rollup column: section '{section}' has no measure '{measure}'", {{"section", c.section}, {"measure", c.measure}}));
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
