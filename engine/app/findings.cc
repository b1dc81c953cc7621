// FindingUseCases (findings.h): compliance findings computed from the record
// (docs/WORKFLOWS.md, "Checks: compliance findings").
//
// For every workflow, the checks of its LATEST version are evaluated on each of its items,
// whatever version the item runs on: a check added later, or a guard an older version
// lacked, still judges the items recorded before it. Facts are gathered as for an action
// (GatherFacts), with no actor, so the conditions read the item exactly as recorded — also
// when it was written by hand, outside the engine's rules. A record brought in by `item
// import` (app/import.h) is not judged by rules it was not kept under: where its checks
// would fire it is listed as imported (ImportedFinding) instead.
//
// An item belongs to a term (a semester of the calendar) by the semester field the calendar's
// on_semester_end writes into it, for the workflows it opens; otherwise by the same moment
// the semester report's section for its workflow names (`in_term:`, TermPlacements): a
// meeting by when it was held, a matter and a decision by when their meeting was held, a
// task by its due date; an item whose moment is not recorded yet belongs to no term. A
// workflow no report section places is placed by its creation time. The moment is placed
// by the rule core/term.h states for reports and findings alike.
#include "app/findings.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <tuple>

#include "app/app_context.h"
#include "app/report_source.h"
#include "app/time_zones.h"
#include "core/condition.h"
#include "core/condition_needs.h"
#include "core/env.h"
#include "core/term.h"

