// PgStore: timer firings, notifications and their outbox, the calendar and settings.
#include <map>

#include "audit/json_value.h"
#include "store/pg_store_internal.h"
#include "store/row_text.h"

namespace docket {
namespace {

constexpr const char* kFiringSelect = "SELECT key, org, item_id, kind, due_at, fired_at FROM timer_firings ";
constexpr const char* kNotificationSelect =
    "SELECT id, person, org, item_id, time, kind, firing, message, read FROM notifications ";
constexpr const char* kDeliveryColumns =
    "o.id, o.notification, o.channel, o.address, o.status, o.attempts, o.last_error, o.next_at, o.done_at";

TimerFiring ReadFiring(const pqxx::row& r) {
  return TimerFiring{Text(r[0]), Text(r[1]), Int(r[2]), Text(r[3]), Text(r[4]), Text(r[5])};
}

// A row of kNotificationSelect's columns from column `at` on, without its deliveries.
Result<Notification> ReadNotification(const pqxx::row& r, int at = 0) {
  Notification n;
  n.id = Int(r[at]);
  n.person = Text(r[at + 1]);
  n.org = Text(r[at + 2]);
  n.item_id = Int(r[at + 3]);
  n.time = Text(r[at + 4]);
  n.kind = Text(r[at + 5]);
  n.firing = Text(r[at + 6]);
  DOCKET_ASSIGN_OR_RETURN(n.message, ReadMessage(n.id, Text(r[at + 7])));
  n.read = r[at + 8].as<bool>();
  return n;
}

Result<std::vector<Notification>> ReadNotifications(const pqxx::result& rows) {
  std::vector<Notification> out;
  for (const auto& r : rows) {
    DOCKET_ASSIGN_OR_RETURN(Notification n, ReadNotification(r));
    out.push_back(std::move(n));
  }
  return out;
}

Delivery ReadDelivery(const pqxx::row& r) {
  Delivery d;
  d.id = Int(r[0]);
  d.notification = Int(r[1]);
  d.channel = Text(r[2]);
  d.address = Text(r[3]);
  d.status = Text(r[4]);
  d.attempts = static_cast<int>(Int(r[5]));
  d.last_error = Text(r[6]);
  d.next_at = Text(r[7]);
  d.done_at = Text(r[8]);
  return d;
}

}  // namespace

Result<bool> PgStore::ClaimFiring(const TimerFiring& f) {
  if (f.key.empty() || f.org.empty()) return Status::Invalid(Msg("a timer firing needs a key and an organization"));
  bool claimed = false;
  Status st = InTransaction([&] {
    return Guard(Msg("record timer firing '{key}'", {{"key", f.key}}), [&]() -> Status {
      // A concurrent claim of the same key waits for this transaction, then inserts nothing.
      claimed = Exec("INSERT INTO timer_firings(key, org, item_id, kind, due_at, fired_at) VALUES ($1,$2,$3,$4,$5,$6) "
                     "ON CONFLICT (key) DO NOTHING",
                     f.key, f.org, f.item_id, f.kind, f.due_at, f.fired_at)
                    .affected_rows() == 1;
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  return claimed;
}

Result<std::optional<TimerFiring>> PgStore::GetFiring(const std::string& key) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read timer firing '{key}'", {{"key", key}}), [&]() -> Result<std::optional<TimerFiring>> {
    const pqxx::result r = Exec(std::string(kFiringSelect) + "WHERE key=$1", key);
    if (r.empty()) return std::optional<TimerFiring>();
    return std::optional<TimerFiring>(ReadFiring(r[0]));
  });
}

Result<std::vector<TimerFiring>> PgStore::ListFirings(const std::string& org) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the timer firings of organization '{org}'", {{"org", org}}), [&]() -> Result<std::vector<TimerFiring>> {
    std::vector<TimerFiring> out;
    for (const auto& r : Exec(std::string(kFiringSelect) + "WHERE org=$1 ORDER BY key COLLATE \"C\"", org)) {
      out.push_back(ReadFiring(r));
    }
    return out;
  });
}

Status PgStore::AddNotification(const Notification& n) {
  if (n.person.empty()) return Status::Invalid(Msg("a notification needs a person"));
  return InTransaction([&] {
    return Guard(Msg("store notification for '{person}'", {{"person", n.person}}), [&]() -> Status {
      const std::int64_t id =
          Exec("INSERT INTO notifications(person, org, item_id, time, kind, firing, message, read) "
               "VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
               n.person, n.org, n.item_id, n.time, n.kind, n.firing, DumpJson(LabelsToJson(n.message)), n.read)[0][0]
              .as<std::int64_t>();
      for (const Delivery& d : n.deliveries) {
        Exec("INSERT INTO outbox(notification, channel, address, status, attempts, last_error, next_at, done_at) "
             "VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
             id, d.channel, d.address, d.status, d.attempts, d.last_error, d.next_at.empty() ? n.time : d.next_at,
             d.done_at);
      }
      return Status::Ok();
    });
  });
}

Status PgStore::AttachDeliveries(std::vector<Notification>& list) {
  if (list.empty()) return Status::Ok();
  std::map<std::int64_t, Notification*> by_id;
  for (Notification& n : list) by_id[n.id] = &n;
  for (const auto& r : Exec(std::string("SELECT ") + kDeliveryColumns +
                                " FROM outbox o WHERE o.notification BETWEEN $1 AND $2 ORDER BY o.id",
                            by_id.begin()->first, by_id.rbegin()->first)) {
    Delivery d = ReadDelivery(r);
    auto it = by_id.find(d.notification);
    if (it != by_id.end()) it->second->deliveries.push_back(std::move(d));
  }
  return Status::Ok();
}

