// Plain-text tables (aware that a Chinese character takes two columns) and the JSON forms
// of items and audit entries used by --json.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/definition.h"
#include "core/item.h"
#include "store/store.h"

namespace docket::cli {

std::string Table(const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows);

nlohmann::json ItemJson(const Item& item);
nlohmann::json EntryJson(const AuditEntry& e);

// "field: before -> after; ..." for one entry.
std::string DescribeChanges(const AuditEntry& e);

// What a configuration load appended to the audit log, for its one-line summary:
// " (configuration changes recorded in N audit entries)", or " (no configuration change)".
std::string AuditedText(int audit_entries);

// "中文 / English" style bilingual header text picked by language.
const char* Tr(Lang lang, const char* zh, const char* en);

}  // namespace docket::cli
