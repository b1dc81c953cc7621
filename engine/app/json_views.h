// The JSON views of the door's results that every adapter shows the same way (`--json` of
// the CLI; the server's API): an item, an audit entry, a decision's progress, a notification,
// the directory, the loads of configuration, accounts and tokens, verification.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "app/accounts.h"
#include "app/audit_proof.h"
#include "app/configuration.h"
#include "app/items.h"
#include "audit/entry.h"
#include "core/finding.h"
#include "core/item.h"
#include "core/org.h"
#include "core/progress.h"
#include "store/audit_verify.h"
#include "store/timer_store.h"

namespace docket {

// The item with its fields as typed JSON values and its times as ISO text.
nlohmann::json ItemJson(const Item& item);
// The item as its reader sees it: ItemJson with "actions", what they may try on it now
// (Docket::ActionsFor): [{"name", "labels": {"zh", "en"}, "required": [{"name", "labels"}],
// "blocked": {"rule", "zh", "en", "words"} (BlockedJson) only when the action would be refused now}].
nlohmann::json ItemJson(const Item& item, const std::vector<OfferedAction>& actions);
// An action's refusal as a page shows it: {"zh", "en"} the whole refusal, "rule" when it
// names one, and "words": {"zh", "en"}, the rule's own short words (core RuleWords), when a
// condition or check gives them.
nlohmann::json BlockedJson(const Msg& refusal, const std::string& rule);
// Every field of the entry under its own name, but the states as "from" and "to".
nlohmann::json EntryJson(const AuditEntry& e);
// EntryJson with the words a page shows for it, each {"zh", "en"}: "labels", the action's
// (its label in `def`, the item's workflow at the entry's version; the engine's own actions —
// a file attached, a refused read, an import, a creation without a label — in the catalog's
// words; else its name), and "from_labels" and "to_labels", the states'. `def` may be null.
nlohmann::json LabelledEntryJson(const AuditEntry& e, const Definition* def);
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

// The directory: an organization {"id", "parent", "name": {zh, en}, "kind", "time_zone",
// "attrs", "bodies": [{"id", "name", "members", "attendees"}]}; a person {"id", "name":
// {zh, en}, "roles": [{"org", "role"}]}.
nlohmann::json OrgJson(const Org& o);
nlohmann::json PersonJson(const Person& p);
// A stored workflow definition version with its label in the reader's language.
nlohmann::json DefinitionRecordJson(const DefinitionRecord& rec, const std::string& label);

// What a load of configuration changed: {"ok", "organizations", "people", "roles",
// "changed", "audit_entries"}; a workflow (or report) load {"workflow", "version", "added",
// "warnings": ["FILE:LINE:COL: warning: ..."]}; a table's {"ok", "table", "entries",
// "changed", "audit_entries"}.
nlohmann::json OrgLoadJson(const OrgLoadReport& r);
nlohmann::json WorkflowLoadJson(const WorkflowLoadReport& r, Lang lang);
nlohmann::json TableLoadJson(const TableLoadReport& r);

// Accounts (app/accounts.h): a person's account, an API token (never its secret).
nlohmann::json AccountJson(const AccountInfo& a);
nlohmann::json TokenJson(const TokenInfo& t);

// `audit verify`: {"ok": true, "orgs", "entries", "items"}.
nlohmann::json VerifyJson(const VerifyReport& r);

// A supervisor's pinned key for an organization and the last checkpoint received under it
// (`audit pins`, POST /api/checkpoints): {"org", "public_key", "last": {"seq", "head_hash",
// "time", "sha256"} or null, "accepted"}.
nlohmann::json ReceivedJson(const ReceivedCheckpoints& r);

}  // namespace docket
