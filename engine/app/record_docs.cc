#include "app/record_docs.h"

#include <algorithm>

#include "app/report_source.h"
#include "core/field.h"
#include "core/time_zone.h"

namespace docket {

Result<DecisionRecord> DecisionDocument(Docket& docket, std::int64_t id) {
  DOCKET_RETURN_IF_ERROR(docket.GetItem(id).status());
  DocketReportSource source(docket);
  return ReadDecision(source, id, docket.clock().Now());
}

Result<PublicRecord> PublicDocument(Docket& docket, const std::string& org_id) {
  DOCKET_ASSIGN_OR_RETURN(auto items, docket.ListPublic(org_id));
  DocketReportSource source(docket);
  DOCKET_ASSIGN_OR_RETURN(Org org, source.GetOrg(org_id));
  DOCKET_ASSIGN_OR_RETURN(TimeZone zone, source.Zone(org.time_zone));
  PublicRecord r;
  r.org = org.id;
  r.org_name = {org.name.Get(Lang::kZh, org.id), org.name.Get(Lang::kEn, org.id)};
  r.generated_on = FormatDateIn(docket.clock().Now(), zone);
  for (const PublicItem& p : items) {
    const Definition& def = *p.definition;
    const Definition& labels = p.labels ? *p.labels : def;
    PublicEntry e;
    e.id = p.item.id;
    e.kind = {def.labels.Get(Lang::kZh, def.id), def.labels.Get(Lang::kEn, def.id)};
    const StateDef* s = def.FindState(p.item.state);
    e.state = s == nullptr ? Labels{p.item.state, p.item.state}
                           : Labels{s->labels.Get(Lang::kZh, s->name), s->labels.Get(Lang::kEn, s->name)};
    e.date = FormatDateIn(p.item.created_at, zone);
    for (const std::string& name : def.publish->fields) {
      auto v = p.item.fields.find(name);
      if (v == p.item.fields.end() || v->second.is_null()) continue;
      if (name == "title") {
        e.title = v->second.ToText();
        continue;
      }
      const FieldDef* f = def.FindField(name);
      PublicField field;
      field.label = f ? Labels{f->labels.Get(Lang::kZh, name), f->labels.Get(Lang::kEn, name)} : Labels{name, name};
      field.value = {ShownValue(labels, name, v->second, Lang::kZh), ShownValue(labels, name, v->second, Lang::kEn)};
      field.date = f != nullptr && f->type == FieldType::kDate;
      e.fields.push_back(std::move(field));
    }
    r.entries.push_back(std::move(e));
  }
  // The newest decision first (ListPublic orders by the last change; the page by the date it shows).
  std::stable_sort(r.entries.begin(), r.entries.end(), [](const PublicEntry& a, const PublicEntry& b) {
    return a.date != b.date ? a.date > b.date : a.id > b.id;
  });
  return r;
}

}  // namespace docket
