// CompareAttachments: `audit verify`'s check of the files attached to an organization's
// items against its chain (docs/AUDIT.md, "Attachment entries").
#pragma once

#include <string>
#include <vector>

#include "audit/replay.h"
#include "core/status.h"
#include "store/attachment_store.h"

namespace docket {

// Every stored link of `org`'s items is the one its attachment entry records (same item,
// hash, name, size and type, the entry at the link's seq), every recorded attachment is
// stored, and each file's bytes are there and hash to the hash recorded. Integrity naming
// the organization, the item and the file otherwise.
Status CompareAttachments(AttachmentStore& store, const std::string& org, const std::vector<RecordedAttachment>& recorded);

}  // namespace docket
