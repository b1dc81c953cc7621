// ParseFieldText: every field type parsed from text, the good and the bad.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/field.h"
#include "test_workflow.h"

namespace docket {
namespace {

using test::EnumField;
using test::Field;
using test::ListField;

// A case either parses to `want`, or (want == nullopt) is refused as Invalid.
struct ParseCase {
  std::string text;
  std::optional<Value> want;
};

void CheckParses(const FieldDef& f, const std::vector<ParseCase>& cases) {
  for (const auto& c : cases) {
    SCOPED_TRACE("field " + f.name + " (" + FieldTypeName(f.type) + ") <- '" + c.text + "'");
    Result<Value> got = ParseFieldText(f, c.text);
    if (c.want) {
      if (!got.ok()) {
        ADD_FAILURE() << got.status().ToString();
        continue;
      }
      EXPECT_EQ(*got, *c.want);
    } else {
      if (got.ok()) {
        ADD_FAILURE() << "accepted as " << testing::PrintToString(*got);
        continue;
      }
      EXPECT_EQ(got.status().code(), Code::kInvalid);
      // The message names the field, its type and the offending text.
      EXPECT_NE(got.status().message().find("'" + f.name + "'"), std::string::npos)
          << got.status().message();
    }
  }
}

const std::nullopt_t kBad = std::nullopt;

TEST(ParseFieldText, Text) {
  CheckParses(Field("title", FieldType::kText), {
                                                    {"Chairs", Value("Chairs")},
                                                    {"  two words  ", Value("two words")},
                                                    {"a, b", Value("a, b")},
                                                    {"", Value()},
                                                    {"   ", Value()},
                                                });
}

TEST(ParseFieldText, Integer) {
  CheckParses(Field("qty", FieldType::kInteger),
              {
                  {"12", Value(12)},
                  {"-7", Value(-7)},
                  {"+5", Value(5)},
                  {"0", Value(0)},
                  {"999999999999999999", Value(std::int64_t{999999999999999999})},
                  {"12a", kBad},
                  {"1.0", kBad},
                  {"1e3", kBad},
                  {"-", kBad},
                  {"1 000", kBad},
                  {"99999999999999999999", kBad},   // overflows int64
                  {"9223372036854775808", kBad},    // INT64_MAX + 1
                  {"-9999999999999999999", kBad},
              });
}

TEST(ParseFieldText, Number) {
  CheckParses(Field("ratio", FieldType::kNumber),
              {
                  {"1.5", Value(1.5)},
                  {"-0.25", Value(-0.25)},
                  {"3", Value(3.0)},
                  {"1e3", Value(1000.0)},
                  {"2.5E-1", Value(0.25)},
                  {"nan", kBad},
                  {"NaN", kBad},
                  {"inf", kBad},
                  {"-Infinity", kBad},
                  {"1e400", kBad},
                  {"0x10", kBad},
                  {"1.2.3", kBad},
                  {"12a", kBad},
                  {"-", kBad},
                  {"1e", kBad},
              });
}

// A field that declares negative amounts (`negative: true`).
FieldDef SignedMoney(const std::string& name) {
  FieldDef f = Field(name, FieldType::kMoney);
  f.negative = true;
  return f;
}

TEST(ParseFieldText, MoneyTakesASignOnlyWhereTheFieldDeclaresNegativeAmounts) {
  CheckParses(Field("amount", FieldType::kMoney), {{"-5", kBad}, {"-3.10", kBad}, {"+7", kBad}, {"-0", kBad}});
  CheckParses(SignedMoney("refund"), {{"-5", Value("-5.00")}, {"-3.10", Value("-3.10")}, {"-0.5", Value("-0.50")},
                                      {"+7", Value("7.00")}, {"--1", kBad}, {"-", kBad}});
  Result<Value> bad = ParseFieldText(Field("amount", FieldType::kMoney), "-5");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("no sign"), std::string::npos) << bad.status().message();
  FieldDef fees = ListField("fees", FieldType::kMoney);
  CheckParses(fees, {{"1,-2", kBad}});
  fees.negative = true;
  CheckParses(fees, {{"1,-2", Value(List{"1.00", "-2.00"})}});
}

TEST(ParseFieldText, Money) {
  CheckParses(SignedMoney("amount"),
              {
                  {"12.5", Value("12.50")},
                  {"12", Value("12.00")},
                  {"12.05", Value("12.05")},
                  {"-3.10", Value("-3.10")},
                  {"-0.5", Value("-0.50")},
                  {"+7", Value("7.00")},
                  {"0012.30", Value("12.30")},
                  {"999999999999999.99", Value("999999999999999.99")},  // 15 digits
                  {"1000000000000000", kBad},                           // 16 digits
                  {"12.345", kBad},
                  {"1,000", kBad},
                  {"1,000.00", kBad},
                  {"12.", kBad},
                  {".5", kBad},
                  {"-", kBad},
                  {"1e3", kBad},
                  {"$12", kBad},
                  {"--1", kBad},
              });
}

TEST(ParseFieldText, Date) {
  CheckParses(Field("due", FieldType::kDate),
              {
                  {"2026-03-01", Value("2026-03-01")},
                  {"2024-02-29", Value("2024-02-29")},  // leap year
                  {"2000-02-29", Value("2000-02-29")},  // divisible by 400
                  {"2026-12-31", Value("2026-12-31")},
                  {"2026-02-29", kBad},
                  {"1900-02-29", kBad},  // divisible by 100, not by 400
                  {"2026-02-30", kBad},
                  {"2026-04-31", kBad},
                  {"2026-13-01", kBad},
                  {"2026-00-10", kBad},
                  {"2026-01-00", kBad},
                  {"2026-2-3", kBad},
                  {"26-02-03", kBad},
                  {"2026/02/03", kBad},
                  {"2026-03-01T09:00:00Z", kBad},  // a date has no time
              });
}

TEST(ParseFieldText, DateTime) {
  CheckParses(Field("meeting", FieldType::kDateTime),
              {
                  {"2026-03-01T09:00:00Z", Value("2026-03-01T09:00:00Z")},
                  {"2026-03-01T09:00Z", Value("2026-03-01T09:00:00Z")},
                  {"2026-03-01T09:00:30", Value("2026-03-01T09:00:30Z")},  // no zone: UTC
                  {"2026-03-01 09:00", Value("2026-03-01T09:00:00Z")},
                  {"2026-03-01", Value("2026-03-01T00:00:00Z")},
                  {"2026-03-01T09:00:00+08:00", Value("2026-03-01T01:00:00Z")},
                  {"2026-03-01T02:00:00+08:00", Value("2026-02-28T18:00:00Z")},  // previous day
                  {"2026-12-31T22:30:00-05:30", Value("2027-01-01T04:00:00Z")},  // next year
                  {"2024-02-29T23:59:59Z", Value("2024-02-29T23:59:59Z")},
                  {"2026-03-01T24:00:00Z", kBad},
                  {"2026-03-01T25:00Z", kBad},
                  {"2026-03-01T09:60Z", kBad},
                  {"2026-03-01T09:00:60Z", kBad},
                  {"2026-03-01T09Z", kBad},
                  {"2026-03-01T9:00Z", kBad},
                  {"2026-03-01T09:00:00+15:00", kBad},
                  {"2026-03-01T09:00:00+0800", kBad},
                  {"2026-03-01T09:00:00z", kBad},
                  {"2026-03-01T09:00:00ZZ", kBad},
                  {"2026-02-30T09:00:00Z", kBad},
                  {"2026-03-01X09:00", kBad},
              });
}

TEST(ParseFieldText, Enum) {
  CheckParses(EnumField("priority", {"low", "normal", "high"}),
              {
                  {"low", Value("low")},
                  {" high ", Value("high")},
                  {"urgent", kBad},
                  {"Low", kBad},  // case matters
                  {"low,high", kBad},
              });
  Result<Value> bad = ParseFieldText(EnumField("priority", {"low", "high"}), "urgent");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("is not one of: low, high"), std::string::npos)
      << bad.status().message();
}

