// Value: one field value of an item, untyped in itself.
//
// The meaning of a value comes from its FieldDef (field.h): money is the canonical text
// "1234.50", a date "2026-03-01", a datetime "2026-03-01T09:00:00Z", a person an id text,
// an item reference an integer id. Keeping values this plain lets every layer store and
// hash them without knowing the definition, and keeps comparisons exact (no floats for money).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace docket {

class Value;
using List = std::vector<Value>;

class Value {
 public:
  using Storage = std::variant<std::monostate, bool, std::int64_t, double, std::string, List>;

  Value() = default;
  Value(bool b) : v_(b) {}                      // NOLINT
  Value(std::int64_t i) : v_(i) {}              // NOLINT
  Value(int i) : v_(static_cast<std::int64_t>(i)) {}  // NOLINT
  Value(double d) : v_(d) {}                    // NOLINT
  Value(std::string s) : v_(std::move(s)) {}    // NOLINT
  Value(const char* s) : v_(std::string(s)) {}  // NOLINT
  Value(List l) : v_(std::move(l)) {}           // NOLINT

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_int() const { return std::holds_alternative<std::int64_t>(v_); }
  bool is_double() const { return std::holds_alternative<double>(v_); }
  bool is_string() const { return std::holds_alternative<std::string>(v_); }
  bool is_list() const { return std::holds_alternative<List>(v_); }

  bool as_bool() const { return std::get<bool>(v_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(v_); }
  double as_double() const { return std::get<double>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const List& as_list() const { return std::get<List>(v_); }

  const Storage& storage() const { return v_; }
  // Plain text for messages and tables: lists joined with ", ", null as "".
  std::string ToText() const;

  friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

 private:
  Storage v_;
};

using FieldMap = std::map<std::string, Value>;

}  // namespace docket
