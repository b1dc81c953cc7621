// AppContext::GatherFacts and GatherOrgFacts (app_context.h): the facts around an item that
// the conditions of its definition read — children, referenced items, history, the org's
// bodies, tables, role holders, the calendar and the organization's clock — and only those, read from the store; and
// the roles' labels, which any refusal may name.
#include <map>
#include <set>

#include "app/app_context.h"
#include "audit/sha256.h"
#include "core/child_checks.h"
#include "core/condition.h"
#include "core/condition_needs.h"

namespace docket {

Result<ItemFacts> AppContext::CreationFacts(const Definition& def, const std::string& org, const FieldMap& fields) {
  ItemFacts facts;
  facts.digest = &Sha256Text();  // for {sha256_of: F}
  DOCKET_ASSIGN_OR_RETURN(facts.role_labels, store.GetRoleLabels());
  if (NeedsOf(def, false, "", fields).zone) {
    DOCKET_ASSIGN_OR_RETURN(TimeZone zone, ZoneOf(org));
    facts.zone = std::make_shared<const TimeZone>(std::move(zone));
  }
  return facts;
}

Result<ItemFacts> AppContext::GatherFacts(const Definition& def, const Item& item, const FieldMap& submitted,
                                          bool for_checks, FactsCache* cache) {
  ItemFacts facts;
  facts.digest = &Sha256Text();  // the core's hash seam, for {sha256_of: F} effects
  // The item's fields with the submitted ones over them (not copied when none are submitted:
  // the findings gather facts for every item of a district's term).
  FieldMap merged;
  if (!submitted.empty()) {
    merged = item.fields;
    for (const auto& [k, v] : submitted) merged[k] = v;
  }
  const FieldMap& fields = submitted.empty() ? item.fields : merged;
  const ConditionNeeds needs = NeedsOf(def, for_checks, item.state, fields);
  if (needs.children) {
    std::vector<ChildItem> kids;
    const bool ahead = cache != nullptr && cache->children.count(item.id) > 0;
    if (ahead) {
      kids = cache->children.at(item.id);
    } else {
      DOCKET_ASSIGN_OR_RETURN(kids, store.ListChildren(item.id));
    }
    for (const auto& kid : kids) {
      DOCKET_ASSIGN_OR_RETURN(auto kid_def, GetDefinition(kid.workflow, kid.workflow_version));
      facts.children.push_back({kid.id, kid.workflow, kid.state, kid_def->IsTerminal(kid.state)});
    }
  }
  if (needs.refs) {
    for (std::int64_t ref : ReferencedItems(def, fields)) {
      if (cache != nullptr) {
        auto seen = cache->refs.find(ref);
        if (seen != cache->refs.end()) {
          if (seen->second) facts.refs[ref] = *seen->second;
          continue;
        }
      }
      auto other = store.GetItem(ref);
      std::optional<RefFact> fact;
      if (other.ok()) fact = RefFact{other->workflow, other->state, other->fields};
      if (fact) facts.refs[ref] = *fact;
      if (cache != nullptr) cache->refs.emplace(ref, std::move(fact));
    }
  }
  DOCKET_RETURN_IF_ERROR(GatherOrgFacts(def, item.org, fields, &facts, for_checks, cache, item.state));
  if (cache != nullptr && cache->role_labels) {
    facts.role_labels = *cache->role_labels;
  } else {
    DOCKET_ASSIGN_OR_RETURN(facts.role_labels, store.GetRoleLabels());
    if (cache != nullptr) cache->role_labels = facts.role_labels;
  }
  if (!needs.history) return facts;
  std::vector<AuditEntry> read;
  const std::vector<AuditEntry>* history = &read;
  if (auto ahead = cache != nullptr ? cache->histories.find(item.id) : decltype(cache->histories)::iterator{};
      cache != nullptr && ahead != cache->histories.end()) {
    history = &ahead->second;
  } else {
    DOCKET_ASSIGN_OR_RETURN(read, store.ItemHistory(item.id));
  }
  for (const auto& e : *history) {
    if (e.outcome != "ok") continue;
    facts.actors_by_transition[e.action].insert(e.actor);
    facts.history.push_back({ParseTime(e.time).value_or(TimePoint{}), e.actor, e.action, e.from_state, e.to_state});
  }
  return facts;
}

Status AppContext::GatherOrgFacts(const Definition& def, const std::string& org, const FieldMap& fields,
                                  ItemFacts* facts, bool for_checks, FactsCache* cache, const std::string& state) {
  const ConditionNeeds needs = NeedsOf(def, for_checks, state, fields);
  std::shared_ptr<const TimeZone> zone;  // the organization's clock, when something reads it
  if (needs.zone || needs.calendar) {
    if (cache != nullptr) {
      if (auto seen = cache->zones.find(org); seen != cache->zones.end()) zone = seen->second;
    }
    if (!zone) {
      DOCKET_ASSIGN_OR_RETURN(TimeZone read, ZoneOf(org));
      zone = std::make_shared<const TimeZone>(std::move(read));
      if (cache != nullptr) cache->zones.emplace(org, zone);
    }
  }
  if (needs.calendar) {
    // The calendar on the organization's clock: a date's deadline ends at midnight there, as
    // the timers see it (timers.cc), and a semester's days are its local days.
    std::shared_ptr<const Calendar> calendar;
    if (cache != nullptr) {
      if (auto seen = cache->calendars.find(org); seen != cache->calendars.end()) calendar = seen->second;
    }
    if (!calendar) {
      DOCKET_ASSIGN_OR_RETURN(auto loaded, LoadedCalendar());
      auto local = std::make_shared<Calendar>(*loaded);
      local->zone = *zone;
      calendar = std::move(local);
      if (cache != nullptr) cache->calendars.emplace(org, calendar);
    }
    facts->calendar = std::move(calendar);
  }
  if (needs.zone) facts->zone = std::move(zone);
  if (needs.bodies) {
    auto seen = cache != nullptr ? cache->bodies.find(org) : FactsCache::Bodies::iterator{};
    if (cache == nullptr || seen == cache->bodies.end()) {
      DOCKET_ASSIGN_OR_RETURN(auto o, store.GetOrg(org));
      std::map<std::string, Body> bodies;
      for (const Body& b : o.bodies) bodies[b.id] = b;
      if (cache == nullptr) {
        facts->bodies = std::move(bodies);
      } else {
        seen = cache->bodies.emplace(org, std::move(bodies)).first;
      }
    }
    if (cache != nullptr) facts->bodies = seen->second;
  }
  for (const std::string& name : needs.tables) {
    if (cache != nullptr) {
      if (auto seen = cache->tables.find(name); seen != cache->tables.end()) {
        if (seen->second) facts->tables[name] = *seen->second;
        continue;
      }
    }
    auto table = store.GetTable(name);
    std::optional<LookupTable> found;
    if (table.ok()) {
      found = std::move(table).value();
    } else if (table.status().code() != Code::kNotFound) {
      return table.status();
    }
    if (found) facts->tables[name] = *found;
    if (cache != nullptr) cache->tables.emplace(name, std::move(found));
  }
  for (const std::string& workflow : needs.org_items) {
    const auto key = std::make_pair(org, workflow);
    if (cache != nullptr) {
      if (auto seen = cache->org_items.find(key); seen != cache->org_items.end()) {
        facts->org_items[workflow] = seen->second;
        continue;
      }
    }
    ItemFilter filter;
    filter.org = org;
    filter.workflow = workflow;
    DOCKET_ASSIGN_OR_RETURN(auto items, store.ListItems(filter));
    std::vector<OrgItemFact>& out = facts->org_items[workflow];
    for (Item& i : items) out.push_back({i.id, std::move(i.state), std::move(i.fields)});
    if (cache != nullptr) cache->org_items.emplace(key, out);
  }
  // Only the persons named in the fields concerned (a ballot's positions, a person field):
  // an org may have thousands.
  for (const auto& [role, named_in] : needs.role_ballots) {
    std::set<std::string>& holders = facts->role_holders[role];
    std::set<std::string> persons;
    for (const std::string& field : named_in) {
      auto it = fields.find(field);
      if (it == fields.end()) continue;
      if (it->second.is_string()) persons.insert(it->second.as_string());
      if (!it->second.is_list()) continue;
      for (const Value& pos : it->second.as_list()) {
        if (pos.is_list() && !pos.as_list().empty() && pos.as_list()[0].is_string()) {
          persons.insert(pos.as_list()[0].as_string());
        }
      }
    }
    for (const std::string& person : persons) {
      std::optional<Person> p;
      if (auto seen = cache != nullptr ? cache->people.find(person) : FactsCache::People::iterator{};
          cache != nullptr && seen != cache->people.end()) {
        p = seen->second;
      } else {
        auto got = store.GetPerson(person);
        if (got.ok()) p = std::move(got).value();
        if (cache != nullptr) cache->people.emplace(person, p);
      }
      if (!p) continue;
      for (const RoleGrant& g : p->roles) {
        if (g.org == org && g.role == role) holders.insert(person);
      }
    }
  }
  return Status::Ok();
}

Status AppContext::AdmitChild(const Item& parent, const Definition& child_def, const std::string& child_state,
                              bool by_hand) {
  const bool finished = child_def.IsTerminal(child_state);
  if (finished) return Status::Ok();
  DOCKET_ASSIGN_OR_RETURN(auto parent_def, GetDefinition(parent.workflow, parent.workflow_version));
  if (ChecksReadChildren(*parent_def, parent.state)) {
    // The parent's own rule first: its refusal names it (R12).
    DOCKET_ASSIGN_OR_RETURN(auto facts, GatherFacts(*parent_def, parent, {}, /*for_checks=*/true));
    DOCKET_RETURN_IF_ERROR(docket::AdmitChild(*parent_def, parent, std::move(facts),
                                              ChildFact{0, child_def.id, child_state, false}, clock.Now()));
  }
  if (by_hand && parent_def->IsTerminal(parent.state)) {
    return Status::Refused(Msg("item #{id} ({workflow}) is '{state}', finished: it takes no new open {child}",
                               {{"id", parent.id}, {"workflow", parent.workflow}, {"state", parent.state}, {"child", child_def.id}}));
  }
  return Status::Ok();
}

}  // namespace docket
