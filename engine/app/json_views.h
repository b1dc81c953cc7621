// The JSON views of the door's results that every adapter shows the same way (`--json` of
// the CLI; the server's API): an item and an audit entry.
#pragma once

#include <nlohmann/json.hpp>

#include "audit/entry.h"
#include "core/item.h"
#include "core/progress.h"

namespace docket {

// The item with its fields as typed JSON values and its times as ISO text.
nlohmann::json ItemJson(const Item& item);
// Every field of the entry under its own name, but the states as "from" and "to".
nlohmann::json EntryJson(const AuditEntry& e);
// A decision's progress: {"percent": 40 (null without tasks), "tasks": N, "finished": F,
// "entries": [{"id", "workflow", "state", "percent", "reported", "finished"}, ...]}.
nlohmann::json ProgressJson(const Progress& p);

}  // namespace docket
