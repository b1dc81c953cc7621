// The text search of ItemFilter::text, as every store means it: the memory store runs these
// functions; SqliteStore and PgStore run the same test in SQL (lower() / translate() of the
// ASCII letters, then instr() / strpos(): no LIKE, so no wildcard to escape).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "core/item.h"
#include "core/status.h"
#include "store/item_store.h"

namespace docket {

// `text` with its Latin capitals A-Z lowered and every other byte as it is (UTF-8 汉字 stay).
inline std::string FoldSearchText(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Whether a text value of `fields` holds `folded` (FoldSearchText of the search).
inline bool FieldsHoldText(const FieldMap& fields, const std::string& folded) {
  for (const auto& [name, value] : fields) {
    if (value.is_string() && FoldSearchText(value.as_string()).find(folded) != std::string::npos) return true;
  }
  return false;
}

// A page holds at least one item.
inline Status CheckPage(const ItemFilter& filter) {
  if (filter.limit && *filter.limit < 1) return Status::Invalid("a page of items holds at least one item (limit 1 or more)");
  return Status::Ok();
}

// CheckPage, and a filter by an item field (ItemFilter::refers) names the field by its id
// ([a-z][a-z0-9_]*: it goes into a JSON path).
inline Status CheckFilter(const ItemFilter& filter) {
  DOCKET_RETURN_IF_ERROR(CheckPage(filter));
  if (!filter.refers) return Status::Ok();
  const std::string& f = filter.refers->field;
  bool id = !f.empty() && f[0] >= 'a' && f[0] <= 'z';
  for (const char c : f) id = id && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!id) return Status::Invalid("items are filtered by a field named by its id ([a-z][a-z0-9_]*), not '" + f + "'");
  return Status::Ok();
}

// Whether the item field `refs.field` of `fields` names one of `refs.ids` (ItemFilter::refers).
inline bool FieldRefersTo(const FieldMap& fields, const ItemFilter::FieldRefs& refs) {
  auto it = fields.find(refs.field);
  if (it == fields.end() || !it->second.is_int()) return false;
  return std::find(refs.ids.begin(), refs.ids.end(), it->second.as_int()) != refs.ids.end();
}

// The ids as a list between `open` and `close`, comma-separated: "[1,2]" (JSON), "{1,2}" (an SQL array).
// Whether `s` is an id, [a-z][a-z0-9_-]* of at most 64 bytes: a workflow's, a field's or a
// state's name, which the SQL stores may write into a statement as a literal (a partial
// index's WHERE and expression must match the query's text).
inline bool IsStoreId(const std::string& s) {
  if (s.empty() || s.size() > 64 || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

inline std::string IdList(const std::vector<std::int64_t>& ids, char open, char close) {
  std::string out(1, open);
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i > 0 ? "," : "") + std::to_string(ids[i]);
  return out + close;
}

}  // namespace docket
