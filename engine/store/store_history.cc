// Store's default ForEachAuditEntryUpTo: correct for any backend, by filtering what the
// required methods read. A backend with indexes (SqliteStore) overrides it.
#include "store/store.h"

namespace docket {

Status Store::ForEachAuditEntryUpTo(const AuditRange& range,
                                    const std::function<Status(const AuditEntry&)>& fn) {
  if (range.item_id.has_value() == range.org.has_value()) {
    return Status::Invalid(Msg("an audit range names either one item or one organization"));
  }
  auto wanted = [&](const AuditEntry& e) {
    return e.time <= range.up_to && (!range.workflow || e.workflow == *range.workflow);
  };
  if (range.org) {
    return ForEachAuditEntry(*range.org, [&](const AuditEntry& e) {
      return wanted(e) ? fn(e) : Status::Ok();
    });
  }
  DOCKET_ASSIGN_OR_RETURN(std::vector<AuditEntry> entries, ItemHistory(*range.item_id));
  for (const AuditEntry& e : entries) {
    if (wanted(e)) DOCKET_RETURN_IF_ERROR(fn(e));
  }
  return Status::Ok();
}

Result<std::map<std::int64_t, std::vector<AuditEntry>>> Store::ItemHistories(const std::vector<std::int64_t>& items) {
  std::map<std::int64_t, std::vector<AuditEntry>> out;
  for (std::int64_t id : items) {
    if (out.count(id)) continue;
    DOCKET_ASSIGN_OR_RETURN(out[id], ItemHistory(id));
  }
  return out;
}

Result<std::vector<std::string>> Store::OrgAncestry(const std::string& org) {
  DOCKET_ASSIGN_OR_RETURN(auto first, GetOrg(org));
  std::vector<std::string> out{org};
  std::optional<std::string> parent = first.parent;
  while (parent && out.size() < kMaxOrgDepth + 1) {
    out.push_back(*parent);
    auto p = GetOrg(*parent);
    if (!p.ok()) break;
    parent = p->parent;
  }
  return out;
}

}  // namespace docket
