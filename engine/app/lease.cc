#include "app/lease.h"

#include <nlohmann/json.hpp>

#include "app/app_context.h"
#include "core/clock.h"

namespace docket {

Result<bool> TakeLease(AppContext& ctx, const std::string& name, const std::string& holder,
                       std::chrono::seconds duration) {
  const std::string key = "lease:" + name;
  const TimePoint now = ctx.clock.Now();
  bool taken = false;
  DOCKET_RETURN_IF_ERROR(ctx.store.Transact([&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(std::optional<std::string> stored, ctx.store.GetSetting(key));
    if (stored) {
      const nlohmann::json j = nlohmann::json::parse(*stored, nullptr, false);
      const std::string current = j.is_object() ? j.value("holder", "") : "";
      const std::optional<TimePoint> until = ParseTime(j.is_object() ? j.value("until", "") : "");
      if (current != holder && until && *until > now) return Status::Ok();
    }
    taken = true;
    return ctx.store.PutSetting(key, nlohmann::json({{"holder", holder}, {"until", FormatTime(now + duration)}}).dump());
  }));
  return taken;
}

}  // namespace docket
