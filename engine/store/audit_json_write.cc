// The canonical JSON writer of audit_json.h. Byte-for-byte what nlohmann::json's dump
// (indent -1, ensure_ascii false, error handler replace) writes for the same values.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "store/audit_json.h"
#include "store/audit_json_internal.h"
#include "store/json_value.h"

namespace docket {

namespace {

void AppendDouble(double d, std::string* out) {
  if (!std::isfinite(d)) {
    audit_json::AppendLiteral(out, "null");
    return;
  }
  // nlohmann's own Grisu2 formatter: the same digits the tree dump writes.
  char buf[64];
  char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, d);
  out->append(buf, end);
}

}  // namespace

void AppendJsonInt(std::int64_t v, std::string* out) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, res.ptr);
}

void AppendJsonString(std::string_view s, std::string* out) {
  const std::size_t begin = out->size();
  if (audit_json::WriteJsonString(s, *out)) return;
  // Not UTF-8: let the reference writer decide where each U+FFFD goes.
  out->resize(begin);
  out->append(DumpJson(nlohmann::json(std::string(s))));
}

void AppendJsonValue(const Value& v, std::string* out) {
  const Value::Storage& st = v.storage();
  switch (st.index()) {
    case 0:
      audit_json::AppendLiteral(out, "null");
      return;
    case 1:
      out->append(std::get<bool>(st) ? "true" : "false");
      return;
    case 2:
      AppendJsonInt(std::get<std::int64_t>(st), out);
      return;
    case 3:
      AppendDouble(std::get<double>(st), out);
      return;
    case 4:
      AppendJsonString(std::get<std::string>(st), out);
      return;
    default: {
      const List& list = std::get<List>(st);
      out->push_back('[');
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i > 0) out->push_back(',');
        AppendJsonValue(list[i], out);
      }
      out->push_back(']');
      return;
    }
  }
}

void AppendFieldsJson(const FieldMap& fields, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const auto& [name, value] : fields) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(name, out);
    out->push_back(':');
    AppendJsonValue(value, out);
  }
  out->push_back('}');
}

void AppendChangesJson(const std::vector<FieldChange>& changes, std::string* out) {
  out->push_back('{');
  auto append_one = [&](const FieldChange& c, bool first) {
    if (!first) out->push_back(',');
    AppendJsonString(c.field, out);
    audit_json::AppendLiteral(out, ":[");
    AppendJsonValue(c.before, out);
    out->push_back(',');
    AppendJsonValue(c.after, out);
    out->push_back(']');
  };
  bool sorted = true;
  for (std::size_t i = 1; i < changes.size() && sorted; ++i) {
    sorted = changes[i - 1].field < changes[i].field;
  }
  if (sorted) {
    for (std::size_t i = 0; i < changes.size(); ++i) append_one(changes[i], i == 0);
  } else {
    // Byte order of the names (std::string's <, as nlohmann's std::map); for a name given
    // twice, the last change wins, as `obj[name] = ...` in ChangesToJson.
    std::vector<const FieldChange*> order;
    order.reserve(changes.size());
    for (const FieldChange& c : changes) order.push_back(&c);
    std::stable_sort(order.begin(), order.end(),
                     [](const FieldChange* a, const FieldChange* b) { return a->field < b->field; });
    bool first = true;
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (i + 1 < order.size() && order[i + 1]->field == order[i]->field) continue;
      append_one(*order[i], first);
      first = false;
    }
  }
  out->push_back('}');
}

void AppendCanonicalEntry(const AuditEntry& e, bool with_hash, std::string* out,
                          std::size_t* hash_at) {
  // Keys in byte order: action actor changes from_state [hash] item_id item_version org
  // outcome prev_hash reason role seq time to_state workflow workflow_version.
  audit_json::AppendLiteral(out, "{\"action\":");
  AppendJsonString(e.action, out);
  audit_json::AppendLiteral(out, ",\"actor\":");
  AppendJsonString(e.actor, out);
  audit_json::AppendLiteral(out, ",\"changes\":");
  AppendChangesJson(e.changes, out);
  audit_json::AppendLiteral(out, ",\"from_state\":");
  AppendJsonString(e.from_state, out);
  if (hash_at != nullptr) *hash_at = out->size();
  if (with_hash) {
    audit_json::AppendLiteral(out, ",\"hash\":");
    AppendJsonString(e.hash, out);
  }
  audit_json::AppendLiteral(out, ",\"item_id\":");
  AppendJsonInt(e.item_id, out);
  audit_json::AppendLiteral(out, ",\"item_version\":");
  AppendJsonInt(e.item_version, out);
  audit_json::AppendLiteral(out, ",\"org\":");
  AppendJsonString(e.org, out);
  audit_json::AppendLiteral(out, ",\"outcome\":");
  AppendJsonString(e.outcome, out);
  audit_json::AppendLiteral(out, ",\"prev_hash\":");
  AppendJsonString(e.prev_hash, out);
  audit_json::AppendLiteral(out, ",\"reason\":");
  AppendJsonString(e.reason, out);
  audit_json::AppendLiteral(out, ",\"role\":");
  AppendJsonString(e.role, out);
  audit_json::AppendLiteral(out, ",\"seq\":");
  AppendJsonInt(e.seq, out);
  audit_json::AppendLiteral(out, ",\"time\":");
  AppendJsonString(e.time, out);
  audit_json::AppendLiteral(out, ",\"to_state\":");
  AppendJsonString(e.to_state, out);
  audit_json::AppendLiteral(out, ",\"workflow\":");
  AppendJsonString(e.workflow, out);
  audit_json::AppendLiteral(out, ",\"workflow_version\":");
  AppendJsonInt(e.workflow_version, out);
  out->push_back('}');
}

}  // namespace docket
