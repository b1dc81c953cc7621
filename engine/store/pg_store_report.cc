// PgStore: what the semester report and the roll-up read (docs/REPORTS.md), in SQL: the
// moment of each item is tested in the query (the stored fields read as jsonb), so a term's
// items come back in one round trip, and a field that references another item is followed
// in the same query, not by a GetItem per item. With the partial expression indexes of
// EnsureFieldIndex (as SqliteStore makes them) the term's items are read by index. Times
// are ISO text compared byte by byte (COLLATE "C"), as SQLite compares them, whatever the
// database's collation.
#include <algorithm>
#include <string_view>

#include <nlohmann/json.hpp>

#include "audit/chain.h"
#include "store/item_search.h"
#include "store/pg_store_internal.h"

namespace docket {
namespace {

// ((<table>fields::jsonb ->> 'field') COLLATE "C"): the text of the item's field `field`
// (a number's digits, a string's text), compared byte by byte. The expression
// EnsureFieldIndex indexes, so the query must spell it the same way.
std::string PgFieldText(const std::string& table, const std::string& field) {
  return "((" + table + "fields::jsonb ->> '" + field + "') COLLATE \"C\")";
}

// Whether the item's field `field` holds a JSON value of `type` ('string', 'number').
std::string PgFieldIs(const std::string& table, const std::string& field, const char* type) {
  return "jsonb_typeof(" + table + "fields::jsonb -> '" + field + "') = '" + type + "'";
}

// "items_by_<workflow>__<field>_<8 hex>", within PostgreSQL's 63 bytes.
std::string PgIndexName(const std::string& workflow, const std::string& field) {
  std::string name = "items_by_" + workflow + "__" + field;
  for (char& c : name) c = c == '-' ? '_' : c;
  if (name.size() > 54) name.resize(54);
  return name + "_" + Sha256Hex(workflow + "\n" + field).substr(0, 8);
}

// An array of ids as PostgreSQL reads it: "{1,2,3}".
std::string PgIdArray(const std::vector<std::int64_t>& ids) {
  std::string out = "{";
  for (std::int64_t id : ids) out += (out.size() > 1 ? "," : "") + std::to_string(id);
  return out + "}";
}

// Only the fields `names` of each item, when some are named.
void KeepOnly(const std::vector<std::string>& names, std::vector<Item>* items) {
  if (names.empty()) return;
  for (Item& item : *items) {
    FieldMap only;
    for (const auto& name : names) {
      auto it = item.fields.find(name);
      if (it != item.fields.end()) only[name] = it->second;
    }
    item.fields = std::move(only);
  }
}

// The SELECT of ListItemsInRange: $1 the org (with `many`, a text[] of orgs), $2 from,
// $3 to, $4 created up to (or NULL). The workflow and field names are literals (ids), so
// that the partial indexes of EnsureFieldIndex match: a term's items are read by index,
// never the workflow's whole history with every item's fields parsed.
std::string PgRangeSelect(const ItemRange& range, bool many) {
  const std::string org_is = many ? " = ANY($1::text[])" : " = $1";
  // Over many orgs by reference, the org is the referenced item's (below): testing it here
  // too would make each probe of the reference's index search the whole list of orgs.
  const bool by_ref = many && !range.ref.empty() && !range.ref_workflow.empty() && !range.field.empty();
  std::string where = std::string("SELECT ") + kItemColumns + " FROM items i WHERE " +
                      (by_ref ? std::string() : "i.org" + org_is + " AND ") + "i.workflow = '" + range.workflow +
                      "' AND ($4::text IS NULL OR i.created_at COLLATE \"C\" <= $4) AND ";
  if (!range.states.empty()) {
    std::string in;  // ids, as literals
    for (const std::string& st : range.states) in += (in.empty() ? "'" : ", '") + st + "'";
    where += "i.state IN (" + in + ") AND ";
  }
  if (range.field.empty()) {
    where += "i.created_at COLLATE \"C\" >= $2 AND i.created_at COLLATE \"C\" < $3";
  } else if (range.ref.empty()) {
    const std::string m = PgFieldText("i.", range.field);
    where += m + " >= $2 AND " + m + " < $3";  // and a string: KeepTyped
  } else if (!range.ref_workflow.empty()) {
    // The referenced items in the range (of that workflow, in the same org: few, by their
    // index), then the items whose reference, a number, names one of them (by the index
    // on the reference): Store::ListItemsInRange's rule. Over many orgs the pair (org,
    // reference) is matched, so that an item still names an item of its own org.
    const std::string m = PgFieldText("r.", range.field);
    where += std::string(many ? "(i.org, " : "(") + PgFieldText("i.", range.ref) + ") IN (SELECT " +
             (many ? "r.org, " : "") + "r.id::text COLLATE \"C\" FROM items r WHERE r.org" + org_is +
             " AND r.workflow = '" + range.ref_workflow + "' AND " + m + " >= $2 AND " + m + " < $3 AND " +
             PgFieldIs("r.", range.field, "string") + ")";  // and a number: KeepTyped
  } else {
    // Any item referenced (an integer), whatever its workflow and org.
    const std::string m = "(SELECT CASE WHEN " + PgFieldIs("r.", range.field, "string") + " THEN " +
                          PgFieldText("r.", range.field) + " END FROM items r WHERE r.id::text COLLATE \"C\" = " +
                          PgFieldText("i.", range.ref) + " AND " + PgFieldIs("i.", range.ref, "number") + ")";
    where += m + " >= $2 AND " + m + " < $3";
  }
  // Many orgs: in no order (ReadItemsByOrg groups them in the client; sorting a district's
  // wide rows by org spilled to disk and took half of the query's time).
  return where + (many ? "" : " ORDER BY i.id");
}

// The items of `rows` grouped by org (in byte order of their ids), each org's in id order,
// as Store::ListItemsInRangeOf and ListItemsOfOrgs return them: the rows are put in order
// by their org and id columns before any item is built.
Result<std::vector<Item>> ReadItemsByOrg(const pqxx::result& rows, const std::vector<std::string>* only) {
  struct Key {
    std::string_view org;
    std::int64_t id;
    pqxx::result::size_type row;
  };
  std::vector<Key> keys;
  keys.reserve(rows.size());
  for (pqxx::result::size_type k = 0; k < rows.size(); ++k) {
    const pqxx::row r = rows[k];
    keys.push_back({std::string_view(r[1].c_str(), r[1].size()), Int(r[0]), k});
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return a.org != b.org ? a.org < b.org : a.id < b.id;
  });
  std::vector<Item> out;
  out.reserve(rows.size());
  for (const Key& key : keys) {
    DOCKET_ASSIGN_OR_RETURN(Item item, ReadItem(rows[key.row], only));
    out.push_back(std::move(item));
  }
  return out;
}

// What PgRangeSelect leaves to the client, which parses every item's fields anyway (in SQL
// each row's fields would be parsed as jsonb once more): the moment an item holds is a
// string, a reference it follows a number (not the text "13" naming item 13).
void KeepTyped(const ItemRange& range, std::vector<Item>* items) {
  if (range.field.empty() || (!range.ref.empty() && range.ref_workflow.empty())) return;
  const bool by_ref = !range.ref.empty();
  const std::string& name = by_ref ? range.ref : range.field;
  std::erase_if(*items, [&](const Item& item) {
    auto it = item.fields.find(name);
    if (it == item.fields.end()) return true;
    return by_ref ? !(it->second.is_int() || it->second.is_double()) : !it->second.is_string();
  });
}

// A text[] literal of `texts`, each quoted ("a\"b" for a"b).
std::string PgTextArray(const std::vector<std::string>& texts) {
  std::string out = "{";
  for (const std::string& t : texts) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : t) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

// The fields to build of a range's items: with `fields` named, those and the moment and
// reference KeepTyped tests (KeepOnly drops them after); null (every field) otherwise.
std::optional<std::vector<std::string>> FieldsToRead(const ItemRange& range) {
  if (range.fields.empty()) return std::nullopt;
  std::vector<std::string> only = range.fields;
  for (const std::string* f : {&range.field, &range.ref}) {
    if (!f->empty()) only.push_back(*f);
  }
  return only;
}

Status CheckRangeIds(const ItemRange& range) {
  for (const auto* id : {&range.workflow, &range.field, &range.ref, &range.ref_workflow}) {
    if (!id->empty() && !IsStoreId(*id)) return Status::Invalid("a range names workflows and fields by their ids");
  }
  for (const std::string& st : range.states) {
    if (!IsStoreId(st)) return Status::Invalid("a range names states by their ids");
  }
  return Status::Ok();
}

}  // namespace

