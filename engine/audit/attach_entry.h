// Attachment entries: the audit entry that records a file attached to an item
// (docs/AUDIT.md, "Attachment entries"; app/attachments.h).
//
// An attachment changes no item — not its state, fields or version — so its entry, like a
// configuration entry, names no item in `item_id` (0), which every replay reads as a step
// of that item; the item is named inside the one change the entry must carry:
//   "$attach" [null, [ITEM, "HASH", "NAME", SIZE, "TYPE"]]
// (ITEM and SIZE integers, HASH 64 lower-case hex digits, the SHA-256 of the file's bytes),
// besides the mark "$via" of a person's entry. It is "ok", action "$attach", by the person
// who attached (actor) in the role they hold (role), workflow "", states "", versions 0,
// reason "". Replays accept it only so shaped, naming an item the chain created before.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "audit/entry.h"
#include "core/status.h"

namespace docket {

inline constexpr std::string_view kAttachAction = "$attach";
inline constexpr const char* kAttachField = "$attach";

// What an attachment entry records.
struct AttachFact {
  std::int64_t item = 0;
  std::string hash;  // SHA-256 hex of the bytes
  std::string name;
  std::int64_t size = 0;
  std::string type;  // media type
};

// Whether `e` claims to be an attachment entry (an ok entry of action "$attach"); whether it
// is well formed is ReadAttachEntry's.
bool IsAttachAction(const AuditEntry& e);

// The entry for `org`'s chain (to be linked by Store::AppendAudit).
AuditEntry AttachEntry(const std::string& org, const AttachFact& fact, const std::string& actor, const std::string& role,
                       const std::string& time);

// What the attachment entry `e` records; Integrity naming what is wrong when it is not
// shaped as above.
Result<AttachFact> ReadAttachEntry(const AuditEntry& e);

}  // namespace docket
