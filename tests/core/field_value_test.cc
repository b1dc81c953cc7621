// NormalizeFieldValue (values from JSON), CompareFieldValues, the money helpers and the
// name tables of definition.h.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
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

struct NormalizeCase {
  FieldDef field;
  Value in;
  std::optional<Value> want;  // nullopt: refused as Invalid
};

const std::nullopt_t kBad = std::nullopt;

TEST(NormalizeFieldValue, Table) {
  const FieldDef money = Field("amount", FieldType::kMoney);
  FieldDef signed_money = Field("refund", FieldType::kMoney);
  signed_money.negative = true;
  const FieldDef integer = Field("qty", FieldType::kInteger);
  const FieldDef number = Field("ratio", FieldType::kNumber);
  const FieldDef boolean = Field("urgent", FieldType::kBool);
  const FieldDef text = Field("title", FieldType::kText);
  const FieldDef date = Field("due", FieldType::kDate);
  const FieldDef datetime = Field("meeting", FieldType::kDateTime);
  const FieldDef item = Field("contract", FieldType::kItem);
  const FieldDef priority = EnumField("priority", {"low", "high"});
  const FieldDef tags = ListField("tags", FieldType::kText);
  const FieldDef levels = ListField("levels", FieldType::kEnum, {"low", "high"});
  const double kNan = std::numeric_limits<double>::quiet_NaN();
  const double kInf = std::numeric_limits<double>::infinity();
  const std::vector<NormalizeCase> cases = {
      {money, Value(12), Value("12.00")},
      {money, Value(-3), kBad},  // no sign unless the field declares negative amounts
      {money, Value(-3.1), kBad},
      {money, Value("-3"), kBad},
      {signed_money, Value(-3), Value("-3.00")},
      {money, Value(12.5), Value("12.50")},
      {money, Value(0.1), Value("0.10")},
      {signed_money, Value(-3.1), Value("-3.10")},
      {money, Value("12.5"), Value("12.50")},
      {money, Value(12.345), kBad},
      {money, Value(1.005), kBad},
      {money, Value("12.345"), kBad},
      {money, Value("1,000"), kBad},
      {money, Value(true), kBad},
      {money, Value(kNan), kBad},
      {money, Value(kInf), kBad},
      {money, Value(std::int64_t{999999999999999}), Value("999999999999999.00")},
      {money, Value(std::int64_t{1000000000000000}), kBad},     // 16 digits, as in text
      {money, Value(std::int64_t{-1000000000000000}), kBad},
      {money, Value(std::numeric_limits<std::int64_t>::max()), kBad},  // would overflow cents
      {money, Value(1e15), kBad},
      {integer, Value(7), Value(7)},
      {integer, Value("7"), kBad},
      {integer, Value(7.0), kBad},
      {integer, Value(List{1}), kBad},
      {number, Value(2), Value(2.0)},
      {number, Value(2.5), Value(2.5)},
      {number, Value("2.5"), kBad},
      {number, Value(kNan), kBad},
      {number, Value(kInf), kBad},
      {number, Value(-kInf), kBad},
      {boolean, Value(true), Value(true)},
      {boolean, Value("true"), kBad},
      {boolean, Value(1), kBad},
      {text, Value("Chairs"), Value("Chairs")},
      {text, Value(5), kBad},
      {text, Value(""), Value()},  // blank text is no value, as in ParseFieldText
      {text, Value("  "), Value()},
      {Field("owner", FieldType::kPerson), Value(""), Value()},
      {Field("owner", FieldType::kPerson), Value("t wang"), kBad},
      {money, Value(""), Value()},
      {text, Value(List{"a", "b"}), kBad},
      {date, Value("2024-02-29"), Value("2024-02-29")},
      {date, Value("2026-02-29"), kBad},
      {date, Value(20260301), kBad},
      {datetime, Value("2026-03-01T09:00:00+08:00"), Value("2026-03-01T01:00:00Z")},
      {datetime, Value("2026-03-01T25:00:00Z"), kBad},
      {item, Value(42), Value(42)},
      {item, Value(0), kBad},
      {item, Value(-1), kBad},
      {item, Value("42"), kBad},
      {priority, Value("low"), Value("low")},
      {priority, Value("medium"), kBad},
      {tags, Value(List{"a", "b"}), Value(List{"a", "b"})},
      {tags, Value(List{}), Value(List{})},
      {tags, Value("a,b"), kBad},  // a list must be given as a list
      {levels, Value(List{"low", "high"}), Value(List{"low", "high"})},
      {levels, Value(List{"low", "medium"}), kBad},
      {levels, Value(List{Value(List{"low"})}), kBad},  // nested list
      {ListField("fees", FieldType::kMoney), Value(List{1, 2.5}), Value(List{"1.00", "2.50"})},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("field " + c.field.name + " <- " + testing::PrintToString(c.in));
    Result<Value> got = NormalizeFieldValue(c.field, c.in);
    if (c.want) {
      if (!got.ok()) {
        ADD_FAILURE() << got.status().ToString();
        continue;
      }
      EXPECT_EQ(*got, *c.want);
      EXPECT_EQ(got->storage().index(), c.want->storage().index());  // 2.0 is not 2
    } else {
      if (got.ok()) {
        ADD_FAILURE() << "accepted as " << testing::PrintToString(*got);
        continue;
      }
      EXPECT_EQ(got.status().code(), Code::kInvalid);
      EXPECT_NE(got.status().message().find("'" + c.field.name + "'"), std::string::npos)
          << got.status().message();
    }
  }
}

