// MemoryStore: what a copy of a whole store reads and writes (app/migrate.h). ImportItem,
// which stores an item as SqliteStore would read it back, is in memory_store_items.cc.
#include "store/memory_store_internal.h"

namespace docket {

Result<std::vector<Notification>> MemoryStore::ListAllNotifications() {
  std::lock_guard lock(db_->mu);
  std::vector<Notification> out = db_->notifications;
  for (Notification& n : out) {
    for (const Delivery& d : db_->outbox) {
      if (d.notification == n.id) n.deliveries.push_back(d);
    }
  }
  return out;
}

Status MemoryStore::ImportNotification(const Notification& n) {
  if (n.person.empty()) return Status::Invalid(Msg("a notification needs a person"));
  return Transact([&] {
    MemoryDatabase& db = *db_;
    if (n.id <= db.last_notification_id) {
      return Status::Conflict(Msg("notification {id} is already stored", {{"id", n.id}}));
    }
    for (const Delivery& d : n.deliveries) {
      // A delivery's id is its place in the outbox + 1, so ids come without gaps.
      if (d.id != static_cast<std::int64_t>(db.outbox.size()) + 1) {
        return Status::Invalid(Msg("delivery {id} does not follow delivery {last}",
                                   {{"id", d.id}, {"last", static_cast<std::int64_t>(db.outbox.size())}}));
      }
      const std::size_t before = db.outbox.size();
      db.outbox.push_back(d);
      db.outbox.back().notification = n.id;
      db.Undo([&db, before] { db.outbox.resize(before); });
    }
    Notification stored = n;
    stored.deliveries.clear();  // kept in the outbox
    const std::int64_t last = db.last_notification_id;
    db.notifications.push_back(std::move(stored));
    db.last_notification_id = n.id;
    db.Undo([&db, last] {
      db.notifications.pop_back();
      db.last_notification_id = last;
    });
    return Status::Ok();
  });
}

Result<std::vector<DefinitionRecord>> MemoryStore::ListReportDefinitions() {
  std::lock_guard lock(db_->mu);
  std::vector<DefinitionRecord> out;
  for (const auto& [key, def] : db_->report_definitions) out.push_back(def);
  return out;
}

Result<std::map<std::string, std::string>> MemoryStore::ListSettings() {
  std::lock_guard lock(db_->mu);
  return db_->settings;
}

Result<std::vector<StoredDocument>> MemoryStore::ListDocuments() {
  std::lock_guard lock(db_->mu);
  std::vector<StoredDocument> out;
  for (const auto& [hash, content] : db_->documents) out.push_back(StoredDocument{hash, content, ""});
  return out;
}

Result<std::vector<SignInAttempt>> MemoryStore::ListSignIns() {
  std::lock_guard lock(db_->mu);
  return db_->sign_ins;
}

}  // namespace docket
