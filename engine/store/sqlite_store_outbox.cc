// SqliteStore: the outbox of notifications (schemas/sql/013_outbox.sql).
#include <map>

#include <SQLiteCpp/SQLiteCpp.h>

#include "audit/json_value.h"
#include "store/sqlite_store_internal.h"

namespace docket {
namespace {

constexpr const char* kDeliveryColumns =
    "o.id, o.notification, o.channel, o.address, o.status, o.attempts, o.last_error, o.next_at, o.done_at";

// The first columns of a row of kDeliveryColumns.
Delivery ReadDelivery(SQLite::Statement& q) {
  Delivery d;
  d.id = q.getColumn(0).getInt64();
  d.notification = q.getColumn(1).getInt64();
  d.channel = q.getColumn(2).getString();
  d.address = q.getColumn(3).getString();
  d.status = q.getColumn(4).getString();
  d.attempts = q.getColumn(5).getInt();
  d.last_error = q.getColumn(6).getString();
  d.next_at = q.getColumn(7).getString();
  d.done_at = q.getColumn(8).getString();
  return d;
}

}  // namespace

void SqliteStore::InsertDeliveries(std::int64_t id, const Notification& n) {
  if (n.deliveries.empty()) return;
  Lease q(*this,
          "INSERT INTO outbox(notification, channel, address, status, attempts, last_error, next_at, done_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (const Delivery& d : n.deliveries) {
    q->reset();
    q->bind(1, static_cast<int64_t>(id));
    q->bind(2, d.channel);
    q->bind(3, d.address);
    q->bind(4, d.status);
    q->bind(5, d.attempts);
    q->bind(6, d.last_error);
    q->bind(7, d.next_at.empty() ? n.time : d.next_at);
    q->bind(8, d.done_at);
    q->exec();
  }
}

void SqliteStore::AttachDeliveries(std::vector<Notification>& list) {
  if (list.empty()) return;
  std::map<std::int64_t, Notification*> by_id;
  for (Notification& n : list) by_id[n.id] = &n;
  Lease q(*this, std::string("SELECT ") + kDeliveryColumns +
                     " FROM outbox o WHERE o.notification BETWEEN ? AND ? ORDER BY o.id");
  q->bind(1, static_cast<int64_t>(by_id.begin()->first));
  q->bind(2, static_cast<int64_t>(by_id.rbegin()->first));
  while (q->executeStep()) {
    Delivery d = ReadDelivery(*q);
    auto it = by_id.find(d.notification);
    if (it != by_id.end()) it->second->deliveries.push_back(std::move(d));
  }
}

Result<std::vector<DueDelivery>> SqliteStore::ClaimDeliveries(const std::string& now, const std::string& hold_until,
                                                             int limit) {
  std::lock_guard lock(mu_);
  Result<std::vector<DueDelivery>> out = std::vector<DueDelivery>();
  Status st = Transact([&] {
    out = Guard(Msg("claim the deliveries due"), [&]() -> Result<std::vector<DueDelivery>> {
      Lease q(*this, std::string("SELECT ") + kDeliveryColumns +
                         ", n.person, n.org, n.item_id, n.time, n.kind, n.firing, n.message"
                         " FROM outbox o JOIN notifications n ON n.id = o.notification"
                         " WHERE o.status IN ('pending', 'retrying') AND o.next_at <= ?"
                         " ORDER BY o.next_at, o.id LIMIT ?");
      q->bind(1, now);
      q->bind(2, limit);
      std::vector<DueDelivery> due;
      while (q->executeStep()) {
        DueDelivery d;
        d.delivery = ReadDelivery(*q);
        Notification& n = d.notification;
        n.id = d.delivery.notification;
        n.person = q->getColumn(9).getString();
        n.org = q->getColumn(10).getString();
        n.item_id = q->getColumn(11).getInt64();
        n.time = q->getColumn(12).getString();
        n.kind = q->getColumn(13).getString();
        n.firing = q->getColumn(14).getString();
        Result<nlohmann::json> j = ParseJson(q->getColumn(15).getString(), Msg("the message of notification {id}", {{"id", n.id}}));
        if (!j.ok()) return Status::Integrity(j.status().msg());
        DOCKET_ASSIGN_OR_RETURN(n.message, LabelsFromJson(*j));
        due.push_back(std::move(d));
      }
      Lease hold(*this, "UPDATE outbox SET next_at=? WHERE id=?");
      for (DueDelivery& d : due) {
        hold->reset();
        hold->bind(1, hold_until);
        hold->bind(2, static_cast<int64_t>(d.delivery.id));
        hold->exec();
      }
      return due;
    });
    return out.status();
  });
  if (!st.ok()) return st;
  return out;
}

Status SqliteStore::RecordDelivery(const Delivery& d) {
  std::lock_guard lock(mu_);
  return Transact([&] {
    return Guard(Msg("record delivery {id}", {{"id", d.id}}), [&]() -> Status {
      Lease q(*this, "UPDATE outbox SET status=?, attempts=?, last_error=?, next_at=?, done_at=? WHERE id=?");
      q->bind(1, d.status);
      q->bind(2, d.attempts);
      q->bind(3, d.last_error);
      q->bind(4, d.next_at);
      q->bind(5, d.done_at);
      q->bind(6, static_cast<int64_t>(d.id));
      if (q->exec() != 1) return Status::NotFound(Msg("no delivery {id}", {{"id", d.id}}));
      return Status::Ok();
    });
  });
}

}  // namespace docket
