// The time zones of organizations, read from the machine's tzdata (core/time_zone.h holds the
// rules; this reads the files).
#pragma once

#include <string>

#include "core/env.h"
#include "core/status.h"
#include "core/time_zone.h"

namespace docket {

// The most a TZif file may hold (the largest of Debian's tzdata is about 4 KiB).
inline constexpr std::size_t kMaxTimeZoneFileBytes = 64 * 1024;

// The zone named `name`: "UTC" always; any other from $TZDIR or /usr/share/zoneinfo (read
// through `env`, once per process and name). kDefaultTimeZone is Beijing time (+08:00, as it
// has been since 1991) on a machine without tzdata. NotFound naming the zone and where it was
// looked for; Invalid for a name that is not a tzdata file name or a zone core/time_zone.h
// refuses.
Result<TimeZone> LoadTimeZone(const std::string& name, Env& env = Env::Default());
// The zone of times that name no organization (--now, --as-of): kDefaultTimeZone, loaded.
Result<TimeZone> DefaultTimeZone(Env& env = Env::Default());

}  // namespace docket
