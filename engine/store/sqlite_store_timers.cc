// SqliteStore: timer firings, notifications and the calendar (schemas/sql/002_timers.sql).
#include <SQLiteCpp/SQLiteCpp.h>

#include "audit/json_value.h"
#include "store/row_text.h"
#include "store/sqlite_store_internal.h"

namespace docket {
namespace {

// A stored notification's message: the JSON object of its labels; Integrity otherwise.
TimerFiring ReadFiring(SQLite::Statement& q) {
  TimerFiring f;
  f.key = q.getColumn(0).getString();
  f.org = q.getColumn(1).getString();
  f.item_id = q.getColumn(2).getInt64();
  f.kind = q.getColumn(3).getString();
  f.due_at = q.getColumn(4).getString();
  f.fired_at = q.getColumn(5).getString();
  return f;
}

constexpr const char* kNotificationSelect = "SELECT id, person, org, item_id, time, kind, firing, message, read FROM notifications ";

Result<std::vector<Notification>> ReadNotifications(SQLite::Statement& q);

}  // namespace

Result<bool> SqliteStore::ClaimFiring(const TimerFiring& f) {
  if (f.key.empty() || f.org.empty()) return Status::Invalid(Msg("a timer firing needs a key and an organization"));
  std::lock_guard lock(mu_);
  Result<bool> claimed = false;
  Status st = Transact([&] {
    claimed = Guard(Msg("record timer firing '{key}'", {{"key", f.key}}), [&]() -> Result<bool> {
      Lease q(*this,
              "INSERT OR IGNORE INTO timer_firings(key, org, item_id, kind, due_at, fired_at) "
              "VALUES (?, ?, ?, ?, ?, ?)");
      q->bind(1, f.key);
      q->bind(2, f.org);
      q->bind(3, static_cast<int64_t>(f.item_id));
      q->bind(4, f.kind);
      q->bind(5, f.due_at);
      q->bind(6, f.fired_at);
      return q->exec() == 1;
    });
    return claimed.status();
  });
  if (!st.ok()) return st;
  return claimed;
}

Result<std::optional<TimerFiring>> SqliteStore::GetFiring(const std::string& key) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read timer firing '{key}'", {{"key", key}}), [&]() -> Result<std::optional<TimerFiring>> {
    Lease q(*this, "SELECT key, org, item_id, kind, due_at, fired_at FROM timer_firings WHERE key=?");
    q->bind(1, key);
    if (!q->executeStep()) return std::optional<TimerFiring>();
    return std::optional<TimerFiring>(ReadFiring(*q));
  });
}

Status SqliteStore::AddNotification(const Notification& n) {
  if (n.person.empty()) return Status::Invalid(Msg("a notification needs a person"));
  std::lock_guard lock(mu_);
  return Transact([&] {
    return Guard(Msg("store notification for '{person}'", {{"person", n.person}}), [&]() -> Status {
      Lease q(*this,
              "INSERT INTO notifications(person, org, item_id, time, kind, firing, message, read) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      q->bind(1, n.person);
      q->bind(2, n.org);
      q->bind(3, static_cast<int64_t>(n.item_id));
      q->bind(4, n.time);
      q->bind(5, n.kind);
      q->bind(6, n.firing);
      q->bind(7, DumpJson(LabelsToJson(n.message)));
      q->bind(8, n.read ? 1 : 0);
      q->exec();
      InsertDeliveries(db_->getLastInsertRowid(), n);
      return Status::Ok();
    });
  });
}

Result<std::vector<Notification>> SqliteStore::Inbox(const std::string& person, bool unread_only) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the inbox of '{person}'", {{"person", person}}), [&]() -> Result<std::vector<Notification>> {
    Lease q(*this, std::string(kNotificationSelect) + "WHERE person=?" + (unread_only ? " AND read=0" : "") + " ORDER BY id");
    q->bind(1, person);
    DOCKET_ASSIGN_OR_RETURN(std::vector<Notification> list, ReadNotifications(*q));
    AttachDeliveries(list);
    return list;
  });
}

