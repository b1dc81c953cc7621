// PgStore: what a copy of a whole store reads and writes (app/migrate.h): items and
// notifications stored with their ids, and the lists no other use reads whole.
// ListAllNotifications is with the other notification reads (pg_store_timers.cc).
#include "audit/json_value.h"
#include "core/clock.h"
#include "store/pg_store_internal.h"
#include "store/record_checks.h"

namespace docket {
namespace {

// Moves the identity of `table`'s id past its largest id, so that a row added later
// draws a new one.
std::string AdvanceIdentity(const std::string& table) {
  return "SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table + "))";
}

}  // namespace

Status PgStore::ImportItem(const Item& item) {
  std::string fields_text;
  DOCKET_RETURN_IF_ERROR(CheckItem(item, &fields_text));
  return InTransaction([&] {
    return Guard(Msg("insert item"), [&]() -> Status {
      if (item.id <= 0 || !Exec("SELECT 1 FROM items WHERE id=$1", item.id).empty()) {
        return Status::Conflict(Msg("{item} is already stored", {{"item", ItemName(item.id)}}));
      }
      std::optional<std::string> parent;
      if (item.parent) parent = std::to_string(*item.parent);
      Exec("INSERT INTO items(id, org, workflow, workflow_version, state, fields, parent, version, created_at, "
           "updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
           item.id, item.org, item.workflow, item.workflow_version, item.state, fields_text, NullableText(parent),
           item.version, FormatTime(item.created_at), FormatTime(item.updated_at));
      Exec(AdvanceIdentity("items"));
      return Status::Ok();
    });
  });
}

Status PgStore::ImportNotification(const Notification& n) {
  if (n.person.empty()) return Status::Invalid(Msg("a notification needs a person"));
  return InTransaction([&] {
    return Guard(Msg("store notification for '{person}'", {{"person", n.person}}), [&]() -> Status {
      Exec("INSERT INTO notifications(id, person, org, item_id, time, kind, firing, message, read) "
           "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
           n.id, n.person, n.org, n.item_id, n.time, n.kind, n.firing, DumpJson(LabelsToJson(n.message)), n.read);
      for (const Delivery& d : n.deliveries) {
        Exec("INSERT INTO outbox(id, notification, channel, address, status, attempts, last_error, next_at, done_at) "
             "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
             d.id, n.id, d.channel, d.address, d.status, d.attempts, d.last_error, d.next_at, d.done_at);
      }
      Exec(AdvanceIdentity("notifications"));
      if (!n.deliveries.empty()) Exec(AdvanceIdentity("outbox"));
      return Status::Ok();
    });
  });
}

Result<std::vector<DefinitionRecord>> PgStore::ListReportDefinitions() {
  std::lock_guard lock(mu_);
  return Guard(Msg("list reports"), [&]() -> Result<std::vector<DefinitionRecord>> {
    std::vector<DefinitionRecord> out;
    for (const auto& r : Exec("SELECT report, version, content_hash, source, loaded_at FROM report_definitions "
                              "ORDER BY report COLLATE \"C\", version")) {
      out.push_back(DefinitionRecord{Text(r[0]), Int(r[1]), Text(r[2]), Text(r[3]), Text(r[4])});
    }
    return out;
  });
}

Result<std::map<std::string, std::string>> PgStore::ListSettings() {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the settings"), [&]() -> Result<std::map<std::string, std::string>> {
    std::map<std::string, std::string> out;
    for (const auto& r : Exec("SELECT key, value FROM settings")) out[Text(r[0])] = Text(r[1]);
    return out;
  });
}

Result<std::vector<StoredDocument>> PgStore::ListDocuments() {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the documents"), [&]() -> Result<std::vector<StoredDocument>> {
    std::vector<StoredDocument> out;
    for (const auto& r : Exec("SELECT hash, content, stored_at FROM documents ORDER BY hash COLLATE \"C\"")) {
      out.push_back(StoredDocument{Text(r[0]), Text(r[1]), Text(r[2])});
    }
    return out;
  });
}

Result<std::vector<SignInAttempt>> PgStore::ListSignIns() {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the sign-in attempts"), [&]() -> Result<std::vector<SignInAttempt>> {
    std::vector<SignInAttempt> out;
    for (const auto& r : Exec("SELECT time, person, address, outcome FROM sign_ins ORDER BY id")) {
      out.push_back(SignInAttempt{Text(r[0]), Text(r[1]), Text(r[2]), Text(r[3])});
    }
    return out;
  });
}

}  // namespace docket
