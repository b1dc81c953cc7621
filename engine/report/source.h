// ReportSource: everything a report reads of the record, and nothing more.
//
// The report module (builder.h) derives documents from a term's items, a few audit facts,
// the workflow definitions, the calendar, the organization tree and the compliance
// findings. It reads them only through this interface, which engine/app implements over
// its store and its definition cache (app/report_source.h); the report module knows no
// store, no SQL and no use case.
// Contract: every method returns Status/Result and never throws; a source only reads,
// except EnsureFieldIndex, which may add an index (never data). Not thread-safe unless the
// implementation says so: one builder uses one source at a time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/definition.h"
#include "core/finding.h"
#include "core/item.h"
#include "core/org.h"
#include "core/progress.h"
#include "core/status.h"
#include "core/transition.h"

namespace docket {

// The items of one organization and workflow whose moment lies in [from, to) (ISO texts,
// compared as text): the moment is the item's field `field`, or with `ref` the field
// `field` of the item of workflow `ref_workflow` that the item's field `ref` references,
// or (field empty) its created_at. Only items created at or before `created_up_to`. With
// `fields` set, the items need carry only those fields.
struct TermItemsQuery {
  std::string org;
  std::string workflow;
  std::string field;
  std::string ref;
  std::string ref_workflow;
  std::string from;
  std::string to;
  std::string created_up_to;
  std::vector<std::string> fields;
};

// A successful action recorded on an item: its name and when (ISO time); who took it (a
// person's id, or kEngineActor for a timer's step), the field changes its entry records
// (the engine's marks, such as "$told", among them) and the state it left the item in.
struct ItemAction {
  std::string action;
  std::string time;
  std::string actor;
  std::vector<FieldChange> changes;
  std::string to_state;
};

// The last entry of an organization's audit chain (seq 0 and hash "" when it is empty).
struct ChainHead {
  std::int64_t seq = 0;
  std::string hash;
};

class ReportSource {
 public:
  virtual ~ReportSource() = default;

  // The latest loaded definition of workflow `id`; NotFound when none is loaded.
  virtual Result<std::shared_ptr<const Definition>> Workflow(const std::string& id) = 0;
  // The stored calendar's YAML text; nullopt when none is loaded.
  virtual Result<std::optional<std::string>> CalendarText() = 0;
  // The time zone named `name` (an organization's, core/time_zone.h): whose days a
  // deadline's date and the days late are counted in.
  virtual Result<TimeZone> Zone(const std::string& name) = 0;

  // The organization `id` with its bodies (NotFound when unknown); every organization.
  virtual Result<Org> GetOrg(const std::string& id) = 0;
  virtual Result<std::vector<Org>> ListOrgs() = 0;
  // The person `id` (NotFound when unknown).
  virtual Result<Person> GetPerson(const std::string& id) = 0;

  // The items `query` selects, in id order.
  virtual Result<std::vector<Item>> ItemsInTerm(const TermItemsQuery& query) = 0;
  // Every item of `org` running `workflow`, in id order.
  virtual Result<std::vector<Item>> ItemsOf(const std::string& org, const std::string& workflow) = 0;
  // The items of `org` running `workflow` whose item field `field` names item `id` now or
  // named it before (a change of the field to it is in their history), in id order: every
  // item whose field ever held `id`, perhaps a few more. The default: ItemsOf, all of them.
  virtual Result<std::vector<Item>> ItemsEverNaming(const std::string& org, const std::string& workflow,
                                                    const std::string& field, std::int64_t id) {
    (void)field;
    (void)id;
    return ItemsOf(org, workflow);
  }
  // The item `id`; NotFound when there is none.
  virtual Result<Item> GetItem(std::int64_t id) = 0;
  // For each of `items`, the time (ISO) it last entered one of `states`, where recorded.
  virtual Result<std::map<std::int64_t, std::string>> EnteredStates(const std::vector<std::int64_t>& items,
                                                                    const std::vector<std::string>& states) = 0;
  // The successful actions on item `id`, oldest first.
  virtual Result<std::vector<ItemAction>> ItemActions(std::int64_t id) = 0;
  // Item `id` as it was at `t`, rebuilt from the audit log (NotFound when it did not exist then).
  virtual Result<Item> ItemAsOf(std::int64_t id, TimePoint t) = 0;
  // Asks for an index reading `workflow`'s items by `field` (true when one was made); an
  // error means only that the items are read by scanning.
  virtual Result<bool> EnsureFieldIndex(const std::string& workflow, const std::string& field) = 0;

  // Item `id`'s progress: the roll-up over all its tasks (core/progress.h), as now.
  virtual Result<Progress> ProgressOf(std::int64_t id) = 0;

  // Reading ahead, for a source over a store across a network (each read a round trip):
  // the items of `ids` that exist, in one read (the default: GetItem one by one); and the
  // progress of each of `items` (the term's items a section lists), read at once so that
  // ProgressOf then answers without a read (the default reads nothing ahead).
  virtual Result<std::vector<Item>> GetItems(const std::vector<std::int64_t>& ids) {
    return ExistingItems(ids, [this](std::int64_t id) { return GetItem(id); });
  }
  virtual Status ReadProgressAhead(const std::vector<Item>& items) {
    (void)items;
    return Status::Ok();
  }
  // And the items ItemsInTerm will answer for `query` with each of `orgs` as its org (a
  // roll-up's schools), read at once; each such ItemsInTerm then answers once without a
  // read (the default reads nothing ahead).
  virtual Status ReadTermAhead(const TermItemsQuery& query, const std::vector<std::string>& orgs) {
    (void)query;
    (void)orgs;
    return Status::Ok();
  }
  // Likewise ItemsOf(org, `workflow`) for each of `orgs`.
  virtual Status ReadItemsOfAhead(const std::vector<std::string>& orgs, const std::string& workflow) {
    (void)orgs;
    (void)workflow;
    return Status::Ok();
  }

  // The head of `org`'s audit chain now.
  virtual Result<ChainHead> AuditHead(const std::string& org) = 0;
  // The compliance findings of `org` and every organization below it, for `term`, judged
  // as of `now`, ordered by org, item id, then check.
  virtual Result<std::vector<Finding>> Findings(const std::string& org, const std::string& term, TimePoint now) = 0;
  // Starts Findings(org, term, now) while the caller reads on (a roll-up's totals): the
  // next Findings with the same arguments answers from it. The default starts nothing, and
  // that Findings computes them then.
  virtual Status FindingsAhead(const std::string& org, const std::string& term, TimePoint now) {
    (void)org;
    (void)term;
    (void)now;
    return Status::Ok();
  }
};

}  // namespace docket
