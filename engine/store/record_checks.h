// What every store refuses before it writes an item or an audit entry, said once so that
// SqliteStore, PgStore and MemoryStore refuse the same records with the same messages.
#pragma once

#include <cstdint>
#include <string>

#include "core/item.h"
#include "core/status.h"
#include "store/audit_store.h"

namespace docket {

// "item N", as the stores name an item in their messages.
Msg ItemName(std::int64_t id);

// Invalid when the item has no organization or workflow, or its fields hold text that is
// not UTF-8; otherwise ok, with the fields' stored JSON text in *fields_text.
Status CheckItem(const Item& item, std::string* fields_text);
// CheckItem for an update (UpdateItem), and Invalid unless the item's version is the one
// after `expected_version`.
Status CheckItemUpdate(const Item& item, std::int64_t expected_version, std::string* fields_text);

// Invalid for an outcome other than "ok"/"refused", an empty org, a field named twice in
// changes, or text that is not UTF-8.
Status CheckAuditEntry(const AuditEntry& entry);

// Conflict for an entry linked after another head than `head`, the organization's now
// (AppendLinked): another writer appended first.
Status ChainMoved(const AuditEntry& entry, const AuditHead& head);

}  // namespace docket