namespace docket {
namespace {

std::string FieldText(const Item& item, const std::string& field) {
  auto it = item.fields.find(field);
  return it == item.fields.end() ? std::string() : it->second.ToText();
}

// The term `item` belongs to ("" when before every semester).
std::string TermOf(const Item& item, const Calendar& calendar) {
  for (const SemesterEndRule& rule : calendar.on_semester_end) {
    if (rule.workflow != item.workflow) continue;
    std::string named = FieldText(item, rule.field);
    if (!named.empty()) return named;
  }
  const Semester* s = TermAt(calendar, item.created_at);
  return s == nullptr ? std::string() : s->id;
}

// A record from before Docket (app/import.h) is not judged retroactively by rules it was not
// kept under: where its checks would fire, it is listed once as an imported record instead,
// naming the checks (rule "imported", severity "info"; docs/GUIDE.md).
Finding ImportedFinding(const Item& item, std::vector<Msg> not_judged) {
  const std::string source = FieldText(item, kImportedField), day = FieldText(item, kRecordedOnField);
  Finding f{kImportedRule, "info", item.org, item.id, item.workflow, kImportAction, item.state,
            {"标注：导入的历史记录，未按规则回溯检查", "Imported record, not judged retroactively"},
            Msg("imported from '{source}', recorded on {day}; not judged: {checks}",
                {{"source", source}, {"day", day}, {"checks", Msg::Join(std::move(not_judged), Msg::Semicolon())}}),
            {}};
  f.evidence = {{"source", source}, {"recorded_on", day}};
  return f;
}

// Up to this many persons are read one by one, more with the whole directory.
constexpr std::size_t kPeopleOneByOne = 32;

// What the checks of `def` will read around the items of `items_of` (GatherFacts), read at
// once into `cache`:
// the children of the items whose checks read children, and the items they reference, one
// query each (Store::ListItemsUnder, GetItems) rather than one per item — on PostgreSQL each
// query is a round trip.
Status ReadFactsAhead(Store& store, const Definition& def, const std::vector<std::vector<const Item*>>& items_of,
                      AppContext::FactsCache* cache) {
  std::vector<std::int64_t> parents, histories;
  std::set<std::int64_t> refs;
  std::map<std::string, std::set<std::string>> org_items;  // workflow -> orgs whose items of it are read
  std::map<std::string, std::set<std::string>> org_fields;  // workflow -> the fields of those items read
  std::set<std::string> people;
  for (const std::vector<const Item*>& items : items_of) {
    for (const Item* judged : items) {
      const Item& item = *judged;
      const ConditionNeeds needs = NeedsOf(def, /*for_checks=*/true, item.state, item.fields);
      for (const std::string& workflow : needs.org_items) {
        if (!cache->org_items.count({item.org, workflow})) org_items[workflow].insert(item.org);
      }
      for (const auto& [workflow, fields] : needs.org_item_fields) org_fields[workflow].insert(fields.begin(), fields.end());
      // The persons a ballot or a person field names, whose roles the checks read.
      for (const auto& [role, named_in] : needs.role_ballots) {
        for (const std::string& field : named_in) {
          auto it = item.fields.find(field);
          if (it == item.fields.end()) continue;
          if (it->second.is_string()) people.insert(it->second.as_string());
          if (!it->second.is_list()) continue;
          for (const Value& pos : it->second.as_list()) {
            if (pos.is_list() && !pos.as_list().empty() && pos.as_list()[0].is_string()) people.insert(pos.as_list()[0].as_string());
          }
        }
      }
      if (needs.history && !cache->histories.count(item.id)) histories.push_back(item.id);
      if (needs.children && !cache->children.count(item.id)) parents.push_back(item.id);
      if (!needs.refs) continue;
      for (std::int64_t ref : ReferencedItems(def, item.fields)) {
        if (!cache->refs.count(ref)) refs.insert(ref);
      }
    }
  }
  // In id order: the children then come back by parent (PgStore orders an ascending list
  // by the index rather than by each parent's place in it).
  std::sort(parents.begin(), parents.end());
  parents.erase(std::unique(parents.begin(), parents.end()), parents.end());
  if (!parents.empty()) {
    DOCKET_ASSIGN_OR_RETURN(auto kids, store.ListItemsUnder(parents));
    for (std::int64_t id : parents) cache->children[id];  // none, unless found below
    for (Item& kid : kids) {
      cache->children[*kid.parent].push_back({kid.id, std::move(kid.workflow), kid.workflow_version, std::move(kid.state)});
    }
  }
  if (!histories.empty()) {
    DOCKET_ASSIGN_OR_RETURN(auto read, store.ItemHistories(histories));
    for (auto& [id, entries] : read) cache->histories[id] = std::move(entries);
  }
  // Many persons (a district's ballots): the directory in one read rather than one per person
  // (GatherOrgFacts reads the few others one by one, and any the directory read missed).
  std::erase_if(people, [&](const std::string& id) { return cache->people.count(id) > 0; });
  if (people.size() > kPeopleOneByOne) {
    auto all = store.ListPeople();
    if (all.ok()) {
      for (Person& p : *all) {
        std::string id = p.id;
        if (people.count(id)) cache->people.emplace(std::move(id), std::move(p));
      }
      for (const std::string& id : people) cache->people.emplace(id, std::nullopt);  // no such person
    }
  }
  // An organization's items of a workflow (next_after, none_open), as GatherOrgFacts reads
  // them, with only the fields the conditions read (ConditionNeeds::org_item_fields): every
  // judged item's facts get a copy of them.
  for (const auto& [workflow, orgs] : org_items) {
    const std::set<std::string>& read = org_fields[workflow];
    // Only those fields built, where the store can (none named: every field).
    DOCKET_ASSIGN_OR_RETURN(auto found, store.ListItemsOfOrgs({orgs.begin(), orgs.end()}, workflow, {read.begin(), read.end()}));
    for (const std::string& org : orgs) cache->org_items[{org, workflow}];  // none, unless found below
    for (Item& i : found) {
      FieldMap kept;
      for (const std::string& f : read) {
        auto at = i.fields.find(f);
        if (at != i.fields.end()) kept.emplace(f, std::move(at->second));
      }
      cache->org_items[{i.org, workflow}].push_back({i.id, std::move(i.state), std::move(kept)});
    }
  }
  if (!refs.empty()) {
    DOCKET_ASSIGN_OR_RETURN(auto found, store.GetItems({refs.begin(), refs.end()}));
    for (Item& other : found) {
      cache->refs[other.id] = RefFact{other.workflow, other.state, std::move(other.fields)};
    }
    for (std::int64_t ref : refs) cache->refs.emplace(ref, std::nullopt);  // not found
  }
  return Status::Ok();
}

// The states in which some check of `def` with a `when` applies, in order of first mention;
// empty when one applies in every state (or none has a `when`: nothing is judged, and the
// items are read as before).
std::vector<std::string> JudgedStates(const Definition& def) {
  std::vector<std::string> states;
  for (const CheckDef& c : def.checks) {
    if (!c.when) continue;
    if (c.in.empty()) return {};
    for (const std::string& st : c.in) {
      if (std::find(states.begin(), states.end(), st) == states.end()) states.push_back(st);
    }
  }
  return states;
}

// `items` of the organizations `orgs[k]` for k in `which`, each appended to its own list
// `(*items_of)[k]` (the order within an organization kept).
void GroupByOrg(const std::vector<const Org*>& orgs, const std::vector<std::size_t>& which, std::vector<Item> items,
                std::vector<std::vector<Item>>* items_of) {
  std::map<std::string, std::size_t> index_of;
  for (std::size_t k : which) index_of.emplace(orgs[k]->id, k);
  for (Item& item : items) {
    auto at = index_of.find(item.org);
    if (at != index_of.end()) (*items_of)[at->second].push_back(std::move(item));
  }
}

}  // namespace

FindingUseCases::FindingUseCases(AppContext& ctx) : ctx_(ctx) {}

Status FindingUseCases::CollectFindings(const std::vector<const Org*>& orgs, const FindingsScope& scope,
                                        std::vector<Finding>* found) {
  const std::optional<std::string>& term = scope.term;
  const TimePoint now = scope.now;
  std::vector<Finding>& out = *found;
  const Actor nobody;
  AppContext::FactsCache cache;
  // The organizations' bodies, clocks and calendars, as read with them (not once more per
  // organization: on PostgreSQL a calendar read is a round trip); one calendar per clock.
  std::map<std::string, std::shared_ptr<const Calendar>> calendar_on;  // time zone -> the calendar on it
  for (const Org* o : orgs) {
    std::map<std::string, Body>& bodies = cache.bodies[o->id];
    for (const Body& b : o->bodies) bodies[b.id] = b;
    const Calendar& cal = scope.zones.at(o->time_zone).calendar;
    cache.zones[o->id] = std::make_shared<const TimeZone>(cal.zone);
    std::shared_ptr<const Calendar>& on_clock = calendar_on[o->time_zone];
    if (!on_clock) on_clock = std::make_shared<const Calendar>(cal);
    cache.calendars[o->id] = on_clock;
  }
  for (const std::string& workflow : scope.workflows) {
    DOCKET_ASSIGN_OR_RETURN(auto latest, ctx_.GetDefinition(workflow, std::nullopt));
    const Definition& def = *latest;
    if (def.checks.empty()) continue;
    // Each organization's items of the workflow. Only the term's items are read (by creation
    // time or the date a report places them by, in SQL), for all the organizations on one
    // clock in one read (Store::ListItemsInRangeOf: on PostgreSQL one round trip, not one
    // per school), except for a workflow the calendar opens per semester, whose few items
    // name their term in a field.
    std::vector<std::vector<Item>> items_of(orgs.size());
    std::vector<bool> by_date_of(orgs.size(), false);
    std::map<std::string, std::vector<std::size_t>> on_clock;  // time zone -> indexes into orgs
    std::vector<std::size_t> listed;  // the others
    for (std::size_t k = 0; k < orgs.size(); ++k) {
      const Org* o = orgs[k];
      const ZoneScope& zs = scope.zones.at(o->time_zone);
      const bool opened_per_semester =
          std::any_of(zs.calendar.on_semester_end.begin(), zs.calendar.on_semester_end.end(),
                      [&](const SemesterEndRule& r) { return r.workflow == workflow; });
      if (zs.created && !opened_per_semester) {
        by_date_of[k] = zs.placed.count(workflow) > 0;
        on_clock[o->time_zone].push_back(k);
        continue;
      }
      listed.push_back(k);
    }
    // Every item, for the workflows opened per semester (and without a term).
    if (!listed.empty()) {
      std::vector<std::string> ids;
      for (std::size_t k : listed) ids.push_back(orgs[k]->id);
      DOCKET_ASSIGN_OR_RETURN(auto items, ctx_.store.ListItemsOfOrgs(ids, workflow, {}));
      GroupByOrg(orgs, listed, std::move(items), &items_of);
    }
    // Only the items in a state some check judges (its `in`, unless a check judges every
    // state): the others are passed over below, and the term's closed tasks are most of a
    // district's items.
    const std::vector<std::string> judged = JudgedStates(def);
    for (const auto& [zone, ks] : on_clock) {
      const ZoneScope& zs = scope.zones.at(zone);
      auto placed = zs.placed.find(workflow);
      ItemRange range = placed != zs.placed.end() ? placed->second : *zs.created;
      range.workflow = workflow;
      range.states = judged;
      std::vector<std::string> ids;
      for (std::size_t k : ks) ids.push_back(orgs[k]->id);
      DOCKET_ASSIGN_OR_RETURN(auto items, ctx_.store.ListItemsInRangeOf(range, ids));
      GroupByOrg(orgs, ks, std::move(items), &items_of);
    }
    // The items judged: of the term, recorded by `now`, in a state some check applies in.
    // Only what their checks read is read ahead (a workflow opened per semester lists every
    // term's items).
    auto due_of = [&](const Item& item) {
      std::vector<const CheckDef*> due;
      for (const CheckDef& c : def.checks) {
        if (c.when && c.AppliesIn(item.state)) due.push_back(&c);
      }
      return due;
    };
    std::vector<std::vector<const Item*>> judged_of(orgs.size());
    for (std::size_t k = 0; k < orgs.size(); ++k) {
      const Calendar& cal = scope.zones.at(orgs[k]->time_zone).calendar;
      for (const Item& item : items_of[k]) {
        if (item.created_at > now || (term && !by_date_of[k] && TermOf(item, cal) != *term)) continue;
        if (!due_of(item).empty()) judged_of[k].push_back(&item);
      }
    }
    DOCKET_RETURN_IF_ERROR(ReadFactsAhead(ctx_.store, def, judged_of, &cache));
    for (std::size_t k = 0; k < orgs.size(); ++k) {
      const Org* o = orgs[k];
      const Calendar& cal = scope.zones.at(o->time_zone).calendar;
      const std::vector<Item>* items = &items_of[k];
      for (const Item* judged_item : judged_of[k]) {
        const Item& item = *judged_item;
        const std::vector<const CheckDef*> due = due_of(item);
        DOCKET_ASSIGN_OR_RETURN(auto facts, ctx_.GatherFacts(def, item, {}, /*for_checks=*/true, &cache));
        ConditionContext ctx{def, item.fields, nobody, facts, now, &item};
        std::vector<Msg> not_judged;  // an imported record's checks that would fire (ImportedFinding)
        for (const CheckDef* c : due) {
          auto why = Evaluate(*c->when, ctx);
          if (!why) continue;
          if (IsImported(item)) {
            not_judged.push_back(Msg("{rule} {check} ({why})", {{"rule", c->rule}, {"check", c->name}, {"why", *why}}));
            continue;
          }
          Finding f{c->rule, c->severity, item.org, item.id, item.workflow, c->name, item.state, c->message, *why, {}};
          for (const std::string& field : c->evidence) f.evidence.emplace_back(field, FieldText(item, field));
          out.push_back(std::move(f));
        }
        if (!not_judged.empty()) out.push_back(ImportedFinding(item, std::move(not_judged)));
      }
      // Expected items that do not exist: one per organization the calendar opens this
      // workflow for and semester ended by `now`.
      for (const CheckDef& c : def.checks) {
        if (c.expected != CheckDef::Expect::kPerSemester) continue;
        for (const SemesterEndRule& rule : cal.on_semester_end) {
          if (rule.workflow != workflow || rule.org_kind != o->kind) continue;
          for (const Semester& s : cal.semesters) {
            const TimePoint ended = cal.EndOf(s);  // on the organization's clock
            if (ended > now || (term && s.id != *term)) continue;
            const bool found = std::any_of(items->begin(), items->end(), [&](const Item& i) {
              return FieldText(i, rule.field) == s.id && i.created_at <= now;
            });
            if (found) continue;
            Finding f{c.rule, c.severity, o->id, 0, workflow, c.name, "", c.message, {}, {}};
            f.detail = Msg("no '{workflow}' item with {field} '{value}' in '{org}', though the semester ended {time}",
                           {{"workflow", workflow}, {"field", rule.field}, {"value", s.id}, {"org", o->id},
                            {"time", FormatTimeIn(ended, cal.zone)}});
            f.evidence.emplace_back(rule.field, s.id);
            out.push_back(std::move(f));
          }
        }
      }
    }
  }
  return Status::Ok();
}

Result<std::map<std::string, ItemRange>> FindingUseCases::TermPlacements(const Calendar& cal, const Semester& term) {
  std::map<std::string, ItemRange> out;
  DocketReportSource source(ctx_, *this);
  for (const std::string& id : ShippedReportIds()) {
    DOCKET_ASSIGN_OR_RETURN(ResolvedReport report, ResolveReport(ctx_.store, id));
    for (const ReportSection& s : report.def->sections) {
      if (s.kind != ReportSection::Kind::kItems || s.in_term.by == TermMembership::By::kCreated) continue;
      if (out.count(s.workflow)) continue;
      // As the report reads the section (report/in_term.cc).
      Result<InTermRange> in_term = InTermRangeOf(source, s, SpanOf(cal, term));
      if (!in_term.ok() && in_term.status().code() != Code::kNotFound && in_term.status().code() != Code::kInvalid) {
        return in_term.status();
      }
      if (!in_term.ok()) continue;  // a workflow not loaded has no items to place; a bad ref places none
      // Without the indexes the items are read by scanning: slower, the same answer.
      for (const auto& [workflow, field] : in_term->indexes) (void)source.EnsureFieldIndex(workflow, field);
      const TermItemsQuery& q = in_term->query;
      ItemRange range;
      range.field = q.field;
      range.ref = q.ref;
      range.ref_workflow = q.ref_workflow;
      range.from = q.from;
      range.to = q.to;
      out.emplace(s.workflow, std::move(range));
    }
  }
  return out;
}

Result<std::shared_ptr<FindingUseCases::Prepared>> FindingUseCases::Prepare(const std::string& org,
                                                                           const std::optional<std::string>& term,
                                                                           std::optional<TimePoint> as_of) {
  const TimePoint now = as_of.value_or(ctx_.clock.Now());
  auto prepared = std::make_shared<Prepared>();
  DOCKET_ASSIGN_OR_RETURN(prepared->orgs, ctx_.store.ListOrgs());
  prepared->scope = Subtree(prepared->orgs, org);
  const std::vector<const Org*>& scope = prepared->scope;
  if (scope.empty()) return Status::NotFound(Msg("no organization '{org}'", {{"org", org}}));
  DOCKET_ASSIGN_OR_RETURN(auto calendar, ctx_.LoadedCalendar());
  const Calendar& cal = *calendar;
  if (term && cal.Find(*term) == nullptr) {
    std::string known;
    for (const Semester& s : cal.semesters) known += (known.empty() ? "" : ", ") + s.id;
    if (known.empty()) {
      return Status::Invalid(Msg("unknown term '{term}': no calendar is loaded (docket calendar load FILE)", {{"term", *term}}));
    }
    return Status::Invalid(Msg("unknown term '{term}': the calendar has {known}", {{"term", *term}, {"known", known}}));
  }
  DOCKET_ASSIGN_OR_RETURN(auto records, ctx_.store.ListDefinitions());
  FindingsScope& fs = prepared->fs;
  for (const DefinitionRecord& r : records) fs.workflows.insert(r.workflow);
  fs.term = term;
  fs.now = now;

  // A term is a range of creation times, by the rule reports share (core/term.h): from its
  // start to the next semester's start, on the clock of each time zone in the scope.
  for (const Org* o : scope) {
    if (fs.zones.count(o->time_zone)) continue;
    ZoneScope& zs = fs.zones[o->time_zone];
    zs.calendar = cal;
    DOCKET_ASSIGN_OR_RETURN(zs.calendar.zone, LoadTimeZone(o->time_zone));
    if (!term) continue;
    std::optional<ItemRange>& created = zs.created;
    const Semester& s = *zs.calendar.Find(*term);
    created.emplace();
    std::tie(created->from, created->to) = SpanText(SpanOf(zs.calendar, s), /*dates=*/false);
    created->created_up_to = FormatTime(now);
    DOCKET_ASSIGN_OR_RETURN(zs.placed, TermPlacements(zs.calendar, s));
    for (auto& [workflow, range] : zs.placed) range.created_up_to = created->created_up_to;
  }
  return prepared;
}

namespace {

// Findings ordered by org, item id, then check, the order within one kept.
void SortFindings(std::vector<Finding>* out) {
  std::stable_sort(out->begin(), out->end(), [](const Finding& a, const Finding& b) {
    if (a.org != b.org) return a.org < b.org;
    if (a.item != b.item) return a.item < b.item;
    return a.check < b.check;
  });
}

}  // namespace

Result<std::vector<Finding>> FindingUseCases::Findings(const std::string& org,
                                                       const std::optional<std::string>& term,
                                                       std::optional<TimePoint> as_of) {
  DOCKET_ASSIGN_OR_RETURN(std::shared_ptr<Prepared> prepared, Prepare(org, term, as_of));
  const std::vector<const Org*>& scope = prepared->scope;
  const FindingsScope& fs = prepared->fs;

  // Two halves of the scope on two threads, each on a connection of its own, when the store
  // can open another (a database file) and the machine has a second CPU; organizations
  // alternate between the halves so that each gets a share of the large and the small.
  std::vector<Finding> out;
  std::unique_ptr<Store> reader;
  if (scope.size() >= 2 && Env::Default().Cpus() >= 2) reader = ctx_.store.OpenReader();
  if (reader == nullptr) {
    DOCKET_RETURN_IF_ERROR(CollectFindings(scope, fs, &out));
  } else {
    std::vector<const Org*> mine, theirs;
    for (std::size_t i = 0; i < scope.size(); ++i) (i % 2 == 0 ? mine : theirs).push_back(scope[i]);
    std::vector<Finding> other;
    Status st, other_status;
    auto helper = [&] {
      AppContext second(*reader, ctx_.clock, ctx_.log);
      other_status = FindingUseCases(second).CollectFindings(theirs, fs, &other);
    };
    OnThreads(Env::Default(), 2, helper, [&] { st = CollectFindings(mine, fs, &out); });
    DOCKET_RETURN_IF_ERROR(st);
    DOCKET_RETURN_IF_ERROR(other_status);
    out.insert(out.end(), std::make_move_iterator(other.begin()), std::make_move_iterator(other.end()));
  }
  SortFindings(&out);
  return out;
}

Result<std::unique_ptr<PendingFindings>> FindingUseCases::Start(const std::string& org,
                                                                const std::optional<std::string>& term,
                                                                std::optional<TimePoint> as_of) {
  struct Kept {
    std::shared_ptr<Prepared> prepared;
    std::vector<std::unique_ptr<Store>> readers;
    std::vector<std::vector<const Org*>> halves;
  };
  auto kept = std::make_shared<Kept>();
  for (int k = 0; k < Env::Default().UsableCpus(2); ++k) {
    std::unique_ptr<Store> reader = ctx_.store.OpenReader();
    if (reader == nullptr) break;
    kept->readers.push_back(std::move(reader));
  }
  if (kept->readers.empty()) return std::unique_ptr<PendingFindings>();
  // The scope is read here, on this connection (TermPlacements may add an index); only the
  // judging runs on the readers, one half each when there are two organizations or more.
  DOCKET_ASSIGN_OR_RETURN(std::shared_ptr<Prepared> prepared, Prepare(org, term, as_of));
  kept->prepared = prepared;
  if (prepared->scope.size() < 2) kept->readers.resize(1);
  // As Findings splits them: organizations alternate between the halves.
  kept->halves.resize(kept->readers.size());
  for (std::size_t i = 0; i < prepared->scope.size(); ++i) {
    kept->halves[i % kept->halves.size()].push_back(prepared->scope[i]);
  }
  auto pending = std::make_unique<PendingFindings>();
  pending->keep_ = kept;
  pending->halves_.resize(kept->halves.size());
  const Clock& clock = ctx_.clock;
  const std::shared_ptr<spdlog::logger> log = ctx_.log;
  for (std::size_t k = 0; k < kept->halves.size(); ++k) {
    PendingFindings::Half* half = &pending->halves_[k];
    half->work = [half, k, kept = kept.get(), &clock, log] {
      try {
        AppContext on_reader(*kept->readers[k], clock, log);
        half->status = FindingUseCases(on_reader).CollectFindings(kept->halves[k], kept->prepared->fs, &half->found);
      } catch (const std::exception& e) {
        half->status = Status::Internal(Msg("findings: {error}", {{"error", e.what()}}));
      }
    };
  }
  for (PendingFindings::Half& half : pending->halves_) {
    try {
      half.thread = Env::Default().StartThread(half.work);
    } catch (...) {  // std::bad_alloc: Wait runs the work itself
    }
  }
  return pending;
}

void PendingFindings::Join() {
  for (Half& half : halves_) {
    if (half.thread) {
      half.thread->Join();
      half.thread.reset();
    } else if (half.work) {
      half.work();
    }
    half.work = nullptr;
  }
}

PendingFindings::~PendingFindings() { Join(); }

Result<std::vector<Finding>> PendingFindings::Wait() {
  if (waited_) return Status::Internal("the findings were already taken");
  waited_ = true;
  Join();
  std::vector<Finding> out;
  for (Half& half : halves_) {
    if (!half.status.ok()) return half.status;
    out.insert(out.end(), std::make_move_iterator(half.found.begin()), std::make_move_iterator(half.found.end()));
  }
  SortFindings(&out);
  return out;
}

}  // namespace docket
