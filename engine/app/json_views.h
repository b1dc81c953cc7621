// The JSON views of the door's results that every adapter shows the same way (`--json` of
// the CLI; the server's API): an item, an audit entry, a decision's progress, a notification.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "app/items.h"
#include "audit/entry.h"
#include "core/finding.h"
#include "core/item.h"
#include "core/progress.h"
#include "store/timer_store.h"

namespace docket {

// The item with its fields as typed JSON values and its times as ISO text.
nlohmann::json ItemJson(const Item& item);
// The item as its reader sees it: ItemJson with "actions", what they may try on it now
// (Docket::ActionsFor): [{"name", "labels": {"zh", "en"}, "required": [{"name", "labels"}]}].
nlohmann::json ItemJson(const Item& item, const std::vector<OfferedAction>& actions);
// Every field of the entry under its own name, but the states as "from" and "to".
nlohmann::json EntryJson(const AuditEntry& e);
// A decision's progress: {"percent": 40 (null without tasks), "tasks": N, "finished": F,
// "entries": [{"id", "workflow", "state", "percent", "reported", "finished"}, ...]}.
nlohmann::json ProgressJson(const Progress& p);

// The public listing (Docket::ListPublic): an array of ItemJson, each with only its published
// fields.
nlohmann::json PublicJson(const std::vector<PublicItem>& items);

// A compliance finding; and the findings of `org` (in `term` when not "") as of `as_of`:
// {"org", "term" (null for none), "as_of", "count", "findings": [FindingJson...]}.
nlohmann::json FindingJson(const Finding& f);
nlohmann::json FindingsJson(const std::string& org, const std::string& term, const std::string& as_of,
                            const std::vector<Finding>& findings);

// A notification, its message in every language it has: {"zh": .., "en": .., CODE: ..}.
nlohmann::json NotificationJson(const Notification& n);

}  // namespace docket
