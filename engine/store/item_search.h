// The text search of ItemFilter::text, as every store means it: the memory store runs these
// functions; SqliteStore and PgStore run the same test in SQL (lower() / translate() of the
// ASCII letters, then instr() / strpos(): no LIKE, so no wildcard to escape).
#pragma once

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

}  // namespace docket
