#include "core/time_zone.h"

#include <algorithm>
#include <cstdio>

namespace docket {
namespace {

using namespace std::chrono;

// Reads big-endian integers from a TZif file, never past its end.
class TzifReader {
 public:
  explicit TzifReader(std::string_view bytes) : b_(bytes) {}
  bool Has(std::size_t n) const { return b_.size() - at_ >= n; }
  std::int64_t Int(int width) {
    std::uint64_t v = 0;
    for (int i = 0; i < width; ++i) v = v << 8 | static_cast<unsigned char>(b_[at_ + i]);
    at_ += width;
    if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
  }
  unsigned char Byte() { return static_cast<unsigned char>(b_[at_++]); }
  void Skip(std::size_t n) { at_ += n; }
  std::string_view Rest() const { return b_.substr(at_); }

 private:
  std::string_view b_;
  std::size_t at_ = 0;
};

struct TzifCounts {
  std::size_t isut, isstd, leap, time, type, chars;
};

// The header at the reader's position: "TZif", the version, 15 reserved bytes, six counts.
std::optional<std::pair<char, TzifCounts>> ReadHeader(TzifReader& r) {
  if (!r.Has(44) || r.Rest().substr(0, 4) != "TZif") return std::nullopt;
  r.Skip(4);
  const char version = static_cast<char>(r.Byte());
  r.Skip(15);
  std::size_t n[6];
  for (auto& c : n) {
    const std::int64_t v = r.Int(4);
    if (v < 0 || v > 100000) return std::nullopt;
    c = static_cast<std::size_t>(v);
  }
  return std::pair{version, TzifCounts{n[0], n[1], n[2], n[3], n[4], n[5]}};
}

std::size_t BlockBytes(const TzifCounts& c, int time_width) {
  return c.time * time_width + c.time + c.type * 6 + c.chars + c.leap * (time_width + 4) + c.isstd + c.isut;
}

// The standard offset of a POSIX TZ string without daylight saving time ("CST-8" is
// +08:00: POSIX counts west); nullopt when it has a daylight saving part or cannot be read.
std::optional<std::int32_t> FixedFooterOffset(std::string_view tz) {
  std::size_t i = 0;
  if (i < tz.size() && tz[i] == '<') {
    i = tz.find('>');
    if (i == std::string_view::npos) return std::nullopt;
    ++i;
  } else {
    while (i < tz.size() && ((tz[i] >= 'A' && tz[i] <= 'Z') || (tz[i] >= 'a' && tz[i] <= 'z'))) ++i;
    if (i < 3) return std::nullopt;
  }
  int sign = 1;
  if (i < tz.size() && (tz[i] == '+' || tz[i] == '-')) sign = tz[i++] == '-' ? -1 : 1;
  std::int32_t parts[3] = {0, 0, 0};
  for (int p = 0; p < 3; ++p) {
    if (p > 0) {
      if (i >= tz.size() || tz[i] != ':') break;
      ++i;
    }
    const std::size_t start = i;
    while (i < tz.size() && tz[i] >= '0' && tz[i] <= '9' && i - start < 3) parts[p] = parts[p] * 10 + (tz[i++] - '0');
    if (i == start) return std::nullopt;
  }
  if (i != tz.size()) return std::nullopt;  // a daylight saving part follows
  return -sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
}

}  // namespace

TimeZone TimeZone::Fixed(std::string name, seconds offset) {
  TimeZone z;
  z.name_ = std::move(name);
  z.before_ = static_cast<std::int32_t>(offset.count());
  return z;
}

Result<TimeZone> TimeZone::FromTzif(std::string name, std::string_view bytes) {
  const std::string shown = name;
  auto bad = [&shown](const Msg& why) {
    return Status::Invalid(Msg("time zone '{zone}': {why}", {{"zone", shown}, {"why", why}}));
  };
  TzifReader r(bytes);
  auto header = ReadHeader(r);
  if (!header || !r.Has(BlockBytes(header->second, 4))) return bad(Msg("not a TZif time zone file"));
  int width = 4;
  if (header->first >= '2') {  // skip the 32-bit block: the 64-bit one follows it
    r.Skip(BlockBytes(header->second, 4));
    header = ReadHeader(r);
    width = 8;
    if (!header || !r.Has(BlockBytes(header->second, 8))) return bad(Msg("not a TZif time zone file"));
  }
  const TzifCounts c = header->second;
  if (c.type == 0) return bad(Msg("not a TZif time zone file"));
  std::vector<std::int64_t> times(c.time);
  for (auto& t : times) t = r.Int(width);
  std::vector<std::size_t> kinds(c.time);
  for (auto& k : kinds) k = r.Byte();
  std::vector<std::int32_t> offsets(c.type);
  for (auto& o : offsets) {
    o = static_cast<std::int32_t>(r.Int(4));
    r.Skip(2);  // isdst, abbreviation index
  }
  r.Skip(c.chars + c.leap * (width + 4) + c.isstd + c.isut);
  TimeZone z;
  z.name_ = std::move(name);
  z.before_ = offsets[0];
  for (std::size_t i = 0; i < c.time; ++i) {
    if (kinds[i] >= c.type || (i > 0 && times[i] <= times[i - 1])) return bad(Msg("not a TZif time zone file"));
    z.steps_.emplace_back(times[i], offsets[kinds[i]]);
  }
  if (width == 8) {
    std::string_view footer = r.Rest();
    if (footer.size() >= 2 && footer[0] == '\n') {
      footer = footer.substr(1, footer.find('\n', 1) - 1);
      if (!footer.empty()) {
        auto fixed = FixedFooterOffset(footer);
        if (!fixed) return bad(Msg("has daylight saving time, which Docket does not support"));
        if (z.steps_.empty()) {
          z.before_ = *fixed;
        } else if (z.steps_.back().second != *fixed) {
          z.steps_.emplace_back(z.steps_.back().first + 1, *fixed);
        }
      }
    }
  }
  return z;
}

seconds TimeZone::OffsetAt(TimePoint t) const {
  const std::int64_t at = t.time_since_epoch().count();
  auto after = std::upper_bound(steps_.begin(), steps_.end(), at,
                                [](std::int64_t v, const auto& step) { return v < step.first; });
  return seconds{after == steps_.begin() ? before_ : std::prev(after)->second};
}

TimePoint TimeZone::FromLocal(TimePoint local) const {
  const TimePoint first = local - OffsetAt(local);
  const seconds offset = OffsetAt(first);
  const TimePoint second = local - offset;
  // Read back with the offset in force at each candidate; the earlier one that reads `local`.
  const TimePoint a = std::min(first, second), b = std::max(first, second);
  if (a + OffsetAt(a) == local) return a;
  if (b + OffsetAt(b) == local) return b;
  return first;
}

const TimeZone& UtcZone() {
  static const TimeZone* utc = new TimeZone();  // never freed: used at exit
  return *utc;
}

bool IsTimeZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  std::size_t part = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '/') {
      if (i == part || name[part] == '.') return false;
      part = i + 1;
      continue;
    }
    const char ch = name[i];
    const bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                    ch == '_' || ch == '-' || ch == '+' || ch == '.';
    if (!ok) return false;
  }
  return true;
}

