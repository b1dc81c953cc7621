// AttachmentUseCases: files attached to items — evidence, scans of signed papers
// (docs/GUIDE.md, "Attachments"). Each file is kept once by its SHA-256
// (store/attachment_store.h) and recorded by an attachment entry in the chain of the item's
// organization (audit/attach_entry.h), in one transaction: no file without its entry, no
// entry without its file.
//
// Who may attach: a person who holds a role in the item's organization or in one above it
// (as for taking an action there; an API token for another organization may not), so also
// may read the item. Who may list and fetch: whoever may read the item (the door,
// docket.h, checks the reader as for the item itself). The file's type is found in its
// bytes, never taken from its name or from what the client says.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/attachment_store.h"

namespace docket {

class AppContext;

// The limits of what may be attached.
struct AttachmentPolicy {
  std::int64_t max_bytes = 20 * 1024 * 1024;  // 20 MiB; `docket serve --max-attachment-mib`
};

// The media types accepted, found by content: PDF, PNG, JPEG, DOCX, XLSX and plain UTF-8
// text. Unsupported, naming what the bytes look like, for anything else; Invalid for no bytes.
Result<std::string> AttachmentType(std::string_view bytes);

// A file's name as kept: the part after the last '/' or '\' (no folders), trimmed of spaces.
// Invalid when it is not UTF-8, holds a control character, is longer than 255 bytes, or is
// empty, "." or "..".
Result<std::string> AttachmentName(std::string_view name);

struct AttachRequest {
  std::int64_t item = 0;
  std::string name;
  std::string bytes;
  std::string actor;
};

// A file as fetched: its link and its bytes.
struct AttachedFile {
  AttachmentLink link;
  std::string bytes;
};

class AttachmentUseCases {
 public:
  explicit AttachmentUseCases(AppContext& ctx) : ctx_(ctx) {}

  AttachmentPolicy policy;

  // Attaches `req.bytes` to item `req.item` for `req.actor`. NotFound for no such item;
  // Invalid for no actor, a bad name or an empty file; TooLarge over policy.max_bytes;
  // Unsupported for a type not accepted; Forbidden for a person without a role there;
  // Conflict when the item has this file (these bytes) already. Nothing is written then.
  Result<AttachmentLink> Attach(const AttachRequest& req);
  // The files attached to item `item`, in the order they were attached (no read check: the
  // door's).
  Result<std::vector<AttachmentLink>> List(std::int64_t item);
  // The file `hash` attached to item `item`; NotFound unless that item has it.
  Result<AttachedFile> Fetch(std::int64_t item, const std::string& hash);

 private:
  AppContext& ctx_;
};

}  // namespace docket