// The partial expression index of SqliteStore::EnsureFieldIndex, in PostgreSQL's dialect:
// the items of `workflow`, by org and the text of `field` (a date or time to range over, or
// the id an item references). Made once, outside any transaction (a failed CREATE would
// doom it); concurrent makers may race, and the loser's error only means a scan this time.
Result<bool> PgStore::EnsureFieldIndex(const std::string& workflow, const std::string& field) {
  if (!IsStoreId(workflow) || !IsStoreId(field)) return Status::Invalid("an index is on a workflow's field, named by ids");
  const std::string name = PgIndexName(workflow, field);
  std::lock_guard lock(mu_);
  if (indexes_.count(name)) return true;
  return Guard(Msg("create index {index}", {{"index", name}}), [&]() -> Result<bool> {
    const bool missing = Exec("SELECT to_regclass($1) IS NULL", name)[0][0].as<bool>();
    if (missing && depth_ > 0) return false;
    if (missing) Exec("CREATE INDEX IF NOT EXISTS \"" + name + "\" ON items (org, " + PgFieldText("", field) +
         ") WHERE workflow = '" + workflow + "'");
    // The planner's statistics on the new expression; without them it guesses.
    if (missing) Exec("ANALYZE items");
    indexes_.insert(name);
    return true;
  });
}

