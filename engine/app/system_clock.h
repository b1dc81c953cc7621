// The real clock. Only the outermost layers (the CLI's main, the server) create one and
// pass it in; nothing inside the engine reads the system time.
#pragma once

#include "core/clock.h"

namespace docket {

class SystemClock : public Clock {
 public:
  TimePoint Now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

}  // namespace docket
