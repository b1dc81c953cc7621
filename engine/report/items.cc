// Items sections: the term's items of one workflow, counted per group (with 三重一大-style
// values set apart in a table of their own), and listed one row per item.
//
// Measures: a count (of the items in some states or with some execution statuses); an
// attendance rate (the persons present who are members of the body the item names, over
// its members, summed over the items); a quorum count (items whose members present pass
// the threshold, which a body may set otherwise).
#include <algorithm>

#include "report/values.h"

namespace docket {
namespace {

struct Acc {
  std::int64_t count = 0;
  std::int64_t num = 0;
  std::int64_t den = 0;
};

bool Passes(const Threshold& t, std::int64_t have, std::int64_t of) {
  return t.strict ? have * t.den > of * t.num : have * t.den >= of * t.num;
}

// Whether telling on time from late matters to what is computed (it costs a history read).
bool NeedsDoneTime(const ReportSection& s, const std::set<std::string>& measures, bool rows) {
  if (!s.execution) return false;
  if (rows && !s.rows.empty()) return true;
  for (const auto& m : s.measures) {
    if (!measures.empty() && !measures.count(m.id)) continue;
    if (Contains(m.statuses, "on_time") != Contains(m.statuses, "late")) return true;
  }
  return false;
}

class ItemsSectionBuilder {
 public:
  ItemsSectionBuilder(ReportBuilder& b, const ReportDefinition& def, const ReportSection& s, const Org& org,
                      const Definition& wf, const std::set<std::string>& measures, bool rows)
      : b_(b), s_(s), org_(org), rows_(rows), values_(b, def, s, org, wf, NeedsDoneTime(s, measures, rows)) {
    for (const auto& m : s.measures) {
      if (measures.empty() || measures.count(m.id)) measures_.push_back(&m);
    }
  }

  // Reads the term's items (only the fields the measures need when `rows` is off), and when
  // the section tells on time from late, when each done item became done.
  Status Load() {
    DOCKET_ASSIGN_OR_RETURN(TermItemsQuery range, Query());
    DOCKET_ASSIGN_OR_RETURN(auto items, b_.source().ItemsInTerm(range));
    items_ = std::move(items);
    if (values_.need_done_time()) {
      std::vector<std::int64_t> done;
      for (const Item& item : items_) {
        if (Contains(s_.execution->done, item.state)) done.push_back(item.id);
      }
      DOCKET_ASSIGN_OR_RETURN(auto at, b_.source().EnteredStates(done, s_.execution->done));
      values_.SetDoneTimes(std::move(at));
    }
    DOCKET_RETURN_IF_ERROR(ReadAhead());
    for (const Item& item : items_) {
      DOCKET_ASSIGN_OR_RETURN(auto ex, values_.ExecutionOf(item));
      exec_.push_back(std::move(ex));
    }
    return Status::Ok();
  }

  // The query for the term's items (with the indexes it reads by asked for).
  Result<TermItemsQuery> Query() {
    // The one reading of in_term that findings share (in_term.cc).
    DOCKET_ASSIGN_OR_RETURN(TermSpan span, b_.SpanOf(org_));
    DOCKET_ASSIGN_OR_RETURN(InTermRange in_term, InTermRangeOf(b_.source(), s_, span));
    for (const auto& [workflow, field] : in_term.indexes) b_.EnsureIndex(workflow, field);
    TermItemsQuery& range = in_term.query;
    range.org = org_.id;
    range.created_up_to = FormatTime(b_.now());
    if (!rows_) range.fields = NeededFields();
    return std::move(range);
  }

  // What the values shown and measured will read of other items, read for all the items at
  // once: the items their references name, and their progress.
  Status ReadAhead() {
    std::vector<const ReportOperand*> operands;
    if (rows_) {
      for (const auto& o : s_.group_by) operands.push_back(&o);
      for (const auto& o : s_.rows) operands.push_back(&o);
    }
    for (const ReportMeasure* m : measures_) {
      if (m->kind != ReportMeasure::Kind::kCount) operands.push_back(&m->members_of);
    }
    DOCKET_RETURN_IF_ERROR(values_.ReadRefsAhead(items_, operands));
    const bool progress = std::any_of(operands.begin(), operands.end(), [](const ReportOperand* o) {
      return o->source == ReportOperand::Source::kProgress;
    });
    return progress ? b_.source().ReadProgressAhead(items_) : Status::Ok();
  }