Result<std::vector<Item>> PgStore::ListItemsInRange(const ItemRange& range) {
  DOCKET_RETURN_IF_ERROR(CheckRangeIds(range));
  std::lock_guard lock(mu_);
  return Guard(Msg("list items of '{workflow}' in '{org}'", {{"workflow", range.workflow}, {"org", range.org}}),
               [&]() -> Result<std::vector<Item>> {
    const std::optional<std::vector<std::string>> only = FieldsToRead(range);
    DOCKET_ASSIGN_OR_RETURN(std::vector<Item> items,
                            ReadItems(Exec(PgRangeSelect(range, /*many=*/false), range.org, range.from, range.to,
                                           NullableText(range.created_up_to)),
                                      only ? &*only : nullptr));
    KeepTyped(range, &items);
    KeepOnly(range.fields, &items);
    return items;
  });
}

// One query for all of `orgs` (a roll-up's schools), grouped by org.
Result<std::vector<Item>> PgStore::ListItemsInRangeOf(const ItemRange& range, const std::vector<std::string>& orgs) {
  DOCKET_RETURN_IF_ERROR(CheckRangeIds(range));
  if (orgs.empty()) return std::vector<Item>();
  std::lock_guard lock(mu_);
  return Guard(Msg("list items of '{workflow}' in {n} organizations", {{"workflow", range.workflow}, {"n", orgs.size()}}),
               [&]() -> Result<std::vector<Item>> {
    const std::optional<std::vector<std::string>> only = FieldsToRead(range);
    DOCKET_ASSIGN_OR_RETURN(std::vector<Item> items,
                            ReadItemsByOrg(Exec(PgRangeSelect(range, /*many=*/true), PgTextArray(orgs), range.from, range.to,
                                                NullableText(range.created_up_to)),
                                           only ? &*only : nullptr));
    KeepTyped(range, &items);
    KeepOnly(range.fields, &items);
    return items;
  });
}

