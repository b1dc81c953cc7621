// SqliteStore: what a copy of a whole store reads and writes (app/migrate.h): items and
// notifications stored with their ids, and the lists no other use reads whole.
// ListAllNotifications is with the other notification reads (sqlite_store_timers.cc).
#include <SQLiteCpp/SQLiteCpp.h>

#include "audit/json_value.h"
#include "core/clock.h"
#include "store/record_checks.h"
#include "store/sqlite_store_internal.h"

namespace docket {

Status SqliteStore::ImportItem(const Item& item) {
  std::string fields_text;
  DOCKET_RETURN_IF_ERROR(CheckItem(item, &fields_text));
  return InTransaction([&] {
    return Guard(Msg("insert item"), [&]() -> Status {
      Lease taken(*this, "SELECT 1 FROM items WHERE id=?");
      taken->bind(1, static_cast<int64_t>(item.id));
      if (item.id <= 0 || taken->executeStep()) {
        return Status::Conflict(Msg("{item} is already stored", {{"item", ItemName(item.id)}}));
      }
      // AUTOINCREMENT keeps the largest id ever inserted: InsertItem draws after it.
      Lease q(*this,
              "INSERT INTO items(id, org, workflow, workflow_version, state, fields, parent, version, created_at, "
              "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)");
      q->bind(1, static_cast<int64_t>(item.id));
      q->bind(2, item.org);
      q->bind(3, item.workflow);
      q->bind(4, static_cast<int64_t>(item.workflow_version));
      q->bind(5, item.state);
      q->bind(6, fields_text);
      if (item.parent) {
        q->bind(7, static_cast<int64_t>(*item.parent));
      } else {
        q->bind(7);
      }
      q->bind(8, static_cast<int64_t>(item.version));
      q->bind(9, FormatTime(item.created_at));
      q->bind(10, FormatTime(item.updated_at));
      q->exec();
      cache_.items.erase(item.id);  // read again from the row, like every item not yet read
      return Status::Ok();
    });
  });
}

Status SqliteStore::ImportNotification(const Notification& n) {
  if (n.person.empty()) return Status::Invalid(Msg("a notification needs a person"));
  std::lock_guard lock(mu_);
  return Transact([&] {
    return Guard(Msg("store notification for '{person}'", {{"person", n.person}}), [&]() -> Status {
      Lease q(*this,
              "INSERT INTO notifications(id, person, org, item_id, time, kind, firing, message, read) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      q->bind(1, static_cast<int64_t>(n.id));
      q->bind(2, n.person);
      q->bind(3, n.org);
      q->bind(4, static_cast<int64_t>(n.item_id));
      q->bind(5, n.time);
      q->bind(6, n.kind);
      q->bind(7, n.firing);
      q->bind(8, DumpJson(LabelsToJson(n.message)));
      q->bind(9, n.read ? 1 : 0);
      q->exec();
      Lease d_lease(*this,
                    "INSERT INTO outbox(id, notification, channel, address, status, attempts, last_error, next_at, "
                    "done_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      for (const Delivery& d : n.deliveries) {
        SQLite::Statement& o = *d_lease;
        o.reset();
        o.bind(1, static_cast<int64_t>(d.id));
        o.bind(2, static_cast<int64_t>(n.id));
        o.bind(3, d.channel);
        o.bind(4, d.address);
        o.bind(5, d.status);
        o.bind(6, d.attempts);
        o.bind(7, d.last_error);
        o.bind(8, d.next_at);
        o.bind(9, d.done_at);
        o.exec();
      }
      return Status::Ok();
    });
  });
}

Result<std::vector<DefinitionRecord>> SqliteStore::ListReportDefinitions() {
  std::lock_guard lock(mu_);
  return Guard(Msg("list reports"), [&]() -> Result<std::vector<DefinitionRecord>> {
    std::vector<DefinitionRecord> out;
    SQLite::Statement q(*db_, "SELECT report, version, content_hash, source, loaded_at FROM report_definitions "
                              "ORDER BY report, version");
    while (q.executeStep()) out.push_back(ReadDefinition(q));
    return out;
  });
}

Result<std::map<std::string, std::string>> SqliteStore::ListSettings() {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the settings"), [&]() -> Result<std::map<std::string, std::string>> {
    std::map<std::string, std::string> out;
    SQLite::Statement q(*db_, "SELECT key, value FROM settings");
    while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getString();
    return out;
  });
}

Result<std::vector<StoredDocument>> SqliteStore::ListDocuments() {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the documents"), [&]() -> Result<std::vector<StoredDocument>> {
    std::vector<StoredDocument> out;
    SQLite::Statement q(*db_, "SELECT hash, content, stored_at FROM documents ORDER BY hash");
    while (q.executeStep()) {
      out.push_back(StoredDocument{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString()});
    }
    return out;
  });
}

Result<std::vector<SignInAttempt>> SqliteStore::ListSignIns() {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the sign-in attempts"), [&]() -> Result<std::vector<SignInAttempt>> {
    std::vector<SignInAttempt> out;
    SQLite::Statement q(*db_, "SELECT time, person, address, outcome FROM sign_ins ORDER BY id");
    while (q.executeStep()) {
      out.push_back(SignInAttempt{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                                  q.getColumn(3).getString()});
    }
    return out;
  });
}

}  // namespace docket
