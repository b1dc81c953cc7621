// Submitting a report: `$report` derives the report for the submitted item and records its
// content hash in the item (so in the audit entry, so in the chain); the canonical json it
// hashed is kept under that hash (Store::PutDocument), so the supervisor can later show
// exactly what was submitted and prove it (Docket::VerifySubmission, report_api.cc).
#include "app/report_builder.h"
#include "audit/chain.h"

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

Result<std::optional<DerivedReport>> DeriveReport(Docket& docket, Store& store, const Definition& def,
                                                  const Item& item, const std::string& action, TimePoint now) {
  const TransitionDef* t = def.FindTransition(action, item.state);
  if (t == nullptr) return std::optional<DerivedReport>();
  bool wanted = false;
  for (const auto& e : t->effects) wanted = wanted || (e.kind == Effect::Kind::kSet && e.computed == Effect::Computed::kReport);
  if (!wanted) return std::optional<DerivedReport>();

  auto unavailable = [](std::string why) {
    DerivedReport d;
    d.unavailable = std::move(why);
    return std::optional<DerivedReport>(std::move(d));
  };
  std::optional<ResolvedReport> report;
  for (const auto& id : ShippedReportIds()) {
    auto r = ResolveReport(store, id);
    if (!r.ok()) return r.status();
    if (r->def->item && r->def->item->workflow == item.workflow) {
      report = std::move(r).value();
      break;
    }
  }
  if (!report) return unavailable("no report definition names workflow '" + item.workflow + "' in its item block");
  const ReportItemRule& rule = *report->def->item;
  auto term = item.fields.find(rule.term_field);
  if (term == item.fields.end() || !term->second.is_string()) {
    return unavailable("its field '" + rule.term_field + "' names no term");
  }
  auto org = store.GetOrg(item.org);
  if (!org.ok()) return org.status();
  ReportBuilder builder(docket, store, now);
  Status st = builder.UseTerm(term->second.as_string());
  if (!st.ok()) {
    if (st.code() == Code::kInvalid) return unavailable(st.message());
    return st;
  }
  auto doc = builder.Build(*report, *org);
  if (!doc.ok()) {
    if (doc.status().code() == Code::kInvalid || doc.status().code() == Code::kNotFound) {
      return unavailable(doc.status().message());
    }
    return doc.status();
  }
  DerivedReport derived;
  derived.content = CanonicalReport(*doc);
  derived.hash = Sha256Hex(derived.content);
  return std::optional<DerivedReport>(std::move(derived));
}

}  // namespace docket