  // The fields the chosen measures read: the due date, who was present, the body.
  std::vector<std::string> NeededFields() const {
    std::set<std::string> names;
    if (s_.execution) names.insert(s_.execution->due);
    for (const ReportMeasure* m : measures_) {
      if (m->imported) names.insert(kImportedField);  // which records were imported
      if (m->kind == ReportMeasure::Kind::kCount) continue;
      names.insert(m->present);
      names.insert(m->members_of.source == ReportOperand::Source::kRef ? m->members_of.ref : m->members_of.field);
    }
    if (names.empty() && !s_.in_term.field.empty()) names.insert(s_.in_term.field);  // none: any one will do
    return {names.begin(), names.end()};
  }

  void Add(Acc* acc, const ReportMeasure& m, const Item& item, const Execution& ex, const Value& body) {
    if (!m.states.empty() && !Contains(m.states, item.state)) return;
    if (!m.statuses.empty() && !Contains(m.statuses, ex.status)) return;
    if (m.imported && IsImported(item) != *m.imported) return;
    if (m.kind == ReportMeasure::Kind::kCount) {
      ++acc->count;
      return;
    }
    const Body* b = body.is_string() ? org_.FindBody(body.as_string()) : nullptr;
    if (b == nullptr) return;
    std::int64_t present = 0;
    auto p = item.fields.find(m.present);
    if (p != item.fields.end() && p->second.is_list()) {
      for (const Value& v : p->second.as_list()) {
        if (v.is_string() && std::find(b->members.begin(), b->members.end(), v.as_string()) != b->members.end()) ++present;
      }
    }
    const auto members = static_cast<std::int64_t>(b->members.size());
    if (m.kind == ReportMeasure::Kind::kAttendance) {
      acc->num += present;
      acc->den += members;
      return;
    }
    auto ex_it = m.except.find(b->id);
    if (Passes(ex_it == m.except.end() ? m.threshold : ex_it->second, present, members)) ++acc->count;
  }

  // The accumulators of every measure over the items `which` (indexes into items_).
  Result<std::vector<Acc>> Measure(const std::vector<std::size_t>& which) {
    std::vector<Acc> accs(measures_.size());
    for (std::size_t i : which) {
      for (std::size_t k = 0; k < measures_.size(); ++k) {
        Value body;
        if (measures_[k]->kind != ReportMeasure::Kind::kCount) {
          DOCKET_ASSIGN_OR_RETURN(auto raw, values_.Raw(items_[i], measures_[k]->members_of, exec_[i]));
          body = std::move(raw);
        }
        Add(&accs[k], *measures_[k], items_[i], exec_[i], body);
      }
    }
    return accs;
  }

  static ReportCell Cell(const ReportMeasure& m, const Acc& a) {
    if (m.kind != ReportMeasure::Kind::kAttendance) return {Value(a.count), {}};
    if (a.den == 0) return {Value(), {}};
    const std::string text = RateText(a.num, a.den);
    return {Value(List{Value(a.num), Value(a.den)}), {text, text}};
  }

