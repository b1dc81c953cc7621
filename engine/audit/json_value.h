// JSON <-> Value: how item fields and audit changes are written to text (and labels, the
// texts of a name or a message in each language).
//
// The mapping is lossless for every Value the engine produces: null, bool, int64, double
// (finite), string and lists of those map onto the JSON type of the same name, so reading
// back what was written gives an equal Value. JSON that has no Value counterpart (objects
// inside values, integers beyond int64) is refused with Status::Invalid, never guessed at.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "core/labels.h"
#include "core/status.h"
#include "core/transition.h"
#include "core/value.h"

namespace docket {

// The JSON form of `v`. Non-finite doubles have no JSON form and become null.
nlohmann::json ValueToJson(const Value& v);
// The Value of `j`; Invalid for objects, binary, integers outside int64 and lists nested
// more than 64 deep (the engine writes one level; deeper would only risk the stack).
Result<Value> ValueFromJson(const nlohmann::json& j);

// A FieldMap as a JSON object (keys in byte order), and back; Invalid if `j` is not an
// object or holds a value ValueFromJson refuses.
nlohmann::json FieldsToJson(const FieldMap& fields);
Result<FieldMap> FieldsFromJson(const nlohmann::json& j);

// Changes as the object {"field": [before, after], ...}: the form hashed into the audit
// chain (docs/AUDIT.md). Reading back yields the changes ordered by field name.
nlohmann::json ChangesToJson(const std::vector<FieldChange>& changes);
Result<std::vector<FieldChange>> ChangesFromJson(const nlohmann::json& j);

// Labels as the object {"zh": .., "en": .., CODE: ..}: zh and en always, then the texts of
// other languages under their codes. Back: Invalid unless `j` is an object of strings (a
// missing zh or en is empty).
nlohmann::json LabelsToJson(const Labels& labels);
Result<Labels> LabelsFromJson(const nlohmann::json& j);

// Parses `text` as JSON; Invalid (with what was being parsed and the parser's message)
// instead of throwing. `what` as a Msg is translated; as a string it is shown as written.
Result<nlohmann::json> ParseJson(const std::string& text, Msg what);
Result<nlohmann::json> ParseJson(const std::string& text, const std::string& what);

// Compact text of `j` (no whitespace, UTF-8 unescaped). Invalid UTF-8 in strings is
// replaced by U+FFFD rather than thrown; IsValidUtf8Json tells whether that would happen
// (every string and key well-formed, core/utf8.h).
std::string DumpJson(const nlohmann::json& j);
bool IsValidUtf8Json(const nlohmann::json& j);
// The same question without building JSON: is every string in `v` (lists included)
// well-formed UTF-8 (IsValidUtf8, core/utf8.h)?
bool IsValidUtf8Value(const Value& v);

}  // namespace docket
