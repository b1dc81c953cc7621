#include "core/condition_org.h"

#include <algorithm>

#include "core/clock.h"
#include "core/time_zone.h"

namespace docket::detail {
namespace {

// The time in datetime (or date) field `name`, or nullopt when it has none. A date is the
// start of that day on the organization's clock (not UTC's): "held on 5 March" is not later
// than an action taken at 07:00 Beijing time that day.
std::optional<TimePoint> TimeIn(const FieldMap& fields, const std::string& name, const TimeZone& zone) {
  auto it = fields.find(name);
  if (it == fields.end() || !it->second.is_string()) return std::nullopt;
  return ParseTimeIn(it->second.as_string(), zone);
}

const std::vector<OrgItemFact>& ItemsOf(const ConditionContext& ctx, const std::string& workflow) {
  static const std::vector<OrgItemFact> kNone;
  auto it = ctx.facts.org_items.find(workflow);
  return it == ctx.facts.org_items.end() ? kNone : it->second;
}

bool Matches(const Condition& c, const OrgItemFact& other) {
  if (c.where_field.empty()) return true;
  auto it = other.fields.find(c.where_field);
  return it != other.fields.end() && it->second.ToText() == c.where_value;
}

}  // namespace

std::optional<Msg> EvaluateNextAfter(const Condition& c, const ConditionContext& ctx) {
  auto after = TimeIn(ctx.fields, c.after, ItemZone(ctx.facts));
  if (!after) return Msg("field '{field}' has no time", {{"field", c.after}});
  auto ref = ctx.fields.find(c.ref);
  if (ref == ctx.fields.end() || !ref->second.is_int()) {
    return Msg("field '{field}' does not reference an item", {{"field", c.ref}});
  }
  const OrgItemFact* next = nullptr;
  std::optional<TimePoint> next_at;
  for (const OrgItemFact& other : ItemsOf(ctx, c.workflow)) {
    if (!Matches(c, other)) continue;
    auto at = TimeIn(other.fields, c.field, ItemZone(ctx.facts));
    if (!at || *at <= *after) continue;
    if (next == nullptr || *at < *next_at || (*at == *next_at && other.id < next->id)) next = &other, next_at = at;
  }
  const Msg what = c.where_field.empty() ? Msg::Literal(c.workflow)
                                         : Msg("{workflow} with {field} {value}", {{"workflow", c.workflow},
                                                                                  {"field", c.where_field},
                                                                                  {"value", c.where_value}});
  if (next == nullptr) {
    return Msg("no {what} has {field} after {after} ({time})",
               {{"what", what}, {"field", c.field}, {"after", c.after}, {"time", FormatTime(*after)}});
  }
  if (next->id == ref->second.as_int()) return std::nullopt;
  return Msg("{ref} is #{id}, but the first {what} after {after} ({time}) is #{next} ({field} {next_time})",
             {{"ref", c.ref}, {"id", ref->second.as_int()}, {"what", what}, {"after", c.after},
              {"time", FormatTime(*after)}, {"next", next->id}, {"field", c.field}, {"next_time", FormatTime(*next_at)}});
}

std::optional<Msg> EvaluateNoneOpen(const Condition& c, const ConditionContext& ctx) {
  auto before = TimeIn(ctx.fields, c.before, ItemZone(ctx.facts));
  if (!before) return std::nullopt;
  std::vector<std::string> open;
  for (const OrgItemFact& other : ItemsOf(ctx, c.workflow)) {
    if (std::find(c.states.begin(), c.states.end(), other.state) == c.states.end()) continue;
    auto at = TimeIn(other.fields, c.field, ItemZone(ctx.facts));
    if (at && *at < *before) open.push_back("#" + std::to_string(other.id) + " (" + c.field + " " + FormatTime(*at) + ")");
  }
  if (open.empty()) return std::nullopt;
  std::string list;
  for (const auto& o : open) list += (list.empty() ? "" : ", ") + o;
  Msg state = c.states.size() == 1 ? Msg::Literal("'" + c.states[0] + "'") : Msg("open");
  return Msg("{count} {workflow} still {state} from before {before} ({time}): {list}",
             {{"count", open.size()}, {"workflow", c.workflow}, {"state", state}, {"before", c.before},
              {"time", FormatTime(*before)}, {"list", list}});
}

}  // namespace docket::detail
