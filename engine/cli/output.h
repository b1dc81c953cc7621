// Plain-text tables (aware that a Chinese character takes two columns) and the JSON forms
// of items and audit entries used by --json.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog.h"
#include "core/definition.h"
#include "core/item.h"
#include "core/time_zone.h"
#include "app/docket.h"
#include "app/json_views.h"

namespace docket {
struct ConfigRecorded;  // app/docket.h
}  // namespace docket

namespace docket::cli {

// Display width of UTF-8 text in a terminal: East Asian wide characters count two columns.
size_t DisplayWidth(const std::string& s);

std::string Table(const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows);

// ItemJson and EntryJson: app/json_views.h.

// How an item's fields read in `lang`: a field by its label in `def` (an import mark by
// its own, ImportFieldLabel), a value by ShownValue over `labels` (the definition that
// labels the item's values, Docket::LabelsDefinition: an enum value by its value label).
// With a null definition, the name and the value as text.
std::string FieldLabel(const Definition* def, const std::string& name, Lang lang);
std::string ValueText(const Definition* labels, const std::string& field, const Value& v, Lang lang);

class ShownTimes;
// "field: before -> after; ..." for one entry, each field and value as FieldLabel and
// ValueText show it ("∅" for no value); a time field's values through `times` when given.
std::string DescribeChanges(const AuditEntry& e, const Definition* def, const Definition* labels, Lang lang,
                            ShownTimes* times = nullptr);

// Stored times ("2026-03-02T09:00:00Z") as each organization's clock reads them, with the
// offset ("2026-03-02T17:00:00+08:00"); the stored text as it is when either cannot be read.
// Each organization's zone is looked up once (one per command's rows).
class ShownTimes {
 public:
  explicit ShownTimes(Docket& docket) : docket_(docket) {}
  std::string operator()(const std::string& org, const std::string& stored);

 private:
  Docket& docket_;
  std::map<std::string, std::optional<TimeZone>> zones_;  // nullopt: the zone could not be read
};

// The first 16 hex digits of a hash and an ellipsis, as the proof commands print it.
std::string ShortHash(const std::string& hash);

// What a configuration load appended to the audit log, for its one-line summary:
// " (configuration changes recorded in N audit entries)", " (no configuration change)", or,
// for a change no organization's chain could record yet, that each organization's first
// load will; in Chinese "（配置变更已记入 N 条审计记录）", "（配置无变化）", ...
std::string AuditedText(Lang lang, const ConfigRecorded& recorded);


}  // namespace docket::cli
