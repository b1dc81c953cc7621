// A lease in the database: which of several processes on one database does a job now (the
// server's scheduler, so that two servers do not both tick).
#pragma once

#include <chrono>
#include <string>

#include "core/status.h"

namespace docket {

class AppContext;

// Takes or renews lease `name` for `holder` until now + `duration` when it is free, expired
// or already `holder`'s: true; false while another holder's lease runs. One transaction, so
// two processes never both take it. Kept in the settings table as "lease:NAME".
Result<bool> TakeLease(AppContext& ctx, const std::string& name, const std::string& holder,
                       std::chrono::seconds duration);

}  // namespace docket
