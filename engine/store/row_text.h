// The text columns every SQL store keeps (JSON of an organization's attrs and robots, a
// body's people, a notification's or role's labels, an item's fields, an entry's
// changes) read back, and written, one way for SqliteStore and PgStore alike. A stored
// text that does not decode is Integrity, naming the record.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"
#include "core/labels.h"
#include "core/message.h"
#include "core/org.h"
#include "core/status.h"
#include "core/transition.h"

namespace docket {

Result<std::map<std::string, std::string>> ParseAttrs(const std::string& org, const std::string& text);
// {"wecom": URL, "dingtalk": URL}; RobotsText writes only the robots given.
Result<OrgRobots> ParseRobots(const std::string& org, const std::string& text);
std::string RobotsText(const OrgRobots& robots);
// A JSON array of person ids; `what` names it in the message.
Result<std::vector<std::string>> ReadIdList(const std::string& text, const Msg& what);
// A notification's message (a JSON object of labels).
Result<Labels> ReadMessage(std::int64_t notification, const std::string& text);
// A role's labels.
Result<Labels> ReadRoleLabels(const std::string& role, const std::string& text);
// An item's fields.
Status ParseItemFields(std::int64_t item, std::string_view text, FieldMap* out);
// An audit entry's changes (org and seq name it).
Result<std::vector<FieldChange>> ParseChanges(const std::string& org, std::int64_t seq, const std::string& text);

}  // namespace docket
