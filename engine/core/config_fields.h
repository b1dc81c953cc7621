// ConfigFields: configuration as flat maps of named values, so that a configuration load
// can be audited the way an item's change is: as `changes`, each key [before, after]
// (docs/AUDIT.md, "Configuration entries").
//
// Three kinds of configuration, each with its own keys (no key is shared between kinds):
//   - an organization (OrgConfigFields, AddRoleFields): its record and the roles people hold
//     in it — "id" (its own id: set from null only when a load creates it), "name.zh",
//     "parent", "kind", "attrs.K", "bodies" (the body ids in order),
//     "bodies.B.name.zh", "bodies.B.members", "bodies.B.attendees", "roles.PERSON";
//   - a lookup table (TableConfigFields): "tables.NAME.KEY";
//   - the calendar (CalendarConfigFields): "semesters" (the ids in order),
//     "semesters.S.start", "semesters.S.end", "semesters.S.name.zh", "holidays",
//     "on_semester_end";
//   - a workflow definition (WorkflowConfigKey): "workflows.W.VERSION", the SHA-256 of
//     the text loaded (64 lower-case hex digits).
// Invariants: the same configuration always gives the same map; an empty value (text "",
// an empty list) is left out, so null on either side of a change means absent or empty;
// lists keep the order that carries meaning (members as listed) and are sorted where the
// order carries none (the roles a person holds). Pure functions, no I/O.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/org.h"
#include "core/timer.h"
#include "core/transition.h"
#include "core/value.h"

namespace docket {

// The organization's record: names, parent, kind, attrs and bodies (not the roles).
FieldMap OrgConfigFields(const Org& org);

// Adds "roles.PERSON" to `out`: the roles `person` holds in `org`, sorted, without repeats
// (nothing when none).
void AddRoleFields(const std::string& org, const Person& person, FieldMap* out);

// Table `name`: one "tables.NAME.KEY" per entry, its value the entry's value.
FieldMap TableConfigFields(const std::string& name, const LookupTable& table);

// The calendar's semesters, holidays (each [first day, last day, zh, en]) and semester-end
// rules (each [workflow, org kind, field]); dates as "YYYY-MM-DD".
FieldMap CalendarConfigFields(const Calendar& calendar);
// Whether `key` is one of CalendarConfigFields' keys.
bool IsCalendarConfigKey(const std::string& key);

// "orgs.ID": the key that registers organization `org` in the installation's chain, its
// value the id.
std::string OrgRegistryKey(const std::string& org);

// "pins.ID" and "checkpoints.ID": a supervisor's installation chain records the public key
// pinned for organization `org` (64 hex digits) and the SHA-256 of the last checkpoint of
// `org` it accepted (audit/config_entries.h).
std::string PinConfigKey(const std::string& org);
std::string CheckpointConfigKey(const std::string& org);

// "workflows.W.VERSION": the key of version `version` of workflow `workflow`, its value the
// SHA-256 of the definition's text.
std::string WorkflowConfigKey(const std::string& workflow, std::int64_t version);
// The other way: what a configuration recorded as such keys (an organization's chain,
// audit/replay.h) says, for judging its entries by the rules (audit/rule_replay.h).
// The roles "roles.PERSON" gives, in its order (none when absent).
std::vector<std::string> RolesFromConfigFields(const FieldMap& config, const std::string& person);
// The bodies "bodies" lists, with their names, members and attendees, by id.
std::map<std::string, Body> BodiesFromConfigFields(const FieldMap& config);
// Each table's entries ("tables.NAME.KEY"), by table name.
std::map<std::string, LookupTable> TablesFromConfigFields(const FieldMap& config);
// The calendar: semesters, holidays and semester-end rules (an unreadable date is left out).
Calendar CalendarFromConfigFields(const FieldMap& config);

// The keys whose values differ, in key order, each [before, after] with null for a key
// that is absent on that side. Empty when the maps are equal.
std::vector<FieldChange> DiffConfigFields(const FieldMap& before, const FieldMap& after);

}  // namespace docket