TEST(NormalizeFieldValue, NullPassesForEveryType) {
  for (FieldType t : {FieldType::kText, FieldType::kInteger, FieldType::kMoney, FieldType::kDate,
                      FieldType::kList}) {
    Result<Value> got = NormalizeFieldValue(Field("f", t), Value());
    ASSERT_TRUE(got.ok()) << FieldTypeName(t);
    EXPECT_TRUE(got->is_null()) << FieldTypeName(t);
  }
}

TEST(NormalizeFieldValue, ListWhereScalarExpectedSaysSo) {
  Result<Value> got = NormalizeFieldValue(Field("qty", FieldType::kInteger), Value(List{1, 2}));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().message(), "field 'qty' (integer): '1, 2' is a list, expected a single value");
}

struct CompareCase {
  FieldDef field;
  Value a;
  Value b;
  std::optional<int> want;
};

TEST(CompareFieldValues, Table) {
  const FieldDef integer = Field("qty", FieldType::kInteger);
  const FieldDef number = Field("ratio", FieldType::kNumber);
  const FieldDef money = Field("amount", FieldType::kMoney);
  const FieldDef date = Field("due", FieldType::kDate);
  const FieldDef datetime = Field("meeting", FieldType::kDateTime);
  const std::vector<CompareCase> cases = {
      {integer, Value(1), Value(2), -1},
      {integer, Value(2), Value(2), 0},
      {integer, Value(-1), Value(-2), 1},
      {integer, Value(1), Value("1"), std::nullopt},
      {number, Value(1.5), Value(2), -1},
      {number, Value(2), Value(2.0), 0},
      {number, Value(2.25), Value(2.2), 1},
      {money, Value("9.99"), Value("10.00"), -1},  // text order would say otherwise
      {money, Value("100.00"), Value("20.00"), 1},
      {money, Value("-3.10"), Value("-3.01"), -1},
      {money, Value("5.00"), Value("5.00"), 0},
      {money, Value("abc"), Value("5.00"), std::nullopt},
      {date, Value("2026-02-28"), Value("2026-03-01"), -1},
      {date, Value("2026-03-01"), Value("2026-03-01"), 0},
      {date, Value("2027-01-01"), Value("2026-12-31"), 1},
      {datetime, Value("2026-03-01T09:00:00Z"), Value("2026-03-01T09:00:01Z"), -1},
      {datetime, Value("2026-03-02T00:00:00Z"), Value("2026-03-01T23:59:59Z"), 1},
      {datetime, Value("2026-03-01T09:00:00Z"), Value("2026-03-01T09:00:00Z"), 0},
      {Field("title", FieldType::kText), Value("a"), Value("b"), std::nullopt},
      {EnumField("priority", {"low", "high"}), Value("low"), Value("high"), std::nullopt},
      {Field("urgent", FieldType::kBool), Value(false), Value(true), std::nullopt},
      {integer, Value(), Value(1), std::nullopt},
      {money, Value("1.00"), Value(), std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.field.name + ": " + testing::PrintToString(c.a) + " vs " + testing::PrintToString(c.b));
    EXPECT_EQ(CompareFieldValues(c.field, c.a, c.b), c.want);
  }
}

