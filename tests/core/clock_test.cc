// The clock seam, ISO 8601 parsing and formatting, and the Status type.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <type_traits>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace docket {
namespace {

using namespace std::chrono;

TimePoint At(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  return TimePoint{sys_days{year{y} / month{m} / day{d}}} + hours{hh} + minutes{mm} + seconds{ss};
}

TEST(FormatTime, WritesUtcIso) {
  EXPECT_EQ(FormatTime(At(2026, 3, 1, 9, 0, 0)), "2026-03-01T09:00:00Z");
  EXPECT_EQ(FormatTime(At(2024, 2, 29, 23, 59, 59)), "2024-02-29T23:59:59Z");
  EXPECT_EQ(FormatTime(TimePoint{}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTime(At(1969, 12, 31, 23, 0, 5)), "1969-12-31T23:00:05Z");
  EXPECT_EQ(FormatDate(At(2026, 3, 1, 23, 59, 59)), "2026-03-01");
}

struct ParseCase {
  std::string text;
  std::optional<TimePoint> want;
};

TEST(ParseTime, Table) {
  const std::vector<ParseCase> cases = {
      {"2026-03-01", At(2026, 3, 1)},
      {"2026-03-01T09:00", At(2026, 3, 1, 9)},
      {"2026-03-01T09:00:07", At(2026, 3, 1, 9, 0, 7)},
      {"2026-03-01T09:00:07Z", At(2026, 3, 1, 9, 0, 7)},
      {"2026-03-01 09:15Z", At(2026, 3, 1, 9, 15)},
      {"2026-03-01T09:00:00+08:00", At(2026, 3, 1, 1)},
      {"2026-03-01T09:00:00-03:30", At(2026, 3, 1, 12, 30)},
      {"2026-03-01T00:30+01:00", At(2026, 2, 28, 23, 30)},
      {"2026-03-01T09:00+14:00", At(2026, 2, 28, 19)},
      {"2026-03-01T09:00:00+14:01", At(2026, 2, 28, 18, 59)},
      {"2026-03-01T09:00+15:00", std::nullopt},
      {"2026-03-01T09:00+08:60", std::nullopt},
      {"2026-03-01T09:00+08", std::nullopt},
      {"2026-03-01T09:00+8:00", std::nullopt},
      {"2026-03-01T24:00", std::nullopt},
      {"2026-03-01T23:60", std::nullopt},
      {"2026-03-01T23:59:60", std::nullopt},
      {"2026-03-01T09", std::nullopt},
      {"2026-03-01T09:", std::nullopt},
      {"2026-03-01T09:00:", std::nullopt},
      {"2026-03-01T09:00:0", std::nullopt},
      {"2026-03-01T09:00Q", std::nullopt},
      {"2026-03-01T09:00Z ", std::nullopt},
      {"2026-03-01t09:00", std::nullopt},
      {"2026-02-29T09:00", std::nullopt},
      {"2026-3-01", std::nullopt},
      {"", std::nullopt},
      {"yesterday", std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("'" + c.text + "'");
    auto got = ParseTime(c.text);
    ASSERT_EQ(got.has_value(), c.want.has_value()) << (got ? FormatTime(*got) : "nullopt");
    if (got) {
      EXPECT_EQ(FormatTime(*got), FormatTime(*c.want));
    }
  }
}

TEST(ParseTime, RoundTripsWhatFormatTimeWrites) {
  for (TimePoint t : {At(2026, 3, 1, 9), At(2024, 2, 29, 12, 34, 56), At(1999, 12, 31, 23, 59, 59),
                      TimePoint{}}) {
    const std::string text = FormatTime(t);
    auto back = ParseTime(text);
    ASSERT_TRUE(back.has_value()) << text;
    EXPECT_EQ(*back, t) << text;
    EXPECT_EQ(ParseDate(FormatDate(t)), floor<days>(t)) << text;
  }
}

TEST(ParseDate, OnlyAPlainCalendarDate) {
  EXPECT_EQ(ParseDate("2024-02-29"), At(2024, 2, 29));
  EXPECT_EQ(ParseDate("2026-02-29"), std::nullopt);
  EXPECT_EQ(ParseDate("2026-02-30"), std::nullopt);
  EXPECT_EQ(ParseDate("2026-2-3"), std::nullopt);
  EXPECT_EQ(ParseDate("2026-02-03T00:00"), std::nullopt);
  EXPECT_EQ(ParseDate("2026-02-03Z"), std::nullopt);
}

TEST(FixedClock, AnswersTheSameTimeUntilMoved) {
  FixedClock clock(At(2026, 3, 1, 9));
  const Clock& seam = clock;
  EXPECT_EQ(FormatTime(seam.Now()), "2026-03-01T09:00:00Z");
  EXPECT_EQ(seam.Now(), seam.Now());
  clock.Advance(hours{24} + minutes{30});
  EXPECT_EQ(FormatTime(seam.Now()), "2026-03-02T09:30:00Z");
  clock.Set(At(2020, 1, 1));
  EXPECT_EQ(FormatTime(seam.Now()), "2020-01-01T00:00:00Z");
}

TEST(Status, CodesAreExitCodesAndHaveNames) {
  struct Case {
    Status status;
    Code code;
    int exit;
    const char* text;
  };
  const std::vector<Case> cases = {
      {Status::Ok(), Code::kOk, 0, "ok"},
      {Status::Invalid("bad"), Code::kInvalid, 2, "invalid: bad"},
      {Status::NotFound("no item 42"), Code::kNotFound, 3, "not_found: no item 42"},
      {Status::Forbidden("no"), Code::kForbidden, 4, "forbidden: no"},
      {Status::Refused("no"), Code::kRefused, 5, "refused: no"},
      {Status::Conflict("stale"), Code::kConflict, 6, "conflict: stale"},
      {Status::Integrity("hash"), Code::kIntegrity, 7, "integrity: hash"},
      {Status::Storage("locked"), Code::kStorage, 8, "storage: locked"},
      {Status::TooLarge(Msg::Literal("big")), Code::kTooLarge, 10, "too_large: big"},
      {Status::Unsupported(Msg::Literal("gif")), Code::kUnsupported, 11, "unsupported_type: gif"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.status.code(), c.code) << c.text;
    EXPECT_EQ(c.status.exit_code(), c.exit) << c.text;
    EXPECT_EQ(c.status.ToString(), c.text);
    EXPECT_EQ(c.status.ok(), c.code == Code::kOk) << c.text;
  }
}

TEST(Result, HoldsAValueOrAnError) {
  Result<std::string> good = std::string("five");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, "five");
  EXPECT_TRUE(good.status().ok());
  Result<std::string> bad = Status::NotFound("no item 9");
  EXPECT_FALSE(bad.ok());
  EXPECT_FALSE(static_cast<bool>(bad));
  EXPECT_EQ(bad.status().code(), Code::kNotFound);
  EXPECT_EQ(bad.status().message(), "no item 9");
}

}  // namespace
}  // namespace docket

namespace docket {
namespace {

Result<std::vector<std::string>> Names() { return std::vector<std::string>{"a", "b"}; }

// `for (x : *Load())` must iterate a value, not a reference into a destroyed temporary.
TEST(ResultTest, ATemporaryGivesUpItsValueInsteadOfAReference) {
  static_assert(std::is_same_v<decltype(*Names()), std::vector<std::string>>);
  static_assert(std::is_same_v<decltype(Names().value()), std::vector<std::string>>);
  std::string joined;
  for (const auto& n : *Names()) joined += n;
  EXPECT_EQ(joined, "ab");
  Result<std::vector<std::string>> kept = Names();
  static_assert(std::is_same_v<decltype(*kept), std::vector<std::string>&>);
}

}  // namespace
}  // namespace docket