TEST(ParseFieldText, Bool) {
  CheckParses(Field("urgent", FieldType::kBool), {
                                                     {"true", Value(true)},
                                                     {"yes", Value(true)},
                                                     {"1", Value(true)},
                                                     {"false", Value(false)},
                                                     {"no", Value(false)},
                                                     {"0", Value(false)},
                                                     {"maybe", kBad},
                                                     {"2", kBad},
                                                     {"True", kBad},
                                                 });
}

TEST(ParseFieldText, Person) {
  CheckParses(Field("owner", FieldType::kPerson), {
                                                      {"alice", Value("alice")},
                                                      {" t.wang ", Value("t.wang")},
                                                      {"alice smith", kBad},
                                                      {"a\tb", kBad},
                                                      {"alice,bob", kBad},
                                                  });
}

TEST(ParseFieldText, ItemRef) {
  CheckParses(Field("contract", FieldType::kItem), {
                                                       {"42", Value(42)},
                                                       {"1", Value(1)},
                                                       {"0", kBad},
                                                       {"-3", kBad},
                                                       {"#42", kBad},
                                                       {"4.2", kBad},
                                                   });
}

TEST(ParseFieldText, Lists) {
  CheckParses(ListField("tags", FieldType::kText),
              {
                  {"a,b, c", Value(List{"a", "b", "c"})},
                  {"single", Value(List{"single"})},
                  {"", Value()},
                  {"a,,b", kBad},
                  {"a,", kBad},
                  {",a", kBad},
                  {"a, ,b", kBad},
              });
  CheckParses(ListField("sizes", FieldType::kInteger), {
                                                           {"1, 2,3", Value(List{1, 2, 3})},
                                                           {"1,x", kBad},
                                                       });
  CheckParses(ListField("levels", FieldType::kEnum, {"low", "high"}),
              {
                  {"low,high", Value(List{"low", "high"})},
                  {"low,medium", kBad},
              });
  CheckParses(ListField("fees", FieldType::kMoney), {
                                                        {"1.5,2", Value(List{"1.50", "2.00"})},
                                                        {"1.555", kBad},
                                                    });
  CheckParses(ListField("nested", FieldType::kList), {{"a", kBad}});
}

TEST(ParseFieldText, ListElementErrorNamesTheElement) {
  Result<Value> bad = ParseFieldText(ListField("levels", FieldType::kEnum, {"low", "high"}), "low, medium");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalid);
  EXPECT_NE(bad.status().message().find("'medium'"), std::string::npos) << bad.status().message();
}

TEST(ParseFieldText, MessageNamesFieldTypeAndText) {
  Result<Value> bad = ParseFieldText(Field("qty", FieldType::kInteger), "12a");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "field 'qty' (integer): '12a' is not a whole number");
}

}  // namespace
}  // namespace docket
