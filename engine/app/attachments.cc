// Attaching files to items (attachments.h): checks, then the entry and the file in one
// transaction.
#include "app/attachments.h"

#include <algorithm>

#include "app/app_context.h"
#include "audit/attach_entry.h"
#include "audit/chain.h"

namespace docket {

Result<AttachmentLink> AttachmentUseCases::Attach(const AttachRequest& req) {
  DOCKET_ASSIGN_OR_RETURN(Item item, ctx_.store.GetItem(req.item));
  DOCKET_ASSIGN_OR_RETURN(std::string name, AttachmentName(req.name));
  const auto size = static_cast<std::int64_t>(req.bytes.size());
  if (size > policy.max_bytes) {
    return Status::TooLarge(Msg("the file is {size} bytes; files of at most {max} bytes may be attached",
                                {{"size", size}, {"max", policy.max_bytes}}));
  }
  DOCKET_ASSIGN_OR_RETURN(std::string type, AttachmentType(req.bytes));
  // Who may not attach here is refused in the item's chain, like a refused action.
  auto refuse = [&](const Status& why) -> Status {
    if (why.code() != Code::kForbidden) return why;
    Status recorded = ctx_.store.Transact([&] { return ctx_.RecordRefusal(item, req.actor, std::string(kAttachAction), why); });
    return recorded.ok() ? why : recorded;
  };
  Result<Actor> resolved = ctx_.ResolveActor(req.actor, item.org);
  if (!resolved.ok()) return refuse(resolved.status());
  const Actor& actor = *resolved;
  if (Status may = ctx_.Reader(req.actor, item.org).status(); !may.ok()) return refuse(may);
  // The role recorded: the first by name of those held in the item's organization, else above it.
  const std::vector<std::string>& held = !actor.roles.empty() ? actor.roles : actor.roles_above;
  const std::string role = *std::min_element(held.begin(), held.end());

  AttachmentLink link;
  link.item = item.id;
  link.org = item.org;
  link.hash = Sha256Hex(req.bytes);
  link.name = std::move(name);
  link.type = std::move(type);
  link.size = size;
  link.actor = req.actor;
  DOCKET_RETURN_IF_ERROR(ctx_.store.Transact([&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(const TimePoint at, ctx_.WriteTime(item.org));
    link.attached_at = FormatTime(at);
    AttachFact fact{link.item, link.hash, link.name, link.size, link.type};
    AuditEntry entry = AttachEntry(item.org, fact, req.actor, role, link.attached_at);
    DOCKET_RETURN_IF_ERROR(ctx_.AppendAudit(entry));
    link.seq = entry.seq;
    return ctx_.store.PutAttachment(link, req.bytes);
  }));
  ctx_.log->info("item {}: '{}' attached {} ({} bytes, {}, {})", link.item, link.actor, link.name, link.size, link.type,
                 link.hash.substr(0, 12));
  return link;
}

Result<std::vector<AttachmentLink>> AttachmentUseCases::List(std::int64_t item) {
  DOCKET_RETURN_IF_ERROR(ctx_.store.GetItem(item).status());
  return ctx_.store.ListAttachments(item);
}

Result<AttachedFile> AttachmentUseCases::Fetch(std::int64_t item, const std::string& hash) {
  DOCKET_ASSIGN_OR_RETURN(std::vector<AttachmentLink> links, List(item));
  for (AttachmentLink& link : links) {
    if (link.hash != hash) continue;
    DOCKET_ASSIGN_OR_RETURN(std::optional<std::string> bytes, ctx_.store.GetAttachmentBytes(hash));
    if (!bytes) {
      return Status::Integrity(Msg("item {id}: the bytes of attached file '{name}' are missing", {{"id", item}, {"name", link.name}}));
    }
    return AttachedFile{std::move(link), std::move(*bytes)};
  }
  return Status::NotFound(Msg("item {id} has no attached file {hash}", {{"id", item}, {"hash", hash}}));
}

}  // namespace docket
