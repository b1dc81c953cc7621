// The canonical JSON writer of canonical_json.h. Byte-for-byte what nlohmann::json's dump
// (indent -1, ensure_ascii false, error handler replace) writes for the same values.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "audit/canonical_json.h"
#include "audit/canonical_json_internal.h"
#include "audit/json_value.h"

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
  // Written out key by key, each key checked against the field table (CanonicalKey): this
  // is every hash's text, and a loop over the table costs the literals' known lengths.
  using audit_json::AppendLiteral;
  AppendLiteral(out, CanonicalKey<0>("{\"action\":"));
  AppendJsonString(e.action, out);
  AppendLiteral(out, CanonicalKey<1>(",\"actor\":"));
  AppendJsonString(e.actor, out);
  AppendLiteral(out, CanonicalKey<2>(",\"changes\":"));
  AppendChangesJson(e.changes, out);
  AppendLiteral(out, CanonicalKey<3>(",\"from_state\":"));
  AppendJsonString(e.from_state, out);
  if (hash_at != nullptr) *hash_at = out->size();
  if (with_hash) {
    AppendLiteral(out, CanonicalKey<4>(",\"hash\":"));
    AppendJsonString(e.hash, out);
  }
  AppendLiteral(out, CanonicalKey<5>(",\"item_id\":"));
  AppendJsonInt(e.item_id, out);
  AppendLiteral(out, CanonicalKey<6>(",\"item_version\":"));
  AppendJsonInt(e.item_version, out);
  AppendLiteral(out, CanonicalKey<7>(",\"org\":"));
  AppendJsonString(e.org, out);
  AppendLiteral(out, CanonicalKey<8>(",\"outcome\":"));
  AppendJsonString(e.outcome, out);
  AppendLiteral(out, CanonicalKey<9>(",\"prev_hash\":"));
  AppendJsonString(e.prev_hash, out);
  AppendLiteral(out, CanonicalKey<10>(",\"reason\":"));
  AppendJsonString(e.reason, out);
  AppendLiteral(out, CanonicalKey<11>(",\"role\":"));
  AppendJsonString(e.role, out);
  AppendLiteral(out, CanonicalKey<12>(",\"seq\":"));
  AppendJsonInt(e.seq, out);
  AppendLiteral(out, CanonicalKey<13>(",\"time\":"));
  AppendJsonString(e.time, out);
  AppendLiteral(out, CanonicalKey<14>(",\"to_state\":"));
  AppendJsonString(e.to_state, out);
  AppendLiteral(out, CanonicalKey<15>(",\"workflow\":"));
  AppendJsonString(e.workflow, out);
  AppendLiteral(out, CanonicalKey<16>(",\"workflow_version\":"));
  AppendJsonInt(e.workflow_version, out);
  static_assert(kAuditFieldCount == 17, "a field was added or removed: write its key above");
  out->push_back('}');
}

}  // namespace docket
