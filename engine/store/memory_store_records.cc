// MemoryStore: organizations, people, tables, definitions and the calendar; documents;
// timer firings and notifications. Each write runs in a Transact of its own (joining the
// caller's when there is one), refusing what SqliteStore refuses with the same messages.
#include <algorithm>
#include <set>
#include <utility>

#include "audit/chain.h"
#include "audit/json_value.h"
#include "store/memory_store_internal.h"

namespace docket {
namespace {

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace

Status MemoryStore::UpsertOrg(const Org& org) {
  if (org.id.empty()) return Status::Invalid(Msg("an organization needs an id"));
  nlohmann::json attrs = nlohmann::json::object();
  for (const auto& [k, v] : org.attrs) attrs[k] = v;
  if (!IsValidUtf8Json(attrs)) return Status::Invalid(Msg("attrs of '{org}' not UTF-8", {{"org", org.id}}));
  std::set<std::string> bodies;
  for (const Body& b : org.bodies) {
    // (org, id) is the bodies table's key.
    if (!bodies.insert(b.id).second) {
      return Status::Storage("memory store: upsert organization " + Quoted(org.id) +
                             " failed: UNIQUE constraint failed: bodies.org, bodies.id");
    }
  }
  return Transact([&] {
    db_->Set(db_->orgs, org.id, org);
    return Status::Ok();
  });
}

Result<Org> MemoryStore::GetOrg(const std::string& id) {
  std::lock_guard lock(db_->mu);
  auto it = db_->orgs.find(id);
  if (it == db_->orgs.end()) return Status::NotFound(Msg("no organization '{org}'", {{"org", id}}));
  return it->second;
}

Result<std::vector<Org>> MemoryStore::ListOrgs() {
  std::lock_guard lock(db_->mu);
  std::vector<Org> out;
  for (const auto& [id, org] : db_->orgs) out.push_back(org);
  return out;
}

Status MemoryStore::UpsertPerson(const Person& person) {
  if (person.id.empty()) return Status::Invalid(Msg("a person needs an id"));
  // The grants belong to this person whatever their `person` says; each (org, role) once,
  // in that order, as the person_roles key keeps them.
  std::set<std::pair<std::string, std::string>> grants;
  for (const RoleGrant& g : person.roles) grants.insert({g.org, g.role});
  Person stored;
  stored.id = person.id;
  stored.name = person.name;
  stored.email = person.email;
  for (const auto& [org, role] : grants) stored.roles.push_back({person.id, org, role});
  return Transact([&] {
    db_->Set(db_->people, person.id, std::move(stored));
    return Status::Ok();
  });
}

Result<Person> MemoryStore::GetPerson(const std::string& id) {
  std::lock_guard lock(db_->mu);
  auto it = db_->people.find(id);
  if (it == db_->people.end()) return Status::NotFound(Msg("no person '{person}'", {{"person", id}}));
  return it->second;
}

Result<std::vector<Person>> MemoryStore::ListPeople() {
  std::lock_guard lock(db_->mu);
  std::vector<Person> out;
  for (const auto& [id, person] : db_->people) out.push_back(person);
  return out;
}

Status MemoryStore::PutRoleLabels(const RoleLabels& labels) {
  return Transact([&] {
    for (const auto& [role, l] : labels) db_->Set(db_->role_labels, role, l);
    return Status::Ok();
  });
}

Result<RoleLabels> MemoryStore::GetRoleLabels() {
  std::lock_guard lock(db_->mu);
  return db_->role_labels;
}

Status MemoryStore::PutTable(const std::string& name, const LookupTable& entries) {
  if (name.empty()) return Status::Invalid(Msg("a table needs a name"));
  if (entries.empty()) return Status::Invalid(Msg("table '{table}' has no entries", {{"table", name}}));
  return Transact([&] {
    db_->Set(db_->tables, name, entries);
    return Status::Ok();
  });
}

Result<LookupTable> MemoryStore::GetTable(const std::string& name) {
  std::lock_guard lock(db_->mu);
  auto it = db_->tables.find(name);
  if (it == db_->tables.end()) {
    return Status::NotFound(Msg("no table '{table}' (load it with docket table load FILE)", {{"table", name}}));
  }
  return it->second;
}

Result<std::vector<std::string>> MemoryStore::ListTables() {
  std::lock_guard lock(db_->mu);
  std::vector<std::string> out;
  for (const auto& [name, table] : db_->tables) out.push_back(name);
  return out;
}

Result<bool> MemoryStore::PutDefinition(const DefinitionRecord& def) {
  if (def.workflow.empty()) return Status::Invalid(Msg("a definition needs a workflow id"));
  return PutVersioned(def, /*report=*/false);
}

Result<bool> MemoryStore::PutReportDefinition(const DefinitionRecord& def) {
  if (def.workflow.empty()) return Status::Invalid(Msg("a report definition needs an id"));
  return PutVersioned(def, /*report=*/true);
}

Result<bool> MemoryStore::PutVersioned(const DefinitionRecord& def, bool report) {
  DefinitionRecord rec = def;
  if (rec.content_hash.empty()) rec.content_hash = Sha256Hex(rec.source);
  const Msg what = report ? Msg("report '{id}' version {version}", {{"id", rec.workflow}, {"version", rec.version}})
                          : Msg("workflow '{id}' version {version}", {{"id", rec.workflow}, {"version", rec.version}});
  bool inserted = false;
  Status st = Transact([&]() -> Status {
    auto& versions = report ? db_->report_definitions : db_->definitions;
    auto it = versions.find({rec.workflow, rec.version});
    if (it != versions.end()) {
      const std::string& stored = it->second.content_hash;
      if (stored == rec.content_hash) return Status::Ok();
      return Status::Conflict(
          Msg("{what} is already loaded with different content (stored {stored}…, new {new}…); give the changed definition a new version",
              {{"what", what}, {"stored", stored.substr(0, 12)}, {"new", rec.content_hash.substr(0, 12)}}));
    }
    db_->Set(versions, {rec.workflow, rec.version}, rec);
    inserted = true;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return inserted;
}

Result<DefinitionRecord> MemoryStore::GetDefinition(const std::string& workflow, std::optional<std::int64_t> version) {
  std::lock_guard lock(db_->mu);
  const auto& defs = db_->definitions;
  if (version) {
    auto it = defs.find({workflow, *version});
    if (it == defs.end()) {
      return Status::NotFound(Msg("no version {version} of workflow '{workflow}'", {{"version", *version}, {"workflow", workflow}}));
    }
    return it->second;
  }
  // The last key below (workflow, +inf) is the workflow's latest version, if it is one.
  auto it = defs.upper_bound({workflow, INT64_MAX});
  if (it == defs.begin() || std::prev(it)->first.first != workflow) {
    return Status::NotFound(Msg("no workflow '{workflow}'", {{"workflow", workflow}}));
  }
  return std::prev(it)->second;
}

Result<std::vector<DefinitionRecord>> MemoryStore::ListDefinitions() {
  std::lock_guard lock(db_->mu);
  std::vector<DefinitionRecord> out;
  for (const auto& [key, def] : db_->definitions) out.push_back(def);
  return out;
}

Result<std::optional<DefinitionRecord>> MemoryStore::GetReportDefinition(const std::string& report) {
  std::lock_guard lock(db_->mu);
  const auto& defs = db_->report_definitions;
  auto it = defs.upper_bound({report, INT64_MAX});
  if (it == defs.begin() || std::prev(it)->first.first != report) return std::optional<DefinitionRecord>();
  return std::optional<DefinitionRecord>(std::prev(it)->second);
}

Status MemoryStore::PutCalendar(const std::string& source, const std::string& /*loaded_at: read by nothing*/) {
  return Transact([&] {
    const std::optional<std::string> before = db_->calendar;
    db_->calendar = source;
    db_->Undo([db = db_.get(), before] { db->calendar = before; });
    return Status::Ok();
  });
}

Result<std::optional<std::string>> MemoryStore::GetCalendar() {
  std::lock_guard lock(db_->mu);
  return db_->calendar;
}

Status MemoryStore::PutSetting(const std::string& key, const std::string& value) {
  return Transact([&] {
    db_->Set(db_->settings, key, value);
    return Status::Ok();
  });
}

Result<std::optional<std::string>> MemoryStore::GetSetting(const std::string& key) {
  std::lock_guard lock(db_->mu);
  auto it = db_->settings.find(key);
  return it == db_->settings.end() ? std::optional<std::string>() : std::optional<std::string>(it->second);
}

Status MemoryStore::PutDocument(const std::string& hash, const std::string& content, const std::string&) {
  if (Sha256Hex(content) != hash) return Status::Invalid("a document is kept under the SHA-256 of its content");
  return Transact([&] {
    if (db_->documents.count(hash) == 0) db_->Set(db_->documents, hash, content);
    return Status::Ok();
  });
}

Result<std::optional<std::string>> MemoryStore::GetDocument(const std::string& hash) {
  std::lock_guard lock(db_->mu);
  auto it = db_->documents.find(hash);
  if (it == db_->documents.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

Result<bool> MemoryStore::ClaimFiring(const TimerFiring& f) {
  if (f.key.empty() || f.org.empty()) return Status::Invalid(Msg("a timer firing needs a key and an organization"));
  bool claimed = false;
  Status st = Transact([&] {
    if (db_->firings.count(f.key) != 0) return Status::Ok();
    db_->Set(db_->firings, f.key, f);
    claimed = true;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return claimed;
}

Result<std::optional<TimerFiring>> MemoryStore::GetFiring(const std::string& key) {
  std::lock_guard lock(db_->mu);
  auto it = db_->firings.find(key);
  if (it == db_->firings.end()) return std::optional<TimerFiring>();
  return std::optional<TimerFiring>(it->second);
}

Status MemoryStore::AddNotification(const Notification& n) {
  if (n.person.empty()) return Status::Invalid(Msg("a notification needs a person"));
  return Transact([&] {
    MemoryDatabase& db = *db_;
    Notification stored = n;
    stored.id = ++db.last_notification_id;
    for (Delivery& d : stored.deliveries) {
      d.id = static_cast<std::int64_t>(db.outbox.size()) + 1;
      d.notification = stored.id;
      if (d.next_at.empty()) d.next_at = stored.time;
      db.outbox.push_back(d);
      db.Undo([&db] { db.outbox.pop_back(); });
    }
    stored.deliveries.clear();  // kept in the outbox
    db.notifications.push_back(std::move(stored));
    db.Undo([&db] {
      db.notifications.pop_back();
      --db.last_notification_id;
    });
    return Status::Ok();
  });
}

Result<std::vector<Notification>> MemoryStore::Inbox(const std::string& person, bool unread_only) {
  std::lock_guard lock(db_->mu);
  std::vector<Notification> out;
  for (const Notification& n : db_->notifications) {
    if (n.person == person && !(unread_only && n.read)) out.push_back(n);
  }
  for (Notification& n : out) {
    for (const Delivery& d : db_->outbox) {
      if (d.notification == n.id) n.deliveries.push_back(d);
    }
  }
  return out;
}

Result<std::vector<TimerFiring>> MemoryStore::ListFirings(const std::string& org) {
  std::lock_guard lock(db_->mu);
  std::vector<TimerFiring> out;
  for (const auto& [key, f] : db_->firings) {
    if (f.org == org) out.push_back(f);
  }
  return out;
}

Result<std::vector<Notification>> MemoryStore::ListNotifications(const std::string& org) {
  std::lock_guard lock(db_->mu);
  std::vector<Notification> out;
  for (const Notification& n : db_->notifications) {
    if (n.org == org) out.push_back(n);
  }
  return out;
}

Result<int> MemoryStore::MarkRead(const std::string& person) {
  int changed = 0;
  Status st = Transact([&] {
    MemoryDatabase& db = *db_;
    for (std::size_t i = 0; i < db.notifications.size(); ++i) {
      Notification& n = db.notifications[i];
      if (n.person != person || n.read) continue;
      n.read = true;
      ++changed;
      db.Undo([&db, i] { db.notifications[i].read = false; });
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return changed;
}

Result<std::vector<DueDelivery>> MemoryStore::ClaimDeliveries(const std::string& now, const std::string& hold_until,
                                                              int limit) {
  std::vector<DueDelivery> due;
  Status st = Transact([&] {
    MemoryDatabase& db = *db_;
    std::vector<std::size_t> picked;
    for (std::size_t i = 0; i < db.outbox.size(); ++i) {
      const Delivery& d = db.outbox[i];
      if ((d.status == "pending" || d.status == "retrying") && d.next_at <= now) picked.push_back(i);
    }
    std::stable_sort(picked.begin(), picked.end(),
                     [&db](std::size_t a, std::size_t b) { return db.outbox[a].next_at < db.outbox[b].next_at; });
    if (picked.size() > static_cast<std::size_t>(std::max(limit, 0))) picked.resize(static_cast<std::size_t>(std::max(limit, 0)));
    for (std::size_t i : picked) {
      Delivery& d = db.outbox[i];
      DueDelivery out{d, db.notifications.at(static_cast<std::size_t>(d.notification) - 1)};
      db.Undo([&db, i, before = d.next_at] { db.outbox[i].next_at = before; });
      d.next_at = hold_until;
      due.push_back(std::move(out));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return due;
}

Status MemoryStore::RecordDelivery(const Delivery& d) {
  return Transact([&] {
    MemoryDatabase& db = *db_;
    if (d.id < 1 || static_cast<std::size_t>(d.id) > db.outbox.size()) {
      return Status::NotFound(Msg("no delivery {id}", {{"id", d.id}}));
    }
    Delivery& stored = db.outbox[static_cast<std::size_t>(d.id) - 1];
    db.Undo([&db, i = static_cast<std::size_t>(d.id) - 1, before = stored] { db.outbox[i] = before; });
    const std::int64_t notification = stored.notification;
    stored = d;
    stored.notification = notification;
    return Status::Ok();
  });
}

}  // namespace docket
