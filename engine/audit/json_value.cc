#include "audit/json_value.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace docket {

using nlohmann::json;

json ValueToJson(const Value& v) {
  return std::visit(
      [](const auto& x) -> json {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return json(nullptr);
        } else if constexpr (std::is_same_v<T, double>) {
          if (!std::isfinite(x)) return json(nullptr);
          return json(x);
        } else if constexpr (std::is_same_v<T, List>) {
          json arr = json::array();
          for (const Value& e : x) arr.push_back(ValueToJson(e));
          return arr;
        } else {
          return json(x);
        }
      },
      v.storage());
}

namespace {

// Lists the engine writes hold scalars (one level); nesting far beyond that can only come
// from a damaged or hostile file, and reading it recursively would overflow the stack.
constexpr int kMaxListDepth = 64;

Result<Value> ValueFromJsonAt(const json& j, int depth) {
  switch (j.type()) {
    case json::value_t::null:
      return Value();
    case json::value_t::boolean:
      return Value(j.get<bool>());
    case json::value_t::number_integer:
      return Value(j.get<std::int64_t>());
    case json::value_t::number_unsigned: {
      auto u = j.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return Status::Invalid(Msg("integer {number} is outside the 64-bit range", {{"number", j.dump()}}));
      }
      return Value(static_cast<std::int64_t>(u));
    }
    case json::value_t::number_float:
      return Value(j.get<double>());
    case json::value_t::string:
      return Value(j.get<std::string>());
    case json::value_t::array: {
      if (depth >= kMaxListDepth) {
        return Status::Invalid(Msg("lists nested more than {depth} deep are not a field value", {{"depth", kMaxListDepth}}));
      }
      List list;
      list.reserve(j.size());
      for (const json& e : j) {
        DOCKET_ASSIGN_OR_RETURN(Value v, ValueFromJsonAt(e, depth + 1));
        list.push_back(std::move(v));
      }
      return Value(std::move(list));
    }
    case json::value_t::object:
      return Status::Invalid(Msg("a JSON object is not a field value"));
    default:
      return Status::Invalid(Msg("unsupported JSON value of type {type}", {{"type", j.type_name()}}));
  }
}

}  // namespace

Result<Value> ValueFromJson(const json& j) { return ValueFromJsonAt(j, 0); }

json FieldsToJson(const FieldMap& fields) {
  json obj = json::object();
  for (const auto& [name, value] : fields) obj[name] = ValueToJson(value);
  return obj;
}

Result<FieldMap> FieldsFromJson(const json& j) {
  if (!j.is_object()) return Status::Invalid(Msg("fields must be a JSON object"));
  FieldMap fields;
  for (auto it = j.begin(); it != j.end(); ++it) {
    Result<Value> v = ValueFromJson(it.value());
    if (!v.ok()) return Status::Invalid(Msg("field '{field}': {why}", {{"field", it.key()}, {"why", v.status().msg()}}));
    fields.emplace(it.key(), std::move(v).value());
  }
  return fields;
}

json ChangesToJson(const std::vector<FieldChange>& changes) {
  json obj = json::object();
  for (const FieldChange& c : changes) {
    obj[c.field] = json::array({ValueToJson(c.before), ValueToJson(c.after)});
  }
  return obj;
}

Result<std::vector<FieldChange>> ChangesFromJson(const json& j) {
  if (!j.is_object()) return Status::Invalid(Msg("changes must be a JSON object"));
  std::vector<FieldChange> changes;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const json& pair = it.value();
    if (!pair.is_array() || pair.size() != 2) {
      return Status::Invalid(Msg("change of '{field}' must be [before, after]", {{"field", it.key()}}));
    }
    DOCKET_ASSIGN_OR_RETURN(Value before, ValueFromJson(pair[0]));
    DOCKET_ASSIGN_OR_RETURN(Value after, ValueFromJson(pair[1]));
    changes.push_back({it.key(), std::move(before), std::move(after)});
  }
  return changes;
}

json LabelsToJson(const Labels& labels) {
  json j = {{"zh", labels.zh}, {"en", labels.en}};
  for (const auto& [code, text] : labels.more) j.emplace(code, text);  // never over zh or en
  return j;
}

Result<Labels> LabelsFromJson(const json& j) {
  if (!j.is_object()) return Status::Invalid(Msg("labels must be a JSON object"));
  Labels labels;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it.value().is_string()) {
      return Status::Invalid(Msg("the label in '{lang}' is not text", {{"lang", it.key()}}));
    }
    std::string text = it.value().get<std::string>();
    if (it.key() == "zh") {
      labels.zh = std::move(text);
    } else if (it.key() == "en") {
      labels.en = std::move(text);
    } else {
      labels.more[it.key()] = std::move(text);
    }
  }
  return labels;
}

Result<json> ParseJson(const std::string& text, Msg what) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    return Status::Invalid(Msg("{what} is not valid JSON: {error}", {{"what", std::move(what)}, {"error", e.what()}}));
  }
}

Result<json> ParseJson(const std::string& text, const std::string& what) { return ParseJson(text, Msg::Literal(what)); }

std::string DumpJson(const json& j) {
  return j.dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

bool IsValidUtf8Value(const Value& v) {
  if (v.is_string()) return IsValidUtf8(v.as_string());
  if (v.is_list()) {
    for (const Value& x : v.as_list()) {
      if (!IsValidUtf8Value(x)) return false;
    }
  }
  return true;
}

bool IsValidUtf8Json(const json& j) {
  // What the strict dump checks: every string, and every object's keys.
  switch (j.type()) {
    case json::value_t::string:
      return IsValidUtf8(j.get_ref<const std::string&>());
    case json::value_t::array:
      for (const json& x : j) {
        if (!IsValidUtf8Json(x)) return false;
      }
      return true;
    case json::value_t::object:
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!IsValidUtf8(it.key()) || !IsValidUtf8Json(it.value())) return false;
      }
      return true;
    default:
      return true;
  }
}

}  // namespace docket
