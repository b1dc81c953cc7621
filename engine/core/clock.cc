#include "core/clock.h"

#include <cstdio>

namespace docket {
namespace {

using namespace std::chrono;

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

std::optional<sys_days> ParseDay(std::string_view s) {
  int y, m, d;
  if (s.size() < 10 || !Digits(s, 0, 4, &y) || s[4] != '-' || !Digits(s, 5, 2, &m) ||
      s[7] != '-' || !Digits(s, 8, 2, &d)) {
    return std::nullopt;
  }
  year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

}  // namespace

std::string FormatTime(TimePoint t) {
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  const int y = static_cast<int>(ymd.year());
  const unsigned fields[] = {static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                             static_cast<unsigned>(hms.hours().count()),
                             static_cast<unsigned>(hms.minutes().count()),
                             static_cast<unsigned>(hms.seconds().count())};
  if (y < 0 || y > 9999) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02uZ", y, fields[0], fields[1], fields[2],
                  fields[3], fields[4]);
    return buf;
  }
  // Every action formats a time or two: written digit by digit, not through snprintf.
  std::string out = "0000-00-00T00:00:00Z";
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  constexpr std::size_t kAt[] = {5, 8, 11, 14, 17};
  for (int i = 0; i < 5; ++i) {
    out[kAt[i]] = static_cast<char>('0' + fields[i] / 10);
    out[kAt[i] + 1] = static_cast<char>('0' + fields[i] % 10);
  }
  return out;
}

std::string FormatDate(TimePoint t) { return FormatTime(t).substr(0, 10); }

std::optional<TimePoint> ParseDate(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  auto day = ParseDay(text);
  if (!day) return std::nullopt;
  return TimePoint{*day};
}

std::optional<WrittenTime> ParseWrittenTime(std::string_view s) {
  auto day = ParseDay(s);
  if (!day) return std::nullopt;
  if (s.size() == 10) return WrittenTime{TimePoint{*day}, std::nullopt};
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  int hh, mm, ss = 0;
  if (!Digits(s, 11, 2, &hh) || s.size() < 16 || s[13] != ':' || !Digits(s, 14, 2, &mm)) {
    return std::nullopt;
  }
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!Digits(s, pos + 1, 2, &ss)) return std::nullopt;
    pos += 3;
  }
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  std::optional<seconds> offset;
  if (pos < s.size()) {
    if (s[pos] == 'Z' && pos + 1 == s.size()) {
      offset = seconds{0};
      pos += 1;
    } else if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
      int oh, om;
      if (!Digits(s, pos + 1, 2, &oh) || !Digits(s, pos + 4, 2, &om) || oh > 14 || om > 59) {
        return std::nullopt;
      }
      offset = hours{oh} + minutes{om};
      if (s[pos] == '-') offset = -*offset;
      pos = s.size();
    } else {
      return std::nullopt;
    }
  }
  if (pos != s.size()) return std::nullopt;
  return WrittenTime{TimePoint{*day} + hours{hh} + minutes{mm} + seconds{ss}, offset};
}

std::optional<TimePoint> ParseTime(std::string_view s) {
  auto written = ParseWrittenTime(s);
  if (!written) return std::nullopt;
  return written->reads - written->offset.value_or(seconds{0});
}

}  // namespace docket
