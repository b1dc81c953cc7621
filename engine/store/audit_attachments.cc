#include "store/audit_attachments.h"

#include <map>
#include <set>

#include "audit/chain.h"

namespace docket {
namespace {

Msg FileWhere(const std::string& org, std::int64_t item, const std::string& name, Msg why) {
  return Msg("organization '{org}', item {id}, attached file '{name}': {why}",
             {{"org", org}, {"id", item}, {"name", name}, {"why", std::move(why)}});
}

}  // namespace

Status CompareAttachments(AttachmentStore& store, const std::string& org, const std::vector<RecordedAttachment>& recorded) {
  DOCKET_ASSIGN_OR_RETURN(std::vector<AttachmentLink> links, store.ListOrgAttachments(org));
  if (links.empty() && recorded.empty()) return Status::Ok();
  std::map<std::int64_t, const RecordedAttachment*> by_seq;
  for (const RecordedAttachment& r : recorded) by_seq[r.seq] = &r;
  std::set<std::int64_t> stored;
  std::set<std::string> hashed;
  for (const AttachmentLink& link : links) {
    auto bad = [&](Msg why) { return Status::Integrity(FileWhere(org, link.item, link.name, std::move(why))); };
    auto found = by_seq.find(link.seq);
    if (found == by_seq.end()) {
      return bad(Msg("stored, but no attachment entry {seq} records it (added without attaching?)", {{"seq", link.seq}}));
    }
    const AttachFact& f = found->second->fact;
    if (f.item != link.item || f.hash != link.hash || f.name != link.name || f.size != link.size || f.type != link.type) {
      return bad(Msg("stored as {hash} ({size} bytes, {type}) but its attachment entry {seq} records '{logged_name}' of item {logged_item}, {logged_hash} ({logged_size} bytes, {logged_type}) (changed?)",
                     {{"hash", link.hash},
                      {"size", link.size},
                      {"type", link.type},
                      {"seq", link.seq},
                      {"logged_name", f.name},
                      {"logged_item", f.item},
                      {"logged_hash", f.hash},
                      {"logged_size", f.size},
                      {"logged_type", f.type}}));
    }
    stored.insert(link.seq);
    if (!hashed.insert(link.hash).second) continue;
    DOCKET_ASSIGN_OR_RETURN(std::optional<std::string> bytes, store.GetAttachmentBytes(link.hash));
    if (!bytes) return bad(Msg("its bytes {hash} are missing (removed?)", {{"hash", link.hash}}));
    if (static_cast<std::int64_t>(bytes->size()) != link.size || Sha256Hex(*bytes) != link.hash) {
      return bad(Msg("its stored bytes ({size} bytes) no longer hash to {hash}, which its attachment entry {seq} records (changed?)",
                     {{"size", static_cast<std::int64_t>(bytes->size())}, {"hash", link.hash}, {"seq", link.seq}}));
    }
  }
  for (const RecordedAttachment& r : recorded) {
    if (stored.count(r.seq) == 0) {
      return Status::Integrity(FileWhere(org, r.fact.item, r.fact.name,
                                         Msg("recorded by attachment entry {seq} but not stored (removed?)", {{"seq", r.seq}})));
    }
  }
  return Status::Ok();
}

}  // namespace docket
