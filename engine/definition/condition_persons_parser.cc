// Conditions on person lists (workflow_parse.h): keeps, subset.
#include "definition/workflow_parse.h"

namespace docket::detail {

bool ReadKeeps(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  const FieldDef* f = ReadFieldRef(p, n, "keeps");
  if (f == nullptr) return false;
  if (f->type != FieldType::kList) {
    p.reader.Error(n, "keeps '" + f->name + "' must be a list field, not " + FieldTypeName(f->type));
    return false;
  }
  c->field = f->name;
  return true;
}

bool ReadSubset(WorkflowParse& p, const YAML::Node& n, Condition* c) {
  auto m = p.reader.Map(n, "subset", {"field", "of"});
  if (!m) return false;
  std::size_t before = p.reader.error_count();
  if (const FieldDef* f = TypedField(p, *m, n, "field", "subset", PersonListType, "a list of person")) {
    c->field = f->name;
  }
  const MapEntry* of = m->Find("of");
  if (of == nullptr) {
    p.reader.Error(n, "subset needs 'of': {field: F} or {ref: ITEM_FIELD, field: F}");
  } else if (auto o = ReadOperand(p, of->value, "subset.of")) {
    if (o->source == Operand::Source::kValue) {
      p.reader.Error(of->value, "subset.of names a list field, not a value");
    } else if (o->source == Operand::Source::kField) {
      const FieldDef* f = p.def.FindField(o->field);
      if (f != nullptr && !PersonListType(*f)) {
        p.reader.Error(of->value, "subset.of '" + f->name + "' must be a list of person");
      }
    }
    c->expected = *o;
  }
  return before == p.reader.error_count();
}

}  // namespace docket::detail
