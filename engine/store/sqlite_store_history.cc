// SqliteStore: the audit entries of one item or one organization up to a time, for history
// as of a date (app/history.h). Each reads only the range: an item's entries by audit_item,
// an organization's by a binary search of its chain; both come back in chain order.
#include "store/sqlite_store_internal.h"

namespace docket {

// Each organization's chain moves forward only in time: AppendAudit refuses an entry dated
// before the last one, and `audit verify` reports a chain that goes back. So the entries up
// to a time are a prefix of the chain, and a binary search over the primary key finds its
// last seq in about log2(n) point reads, with no index on time to keep up at every append.
// Reads the first entry at or after each probe, so a gap in the numbering is passed over.
Result<std::int64_t> SqliteStore::LastSeqUpTo(const std::string& org, const std::string& up_to) {
  Lease last_lease(*this, "SELECT MAX(seq) FROM audit WHERE org=?");
  SQLite::Statement& last = *last_lease;
  last.bind(1, org);
  if (!last.executeStep() || last.getColumn(0).isNull()) return std::int64_t{0};
  std::int64_t lo = 0;                                  // 0, or an entry at or before up_to
  std::int64_t hi = last.getColumn(0).getInt64() + 1;  // every entry from hi on is after up_to
  Lease probe_lease(*this, "SELECT seq, time FROM audit WHERE org=? AND seq>=? AND seq<? ORDER BY seq LIMIT 1");
  SQLite::Statement& probe = *probe_lease;
  while (hi - lo > 1) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    probe.reset();
    probe.bind(1, org);
    probe.bind(2, mid);
    probe.bind(3, hi);
    if (probe.executeStep() && probe.getColumn(1).getString() <= up_to) {
      lo = probe.getColumn(0).getInt64();
    } else {
      hi = mid;
    }
  }
  return lo;
}

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
    std::int64_t last_seq = 0;
    if (range.org) {
      DOCKET_ASSIGN_OR_RETURN(last_seq, LastSeqUpTo(*range.org, range.up_to));
      if (last_seq == 0) return Status::Ok();
      sql += "WHERE org=:key AND seq<=:last AND time<=:up_to";
    } else {
      sql += "INDEXED BY audit_item WHERE item_id=:key AND time<=:up_to";
    }
    if (range.workflow) sql += " AND workflow=:workflow";
    sql += " ORDER BY org, seq";
    // Not a cached statement: fn may run other queries while this one steps through rows.
    SQLite::Statement q(*db_, sql);
    if (range.org) {
      q.bind(":key", *range.org);
      q.bind(":last", last_seq);
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