Result<std::vector<Notification>> SqliteStore::ListNotifications(const std::string& org) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the notifications of organization '{org}'", {{"org", org}}), [&]() -> Result<std::vector<Notification>> {
    Lease q(*this, std::string(kNotificationSelect) + "WHERE org=? ORDER BY id");
    q->bind(1, org);
    return ReadNotifications(*q);
  });
}

Result<std::vector<Notification>> SqliteStore::ListAllNotifications() {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the notifications"), [&]() -> Result<std::vector<Notification>> {
    Lease q(*this, std::string(kNotificationSelect) + "ORDER BY id");
    DOCKET_ASSIGN_OR_RETURN(std::vector<Notification> list, ReadNotifications(*q));
    AttachDeliveries(list);
    return list;
  });
}

Result<std::vector<TimerFiring>> SqliteStore::ListFirings(const std::string& org) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the timer firings of organization '{org}'", {{"org", org}}), [&]() -> Result<std::vector<TimerFiring>> {
    Lease q(*this, "SELECT key, org, item_id, kind, due_at, fired_at FROM timer_firings WHERE org=? ORDER BY key");
    q->bind(1, org);
    std::vector<TimerFiring> out;
    while (q->executeStep()) out.push_back(ReadFiring(*q));
    return out;
  });
}

namespace {

Result<std::vector<Notification>> ReadNotifications(SQLite::Statement& q) {
  std::vector<Notification> out;
  while (q.executeStep()) {
    Notification n;
    n.id = q.getColumn(0).getInt64();
    n.person = q.getColumn(1).getString();
    n.org = q.getColumn(2).getString();
    n.item_id = q.getColumn(3).getInt64();
    n.time = q.getColumn(4).getString();
    n.kind = q.getColumn(5).getString();
    n.firing = q.getColumn(6).getString();
    DOCKET_ASSIGN_OR_RETURN(n.message, ReadMessage(n.id, q.getColumn(7).getString()));
    n.read = q.getColumn(8).getInt() != 0;
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace

Result<int> SqliteStore::MarkRead(const std::string& person) {
  std::lock_guard lock(mu_);
  Result<int> changed = 0;
  Status st = Transact([&] {
    changed = Guard(Msg("mark the inbox of '{person}' read", {{"person", person}}), [&]() -> Result<int> {
      Lease q(*this, "UPDATE notifications SET read=1 WHERE person=? AND read=0");
      q->bind(1, person);
      return q->exec();
    });
    return changed.status();
  });
  if (!st.ok()) return st;
  return changed;
}

Status SqliteStore::PutCalendar(const std::string& source, const std::string& loaded_at) {
  std::lock_guard lock(mu_);
  return Transact([&] {
    return Guard(Msg("store the calendar"), [&]() -> Status {
      Lease q(*this,
              "INSERT INTO calendar(id, source, loaded_at) VALUES (1, ?, ?) "
              "ON CONFLICT(id) DO UPDATE SET source=excluded.source, loaded_at=excluded.loaded_at");
      q->bind(1, source);
      q->bind(2, loaded_at);
      q->exec();
      return Status::Ok();
    });
  });
}

Result<std::optional<std::string>> SqliteStore::GetCalendar() {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the calendar"), [&]() -> Result<std::optional<std::string>> {
    Lease q(*this, "SELECT source FROM calendar WHERE id=1");
    if (!q->executeStep()) return std::optional<std::string>();
    return std::optional<std::string>(q->getColumn(0).getString());
  });
}

Status SqliteStore::PutSetting(const std::string& key, const std::string& value) {
  std::lock_guard lock(mu_);
  return Transact([&] {
    return Guard(Msg("store the setting '{key}'", {{"key", key}}), [&]() -> Status {
      Lease q(*this, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
      q->bind(1, key);
      q->bind(2, value);
      q->exec();
      return Status::Ok();
    });
  });
}

Result<std::optional<std::string>> SqliteStore::GetSetting(const std::string& key) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the setting '{key}'", {{"key", key}}), [&]() -> Result<std::optional<std::string>> {
    Lease q(*this, "SELECT value FROM settings WHERE key=?");
    q->bind(1, key);
    if (!q->executeStep()) return std::optional<std::string>();
    return std::optional<std::string>(q->getColumn(0).getString());
  });
}

}  // namespace docket
