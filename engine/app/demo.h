// The demo: one matter taken through its whole cycle by the right people on a fresh
// database, told as a narrative. It is the README's main command (`docket demo`).
#pragma once

#include <functional>
#include <string>

#include "app/docket.h"

namespace docket {

// Loads the example organizations and the shipped workflows into `docket` (whose store
// should be empty), then runs the cycle, advancing `clock` between steps. Each line of the
// narrative goes to `say`. Returns the first unexpected failure, or the verify result.
Status RunDemo(Docket& docket, FixedClock& clock, Lang lang,
               const std::function<void(const std::string&)>& say);

}  // namespace docket
