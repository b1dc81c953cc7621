// JSON <-> Value: every Value kind survives a trip through text unchanged; so do labels.
#include "audit/json_value.h"
#include "audit/canonical_json.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>

namespace docket {
namespace {

Value RoundTrip(const Value& v) {
  std::string text = DumpJson(ValueToJson(v));
  auto j = ParseJson(text, "test");
  EXPECT_TRUE(j.ok());
  auto back = ValueFromJson(*j);
  EXPECT_TRUE(back.ok()) << back.status().ToString();
  return back.ok() ? *back : Value();
}

TEST(JsonValueTest, EveryKindRoundTrips) {
  const std::vector<Value> values = {
      Value(),
      Value(true),
      Value(false),
      Value(std::int64_t{0}),
      Value(std::numeric_limits<std::int64_t>::max()),
      Value(std::numeric_limits<std::int64_t>::min()),
      Value(0.1),
      Value(1.0),
      Value(-2.5e-300),
      Value(1e300),
      Value("1234.50"),
      Value("采购教学设备 \"quoted\" \\ \n tab\t"),
      Value(List{Value("a"), Value(std::int64_t{2}), Value(), Value(List{Value(true)})}),
      Value(List{}),
  };
  for (const Value& v : values) {
    Value back = RoundTrip(v);
    EXPECT_TRUE(back == v) << DumpJson(ValueToJson(v));
    EXPECT_EQ(back.storage().index(), v.storage().index()) << DumpJson(ValueToJson(v));
  }
}

TEST(JsonValueTest, IntegersAndDoublesKeepTheirKind) {
  EXPECT_TRUE(RoundTrip(Value(1.0)).is_double());
  EXPECT_TRUE(RoundTrip(Value(std::int64_t{1})).is_int());
  EXPECT_EQ(DumpJson(ValueToJson(Value(1.0))), "1.0");
}

TEST(JsonValueTest, RefusesWhatHasNoValue) {
  auto object = ValueFromJson(nlohmann::json::parse(R"({"a":1})"));
  EXPECT_EQ(object.status().code(), Code::kInvalid);
  auto huge = ValueFromJson(nlohmann::json::parse("18446744073709551615"));
  EXPECT_EQ(huge.status().code(), Code::kInvalid);
  EXPECT_NE(huge.status().message().find("18446744073709551615"), std::string::npos);
  auto bad = ParseJson("{not json", "fields of item 3");
  EXPECT_EQ(bad.status().code(), Code::kInvalid);
  EXPECT_NE(bad.status().message().find("fields of item 3"), std::string::npos);
}

TEST(JsonValueTest, FieldMapRoundTripsThroughText) {
  FieldMap fields = {{"title", Value("会议纪要")},
                     {"amount", Value("99.00")},
                     {"count", Value(3)},
                     {"cleared", Value()},
                     {"tags", Value(List{Value("x"), Value("y")})}};
  std::string text = DumpJson(FieldsToJson(fields));
  EXPECT_EQ(text.find(' '), std::string::npos);
  auto back = FieldsFromJson(nlohmann::json::parse(text));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, fields);
  EXPECT_EQ(FieldsFromJson(nlohmann::json::array()).status().code(), Code::kInvalid);
}

// Items' fields are stored by the direct writer: the same bytes as the JSON tree's dump.
TEST(JsonValueTest, DirectFieldsWriterGivesTheDumpsBytes) {
  std::mt19937 rng(7);
  const std::vector<Value> pool = {Value(),           Value(true),        Value(false),
                                   Value(0),          Value(-42),         Value(std::int64_t{1} << 62),
                                   Value(0.5),        Value(-1e300),      Value(3.0),
                                   Value("会议纪要"), Value("a\"b\\c\n\t\x01"), Value(""),
                                   Value(List{}),     Value(List{Value("x"), Value(1), Value(List{Value()})})};
  for (int round = 0; round < 200; ++round) {
    FieldMap fields;
    const int n = static_cast<int>(rng() % 6);
    for (int i = 0; i < n; ++i) {
      fields["f" + std::to_string(rng() % 20) + (rng() % 2 ? "名" : "")] = pool[rng() % pool.size()];
    }
    std::string direct;
    AppendFieldsJson(fields, &direct);
    EXPECT_EQ(direct, DumpJson(FieldsToJson(fields)));
  }
}

TEST(JsonValueTest, ChangesAreAnObjectOfPairs) {
  std::vector<FieldChange> changes = {{"title", Value(), Value("新")},
                                      {"amount", Value("1.00"), Value("2.00")}};
  nlohmann::json j = ChangesToJson(changes);
  EXPECT_EQ(DumpJson(j), R"({"amount":["1.00","2.00"],"title":[null,"新"]})");
  auto back = ChangesFromJson(j);
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].field, "amount");  // read back in field order
  EXPECT_TRUE((*back)[1].before.is_null());
  EXPECT_EQ((*back)[1].after, Value("新"));
  EXPECT_EQ(ChangesFromJson(nlohmann::json::parse(R"({"a":[1]})")).status().code(), Code::kInvalid);
}

