#include "app/time_zones.h"

#include <cstdlib>
#include <map>
#include <mutex>

namespace docket {

Result<TimeZone> LoadTimeZone(const std::string& name, Env& env) {
  static std::mutex mu;
  static std::map<std::string, TimeZone>* loaded = new std::map<std::string, TimeZone>();  // never freed: used at exit
  if (name == "UTC") return TimeZone();
  if (!IsTimeZoneName(name)) {
    return Status::Invalid(Msg("'{zone}' is not a time zone name like Asia/Shanghai", {{"zone", name}}));
  }
  {
    std::lock_guard lock(mu);
    if (auto hit = loaded->find(name); hit != loaded->end()) return hit->second;
  }
  const char* dir = std::getenv("TZDIR");
  const std::string folder = dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo";
  Result<std::string> bytes = env.ReadFile(folder + "/" + name, kMaxTimeZoneFileBytes);
  if (!bytes.ok() && bytes.status().code() == Code::kNotFound) {
    if (name == kDefaultTimeZone) return TimeZone::Fixed(name, std::chrono::hours(8));
    return Status::NotFound(Msg("no time zone '{zone}' in {folder} (Debian's tzdata has the IANA zones)",
                                {{"zone", name}, {"folder", folder}}));
  }
  if (!bytes.ok()) return bytes.status();
  Result<TimeZone> zone = TimeZone::FromTzif(name, *bytes);
  if (!zone.ok()) return zone.status();
  std::lock_guard lock(mu);
  return loaded->emplace(name, *zone).first->second;
}

Result<TimeZone> DefaultTimeZone(Env& env) { return LoadTimeZone(std::string(kDefaultTimeZone), env); }

}  // namespace docket
