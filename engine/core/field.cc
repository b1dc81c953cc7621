#include "core/field.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/catalog.h"
#include "core/clock.h"

namespace docket {
namespace {

constexpr std::int64_t kMaxMoneyWhole = 999'999'999'999'999;  // 15 digits, as ParseMoneyCents

Status Bad(const FieldDef& f, FieldType t, std::string_view text, Msg why) {
  return Status::Invalid(Msg("field '{field}' ({type}): '{text}' {why}",
                             {{"field", Msg::Named(f.labels, f.name)}, {"type", FieldTypeName(t)},
                              {"text", std::string(text)}, {"why", std::move(why)}}));
}

// The values `f` allows, each by its label and id ("大额资金使用（large-spending）"; the id
// alone in English): what to type, and what it means.
Msg AllowedValues(const FieldDef& f) {
  std::vector<Msg> parts;
  for (const auto& v : f.values) {
    auto it = f.value_labels.find(v);
    parts.push_back(it == f.value_labels.end() ? Msg::Literal(v) : Msg::Named(it->second, v));
  }
  return Msg::Join(std::move(parts), Msg::ListSeparator());
}

// Money of a field that does not declare `negative: true`.
Msg NotUnsignedMoney() {
  return Msg("is not an amount of money (digits with at most two decimals, no sign: the field does not declare negative amounts)");
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

std::optional<std::int64_t> ParseInt(const std::string& s) {
  if (s.empty()) return std::nullopt;
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i == s.size() || s.size() - i > 18) return std::nullopt;
  for (size_t k = i; k < s.size(); ++k) {
    if (s[k] < '0' || s[k] > '9') return std::nullopt;
  }
  return std::strtoll(s.c_str(), nullptr, 10);
}

Result<Value> ParseScalar(const FieldDef& f, FieldType t, const std::string& s, const TimeZone& zone) {
  switch (t) {
    case FieldType::kText:
    case FieldType::kPerson:
      if (t == FieldType::kPerson && s.find_first_of(" \t,") != std::string::npos) {
        return Bad(f, t, s, Msg("is not a person id (no spaces or commas)"));
      }
      return Value(s);
    case FieldType::kInteger: {
      auto i = ParseInt(s);
      if (!i) return Bad(f, t, s, Msg("is not a whole number"));
      return Value(*i);
    }
    case FieldType::kItem: {
      auto i = ParseInt(s);
      if (!i || *i <= 0) return Bad(f, t, s, Msg("is not an item id (a positive whole number)"));
      return Value(*i);
    }
    case FieldType::kNumber: {
      if (s.empty()) return Bad(f, t, s, Msg("is not a number"));
      errno = 0;
      char* end = nullptr;
      double d = std::strtod(s.c_str(), &end);
      if (end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(d) ||
          s.find_first_of("xXnN") != std::string::npos) {
        return Bad(f, t, s, Msg("is not a number"));
      }
      return Value(d);
    }
    case FieldType::kMoney: {
      if (!f.negative && (s[0] == '-' || s[0] == '+')) return Bad(f, t, s, NotUnsignedMoney());
      auto cents = ParseMoneyCents(s);
      if (!cents) return Bad(f, t, s, Msg("is not an amount of money (digits with at most two decimals)"));
      return Value(FormatMoneyCents(*cents));
    }
    case FieldType::kDate: {
      auto tp = ParseDate(s);
      if (!tp) return Bad(f, t, s, Msg("is not a calendar date YYYY-MM-DD"));
      return Value(FormatDate(*tp));
    }
    case FieldType::kDateTime: {
      auto tp = ParseTimeIn(s, zone);
      if (!tp) return Bad(f, t, s, Msg("is not a date and time (ISO 8601, e.g. 2026-03-01T09:00:00Z)"));
      return Value(FormatTime(*tp));
    }
    case FieldType::kEnum: {
      if (std::find(f.values.begin(), f.values.end(), s) == f.values.end()) {
        return Bad(f, t, s, Msg("is not one of: {values}", {{"values", AllowedValues(f)}}));
      }
      return Value(s);
    }
    case FieldType::kBool:
      if (s == "true" || s == "yes" || s == "1") return Value(true);
      if (s == "false" || s == "no" || s == "0") return Value(false);
      return Bad(f, t, s, Msg("is not true or false"));
    case FieldType::kList:
    case FieldType::kBallot:
      return Bad(f, t, s, Msg("lists cannot be nested"));
  }
  return Bad(f, t, s, Msg("has an unknown type"));
}

// One position of a ballot, checked: a person id and one of the field's choices.
Result<Value> BallotPosition(const FieldDef& f, const std::string& person, const std::string& choice,
                             const std::string& text) {
  if (person.empty() || person.find_first_of(" \t,:") != std::string::npos) {
    return Bad(f, f.type, text, Msg("does not start with a person id (write PERSON:CHOICE)"));
  }
  if (std::find(f.values.begin(), f.values.end(), choice) == f.values.end()) {
    return Bad(f, f.type, text, Msg("has a position that is not one of: {values}", {{"values", AllowedValues(f)}}));
  }
  return Value(List{Value(person), Value(choice)});
}

// Appends `pos` to `out` unless its person already holds a position there.
Status AddPosition(const FieldDef& f, Value pos, const std::string& text, List* out) {
  const Value& person = pos.as_list()[0];
  for (const Value& e : *out) {
    if (e.as_list()[0] == person) {
      return Bad(f, f.type, text, Msg("gives '{person}' two positions", {{"person", person.as_string()}}));
    }
  }
  out->push_back(std::move(pos));
  return Status::Ok();
}

// "wang:agree, li:disagree" -> [[wang, agree], [li, disagree]], in the order written.
Result<Value> ParseBallot(const FieldDef& f, const std::string& s) {
  List out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    std::string part = Trim(std::string_view(s).substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    size_t colon = part.find(':');
    if (part.empty() || colon == std::string::npos) {
      return Bad(f, f.type, part, Msg("is not a position PERSON:CHOICE"));
    }
    DOCKET_ASSIGN_OR_RETURN(auto pos, BallotPosition(f, Trim(std::string_view(part).substr(0, colon)),
                                                     Trim(std::string_view(part).substr(colon + 1)), part));
    DOCKET_RETURN_IF_ERROR(AddPosition(f, std::move(pos), part, &out));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return Value(std::move(out));
}

// A ballot given as a Value: its canonical list of [person, choice] pairs, or its text form.
Result<Value> NormalizeBallot(const FieldDef& f, const Value& v) {
  if (v.is_string()) return ParseBallot(f, Trim(v.as_string()));
  if (!v.is_list()) return Bad(f, f.type, v.ToText(), Msg("is not a list of positions"));
  List out;
  for (const Value& e : v.as_list()) {
    Result<Value> pos = Status::Invalid("");
    if (e.is_list() && e.as_list().size() == 2 && e.as_list()[0].is_string() && e.as_list()[1].is_string()) {
      pos = BallotPosition(f, e.as_list()[0].as_string(), e.as_list()[1].as_string(), e.ToText());
    } else if (e.is_string() && e.as_string().find(':') != std::string::npos) {
      const std::string& t = e.as_string();
      size_t colon = t.find(':');
      pos = BallotPosition(f, Trim(std::string_view(t).substr(0, colon)),
                           Trim(std::string_view(t).substr(colon + 1)), t);
    } else {
      return Bad(f, f.type, e.ToText(), Msg("is not a position [person, choice]"));
    }
    if (!pos.ok()) return pos.status();
    DOCKET_RETURN_IF_ERROR(AddPosition(f, std::move(pos).value(), e.ToText(), &out));
  }
  return Value(std::move(out));
}

}  // namespace

std::optional<std::int64_t> ParseMoneyCents(std::string_view text) {
  std::string s(text);
  bool neg = false;
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    i = 1;
  }
  size_t dot = s.find('.', i);
  std::string whole = s.substr(i, dot == std::string::npos ? std::string::npos : dot - i);
  std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 15 || frac.size() > 2) return std::nullopt;
  if (dot != std::string::npos && frac.empty()) return std::nullopt;
  for (char c : whole + frac) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  while (frac.size() < 2) frac += '0';
  std::int64_t cents = std::strtoll(whole.c_str(), nullptr, 10) * 100 + std::strtoll(frac.c_str(), nullptr, 10);
  return neg ? -cents : cents;
}

