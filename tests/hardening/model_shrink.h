// Driving and shrinking for the model-based test: one step taken and probed (the checker
// after an accepted step, the refusal check after a refused one), a whole sequence replayed
// on a fresh copy of the template database, and delta debugging of a failing sequence down
// to the shortest one that still breaks the same rule.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model_checker.h"
#include "model_world.h"

namespace docket::testing::model {

// What to look for after an accepted step: the checker (Check), or the checker compared
// with the engine's findings.
using Probe = std::function<std::vector<Violation>(Run& run, const Record& record)>;

struct Taken {
  bool skipped = false;   // a reference named no item: not taken
  Status status;          // the call's, when taken
  std::vector<Violation> violations;
};

// Takes `step` on `run` and probes. `last` is the record before the step; it becomes the
// record after it when the step was accepted.
Taken TakeStep(Run& run, Record* last, const Step& step, const Probe& probe, const std::set<std::string>& off);

struct Replay {
  std::optional<Violation> violation;  // the first of the rule looked for
  std::vector<std::string> transcript; // each step taken, with its outcome
  std::vector<bool> refused;            // per step given: taken and refused
};
// Replays `steps` on a fresh copy of `template_db` at `scratch` until a violation of `rule`.
Replay ReplaySteps(const std::string& template_db, const std::string& scratch, const std::vector<Step>& steps,
                   const Probe& probe, const std::set<std::string>& off, const std::string& rule);

// The shortest subsequence of `steps` found (delta debugging, then removing one step at a
// time) that still breaks `rule`; at most `max_replays` replays. `replays` counts them.
std::vector<Step> Shrink(const std::string& template_db, const std::string& scratch, std::vector<Step> steps,
                         const Probe& probe, const std::set<std::string>& off, const std::string& rule,
                         int max_replays, int* replays);

}  // namespace docket::testing::model
