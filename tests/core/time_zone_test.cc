// core/time_zone.h: TZif files from Debian's tzdata, local times read and shown.
#include "core/time_zone.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace docket {
namespace {

std::string Zoneinfo(const std::string& name) {
  std::ifstream in("/usr/share/zoneinfo/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TimeZone Load(const std::string& name) {
  const std::string bytes = Zoneinfo(name);
  EXPECT_FALSE(bytes.empty()) << "tzdata has no " << name << " (scripts/install-deps installs tzdata)";
  auto z = TimeZone::FromTzif(name, bytes);
  EXPECT_TRUE(z.ok()) << z.status().ToString();
  return z.ok() ? *z : TimeZone();
}

TimePoint At(const char* text) { return *ParseTime(text); }

TEST(TimeZoneTest, ShanghaiIsEightHoursAheadNowAndHadSummerTimeIn1988) {
  const TimeZone z = Load("Asia/Shanghai");
  EXPECT_EQ(z.OffsetAt(At("2026-03-02T09:00:00Z")), std::chrono::hours(8));
  EXPECT_EQ(z.OffsetAt(At("2099-01-01T00:00:00Z")), std::chrono::hours(8));
  EXPECT_EQ(z.OffsetAt(At("1988-07-01T00:00:00Z")), std::chrono::hours(9));
  EXPECT_EQ(FormatTimeIn(At("2026-03-02T09:00:00Z"), z), "2026-03-02T17:00:00+08:00");
  EXPECT_EQ(FormatDateIn(At("2026-03-02T16:30:00Z"), z), "2026-03-03");
}

TEST(TimeZoneTest, ATimeWithoutAnOffsetIsLocalAndOneWithAnOffsetIsExact) {
  const TimeZone z = Load("Asia/Shanghai");
  EXPECT_EQ(ParseTimeIn("2026-03-02T17:00", z), At("2026-03-02T09:00:00Z"));
  EXPECT_EQ(ParseTimeIn("2026-03-02", z), At("2026-03-01T16:00:00Z"));
  EXPECT_EQ(ParseTimeIn("2026-03-02T17:00:00Z", z), At("2026-03-02T17:00:00Z"));
  EXPECT_EQ(ParseTimeIn("2026-03-02T17:00:00+09:00", z), At("2026-03-02T08:00:00Z"));
  EXPECT_EQ(ParseTimeIn("2026-02-30", z), std::nullopt);
  EXPECT_EQ(LocalDay(At("2026-03-02T16:00:00Z"), z), At("2026-03-03"));
}

TEST(TimeZoneTest, AZoneWithDaylightSavingTimeAheadIsRefusedByName) {
  auto z = TimeZone::FromTzif("America/New_York", Zoneinfo("America/New_York"));
  ASSERT_FALSE(z.ok());
  EXPECT_NE(z.status().ToString().find("America/New_York"), std::string::npos);
  EXPECT_NE(z.status().ToString().find("daylight"), std::string::npos);
}

TEST(TimeZoneTest, UtcAndOtherFixedZonesRead) {
  const TimeZone utc = Load("UTC");
  EXPECT_EQ(FormatTimeIn(At("2026-03-02T09:00:00Z"), utc), "2026-03-02T09:00:00Z");
  const TimeZone urumqi = Load("Asia/Urumqi");
  EXPECT_EQ(FormatTimeIn(At("2026-03-02T09:00:00Z"), urumqi), "2026-03-02T15:00:00+06:00");
  const TimeZone fixed = TimeZone::Fixed("X", -std::chrono::minutes(150));
  EXPECT_EQ(FormatTimeIn(At("2026-03-02T09:00:00Z"), fixed), "2026-03-02T06:30:00-02:30");
}

TEST(TimeZoneTest, BrokenOrTruncatedFilesAreRefusedNeverReadPastTheirEnd) {
  const std::string good = Zoneinfo("Asia/Shanghai");
  for (std::size_t n : {std::size_t{0}, std::size_t{4}, std::size_t{44}, std::size_t{60}, good.size() / 2}) {
    auto z = TimeZone::FromTzif("cut", good.substr(0, n));
    EXPECT_FALSE(z.ok()) << n;
  }
  EXPECT_FALSE(TimeZone::FromTzif("bad", "TZif" + std::string(40, '\xff')).ok());
}

TEST(TimeZoneTest, NamesAreTzdataFileNamesNeverPaths) {
  EXPECT_TRUE(IsTimeZoneName("Asia/Shanghai"));
  EXPECT_TRUE(IsTimeZoneName("Etc/GMT+8"));
  EXPECT_TRUE(IsTimeZoneName("UTC"));
  EXPECT_FALSE(IsTimeZoneName(""));
  EXPECT_FALSE(IsTimeZoneName("../etc/passwd"));
  EXPECT_FALSE(IsTimeZoneName("/etc/passwd"));
  EXPECT_FALSE(IsTimeZoneName("Asia//Shanghai"));
  EXPECT_FALSE(IsTimeZoneName("Asia/Shanghai "));
  EXPECT_FALSE(IsTimeZoneName("Asia/.hidden"));
}

}  // namespace
}  // namespace docket
