// PgStore: attachments (store/attachment_store.h; schemas/sql/pg/002_attachments.sql). The
// bytes are bytea, sent and read as binary strings (NUL bytes included).
#include <pqxx/binarystring>

#include "audit/chain.h"
#include "store/pg_store_internal.h"

namespace docket {
namespace {

constexpr const char* kPgAttachmentColumns = "item, hash, org, name, type, size, seq, attached_at, actor";

AttachmentLink ReadPgAttachmentLink(const pqxx::row& r) {
  AttachmentLink link;
  link.item = Int(r[0]);
  link.hash = Text(r[1]);
  link.org = Text(r[2]);
  link.name = Text(r[3]);
  link.type = Text(r[4]);
  link.size = Int(r[5]);
  link.seq = Int(r[6]);
  link.attached_at = Text(r[7]);
  link.actor = Text(r[8]);
  return link;
}

}  // namespace

Status PgStore::PutAttachment(const AttachmentLink& link, const std::string& bytes) {
  if (Sha256Hex(bytes) != link.hash) return Status::Invalid(Msg("an attachment is kept under the SHA-256 of its bytes"));
  return InTransaction([&] {
    return Guard(Msg("keep attachment {hash}", {{"hash", link.hash.substr(0, 12)}}), [&]() -> Status {
      if (Exec("SELECT 1 FROM items WHERE id=$1", link.item).empty()) {
        return Status::NotFound(Msg("no item {id}", {{"id", link.item}}));
      }
      if (!Exec("SELECT 1 FROM attachments WHERE item=$1 AND hash=$2", link.item, link.hash).empty()) {
        return Status::Conflict(Msg("item {id} already has this file attached", {{"id", link.item}}));
      }
      Exec("INSERT INTO attachment_bytes(hash, bytes) VALUES ($1,$2) ON CONFLICT DO NOTHING", link.hash,
           pqxx::binarystring(bytes.data(), bytes.size()));
      Exec("INSERT INTO attachments(item, hash, org, name, type, size, seq, attached_at, actor) "
           "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
           link.item, link.hash, link.org, link.name, link.type, link.size, link.seq, link.attached_at, link.actor);
      return Status::Ok();
    });
  });
}

Result<std::vector<AttachmentLink>> PgStore::ListAttachments(std::int64_t item) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the attachments of item {id}", {{"id", item}}), [&]() -> Result<std::vector<AttachmentLink>> {
    std::vector<AttachmentLink> out;
    for (const auto& r : Exec(std::string("SELECT ") + kPgAttachmentColumns + " FROM attachments WHERE item=$1 ORDER BY seq", item)) {
      out.push_back(ReadPgAttachmentLink(r));
    }
    return out;
  });
}

Result<std::vector<AttachmentLink>> PgStore::ListOrgAttachments(const std::string& org) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the attachments"), [&]() -> Result<std::vector<AttachmentLink>> {
    std::vector<AttachmentLink> out;
    for (const auto& r : Exec(std::string("SELECT ") + kPgAttachmentColumns +
                                  " FROM attachments WHERE $1='' OR org=$1 ORDER BY org COLLATE \"C\", seq",
                              org)) {
      out.push_back(ReadPgAttachmentLink(r));
    }
    return out;
  });
}

Result<std::optional<std::string>> PgStore::GetAttachmentBytes(const std::string& hash) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read attachment {hash}", {{"hash", hash.substr(0, 12)}}), [&]() -> Result<std::optional<std::string>> {
    const pqxx::result r = Exec("SELECT bytes FROM attachment_bytes WHERE hash=$1", hash);
    if (r.empty()) return std::optional<std::string>();
    const pqxx::binarystring b(r[0][0]);
    return std::optional<std::string>(std::string(reinterpret_cast<const char*>(b.data()), b.size()));
  });
}

}  // namespace docket