TEST(JsonValueTest, InvalidUtf8IsDetectedNotThrown) {
  nlohmann::json j = std::string("bad \xff byte");
  EXPECT_FALSE(IsValidUtf8Json(j));
  EXPECT_NO_THROW(DumpJson(j));
  EXPECT_TRUE(IsValidUtf8Json(nlohmann::json("好")));
}

// The direct check agrees with nlohmann's strict dump on every kind of byte sequence:
// random bytes biased towards UTF-8 lead and continuation bytes, overlongs, surrogates,
// code points above U+10FFFF and truncated sequences.
TEST(JsonValueTest, DirectUtf8CheckAgreesWithTheStrictDump) {
  std::mt19937 rng(42);
  const unsigned char interesting[] = {0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xA0,
                                       0x9F, 0xED, 0xEF, 0xF0, 0x90, 0x8F, 0xF4, 0xF5, 0xFF};
  int valid = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string s;
    const int len = static_cast<int>(rng() % 6);
    for (int k = 0; k < len; ++k) {
      s += static_cast<char>(rng() % 2 ? interesting[rng() % sizeof interesting] : rng() % 256);
    }
    const bool expected = IsValidUtf8Json(nlohmann::json(s));
    valid += expected;
    ASSERT_EQ(IsValidUtf8(s), expected) << ::testing::PrintToString(s);
    ASSERT_EQ(IsValidUtf8Value(Value(List{Value("ok"), Value(s)})), expected);
  }
  EXPECT_GT(valid, 1000);  // both outcomes were exercised
  EXPECT_TRUE(IsValidUtf8("书记 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // a surrogate
}

TEST(JsonValueTest, LabelsKeepEveryLanguage) {
  Labels l{"逾期提醒", "Overdue"};
  l.more["fr"] = "En retard";
  const nlohmann::json j = LabelsToJson(l);
  EXPECT_EQ(DumpJson(j), R"({"en":"Overdue","fr":"En retard","zh":"逾期提醒"})");
  auto back = LabelsFromJson(*ParseJson(DumpJson(j), "test"));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->zh, "逾期提醒");
  EXPECT_EQ(back->en, "Overdue");
  EXPECT_EQ(back->more, (std::map<std::string, std::string>{{"fr", "En retard"}}));
  // zh and en are always there (the inbox's --json shape); a text under "zh" in `more`
  // does not replace the Chinese.
  Labels zh_only{"仅中文"};
  zh_only.more["zh"] = "other";
  EXPECT_EQ(DumpJson(LabelsToJson(zh_only)), R"({"en":"","zh":"仅中文"})");
  EXPECT_EQ(LabelsFromJson(nlohmann::json::object())->zh, "");
}

TEST(JsonValueTest, LabelsRefuseWhatIsNotAnObjectOfTexts) {
  for (const char* text : {"[]", "\"x\"", R"({"zh": 1})", R"({"fr": null})"}) {
    auto j = ParseJson(text, "test");
    ASSERT_TRUE(j.ok()) << text;
    EXPECT_EQ(LabelsFromJson(*j).status().code(), Code::kInvalid) << text;
  }
}

}  // namespace
// Reading only some fields of a stored text: those fields, the others passed over but
// still checked (a text the full reader refuses is refused).
TEST(JsonValueTest, SomeFieldsReadFromTheText) {
  const std::string text =
      R"({"meeting":8,"present":["a","b"],"title":"议题 \"0\"","votes":[["a","agree"],["b","no"]],"x":null})";
  FieldMap all, some;
  ASSERT_TRUE(ParseFieldsFast(text, &all));
  ASSERT_TRUE(ParseFieldsFastOnly(text, {"title", "meeting", "nothing"}, &some));
  EXPECT_EQ(some, (FieldMap{{"meeting", all.at("meeting")}, {"title", all.at("title")}}));
  EXPECT_EQ(some.at("title"), Value("议题 \"0\""));
  ASSERT_TRUE(ParseFieldsFastOnly(text, {}, &some));
  EXPECT_TRUE(some.empty());
  EXPECT_FALSE(ParseFieldsFastOnly(R"({"b":1,"a":2})", {"a"}, &some));           // names out of order
  EXPECT_FALSE(ParseFieldsFastOnly(R"({"a":[1,],"b":2})", {"b"}, &some));         // a bad value passed over
}

}  // namespace docket
