// The one UTF-8 check (core/utf8.h) against nlohmann::json's strict dump, which the canonical
// writer must agree with: every sequence of one or two bytes, and three- and four-byte ones
// built from the bytes where the rules change.
#include "core/utf8.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "audit/json_value.h"

namespace docket::testing {
namespace {

bool StrictDumpAccepts(const std::string& s) {
  try {
    (void)nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

void ExpectAgree(const std::string& s) {
  const bool expected = StrictDumpAccepts(s);
  ASSERT_EQ(IsValidUtf8(s), expected) << ::testing::PrintToString(s);
  ASSERT_EQ(IsValidUtf8Json(nlohmann::json::object({{s, 1}})), expected) << ::testing::PrintToString(s);
  ASSERT_EQ(IsValidUtf8Json(nlohmann::json::array({1, s})), expected) << ::testing::PrintToString(s);
}

TEST(Utf8Test, AgreesWithTheStrictDump) {
  for (int a = 0; a < 256; ++a) {
    ExpectAgree(std::string(1, static_cast<char>(a)));
    for (int b = 0; b < 256; ++b) ExpectAgree({static_cast<char>(a), static_cast<char>(b)});
  }
  const std::vector<unsigned char> edges = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  for (int lead = 0xC0; lead < 0x100; ++lead) {
    for (unsigned char b : edges) {
      for (unsigned char c : edges) {
        const char l = static_cast<char>(lead);
        ExpectAgree({l, static_cast<char>(b), static_cast<char>(c)});
        for (unsigned char d : edges) ExpectAgree({l, static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)});
      }
    }
  }
}

// ASCII is passed over eight bytes at a time: a bad byte, a good sequence or a cut one at
// every place of texts of 1 to 40 bytes is judged as the strict dump judges it.
TEST(Utf8Test, AnySequenceAtEveryPlaceOfALongerText) {
  for (std::size_t n = 1; n <= 40; ++n) {
    for (std::size_t at = 0; at < n; ++at) {
      for (const char* seq : {"\x80", "\xff", "\xc3\xa9", "\xe4\xb9\xa6", "\xf0\x9f\x98\x80", "\xe4\xb9", "\xed\xa0\x80"}) {
        std::string s(n, 'a');
        s.replace(at, 1, seq);
        ExpectAgree(s);
      }
    }
  }
}

TEST(Utf8Test, SequenceLengths) {
  auto length = [](const std::string& s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    return Utf8SequenceLength(p, p + s.size());
  };
  EXPECT_EQ(length("\xC3\xA9"), 2u);
  EXPECT_EQ(length("\xE4\xB9\xA6"), 3u);
  EXPECT_EQ(length("\xF0\x9F\x98\x80"), 4u);
  EXPECT_EQ(length("\xC3"), 0u);          // cut off
  EXPECT_EQ(length("\xED\xA0\x80"), 0u);  // a surrogate
  EXPECT_EQ(length("\xC0\x80"), 0u);      // overlong
}

}  // namespace
}  // namespace docket::testing
