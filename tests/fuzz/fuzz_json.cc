// Fuzz target (d): JSON input. Arbitrary bytes are parsed as JSON (exceptions off), then
// read as a Value, a field map and a change list; and by the fast readers of audit/canonical_json.h
// (an item's fields, a changes text, an export entry line), which must agree with the
// reference wherever they take the text, and whose canonical scan must take only lines
// that are exactly the canonical form of what they hold. Properties beyond "no crash": what
// ValueFromJson accepts writes back to JSON and reads back as an equal Value (json_value.h
// promises a lossless mapping), and ParseJson(DumpJson(j)) == j for valid UTF-8.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "audit/canonical_json.h"
#include "audit/json_value.h"
#include "core/field.h"
#include "fuzz_check.h"

namespace docket_fuzz {
namespace {

// Bracket depth of the raw text (brackets inside strings count too: it is only a bound).
// nlohmann's own dump and operator== recurse, so the DumpJson property is checked only
// below a depth that no engine-written JSON comes near.
int MaxDepth(const std::uint8_t* data, std::size_t size) {
  int depth = 0, max = 0;
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == '[' || data[i] == '{') max = std::max(max, ++depth);
    if (data[i] == ']' || data[i] == '}') --depth;
  }
  return max;
}

}  // namespace

int Json(const std::uint8_t* data, std::size_t size) {
  using namespace docket;
  using nlohmann::json;
  json j = json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  FieldMap fast_fields;
  if (ParseFieldsFast(text, &fast_fields)) {
    DOCKET_FUZZ_CHECK(!j.is_discarded(), "the fast fields reader takes only JSON");
    auto ref = FieldsFromJson(j);
    DOCKET_FUZZ_CHECK(ref.ok() && ref.value() == fast_fields, "the fast fields reader agrees with the reference");
  }
  // Reading only some fields accepts exactly what reading all accepts, and keeps those.
  FieldMap some_fields;
  const std::vector<std::string> only = {"a", "title", "votes"};
  const bool some_ok = ParseFieldsFastOnly(text, only, &some_fields);
  DOCKET_FUZZ_CHECK(some_ok == ParseFieldsFast(text, &fast_fields), "reading some fields accepts what reading all does");
  if (some_ok) {
    std::erase_if(fast_fields, [&](const auto& kv) { return std::find(only.begin(), only.end(), kv.first) == only.end(); });
    DOCKET_FUZZ_CHECK(some_fields == fast_fields, "reading some fields keeps exactly those");
  }
  std::vector<FieldChange> fast_changes;
  const Status changes_status = ParseChangesText(text, &fast_changes);
  DOCKET_FUZZ_CHECK(changes_status.ok() == (!j.is_discarded() && ChangesFromJson(j).ok()),
                    "the changes reader accepts what the reference accepts");
  AuditEntry scanned, full;
  std::size_t hash_at = 0;
  if (ScanCanonicalEntryLine(text, &scanned, &hash_at)) {
    DOCKET_FUZZ_CHECK(ParseEntryLine(text, &full).ok(), "a scanned line parses");
    std::string again;
    AppendCanonicalEntry(full, /*with_hash=*/true, &again);
    DOCKET_FUZZ_CHECK(again == text, "the canonical scan takes only canonical lines");
    DOCKET_FUZZ_CHECK(scanned.seq == full.seq && scanned.org == full.org && scanned.hash == full.hash &&
                          scanned.prev_hash == full.prev_hash && scanned.workflow == full.workflow &&
                          scanned.workflow_version == full.workflow_version,
                      "the canonical scan reads what the full reader reads");
    DOCKET_FUZZ_CHECK(text.substr(hash_at, 9) == ",\"hash\":\"", "the hash member is where the scan says");
  } else {
    (void)ParseEntryLine(text, &full);
  }

  if (j.is_discarded()) {
    // ParseJson must refuse the same text with a Status, not an exception.
    auto r = ParseJson(std::string(reinterpret_cast<const char*>(data), size), "fuzz input");
    DOCKET_FUZZ_CHECK(!r.ok(), "ParseJson agrees that the text is not JSON");
    return 0;
  }

  if (auto v = ValueFromJson(j); v.ok()) {
    auto back = ValueFromJson(ValueToJson(v.value()));
    DOCKET_FUZZ_CHECK(back.ok() && back.value() == v.value(), "Value -> JSON -> Value is lossless");
    for (int t = 0; t <= static_cast<int>(FieldType::kList); ++t) {
      FieldDef f;
      f.name = "f";
      f.type = static_cast<FieldType>(t);
      f.element = FieldType::kMoney;
      f.values = {"a", "b"};
      (void)NormalizeFieldValue(f, v.value());
    }
  }
  if (auto fields = FieldsFromJson(j); fields.ok()) {
    auto back = FieldsFromJson(FieldsToJson(fields.value()));
    DOCKET_FUZZ_CHECK(back.ok() && back.value() == fields.value(), "fields round-trip");
  }
  if (auto changes = ChangesFromJson(j); changes.ok()) {
    auto back = ChangesFromJson(ChangesToJson(changes.value()));
    DOCKET_FUZZ_CHECK(back.ok() && back.value().size() == changes.value().size(),
                      "changes round-trip");
  }
  if (MaxDepth(data, size) > 256) return 0;
  std::string dumped = DumpJson(j);
  if (IsValidUtf8Json(j)) {
    auto again = ParseJson(dumped, "dumped JSON");
    DOCKET_FUZZ_CHECK(again.ok() && again.value() == j, "DumpJson output parses back");
  }
  return 0;
}

}  // namespace docket_fuzz

DOCKET_FUZZ_ENTRY(Json)
