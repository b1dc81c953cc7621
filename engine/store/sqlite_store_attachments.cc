// SqliteStore: attachments (store/attachment_store.h; schemas/sql/014_attachments.sql).
// The bytes are a BLOB: bound and read with their length, NUL bytes included.
#include <SQLiteCpp/SQLiteCpp.h>

#include "audit/chain.h"
#include "store/sqlite_store_internal.h"

namespace docket {
namespace {

constexpr const char* kAttachmentColumns = "item, hash, org, name, type, size, seq, attached_at, actor";

AttachmentLink ReadAttachmentLink(SQLite::Statement& q) {
  AttachmentLink link;
  link.item = q.getColumn(0).getInt64();
  link.hash = q.getColumn(1).getString();
  link.org = q.getColumn(2).getString();
  link.name = q.getColumn(3).getString();
  link.type = q.getColumn(4).getString();
  link.size = q.getColumn(5).getInt64();
  link.seq = q.getColumn(6).getInt64();
  link.attached_at = q.getColumn(7).getString();
  link.actor = q.getColumn(8).getString();
  return link;
}

}  // namespace

Status SqliteStore::PutAttachment(const AttachmentLink& link, const std::string& bytes) {
  if (Sha256Hex(bytes) != link.hash) return Status::Invalid(Msg("an attachment is kept under the SHA-256 of its bytes"));
  return InTransaction([&] {
    return Guard(Msg("keep attachment {hash}", {{"hash", link.hash.substr(0, 12)}}), [&]() -> Status {
      Lease item(*this, "SELECT 1 FROM items WHERE id=?");
      item->bind(1, static_cast<int64_t>(link.item));
      if (!item->executeStep()) return Status::NotFound(Msg("no item {id}", {{"id", link.item}}));
      Lease linked(*this, "SELECT 1 FROM attachments WHERE item=? AND hash=?");
      linked->bind(1, static_cast<int64_t>(link.item));
      linked->bind(2, link.hash);
      if (linked->executeStep()) {
        return Status::Conflict(Msg("item {id} already has this file attached", {{"id", link.item}}));
      }
      Lease put(*this, "INSERT OR IGNORE INTO attachment_bytes(hash, bytes) VALUES (?, ?)");
      put->bind(1, link.hash);
      put->bind(2, static_cast<const void*>(bytes.data()), static_cast<int>(bytes.size()));
      put->exec();
      Lease q(*this,
              "INSERT INTO attachments(item, hash, org, name, type, size, seq, attached_at, actor) "
              "VALUES (?,?,?,?,?,?,?,?,?)");
      q->bind(1, static_cast<int64_t>(link.item));
      q->bind(2, link.hash);
      q->bind(3, link.org);
      q->bind(4, link.name);
      q->bind(5, link.type);
      q->bind(6, static_cast<int64_t>(link.size));
      q->bind(7, static_cast<int64_t>(link.seq));
      q->bind(8, link.attached_at);
      q->bind(9, link.actor);
      q->exec();
      return Status::Ok();
    });
  });
}

Result<std::vector<AttachmentLink>> SqliteStore::ListAttachments(std::int64_t item) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the attachments of item {id}", {{"id", item}}), [&]() -> Result<std::vector<AttachmentLink>> {
    Lease q(*this, std::string("SELECT ") + kAttachmentColumns + " FROM attachments WHERE item=? ORDER BY seq");
    q->bind(1, static_cast<int64_t>(item));
    std::vector<AttachmentLink> out;
    while (q->executeStep()) out.push_back(ReadAttachmentLink(*q));
    return out;
  });
}

Result<std::vector<AttachmentLink>> SqliteStore::ListOrgAttachments(const std::string& org) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the attachments"), [&]() -> Result<std::vector<AttachmentLink>> {
    Lease q(*this, std::string("SELECT ") + kAttachmentColumns +
                       " FROM attachments WHERE ?1='' OR org=?1 ORDER BY org, seq");
    q->bind(1, org);
    std::vector<AttachmentLink> out;
    while (q->executeStep()) out.push_back(ReadAttachmentLink(*q));
    return out;
  });
}

Result<std::optional<std::string>> SqliteStore::GetAttachmentBytes(const std::string& hash) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read attachment {hash}", {{"hash", hash.substr(0, 12)}}), [&]() -> Result<std::optional<std::string>> {
    Lease q(*this, "SELECT bytes FROM attachment_bytes WHERE hash=?");
    q->bind(1, hash);
    if (!q->executeStep()) return std::optional<std::string>();
    const SQLite::Column c = q->getColumn(0);
    const void* data = c.getBlob();  // before getBytes, as SQLite asks
    const auto n = static_cast<std::size_t>(c.getBytes());
    return std::optional<std::string>(std::string(static_cast<const char*>(data), n));
  });
}

}  // namespace docket
