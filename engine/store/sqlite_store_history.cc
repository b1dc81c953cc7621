// SqliteStore: the audit entries of one item or one organization up to a time, for history
// as of a date (app/history.h). Each reads only the range: an item's entries by audit_item,
// an organization's by audit_org_time; both come back in chain order.
#include "store/sqlite_store_internal.h"

namespace docket {

Status SqliteStore::ForEachAuditEntryUpTo(const AuditRange& range,
                                          const std::function<Status(const AuditEntry&)>& fn) {
  if (range.item_id.has_value() == range.org.has_value()) {
    return Status::Invalid(Msg("an audit range names either one item or one organization"));
  }
  std::lock_guard lock(mu_);
  const Msg op = range.org ? Msg("read audit log of organization '{org}' up to {time}", {{"org", *range.org}, {"time", range.up_to}})
                           : Msg("read audit log of item {id} up to {time}", {{"id", *range.item_id}, {"time", range.up_to}});
  return Guard(op, [&]() -> Status {
    std::string sql = std::string("SELECT ") + kAuditColumns + " FROM audit ";
    if (range.org) {
      // The last entry up to the time, from the index alone (covering), bounds a range of
      // the primary key: the entries past it are never read. Measured on 20 orgs x 20,000
      // entries, this beat both the primary key with a filter (which reads the whole
      // chain: 34 ms against 1 ms for an early time) and the index with a sort (which
      // looks up every row: 630 ms against 540 ms for all 20,000).
      sql += "WHERE org=:key AND seq<=(SELECT MAX(seq) FROM audit INDEXED BY audit_org_time "
             "WHERE org=:key AND time<=:up_to) AND time<=:up_to";
    } else {
      sql += "INDEXED BY audit_item WHERE item_id=:key AND time<=:up_to";
    }
    if (range.workflow) sql += " AND workflow=:workflow";
    sql += " ORDER BY org, seq";
    // Not a cached statement: fn may run other queries while this one steps through rows.
    SQLite::Statement q(*db_, sql);
    if (range.org) {
      q.bind(":key", *range.org);
    } else {
      q.bind(":key", *range.item_id);
    }
    q.bind(":up_to", range.up_to);
    if (range.workflow) q.bind(":workflow", *range.workflow);
    while (q.executeStep()) {
      DOCKET_ASSIGN_OR_RETURN(AuditEntry e, ReadEntry(q));
      DOCKET_RETURN_IF_ERROR(fn(e));
    }
    return Status::Ok();
  });
}

}  // namespace docket
