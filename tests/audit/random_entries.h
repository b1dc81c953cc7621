// Random audit entries for the property tests of the canonical writer and readers:
// unicode, every escape, invalid UTF-8 (when asked), odd doubles and integers, unsorted
// changes with a field sometimes named twice.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <random>
#include <string>

#include "audit/chain.h"
#include "audit/entry.h"
#include "core/value.h"

namespace docket::testing {

class RandomEntries {
 public:
  explicit RandomEntries(unsigned seed, bool allow_invalid_utf8)
      : rng_(seed), invalid_(allow_invalid_utf8) {}

  std::string Text() {
    static const char* const kPieces[] = {
        "a", "Z", "0", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\x01", "\x1f", "\x7f",
        "采购", "教学设备", "引号", "é", "\u2028", "\u2029", "😀", "\xef\xbf\xbd", "\xc2\x80",
        "\xf4\x8f\xbf\xbf", "{", "}", "[", "]", ":", ",", "null", "\\u0041"};
    static const char* const kInvalid[] = {"\xff", "\xc0\x80", "\xed\xa0\x80", "\xe6\x9d", "\x80",
                                           "\xf5\x80\x80\x80", "\xf0\x80\x80\x80"};
    std::string s;
    const int n = Int(0, 12);
    for (int i = 0; i < n; ++i) {
      if (invalid_ && Int(0, 30) == 0) {
        s += kInvalid[Int(0, std::size(kInvalid) - 1)];
      } else {
        s += kPieces[Int(0, std::size(kPieces) - 1)];
      }
    }
    return s;
  }

  double Double() {
    static const double kSpecial[] = {0.0, -0.0, 0.1, 1.0, 100.0, 1e-5, 1e15, 1e16, 1e21, 123456789.125,
                                      5e-324, std::numeric_limits<double>::max(), -2.5, 1e15 - 1,
                                      std::numeric_limits<double>::infinity(),
                                      std::numeric_limits<double>::quiet_NaN()};
    if (Int(0, 2) == 0) return kSpecial[Int(0, std::size(kSpecial) - 1)];
    for (;;) {
      std::uint64_t bits = rng_();
      double d;
      std::memcpy(&d, &bits, sizeof d);
      if (std::isfinite(d) || !finite_only_) return d;
    }
  }

  Value Val(int depth) {
    switch (Int(0, depth > 2 ? 4 : 5)) {
      case 0: return Value();
      case 1: return Value(Int(0, 1) == 1);
      case 2: {
        static const std::int64_t kInts[] = {0, 1, -1, 40, std::numeric_limits<std::int64_t>::max(),
                                             std::numeric_limits<std::int64_t>::min(), 999999999999999999,
                                             -999999999999999999, 1000000000000000000};
        if (Int(0, 1) == 0) return Value(kInts[Int(0, std::size(kInts) - 1)]);
        return Value(static_cast<std::int64_t>(rng_()));
      }
      case 3: return Value(Double());
      case 4: return Value(Text());
      default: {
        List list;
        const int n = Int(0, 4);
        for (int i = 0; i < n; ++i) list.push_back(Val(depth + 1));
        return Value(std::move(list));
      }
    }
  }

  AuditEntry Entry() {
    AuditEntry e;
    e.org = Text();
    e.seq = Int(1, 1 << 30);
    e.time = "2026-03-01T09:00:00Z";
    e.actor = Text();
    e.role = Text();
    e.action = Text();
    e.outcome = Int(0, 1) ? "ok" : "refused";
    e.item_id = Int(0, 1000000);
    e.workflow = Text();
    e.workflow_version = Int(0, 5);
    e.from_state = Text();
    e.to_state = Text();
    const int n = Int(0, 5);
    for (int i = 0; i < n; ++i) {
      // Unsorted, and sometimes a field named twice.
      std::string field = Int(0, 4) == 0 && !e.changes.empty() ? e.changes[0].field : Text();
      e.changes.push_back({field, Val(0), Val(0)});
    }
    e.item_version = Int(0, 100);
    e.reason = Text();
    e.prev_hash = std::string(64, 'a');
    e.hash = Sha256Hex(e.reason);
    return e;
  }

  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  void finite_only(bool f) { finite_only_ = f; }

 private:
  std::mt19937_64 rng_;
  bool invalid_;
  bool finite_only_ = false;
};

}  // namespace docket::testing