  Result<MeasureTotals> Totals() {
    std::vector<std::size_t> all(items_.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    DOCKET_ASSIGN_OR_RETURN(auto accs, Measure(all));
    MeasureTotals out;
    for (std::size_t k = 0; k < measures_.size(); ++k) out[measures_[k]->id] = Cell(*measures_[k], accs[k]).value;
    return out;
  }

  Status GroupTables(std::vector<ReportTable>* out) {
    struct Group {
      std::vector<std::pair<std::size_t, std::string>> key;
      std::vector<ReportCell> cells;
      std::vector<std::size_t> items;
      bool apart = false;
    };
    std::map<std::vector<std::string>, Group> groups;
    for (std::size_t i = 0; i < items_.size(); ++i) {
      std::vector<std::string> raw_key;
      Group g;
      for (const auto& o : s_.group_by) {
        DOCKET_ASSIGN_OR_RETURN(auto raw, values_.Raw(items_[i], o, exec_[i]));
        raw_key.push_back(raw.is_null() ? std::string("\x01") : raw.ToText());
        DOCKET_ASSIGN_OR_RETURN(auto key, values_.SortKey(o, raw));
        g.key.push_back(key);
        DOCKET_ASSIGN_OR_RETURN(auto cell, values_.Show(o, raw));
        g.cells.push_back(std::move(cell));
        if (s_.set_apart && o.source == ReportOperand::Source::kField && o.field == s_.set_apart->field) {
          g.apart = raw.is_string() && Contains(s_.set_apart->values, raw.as_string());
        }
      }
      auto [it, fresh] = groups.emplace(raw_key, std::move(g));
      it->second.items.push_back(i);
    }
    std::vector<Group*> ordered;
    for (auto& [k, g] : groups) ordered.push_back(&g);
    std::sort(ordered.begin(), ordered.end(), [](const Group* a, const Group* b) { return a->key < b->key; });

    std::vector<ReportColumn> columns;
    for (const auto& o : s_.group_by) {
      DOCKET_ASSIGN_OR_RETURN(auto c, values_.Column(o));
      columns.push_back(std::move(c));
    }
    for (const ReportMeasure* m : measures_) columns.push_back({m->id, LabelsOr(m->labels, m->id), true});

    auto table = [&](const std::string& id, const Labels& labels, bool apart) -> Status {
      ReportTable t{id, labels, columns, {}, false, LabelsOf(Msg("(none this term)"))};
      std::vector<std::size_t> all;
      for (const Group* g : ordered) {
        if (s_.set_apart && g->apart != apart) continue;
        DOCKET_ASSIGN_OR_RETURN(auto accs, Measure(g->items));
        std::vector<ReportCell> row = g->cells;
        for (std::size_t k = 0; k < measures_.size(); ++k) row.push_back(Cell(*measures_[k], accs[k]));
        t.rows.push_back(std::move(row));
        all.insert(all.end(), g->items.begin(), g->items.end());
      }
      if (!t.rows.empty()) {
        DOCKET_ASSIGN_OR_RETURN(auto accs, Measure(all));
        std::vector<ReportCell> row(s_.group_by.size(), ReportCell{Value(""), {}});
        row[0] = ReportCell{Value("total"), LabelsOf(Msg("Total"))};
        for (std::size_t k = 0; k < measures_.size(); ++k) row.push_back(Cell(*measures_[k], accs[k]));
        t.rows.push_back(std::move(row));
        t.total = true;
      }
      out->push_back(std::move(t));
      return Status::Ok();
    };
    if (!s_.set_apart) return table("summary", {}, false);
    DOCKET_RETURN_IF_ERROR(table("apart", s_.set_apart->labels, true));
    return table("others", LabelsOf(Msg("Other matters")), false);
  }

  Status SummaryTable(std::vector<ReportTable>* out) {
    ReportTable t{"summary", {}, {}, {}, false, {}};
    for (const ReportMeasure* m : measures_) t.columns.push_back({m->id, LabelsOr(m->labels, m->id), true});
    DOCKET_ASSIGN_OR_RETURN(auto accs, Measure([&] {
      std::vector<std::size_t> all(items_.size());
      for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
      return all;
    }()));
    std::vector<ReportCell> row;
    for (std::size_t k = 0; k < measures_.size(); ++k) row.push_back(Cell(*measures_[k], accs[k]));
    t.rows.push_back(std::move(row));
    out->push_back(std::move(t));
    return Status::Ok();
  }

  Status RowsTable(std::vector<ReportTable>* out) {
    // In context "report": "No." alone numbers a cadence's periods (序号); here it is an item's number.
    ReportTable t{"items", LabelsOf(Msg("Item by item")), {{"item", LabelsOf(Msg::In("report", "No.")), false}}, {},
                  false, LabelsOf(Msg("(none this term)"))};
    for (const auto& o : s_.rows) {
      DOCKET_ASSIGN_OR_RETURN(auto c, values_.Column(o));
      t.columns.push_back(std::move(c));
    }
    for (std::size_t i = 0; i < items_.size(); ++i) {
      const std::string id = "#" + std::to_string(items_[i].id);
      std::vector<ReportCell> row{{Value(items_[i].id), {id, id}}};
      for (const auto& o : s_.rows) {
        DOCKET_ASSIGN_OR_RETURN(auto raw, values_.Raw(items_[i], o, exec_[i]));
        DOCKET_ASSIGN_OR_RETURN(auto cell, values_.Show(o, raw));
        row.push_back(std::move(cell));
      }
      t.rows.push_back(std::move(row));
    }
    out->push_back(std::move(t));
    return Status::Ok();
  }

 private:
  static Labels LabelsOr(const Labels& l, const std::string& id) {
    return l.zh.empty() && l.en.empty() ? Labels{id, id} : l;
  }

  ReportBuilder& b_;
  const ReportSection& s_;
  const Org& org_;
  bool rows_;
  SectionValues values_;
  std::vector<const ReportMeasure*> measures_;
  std::vector<Item> items_;
  std::vector<Execution> exec_;
};

}  // namespace

Result<ReportSectionDoc> ReportBuilder::ItemsSection(const ReportDefinition& def, const ReportSection& s, const Org& org) {
  DOCKET_ASSIGN_OR_RETURN(auto wf, Workflow(s.workflow));
  ItemsSectionBuilder builder(*this, def, s, org, *wf, {}, true);
  DOCKET_RETURN_IF_ERROR(builder.Load());
  ReportSectionDoc doc{s.id, "items", s.labels, {}};
  if (!s.measures.empty()) {
    DOCKET_RETURN_IF_ERROR(s.group_by.empty() ? builder.SummaryTable(&doc.tables) : builder.GroupTables(&doc.tables));
  }
  if (!s.rows.empty()) DOCKET_RETURN_IF_ERROR(builder.RowsTable(&doc.tables));
  return doc;
}

Status ReportBuilder::ReadTotalsAhead(const ReportSection& section, const std::vector<const Org*>& orgs,
                                     const std::set<std::string>& measure_ids) {
  DOCKET_ASSIGN_OR_RETURN(auto wf, Workflow(section.workflow));
  static const ReportDefinition kNoDefinition;
  // The organizations whose queries differ only by the org (those on one clock), together.
  std::map<std::string, std::pair<TermItemsQuery, std::vector<std::string>>> alike;
  for (const Org* org : orgs) {
    orgs_.emplace(org->id, *org);
    ItemsSectionBuilder builder(*this, kNoDefinition, section, *org, *wf, measure_ids, false);
    DOCKET_ASSIGN_OR_RETURN(TermItemsQuery query, builder.Query());
    query.org.clear();
    std::string key = query.workflow + '\n' + query.field + '\n' + query.ref + '\n' + query.ref_workflow + '\n' +
                      query.from + '\n' + query.to + '\n' + query.created_up_to;
    for (const std::string& f : query.fields) key += '\n' + f;
    auto [it, fresh] = alike.try_emplace(std::move(key), std::move(query), std::vector<std::string>{});
    it->second.second.push_back(org->id);
  }
  for (const auto& [key, group] : alike) DOCKET_RETURN_IF_ERROR(source_.ReadTermAhead(group.first, group.second));
  return Status::Ok();
}

Result<MeasureTotals> ReportBuilder::Totals(const ReportSection& section, const std::string& org,
                                            const std::set<std::string>& measure_ids) {
  auto o = orgs_.find(org);
  if (o == orgs_.end()) {
    DOCKET_ASSIGN_OR_RETURN(auto loaded, source_.GetOrg(org));
    o = orgs_.emplace(org, std::move(loaded)).first;
  }
  DOCKET_ASSIGN_OR_RETURN(auto wf, Workflow(section.workflow));
  static const ReportDefinition kNoDefinition;
  ItemsSectionBuilder builder(*this, kNoDefinition, section, o->second, *wf, measure_ids, false);
  DOCKET_RETURN_IF_ERROR(builder.Load());
  return builder.Totals();
}

}  // namespace docket