std::string FormatTimeIn(TimePoint t, const TimeZone& zone) { return FormatTimeAtOffset(t, zone.OffsetAt(t)); }

std::string FormatTimeAtOffset(TimePoint t, seconds offset) {
  std::string out = FormatTime(t + offset);
  if (offset == seconds{0}) return out;
  out.pop_back();  // the "Z"
  const auto total = offset.count() < 0 ? -offset.count() : offset.count();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset.count() < 0 ? '-' : '+', static_cast<int>(total / 3600),
                static_cast<int>(total / 60 % 60));
  return out + buf;
}

std::string FormatDateIn(TimePoint t, const TimeZone& zone) { return FormatDate(t + zone.OffsetAt(t)); }

TimePoint LocalDay(TimePoint t, const TimeZone& zone) { return floor<days>(t + zone.OffsetAt(t)); }

TimePoint StartOfLocalDay(const TimeZone& zone, TimePoint date) { return zone.FromLocal(floor<days>(date)); }

TimePoint EndOfLocalDay(const TimeZone& zone, TimePoint date) { return StartOfLocalDay(zone, date + days{1}); }

std::optional<TimePoint> ParseTimeIn(std::string_view text, const TimeZone& zone) {
  auto written = ParseWrittenTime(text);
  if (!written) return std::nullopt;
  if (written->offset) return written->reads - *written->offset;
  return zone.FromLocal(written->reads);
}

}  // namespace docket
