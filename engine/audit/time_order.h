// ChainTimeOrder: each organization's chain moves forward only in time. Fed a chain's
// entries in order, it names the first entry whose time is earlier than an entry before it.
// Times are ISO 8601 (core/clock.h); an entry whose time does not parse is left to the
// checks that read times, and does not move the latest time seen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "audit/entry.h"
#include "core/clock.h"
#include "core/message.h"

namespace docket {

class ChainTimeOrder {
 public:
  // What is wrong with `e` following the entries seen so far: empty when its time is not
  // earlier than the latest time seen, else a message naming both times and the entry
  // that holds the later one.
  Msg Next(const AuditEntry& e);

 private:
  std::optional<TimePoint> latest_;
  std::string latest_text_;
  std::int64_t latest_seq_ = 0;
};

}  // namespace docket
