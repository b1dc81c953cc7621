// A compliance finding: something the record shows that a rule forbids, computed from items
// and the audit log (never typed in). The workflows declare what to check (`checks:` in their
// YAML); the app evaluates them. Shared by `docket findings`, the semester report and the
// supervisor's roll-up: plain data, so the report module (engine/report) reads it without
// knowing the use case that makes it.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/definition.h"
#include "core/message.h"

namespace docket {

// The rule of the finding that lists an imported record instead of judging it (its
// severity is "info"): app/findings.cc, app/import.h.
inline constexpr const char* kImportedRule = "imported";

struct Finding {
  std::string rule;      // "R1" … "R15", as the check names it
  std::string severity;  // high | medium | low
  std::string org;       // the organization whose record it is in
  std::int64_t item = 0; // the item it is about (0 when about a missing item)
  std::string workflow;  // that item's workflow (or the one expected, when missing)
  std::string check;     // the check's name in its workflow
  std::string state;     // the item's state when found ("" when about a missing item)
  Labels message;        // what is wrong, zh and en
  Msg detail;            // what the check's condition found (e.g. the counts)
  std::vector<std::pair<std::string, std::string>> evidence;  // field or fact -> value, as text
};

}  // namespace docket
