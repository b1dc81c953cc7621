// The model-based test's checker: the rules of procedure R1–R15 (docs/SPEC.md §2a) stated
// as invariants over the recorded state — items, their fields and their accepted history as
// the application layer returns them — written here and not with the engine's conditions,
// checks or findings. Each check is small and named by a rule id ("R6-shrink"); a set of ids
// can be switched off (the test's kKnownOpen).
//
// The same-organization audit sequence orders the entries of different items: a meeting's
// state "when a matter was scheduled" is its state after its last entry before that one.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model_world.h"

namespace docket::testing::model {

struct Violation {
  std::string rule;       // a check id, e.g. "R4" or "R10-next"
  std::int64_t item = 0;  // the item it is about
  std::string what;       // in words, with the values that break it
};

// Every check id, in the order they run.
const std::vector<std::string>& CheckIds();

// The violations of the record, in check order; checks in `off` are not run.
std::vector<Violation> Check(const Record& record, const std::set<std::string>& off);

// A refusal the rules do not call for ("R8-combined": a major matter's scheduling refused
// for want of a second sign-off, where the one person who is both secretary and principal
// has signed). `before` is the record before the step; `meeting` the id it submitted.
std::optional<Violation> CheckRefusal(const Record& before, const Item& item, const std::string& action,
                                      const std::string& actor, std::optional<std::int64_t> meeting,
                                      const Status& status, const std::set<std::string>& off);

}  // namespace docket::testing::model
