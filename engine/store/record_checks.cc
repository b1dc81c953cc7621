// The refusals shared by the stores (record_checks.h).
#include "store/record_checks.h"

#include <set>
#include <string_view>
#include <type_traits>

#include "audit/canonical_json.h"
#include "audit/json_value.h"
#include "core/utf8.h"

namespace docket {
namespace {

// Every text of the entry is UTF-8 (what IsValidUtf8Json(CanonicalObject(e)) says, without
// building the object).
bool EntryIsUtf8(const AuditEntry& e) {
  bool ok = true;
  ForEachAuditField(e, [&ok](std::string_view, const auto& member) {
    if constexpr (std::is_same_v<std::decay_t<decltype(member)>, std::string>) {
      ok = ok && IsValidUtf8(member);
    } else if constexpr (std::is_same_v<std::decay_t<decltype(member)>, std::vector<FieldChange>>) {
      for (const FieldChange& c : member) {
        ok = ok && IsValidUtf8(c.field) && IsValidUtf8Value(c.before) && IsValidUtf8Value(c.after);
      }
    }
  });
  return ok;
}

}  // namespace

Msg ItemName(std::int64_t id) { return Msg("item {id}", {{"id", id}}); }

Status CheckItem(const Item& item, std::string* fields_text) {
  if (item.org.empty()) return Status::Invalid(Msg("an item needs an organization"));
  if (item.workflow.empty()) return Status::Invalid(Msg("an item needs a workflow"));
  for (const auto& [name, value] : item.fields) {
    if (!IsValidUtf8(name) || !IsValidUtf8Value(value)) {
      return Status::Invalid(Msg("item fields hold text that is not UTF-8"));
    }
  }
  fields_text->clear();
  fields_text->reserve(512);
  AppendFieldsJson(item.fields, fields_text);
  return Status::Ok();
}

Status CheckItemUpdate(const Item& item, std::int64_t expected_version, std::string* fields_text) {
  DOCKET_RETURN_IF_ERROR(CheckItem(item, fields_text));
  if (item.version != expected_version + 1) {
    return Status::Invalid(ItemName(item.id).English() + ": the new version must be " +
                           std::to_string(expected_version + 1) + ", not " + std::to_string(item.version));
  }
  return Status::Ok();
}

Status CheckAuditEntry(const AuditEntry& entry) {
  if (entry.org.empty()) return Status::Invalid(Msg("an audit entry needs an organization"));
  if (entry.outcome != "ok" && entry.outcome != "refused") {
    return Status::Invalid(Msg("audit outcome must be 'ok' or 'refused', not '{outcome}'", {{"outcome", entry.outcome}}));
  }
  // An entry changes a few fields: compared pairwise, with nothing allocated.
  for (auto c = entry.changes.begin(); c != entry.changes.end(); ++c) {
    for (auto earlier = entry.changes.begin(); earlier != c; ++earlier) {
      if (earlier->field == c->field) {
        return Status::Invalid(Msg("audit entry changes field '{field}' twice", {{"field", c->field}}));
      }
    }
  }
  if (!EntryIsUtf8(entry)) return Status::Invalid(Msg("audit entry holds text that is not UTF-8"));
  return Status::Ok();
}

Status ChainMoved(const AuditEntry& entry, const AuditHead& head) {
  return Status::Conflict(Msg("the audit chain of organization '{org}' moved: its head is entry #{head}, the entry was linked after #{after}; nothing was written, try again",
                              {{"org", entry.org}, {"head", head.seq}, {"after", entry.seq - 1}}));
}

}  // namespace docket