std::string FormatMoneyCents(std::int64_t cents) {
  bool neg = cents < 0;
  std::uint64_t abs = neg ? static_cast<std::uint64_t>(-(cents + 1)) + 1 : static_cast<std::uint64_t>(cents);
  std::string frac = std::to_string(abs % 100);
  if (frac.size() < 2) frac.insert(0, 1, '0');
  std::string out = neg ? "-" : "";  // built by appending: `"-" + ...` trips GCC 12 -Wrestrict
  out += std::to_string(abs / 100);
  out += '.';
  out += frac;
  return out;
}

Result<Value> ParseFieldText(const FieldDef& f, std::string_view text, const TimeZone& zone) {
  std::string s = Trim(text);
  if (s.empty()) return Value();
  if (f.type == FieldType::kBallot) return ParseBallot(f, s);
  if (f.type != FieldType::kList) return ParseScalar(f, f.type, s, zone);
  List out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    std::string part = Trim(std::string_view(s).substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (part.empty()) return Bad(f, f.type, s, Msg("has an empty element"));
    DOCKET_ASSIGN_OR_RETURN(auto v, ParseScalar(f, f.element, part, zone));
    out.push_back(std::move(v));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return Value(std::move(out));
}

Result<Value> NormalizeFieldValue(const FieldDef& f, const Value& v, const TimeZone& zone) {
  if (v.is_null()) return v;
  // As in ParseFieldText, blank text is no value: "" must not pass as a person or fill a
  // required field.
  if (v.is_string() && Trim(v.as_string()).empty()) return Value();
  auto scalar = [&](FieldType t, const Value& x) -> Result<Value> {
    if (x.is_list()) return Bad(f, t, x.ToText(), Msg("is a list, expected a single value"));
    switch (t) {
      case FieldType::kBool:
        if (!x.is_bool()) return Bad(f, t, x.ToText(), Msg("is not true or false"));
        return x;
      case FieldType::kInteger:
      case FieldType::kItem:
        if (!x.is_int()) return Bad(f, t, x.ToText(), Msg("is not a whole number"));
        if (t == FieldType::kItem && x.as_int() <= 0) return Bad(f, t, x.ToText(), Msg("is not an item id"));
        return x;
      case FieldType::kNumber:
        if (x.is_int()) return Value(static_cast<double>(x.as_int()));
        if (!x.is_double() || !std::isfinite(x.as_double())) return Bad(f, t, x.ToText(), Msg("is not a number"));
        return x;
      case FieldType::kMoney:
        if (!f.negative && ((x.is_int() && x.as_int() < 0) || (x.is_double() && x.as_double() < 0))) {
          return Bad(f, t, x.ToText(), NotUnsignedMoney());
        }
        if (x.is_int()) {
          // The same 15 whole digits as text allows; beyond them x * 100 could overflow.
          if (x.as_int() > kMaxMoneyWhole || x.as_int() < -kMaxMoneyWhole) {
            return Bad(f, t, x.ToText(), Msg("is not an amount of money (at most 15 digits)"));
          }
          return Value(FormatMoneyCents(x.as_int() * 100));
        }
        if (x.is_double()) {
          double cents = x.as_double() * 100;
          if (!std::isfinite(cents) || std::fabs(cents - std::round(cents)) > 1e-6 || std::fabs(cents) > 9e16) {
            return Bad(f, t, x.ToText(), Msg("is not an amount with at most two decimals"));
          }
          return Value(FormatMoneyCents(static_cast<std::int64_t>(std::llround(cents))));
        }
        break;
      default:
        break;
    }
    if (!x.is_string()) return Bad(f, t, x.ToText(), Msg("must be given as text"));
    return ParseScalar(f, t, x.as_string(), zone);
  };
  if (f.type == FieldType::kBallot) return NormalizeBallot(f, v);
  if (f.type != FieldType::kList) return scalar(f.type, v);
  if (!v.is_list()) return Bad(f, f.type, v.ToText(), Msg("is not a list"));
  List out;
  for (const auto& e : v.as_list()) {
    DOCKET_ASSIGN_OR_RETURN(auto n, scalar(f.element, e));
    out.push_back(std::move(n));
  }
  return Value(std::move(out));
}

std::optional<int> CompareFieldValues(const FieldDef& f, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (f.type) {
    case FieldType::kInteger:
      if (!a.is_int() || !b.is_int()) return std::nullopt;
      return sign(a.as_int(), b.as_int());
    case FieldType::kNumber: {
      auto num = [](const Value& v) { return v.is_int() ? static_cast<double>(v.as_int()) : v.as_double(); };
      if (!(a.is_int() || a.is_double()) || !(b.is_int() || b.is_double())) return std::nullopt;
      return sign(num(a), num(b));
    }
    case FieldType::kMoney: {
      if (!a.is_string() || !b.is_string()) return std::nullopt;
      auto x = ParseMoneyCents(a.as_string());
      auto y = ParseMoneyCents(b.as_string());
      if (!x || !y) return std::nullopt;
      return sign(*x, *y);
    }
    case FieldType::kDate:
    case FieldType::kDateTime: {
      if (!a.is_string() || !b.is_string()) return std::nullopt;
      auto x = ParseTime(a.as_string());
      auto y = ParseTime(b.as_string());
      if (!x || !y) return std::nullopt;
      return sign(*x, *y);
    }
    default:
      return std::nullopt;
  }
}

std::string ShownValue(const Definition& def, const std::string& field, const Value& v, Lang lang) {
  const FieldDef* f = def.FindField(field);
  if (f == nullptr || v.is_null()) return v.ToText();
  auto label = [&](const Value& e) {
    const std::string text = e.ToText();
    auto it = def.value_labels.find(text);
    return it == def.value_labels.end() ? text : it->second.Get(lang, text);
  };
  if (v.is_bool()) return Text(v.as_bool() ? Msg("yes") : Msg("no"), lang);
  if (f->type == FieldType::kEnum) return label(v);
  const bool labelled = f->type == FieldType::kBallot || (f->type == FieldType::kList && f->element == FieldType::kEnum);
  if (!labelled || !v.is_list()) return v.ToText();
  std::string out;
  for (const Value& e : v.as_list()) {
    if (!out.empty()) out += ", ";
    if (e.is_list() && e.as_list().size() == 2) {
      out += e.as_list()[0].ToText() + ": " + label(e.as_list()[1]);
    } else {
      out += label(e);
    }
  }
  return out;
}

}  // namespace docket
