// MemoryStore: attachments (store/attachment_store.h), bytes by hash and links by
// (item, hash), written through MemoryDatabase::Set so a rollback takes them back.
#include <algorithm>

#include "audit/chain.h"
#include "store/memory_store_internal.h"

namespace docket {

Status MemoryStore::PutAttachment(const AttachmentLink& link, const std::string& bytes) {
  if (Sha256Hex(bytes) != link.hash) return Status::Invalid(Msg("an attachment is kept under the SHA-256 of its bytes"));
  return Transact([&]() -> Status {
    if (db_->items.count(link.item) == 0) return Status::NotFound(Msg("no item {id}", {{"id", link.item}}));
    const auto key = std::make_pair(link.item, link.hash);
    if (db_->attachments.count(key) > 0) {
      return Status::Conflict(Msg("item {id} already has this file attached", {{"id", link.item}}));
    }
    if (db_->attachment_bytes.count(link.hash) == 0) db_->Set(db_->attachment_bytes, link.hash, bytes);
    db_->Set(db_->attachments, key, link);
    return Status::Ok();
  });
}

Result<std::vector<AttachmentLink>> MemoryStore::ListAttachments(std::int64_t item) {
  std::lock_guard lock(db_->mu);
  std::vector<AttachmentLink> out;
  for (auto it = db_->attachments.lower_bound({item, ""}); it != db_->attachments.end() && it->first.first == item; ++it) {
    out.push_back(it->second);
  }
  std::sort(out.begin(), out.end(), [](const AttachmentLink& a, const AttachmentLink& b) { return a.seq < b.seq; });
  return out;
}

Result<std::vector<AttachmentLink>> MemoryStore::ListOrgAttachments(const std::string& org) {
  std::lock_guard lock(db_->mu);
  std::vector<AttachmentLink> out;
  for (const auto& [key, link] : db_->attachments) {
    if (org.empty() || link.org == org) out.push_back(link);
  }
  std::sort(out.begin(), out.end(), [](const AttachmentLink& a, const AttachmentLink& b) {
    return a.org != b.org ? a.org < b.org : a.seq < b.seq;
  });
  return out;
}

Result<std::optional<std::string>> MemoryStore::GetAttachmentBytes(const std::string& hash) {
  std::lock_guard lock(db_->mu);
  auto it = db_->attachment_bytes.find(hash);
  if (it == db_->attachment_bytes.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

}  // namespace docket
