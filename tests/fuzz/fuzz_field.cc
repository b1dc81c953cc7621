// Fuzz target (c): field values. The first byte picks the field type, the second the
// element type of a list; the rest is the text (for ParseFieldText) and the raw bytes of
// the values given to NormalizeFieldValue. Properties beyond "no crash":
//   - what ParseFieldText accepts is canonical: NormalizeFieldValue returns it unchanged,
//     and an ordered type compares it equal to itself;
//   - NormalizeFieldValue is idempotent;
//   - money text read back from FormatMoneyCents gives the same cents.
#include <cmath>
#include <cstring>
#include <string>
#include <string_view>

#include "core/field.h"
#include "fuzz_check.h"

namespace docket_fuzz {
namespace {

using docket::FieldDef;
using docket::FieldType;
using docket::Value;

constexpr FieldType kTypes[] = {
    FieldType::kText, FieldType::kInteger, FieldType::kNumber, FieldType::kMoney,
    FieldType::kDate, FieldType::kDateTime, FieldType::kEnum,   FieldType::kBool,
    FieldType::kPerson, FieldType::kItem,  FieldType::kList};
constexpr size_t kScalarTypes = 10;  // all but kList

bool Ordered(FieldType t) {
  return t == FieldType::kInteger || t == FieldType::kNumber || t == FieldType::kMoney ||
         t == FieldType::kDate || t == FieldType::kDateTime;
}

void CheckNormalizeIdempotent(const FieldDef& f, const Value& v) {
  auto n = docket::NormalizeFieldValue(f, v);
  if (!n.ok()) return;
  auto again = docket::NormalizeFieldValue(f, n.value());
  DOCKET_FUZZ_CHECK(again.ok(), "a normalized value normalizes again");
  DOCKET_FUZZ_CHECK(again.value() == n.value(), "NormalizeFieldValue is idempotent");
}

template <typename T>
T Load(std::string_view bytes) {
  T x{};
  std::memcpy(&x, bytes.data(), std::min(sizeof(T), bytes.size()));
  return x;
}

}  // namespace

int Field(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  FieldDef f;
  f.name = "f";
  f.type = kTypes[data[0] % (kScalarTypes + 1)];
  f.element = kTypes[data[1] % kScalarTypes];
  f.values = {"a", "b", "同意", "major-decision", "x y"};
  std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);

  auto parsed = docket::ParseFieldText(f, text);
  if (parsed.ok()) {
    const Value& v = parsed.value();
    auto n = docket::NormalizeFieldValue(f, v);
    DOCKET_FUZZ_CHECK(n.ok(), "a parsed value normalizes");
    DOCKET_FUZZ_CHECK(n.value() == v, "a parsed value is canonical");
    if (!v.is_null() && Ordered(f.type)) {
      auto c = docket::CompareFieldValues(f, v, v);
      DOCKET_FUZZ_CHECK(c.has_value() && *c == 0, "a value equals itself");
    }
  }

  // The same bytes as every kind of Value, as JSON or a YAML scalar could deliver them.
  CheckNormalizeIdempotent(f, Value(std::string(text)));
  CheckNormalizeIdempotent(f, Value(Load<std::int64_t>(text)));
  CheckNormalizeIdempotent(f, Value(Load<double>(text)));
  CheckNormalizeIdempotent(f, Value(!text.empty() && (text[0] & 1)));
  docket::List list;
  for (size_t i = 0; i + 8 <= text.size() && list.size() < 8; i += 8) {
    std::string_view chunk = text.substr(i, 8);
    switch (chunk[0] % 4) {
      case 0: list.emplace_back(std::string(chunk.substr(1))); break;
      case 1: list.emplace_back(Load<std::int64_t>(chunk)); break;
      case 2: list.emplace_back(Load<double>(chunk)); break;
      default: list.emplace_back(); break;
    }
  }
  CheckNormalizeIdempotent(f, Value(list));

  if (auto cents = docket::ParseMoneyCents(text)) {
    auto back = docket::ParseMoneyCents(docket::FormatMoneyCents(*cents));
    DOCKET_FUZZ_CHECK(back && *back == *cents, "money text round-trips");
  }
  return 0;
}

}  // namespace docket_fuzz

DOCKET_FUZZ_ENTRY(Field)
