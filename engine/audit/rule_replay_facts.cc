// RuleReplay::Facts (rule_replay.h): the facts around an item that the core reads to
// decide, built from the chain replayed so far instead of the store — what
// AppContext::GatherFacts (app/app_context_facts.cc) reads when the action is taken.
#include <algorithm>
#include <set>

#include "audit/rule_replay.h"
#include "audit/sha256.h"
#include "core/condition_needs.h"
#include "core/config_fields.h"
#include "core/transition.h"

namespace docket {

namespace {

bool Holds(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

}  // namespace

Result<ItemFacts> RuleReplay::Facts(const Definition& def, const Item& item, const FieldMap& fields) {
  ItemFacts facts;
  facts.digest = &Sha256Text();  // {sha256_of: F} recomputed as `item act` computed it
  const ConditionNeeds needs = NeedsOf(def, false, item.state, fields);
  const FieldMap& config = replay_.config().values;
  if (needs.children && item.id != 0) {
    for (std::int64_t child : children_[item.id]) {
      const ReplayedItem* c = replay_.Find(child);
      if (c == nullptr) continue;
      DOCKET_ASSIGN_OR_RETURN(auto child_def, Def(c->workflow, c->workflow_version));
      facts.children.push_back({child, c->workflow, c->state, child_def->IsTerminal(c->state)});
    }
  }
  if (needs.refs) {
    for (std::int64_t ref : ReferencedItems(def, fields)) {
      if (const ReplayedItem* other = replay_.Find(ref)) facts.refs[ref] = RefFact{other->workflow, other->state, other->fields};
    }
  }
  if (needs.calendar) {
    if (!calendar_) calendar_ = std::make_shared<const Calendar>(CalendarFromConfigFields(config));
    facts.calendar = calendar_;
  }
  if (needs.zone && sources_.zones) {
    auto named = config.find("time_zone");
    const std::string name = named != config.end() && named->second.is_string() ? named->second.as_string() : std::string(kDefaultTimeZone);
    if (!zone_ || name != zone_name_) {
      DOCKET_ASSIGN_OR_RETURN(TimeZone zone, sources_.zones(name));
      zone_ = std::make_shared<const TimeZone>(std::move(zone));
      zone_name_ = name;
    }
    facts.zone = zone_;
  }
  if (needs.bodies) facts.bodies = BodiesFromConfigFields(config);
  if (!needs.tables.empty()) {
    std::map<std::string, LookupTable> tables = TablesFromConfigFields(config);
    for (const std::string& name : needs.tables) {
      if (auto it = tables.find(name); it != tables.end()) facts.tables[name] = std::move(it->second);
    }
  }
  for (const std::string& workflow : needs.org_items) {
    std::vector<OrgItemFact>& out = facts.org_items[workflow];
    for (const auto& [id, other] : replay_.items()) {
      if (other.workflow == workflow) out.push_back({id, other.state, other.fields});
    }
  }
  // Every holder of the roles ballots and person fields are read for (the conditions ask
  // about the persons they name).
  for (const auto& [role, named_in] : needs.role_ballots) {
    std::set<std::string>& holders = facts.role_holders[role];
    for (auto it = config.lower_bound("roles."); it != config.end() && it->first.rfind("roles.", 0) == 0; ++it) {
      const std::string person = it->first.substr(6);
      if (Holds(RolesFromConfigFields(config, person), role)) holders.insert(person);
    }
  }
  facts.role_labels = sources_.role_labels;
  if (needs.history && item.id != 0) {
    facts.history = history_[item.id];
    for (const HistoryFact& h : facts.history) facts.actors_by_transition[h.action].insert(h.actor);
  }
  return facts;
}

}  // namespace docket
