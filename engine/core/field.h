// Typed field values: parsing text, checking values, comparing them.
//
// Every value that enters an item passes through ParseFieldText (text from a command line
// or a YAML scalar) or NormalizeFieldValue (a Value from JSON), so an item's fields always
// hold the canonical form of their type (see value.h). Failures are Status::Invalid with a
// message naming the field, its type and the offending text.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/definition.h"
#include "core/status.h"
#include "core/time_zone.h"
#include "core/value.h"

namespace docket {

// Parses `text` as a value of `field`. Lists are comma-separated; an empty text is null. A
// date and time written without an offset is local to `zone` (the item's organization's).
Result<Value> ParseFieldText(const FieldDef& field, std::string_view text, const TimeZone& zone = UtcZone());

// Checks `v` against `field` and returns its canonical form (e.g. money 12.5 -> "12.50",
// an integer given where a number is expected -> the number). Null is accepted as-is.
Result<Value> NormalizeFieldValue(const FieldDef& field, const Value& v, const TimeZone& zone = UtcZone());

// Orders two canonical values of a scalar type that has an order (integer, number, money,
// date, datetime). Returns nullopt when the type has no order or a value is null.
std::optional<int> CompareFieldValues(const FieldDef& field, const Value& a, const Value& b);

// `v` of field `field` as a person reads it in `lang`: enum and ballot values by the
// definition's value_labels (类别: 大额资金使用), booleans as 是/否 or yes/no; otherwise as
// Value::ToText. Lists are joined by ", ", a ballot's positions as "person: position".
std::string ShownValue(const Definition& def, const std::string& field, const Value& v, Lang lang);

// "1234.5" -> 123450 cents; nullopt for anything but up to 15 digits with at most 2 decimals.
std::optional<std::int64_t> ParseMoneyCents(std::string_view text);
std::string FormatMoneyCents(std::int64_t cents);

}  // namespace docket
