// AttachmentStore: files attached to items — evidence, scans of signed papers — kept as
// bytes under their SHA-256 (one copy per hash, however many items link it) and linked to
// an item by the audit entry that recorded the attachment ("$attach", audit/attach_entry.h).
//
// Contract: every method returns Status/Result and never throws. Bytes are binary (a BLOB
// on SQLite, bytea on PostgreSQL: a scan holds NUL bytes). A link is (item, hash): one file
// once per item. PutAttachment writes the bytes (when their hash is new) and the link in
// one transaction, Invalid when `bytes` do not hash to link.hash, Conflict when the item
// already links that hash. Readers (app/attachments.h) decide who may read; the store does
// not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace docket {

// One file linked to one item.
struct AttachmentLink {
  std::int64_t item = 0;
  std::string org;          // the item's organization: whose chain holds the entry
  std::string hash;         // SHA-256 hex of the bytes
  std::string name;         // the file's name as given, sanitized (app/attachments.h)
  std::string type;         // the media type found in the bytes ("application/pdf", ...)
  std::int64_t size = 0;    // bytes
  std::int64_t seq = 0;     // the "$attach" entry in org's chain
  std::string attached_at;  // the entry's time
  std::string actor;        // who attached it
};

class AttachmentStore {
 public:
  virtual ~AttachmentStore() = default;

  // Keeps `bytes` under link.hash (first copy wins) and the link.
  virtual Status PutAttachment(const AttachmentLink& link, const std::string& bytes) = 0;
  // The links of item `item`, in the order they were attached (by seq).
  virtual Result<std::vector<AttachmentLink>> ListAttachments(std::int64_t item) = 0;
  // Every link of organization `org`'s items, or of every organization when `org` is "",
  // by org then seq: for `audit verify` and a copy of a whole store (app/migrate.h).
  virtual Result<std::vector<AttachmentLink>> ListOrgAttachments(const std::string& org) = 0;
  // The bytes kept under `hash`, nullopt for a hash never kept.
  virtual Result<std::optional<std::string>> GetAttachmentBytes(const std::string& hash) = 0;
};

}  // namespace docket
