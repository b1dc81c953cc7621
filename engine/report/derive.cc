// What `$report` derives when a report item is submitted: the report item and its hash
// field found from the definitions, and the document of the item's org and term. Hashing
// the document and keeping it is the caller's (app/report_submit.cc).
#include "report/builder.h"

namespace docket {

std::string ReportHashField(const Definition& def) {
  for (const auto& t : def.transitions) {
    for (const auto& e : t.effects) {
      if (e.kind == Effect::Kind::kSet && e.computed == Effect::Computed::kReport) return e.field;
    }
  }
  return "";
}

const Item* PickReportItem(const std::vector<Item>& items, const ReportItemRule& rule, const std::string& term) {
  const Item* found = nullptr;
  for (const Item& item : items) {
    if (item.workflow != rule.workflow) continue;
    auto t = item.fields.find(rule.term_field);
    if (t == item.fields.end() || !t->second.is_string() || t->second.as_string() != term) continue;
    if (found == nullptr || item.id > found->id) found = &item;
  }
  return found;
}

bool ActionSetsReport(const Definition& def, const Item& item, const std::string& action) {
  const TransitionDef* t = def.FindTransition(action, item.state);
  if (t == nullptr) return false;
  bool wanted = false;
  for (const auto& e : t->effects) wanted = wanted || (e.kind == Effect::Kind::kSet && e.computed == Effect::Computed::kReport);
  return wanted;
}

Result<ItemReport> BuildItemReport(ReportSource& source, const ResolvedReport& report, const Item& item,
                                   TimePoint now) {
  auto unavailable = [](Msg why) {
    ItemReport r;
    r.unavailable = std::move(why);
    return r;
  };
  const ReportItemRule& rule = *report.def->item;
  auto term = item.fields.find(rule.term_field);
  if (term == item.fields.end() || !term->second.is_string()) {
    return unavailable(Msg("its field '{field}' names no term", {{"field", rule.term_field}}));
  }
  DOCKET_ASSIGN_OR_RETURN(auto org, source.GetOrg(item.org));
  ReportBuilder builder(source, now);
  Status st = builder.UseTerm(term->second.as_string());
  if (!st.ok()) {
    if (st.code() == Code::kInvalid) return unavailable(st.msg());
    return st;
  }
  auto doc = builder.Build(report, org);
  if (!doc.ok()) {
    if (doc.status().code() == Code::kInvalid || doc.status().code() == Code::kNotFound) {
      return unavailable(doc.status().msg());
    }
    return doc.status();
  }
  ItemReport r;
  r.doc = std::move(doc).value();
  return r;
}

}  // namespace docket