Result<std::vector<Notification>> PgStore::Inbox(const std::string& person, bool unread_only) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the inbox of '{person}'", {{"person", person}}), [&]() -> Result<std::vector<Notification>> {
    DOCKET_ASSIGN_OR_RETURN(
        std::vector<Notification> list,
        ReadNotifications(Exec(std::string(kNotificationSelect) + "WHERE person=$1" + (unread_only ? " AND NOT read" : "") +
                                   " ORDER BY id",
                               person)));
    DOCKET_RETURN_IF_ERROR(AttachDeliveries(list));
    return list;
  });
}

Result<std::vector<Notification>> PgStore::ListNotifications(const std::string& org) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the notifications of organization '{org}'", {{"org", org}}), [&]() -> Result<std::vector<Notification>> {
    return ReadNotifications(Exec(std::string(kNotificationSelect) + "WHERE org=$1 ORDER BY id", org));
  });
}

Result<std::vector<Notification>> PgStore::ListAllNotifications() {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the notifications"), [&]() -> Result<std::vector<Notification>> {
    DOCKET_ASSIGN_OR_RETURN(std::vector<Notification> list,
                            ReadNotifications(Exec(std::string(kNotificationSelect) + "ORDER BY id")));
    DOCKET_RETURN_IF_ERROR(AttachDeliveries(list));
    return list;
  });
}

Result<int> PgStore::MarkRead(const std::string& person) {
  int changed = 0;
  Status st = InTransaction([&] {
    return Guard(Msg("mark the inbox of '{person}' read", {{"person", person}}), [&]() -> Status {
      changed = static_cast<int>(Exec("UPDATE notifications SET read=true WHERE person=$1 AND NOT read", person).affected_rows());
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  return changed;
}

Result<std::vector<DueDelivery>> PgStore::ClaimDeliveries(const std::string& now, const std::string& hold_until, int limit) {
  std::vector<DueDelivery> due;
  Status st = InTransaction([&] {
    return Guard(Msg("claim the deliveries due"), [&]() -> Status {
      const pqxx::result rows = Exec(std::string("SELECT ") + kDeliveryColumns +
                                         ", n.id, n.person, n.org, n.item_id, n.time, n.kind, n.firing, n.message, n.read"
                                         " FROM outbox o JOIN notifications n ON n.id = o.notification"
                                         " WHERE o.status IN ('pending', 'retrying') AND o.next_at <= $1"
                                         " ORDER BY o.next_at COLLATE \"C\", o.id LIMIT $2 FOR UPDATE OF o SKIP LOCKED",
                                     now, limit);
      for (const auto& r : rows) {
        DueDelivery d;
        d.delivery = ReadDelivery(r);
        DOCKET_ASSIGN_OR_RETURN(d.notification, ReadNotification(r, 9));
        d.notification.read = false;
        due.push_back(std::move(d));
      }
      for (const DueDelivery& d : due) Exec("UPDATE outbox SET next_at=$1 WHERE id=$2", hold_until, d.delivery.id);
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  return due;
}

Status PgStore::RecordDelivery(const Delivery& d) {
  return InTransaction([&] {
    return Guard(Msg("record delivery {id}", {{"id", d.id}}), [&]() -> Status {
      const pqxx::result r = Exec("UPDATE outbox SET status=$1, attempts=$2, last_error=$3, next_at=$4, done_at=$5 WHERE id=$6",
                                  d.status, d.attempts, d.last_error, d.next_at, d.done_at, d.id);
      if (r.affected_rows() != 1) return Status::NotFound(Msg("no delivery {id}", {{"id", d.id}}));
      return Status::Ok();
    });
  });
}

Status PgStore::PutCalendar(const std::string& source, const std::string& loaded_at) {
  return InTransaction([&] {
    return Guard(Msg("store the calendar"), [&]() -> Status {
      Exec("INSERT INTO calendar(id, source, loaded_at) VALUES (1, $1, $2) "
           "ON CONFLICT(id) DO UPDATE SET source=excluded.source, loaded_at=excluded.loaded_at",
           source, loaded_at);
      return Status::Ok();
    });
  });
}

Result<std::optional<std::string>> PgStore::GetCalendar() {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the calendar"), [&]() -> Result<std::optional<std::string>> {
    const pqxx::result r = Exec("SELECT source FROM calendar WHERE id=1");
    if (r.empty()) return std::optional<std::string>();
    return std::optional<std::string>(Text(r[0][0]));
  });
}

Status PgStore::PutSetting(const std::string& key, const std::string& value) {
  return InTransaction([&] {
    return Guard(Msg("store the setting '{key}'", {{"key", key}}), [&]() -> Status {
      Exec("INSERT INTO settings(key, value) VALUES ($1, $2) ON CONFLICT(key) DO UPDATE SET value=excluded.value", key,
           value);
      return Status::Ok();
    });
  });
}

Result<std::optional<std::string>> PgStore::GetSetting(const std::string& key) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the setting '{key}'", {{"key", key}}), [&]() -> Result<std::optional<std::string>> {
    const pqxx::result r = Exec("SELECT value FROM settings WHERE key=$1", key);
    if (r.empty()) return std::optional<std::string>();
    return std::optional<std::string>(Text(r[0][0]));
  });
}

}  // namespace docket