TEST(Money, CentsRoundTrip) {
  struct Case {
    std::string text;
    std::optional<std::int64_t> cents;
    std::string formatted;
  };
  const std::vector<Case> cases = {
      {"0", 0, "0.00"},        {"12.5", 1250, "12.50"},  {"-3.10", -310, "-3.10"},
      {"-0.05", -5, "-0.05"},  {"1234.5", 123450, "1234.50"},
      {"999999999999999.99", 99999999999999999, "999999999999999.99"},
      {"1000000000000000", std::nullopt, ""},
      {"1.234", std::nullopt, ""}, {"", std::nullopt, ""}, {"1.", std::nullopt, ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseMoneyCents(c.text), c.cents);
    if (c.cents) {
      EXPECT_EQ(FormatMoneyCents(*c.cents), c.formatted);
    }
  }
  EXPECT_EQ(FormatMoneyCents(std::numeric_limits<std::int64_t>::min()), "-92233720368547758.08");
}

TEST(NameTables, RoundTrip) {
  for (FieldType t : {FieldType::kText, FieldType::kInteger, FieldType::kNumber, FieldType::kMoney,
                      FieldType::kDate, FieldType::kDateTime, FieldType::kEnum, FieldType::kBool,
                      FieldType::kPerson, FieldType::kItem, FieldType::kList}) {
    EXPECT_EQ(FieldTypeFromName(FieldTypeName(t)), t) << FieldTypeName(t);
  }
  EXPECT_STREQ(FieldTypeName(FieldType::kDateTime), "datetime");
  EXPECT_EQ(FieldTypeFromName("string"), std::nullopt);
  for (CompareOp op : {CompareOp::kEquals, CompareOp::kNotEquals, CompareOp::kIn, CompareOp::kNotIn,
                       CompareOp::kLess, CompareOp::kLessEq, CompareOp::kGreater, CompareOp::kGreaterEq}) {
    EXPECT_EQ(CompareOpFromName(CompareOpName(op)), op) << CompareOpName(op);
  }
  EXPECT_STREQ(CompareOpName(CompareOp::kGreaterEq), ">=");
  EXPECT_EQ(CompareOpFromName("=="), std::nullopt);
  EXPECT_STREQ(ConditionKindName(Condition::Kind::kRefInState), "ref_state");
}

TEST(Labels, FallBackToTheOtherLanguageThenTheDefault) {
  Labels both{"批准", "Approve"};
  Labels zh_only{"批准", ""};
  Labels none;
  const std::string fallback = "approve";
  EXPECT_EQ(both.Get(Lang::kEn, fallback), "Approve");
  EXPECT_EQ(both.Get(Lang::kZh, fallback), "批准");
  EXPECT_EQ(zh_only.Get(Lang::kEn, fallback), "批准");
  EXPECT_EQ(none.Get(Lang::kZh, fallback), "approve");
}

}  // namespace
}  // namespace docket