Result<std::vector<Item>> PgStore::ListItemsOfOrgs(const std::vector<std::string>& orgs, const std::string& workflow,
                                                   const std::vector<std::string>& fields) {
  if (orgs.empty()) return std::vector<Item>();
  std::lock_guard lock(mu_);
  return Guard(Msg("list items of '{workflow}' in {n} organizations", {{"workflow", workflow}, {"n", orgs.size()}}),
               [&]() -> Result<std::vector<Item>> {
    return ReadItemsByOrg(Exec(std::string("SELECT ") + kItemColumns + " FROM items WHERE org = ANY($1::text[]) AND workflow = $2",
                               PgTextArray(orgs), workflow),
                          fields.empty() ? nullptr : &fields);
  });
}

Result<std::vector<Item>> PgStore::GetItems(const std::vector<std::int64_t>& ids) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read items"), [&]() -> Result<std::vector<Item>> {
    if (ids.empty()) return std::vector<Item>();
    return ReadItems(Exec(std::string("SELECT ") + kItemColumns + " FROM items WHERE id = ANY($1::bigint[]) ORDER BY id",
                          PgIdArray(ids)));
  });
}

Result<std::vector<Item>> PgStore::ListItemsUnder(const std::vector<std::int64_t>& parents) {
  std::lock_guard lock(mu_);
  return Guard(Msg("list the items below items"), [&]() -> Result<std::vector<Item>> {
    if (parents.empty()) return std::vector<Item>();
    // Parents in ascending order (the findings' thousands) are in parent order by the
    // column itself: array_position would search the array once per row.
    const bool ascending = std::is_sorted(parents.begin(), parents.end());
    return ReadItems(Exec(std::string("SELECT ") + kItemColumns + " FROM items WHERE parent = ANY($1::bigint[]) ORDER BY " +
                              (ascending ? "parent, id" : "array_position($1::bigint[], parent), id"),
                          PgIdArray(parents)));
  });
}

Result<std::map<std::int64_t, std::string>> PgStore::EnteredStates(const std::vector<std::int64_t>& items,
                                                                   const std::vector<std::string>& states) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read when items entered states"), [&]() -> Result<std::map<std::int64_t, std::string>> {
    std::map<std::int64_t, std::string> out;
    if (items.empty() || states.empty()) return out;
    const pqxx::result rows = Exec(
        "SELECT item_id, MAX(time COLLATE \"C\") FROM audit"
        " WHERE item_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint) AND outcome = 'ok'"
        " AND to_state IN (SELECT jsonb_array_elements_text($2::jsonb))"
        " AND from_state NOT IN (SELECT jsonb_array_elements_text($2::jsonb)) GROUP BY item_id",
        nlohmann::json(items).dump(), nlohmann::json(states).dump());
    for (const auto& r : rows) out[Int(r[0])] = Text(r[1]);
    return out;
  });
}

// A connection of its own to the same database, read-only: no migration is checked (this
// store applied them), and what it sends counts in this store's StatementsSent too.
std::unique_ptr<Store> PgStore::OpenReader() {
  {
    // Inside a transaction of this thread, another connection would not see its writes.
    std::unique_lock lock(mu_, std::try_to_lock);
    if (lock.owns_lock() && depth_ > 0) return nullptr;
  }
  std::unique_ptr<PgStore> reader(new PgStore(url_, name_, PgOptions{}));
  if (!reader->Connect().ok()) return nullptr;
  reader->versioned_ = versioned_;
  const Status read_only = reader->Guard(Msg("open a reader"), [&]() -> Status {
    reader->Control("SET default_transaction_read_only = on");
    return Status::Ok();
  });
  if (!read_only.ok()) return nullptr;
  reader->opener_sent_ = sent_by_readers_;
  return reader;
}

}  // namespace docket
