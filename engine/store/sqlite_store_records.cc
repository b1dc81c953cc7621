// SqliteStore: organizations, people and their roles, workflow definitions.
#include <utility>

#include "audit/chain.h"
#include "audit/json_value.h"
#include "store/row_text.h"
#include "store/sqlite_store_internal.h"

namespace docket {

namespace {

Org ReadOrg(SQLite::Statement& q, std::map<std::string, std::string> attrs) {
  Org org;
  org.id = q.getColumn(0).getString();
  if (!q.getColumn(1).isNull()) org.parent = q.getColumn(1).getString();
  org.name.zh = q.getColumn(2).getString();
  org.name.en = q.getColumn(3).getString();
  org.kind = q.getColumn(4).getString();
  org.attrs = std::move(attrs);
  org.time_zone = q.getColumn(6).getString();
  return org;
}

// A row of kOrgColumns.
Result<Org> ReadOrgRow(SQLite::Statement& q) {
  const std::string id = q.getColumn(0).getString();
  DOCKET_ASSIGN_OR_RETURN(auto attrs, ParseAttrs(id, q.getColumn(5).getString()));
  Org org = ReadOrg(q, std::move(attrs));
  DOCKET_ASSIGN_OR_RETURN(org.notify, ParseRobots(id, q.getColumn(7).getString()));
  return org;
}

constexpr const char* kOrgColumns = "id, parent, name_zh, name_en, kind, attrs, time_zone, notify";

constexpr const char* kDefColumns = "workflow, version, content_hash, source, loaded_at";

}  // namespace

Status SqliteStore::UpsertOrg(const Org& org) {
  if (org.id.empty()) return Status::Invalid(Msg("an organization needs an id"));
  nlohmann::json attrs = nlohmann::json::object();
  for (const auto& [k, v] : org.attrs) attrs[k] = v;
  if (!IsValidUtf8Json(attrs)) return Status::Invalid(Msg("attrs of '{org}' not UTF-8", {{"org", org.id}}));
  std::lock_guard lock(mu_);
  cache_.Clear();
  return Transact([&] {
    return Guard(Msg("upsert organization '{org}'", {{"org", org.id}}), [&]() -> Status {
      SQLite::Statement q(*db_,
                          "INSERT INTO orgs(id, parent, name_zh, name_en, kind, attrs, time_zone, notify) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                          "parent=excluded.parent, name_zh=excluded.name_zh, "
                          "name_en=excluded.name_en, kind=excluded.kind, attrs=excluded.attrs, "
                          "time_zone=excluded.time_zone, notify=excluded.notify");
      q.bind(1, org.id);
      if (org.parent)
        q.bind(2, *org.parent);
      else
        q.bind(2);
      q.bind(3, org.name.zh);
      q.bind(4, org.name.en);
      q.bind(5, org.kind);
      q.bind(6, DumpJson(attrs));
      q.bind(7, org.time_zone);
      q.bind(8, RobotsText(org.notify));
      q.exec();
      SQLite::Statement del(*db_, "DELETE FROM bodies WHERE org=?");
      del.bind(1, org.id);
      del.exec();
      SQLite::Statement ins(*db_,
                            "INSERT INTO bodies(org, id, position, name_zh, name_en, members, "
                            "attendees) VALUES (?, ?, ?, ?, ?, ?, ?)");
      int position = 0;
      for (const Body& b : org.bodies) {
        ins.reset();
        ins.bind(1, org.id);
        ins.bind(2, b.id);
        ins.bind(3, position++);
        ins.bind(4, b.name.zh);
        ins.bind(5, b.name.en);
        ins.bind(6, DumpJson(nlohmann::json(b.members)));
        ins.bind(7, DumpJson(nlohmann::json(b.attendees)));
        ins.exec();
      }
      return Status::Ok();
    });
  });
}

Result<std::vector<Body>> SqliteStore::BodiesOf(const std::string& org) {
  std::vector<Body> out;
  Lease q_lease(*this,
                "SELECT id, name_zh, name_en, members, attendees FROM bodies WHERE org=? ORDER BY position");
  SQLite::Statement& q = *q_lease;
  q.bind(1, org);
  while (q.executeStep()) {
    Body b;
    b.id = q.getColumn(0).getString();
    b.name.zh = q.getColumn(1).getString();
    b.name.en = q.getColumn(2).getString();
    const std::vector<Msg::Arg> where = {{"body", b.id}, {"org", org}};
    DOCKET_ASSIGN_OR_RETURN(auto members,
                            ReadIdList(q.getColumn(3).getString(), Msg("members of body '{body}' of organization '{org}'", where)));
    DOCKET_ASSIGN_OR_RETURN(auto attendees,
                            ReadIdList(q.getColumn(4).getString(), Msg("attendees of body '{body}' of organization '{org}'", where)));
    b.members = std::move(members);
    b.attendees = std::move(attendees);
    out.push_back(std::move(b));
  }
  return out;
}

Status SqliteStore::PutRoleLabels(const RoleLabels& labels) {
  std::lock_guard lock(mu_);
  cache_.Clear();
  return Transact([&] {
    return Guard(Msg("store role labels"), [&]() -> Status {
      SQLite::Statement q(*db_, "INSERT INTO role_labels(role, labels) VALUES (?, ?) "
                                "ON CONFLICT(role) DO UPDATE SET labels=excluded.labels");
      for (const auto& [role, l] : labels) {
        q.reset();
        q.bind(1, role);
        q.bind(2, DumpJson(LabelsToJson(l)));
        q.exec();
      }
      return Status::Ok();
    });
  });
}

Result<RoleLabels> SqliteStore::GetRoleLabels() {
  std::lock_guard lock(mu_);
  if (depth_ == 0) DOCKET_RETURN_IF_ERROR(RevalidateCache());
  if (cache_.role_labels) return *cache_.role_labels;
  return Guard(Msg("read role labels"), [&]() -> Result<RoleLabels> {
    Lease q_lease(*this, "SELECT role, labels FROM role_labels ORDER BY role");
    SQLite::Statement& q = *q_lease;
    RoleLabels out;
    while (q.executeStep()) {
      const std::string role = q.getColumn(0).getString();
      DOCKET_ASSIGN_OR_RETURN(out[role], ReadRoleLabels(role, q.getColumn(1).getString()));
    }
    cache_.role_labels = out;
    return out;
  });
}

Status SqliteStore::PutTable(const std::string& name, const LookupTable& entries) {
  if (name.empty()) return Status::Invalid(Msg("a table needs a name"));
  if (entries.empty()) return Status::Invalid(Msg("table '{table}' has no entries", {{"table", name}}));
  return Transact([&] {
    return Guard(Msg("store table '{table}'", {{"table", name}}), [&]() -> Status {
      SQLite::Statement del(*db_, "DELETE FROM lookup_tables WHERE name=?");
      del.bind(1, name);
      del.exec();
      SQLite::Statement ins(*db_, "INSERT INTO lookup_tables(name, key, value) VALUES (?, ?, ?)");
      for (const auto& [key, value] : entries) {
        ins.reset();
        ins.bind(1, name);
        ins.bind(2, key);
        ins.bind(3, value);
        ins.exec();
      }
      return Status::Ok();
    });
  });
}

Result<LookupTable> SqliteStore::GetTable(const std::string& name) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read table '{table}'", {{"table", name}}), [&]() -> Result<LookupTable> {
    Lease q_lease(*this, "SELECT key, value FROM lookup_tables WHERE name=?");
    SQLite::Statement& q = *q_lease;
    q.bind(1, name);
    LookupTable out;
    while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getString();
    if (out.empty()) return Status::NotFound(Msg("no table '{table}' (load it with docket table load FILE)", {{"table", name}}));
    return out;
  });
}

Result<std::vector<std::string>> SqliteStore::ListTables() {
  std::lock_guard lock(mu_);
  return Guard(Msg("list tables"), [&]() -> Result<std::vector<std::string>> {
    Lease q_lease(*this, "SELECT DISTINCT name FROM lookup_tables ORDER BY name");
    SQLite::Statement& q = *q_lease;
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
  });
}

Result<Org> SqliteStore::GetOrg(const std::string& id) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read organization '{org}'", {{"org", id}}), [&]() -> Result<Org> {
    Lease q_lease(*this, std::string("SELECT ") + kOrgColumns + " FROM orgs WHERE id=?");
    SQLite::Statement& q = *q_lease;
    q.bind(1, id);
    if (!q.executeStep()) return Status::NotFound(Msg("no organization '{org}'", {{"org", id}}));
    DOCKET_ASSIGN_OR_RETURN(Org org, ReadOrgRow(q));
    DOCKET_ASSIGN_OR_RETURN(auto bodies, BodiesOf(id));
    org.bodies = std::move(bodies);
    return org;
  });
}

Result<std::vector<std::string>> SqliteStore::OrgAncestry(const std::string& org) {
  std::lock_guard lock(mu_);
  if (depth_ == 0) DOCKET_RETURN_IF_ERROR(RevalidateCache());
  if (auto hit = cache_.ancestry.find(org); hit != cache_.ancestry.end()) return hit->second;
  return Guard(Msg("read the organizations above '{org}'", {{"org", org}}), [&]() -> Result<std::vector<std::string>> {
    Lease q_lease(*this,
                  "WITH RECURSIVE up(id, parent, depth) AS ("
                  " SELECT id, parent, 0 FROM orgs WHERE id=?1"
                  " UNION ALL SELECT o.id, o.parent, up.depth+1 FROM up JOIN orgs o ON o.id=up.parent"
                  " WHERE up.depth < ?2)"
                  " SELECT id, parent FROM up ORDER BY depth");
    SQLite::Statement& q = *q_lease;
    q.bind(1, org);
    q.bind(2, static_cast<int>(kMaxOrgDepth));
    std::vector<std::string> out;
    std::optional<std::string> dangling;
    while (q.executeStep()) {
      out.push_back(q.getColumn(0).getString());
      if (q.getColumn(1).isNull()) {
        dangling.reset();
      } else {
        dangling = q.getColumn(1).getString();
      }
    }
    if (out.empty()) return Status::NotFound(Msg("no organization '{org}'", {{"org", org}}));
    // The last stored one names a parent that is not stored (or the depth ran out).
    if (dangling && out.size() < kMaxOrgDepth + 1) out.push_back(*dangling);
    cache_.ancestry[org] = out;
    return out;
  });
}

Result<std::vector<Org>> SqliteStore::ListOrgs() {
  std::lock_guard lock(mu_);
  if (depth_ == 0) DOCKET_RETURN_IF_ERROR(RevalidateCache());
  if (cache_.orgs) return *cache_.orgs;
  return Guard(Msg("list organizations"), [&]() -> Result<std::vector<Org>> {
    std::vector<Org> out;
    Lease q_lease(*this, std::string("SELECT ") + kOrgColumns + " FROM orgs ORDER BY id");
    SQLite::Statement& q = *q_lease;
    while (q.executeStep()) {
      DOCKET_ASSIGN_OR_RETURN(Org org, ReadOrgRow(q));
      out.push_back(std::move(org));
    }
    for (Org& org : out) {
      DOCKET_ASSIGN_OR_RETURN(auto bodies, BodiesOf(org.id));
      org.bodies = std::move(bodies);
    }
    cache_.orgs = out;
    return out;
  });
}

Status SqliteStore::UpsertPerson(const Person& person) {
  if (person.id.empty()) return Status::Invalid(Msg("a person needs an id"));
  std::lock_guard lock(mu_);
  cache_.Clear();
  return Transact([&] {
    return Guard(Msg("upsert person '{person}'", {{"person", person.id}}), [&]() -> Status {
      SQLite::Statement up(*db_,
                           "INSERT INTO people(id, name_zh, name_en, email) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT(id) DO UPDATE SET name_zh=excluded.name_zh, "
                           "name_en=excluded.name_en, email=excluded.email");
      up.bind(1, person.id);
      up.bind(2, person.name.zh);
      up.bind(3, person.name.en);
      up.bind(4, person.email);
      up.exec();
      SQLite::Statement del(*db_, "DELETE FROM person_roles WHERE person=?");
      del.bind(1, person.id);
      del.exec();
      // The grants belong to this person whatever their `person` says.
      SQLite::Statement ins(*db_,
                            "INSERT OR IGNORE INTO person_roles(person, org, role) "
                            "VALUES (?, ?, ?)");
      for (const RoleGrant& g : person.roles) {
        ins.reset();
        ins.bind(1, person.id);
        ins.bind(2, g.org);
        ins.bind(3, g.role);
        ins.exec();
      }
      return Status::Ok();
    });
  });
}

Result<std::vector<RoleGrant>> SqliteStore::RolesOf(const std::string& person) {
  std::vector<RoleGrant> roles;
  Lease q_lease(*this, "SELECT org, role FROM person_roles WHERE person=? ORDER BY org, role");
  SQLite::Statement& q = *q_lease;
  q.bind(1, person);
  while (q.executeStep()) {
    roles.push_back({person, q.getColumn(0).getString(), q.getColumn(1).getString()});
  }
  return roles;
}

Result<Person> SqliteStore::GetPerson(const std::string& id) {
  std::lock_guard lock(mu_);
  if (depth_ == 0) DOCKET_RETURN_IF_ERROR(RevalidateCache());
  if (auto hit = cache_.people.find(id); hit != cache_.people.end()) return hit->second;
  return Guard(Msg("read person '{person}'", {{"person", id}}), [&]() -> Result<Person> {
    Lease q_lease(*this, "SELECT id, name_zh, name_en, email FROM people WHERE id=?");
    SQLite::Statement& q = *q_lease;
    q.bind(1, id);
    if (!q.executeStep()) return Status::NotFound(Msg("no person '{person}'", {{"person", id}}));
    Person p;
    p.id = id;
    p.name.zh = q.getColumn(1).getString();
    p.name.en = q.getColumn(2).getString();
    p.email = q.getColumn(3).getString();
    DOCKET_ASSIGN_OR_RETURN(auto roles, RolesOf(id));
    p.roles = std::move(roles);
    cache_.people[id] = p;
    return p;
  });
}

Result<std::vector<Person>> SqliteStore::ListPeople() {
  std::lock_guard lock(mu_);
  return Guard(Msg("list people"), [&]() -> Result<std::vector<Person>> {
    Lease q(*this, "SELECT id, name_zh, name_en, email FROM people ORDER BY id");
    return ReadPeople(*q);
  });
}

Result<std::vector<Person>> SqliteStore::ListPeopleIn(const std::string& org) {
  std::lock_guard lock(mu_);
  return Guard(Msg("list the people of organization '{org}'", {{"org", org}}), [&]() -> Result<std::vector<Person>> {
    Lease q(*this,
            "SELECT id, name_zh, name_en, email FROM people WHERE id IN (SELECT person FROM person_roles WHERE org=?)"
            " ORDER BY id");
    q->bind(1, org);
    return ReadPeople(*q);
  });
}

Result<std::vector<Person>> SqliteStore::ReadPeople(SQLite::Statement& q) {
  std::vector<Person> out;
  while (q.executeStep()) {
    Person p;
    p.id = q.getColumn(0).getString();
    p.name.zh = q.getColumn(1).getString();
    p.name.en = q.getColumn(2).getString();
    p.email = q.getColumn(3).getString();
    out.push_back(std::move(p));
  }
  for (Person& p : out) {  // after the statement: RolesOf leases its own
    DOCKET_ASSIGN_OR_RETURN(auto roles, RolesOf(p.id));
    p.roles = std::move(roles);
  }
  return out;
}

DefinitionRecord ReadDefinition(SQLite::Statement& q) {
  DefinitionRecord d;
  d.workflow = q.getColumn(0).getString();
  d.version = q.getColumn(1).getInt64();
  d.content_hash = q.getColumn(2).getString();
  d.source = q.getColumn(3).getString();
  d.loaded_at = q.getColumn(4).getString();
  return d;
}

Result<bool> SqliteStore::PutDefinition(const DefinitionRecord& def) {
  if (def.workflow.empty()) return Status::Invalid(Msg("a definition needs a workflow id"));
  return PutVersioned(def, "definitions", "workflow", "workflow");
}

Result<bool> SqliteStore::PutVersioned(const DefinitionRecord& def, const char* table, const char* id_column,
                                       const std::string& kind) {
  DefinitionRecord rec = def;
  if (rec.content_hash.empty()) rec.content_hash = Sha256Hex(rec.source);
  bool inserted = false;
  const Msg what = kind == "report"
                       ? Msg("report '{id}' version {version}", {{"id", rec.workflow}, {"version", rec.version}})
                       : Msg("workflow '{id}' version {version}", {{"id", rec.workflow}, {"version", rec.version}});
  Status st = Transact([&] {
    return Guard(Msg("store {what}", {{"what", what}}), [&]() -> Status {
      SQLite::Statement q(*db_, std::string("SELECT content_hash FROM ") + table + " WHERE " + id_column +
                                    "=? AND version=?");
      q.bind(1, rec.workflow);
      q.bind(2, rec.version);
      if (q.executeStep()) {
        std::string stored = q.getColumn(0).getString();
        if (stored == rec.content_hash) return Status::Ok();
        return Status::Conflict(
            Msg("{what} is already loaded with different content (stored {stored}…, new {new}…); give the changed definition a new version",
                {{"what", what}, {"stored", stored.substr(0, 12)}, {"new", rec.content_hash.substr(0, 12)}}));
      }
      SQLite::Statement ins(*db_, std::string("INSERT INTO ") + table + "(" + id_column +
                                      ", version, content_hash, source, loaded_at) VALUES (?, ?, ?, ?, ?)");
      ins.bind(1, rec.workflow);
      ins.bind(2, rec.version);
      ins.bind(3, rec.content_hash);
      ins.bind(4, rec.source);
      ins.bind(5, rec.loaded_at);
      ins.exec();
      inserted = true;
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  return inserted;
}

Result<DefinitionRecord> SqliteStore::GetDefinition(const std::string& workflow,
                                                    std::optional<std::int64_t> version) {
  std::lock_guard lock(mu_);
  // Every creation asks for the latest version: the statements are prepared once.
  return GuardLazy([&] { return Msg("read workflow '{workflow}'", {{"workflow", workflow}}); }, [&]() -> Result<DefinitionRecord> {
    static const std::string kSelect = std::string("SELECT ") + kDefColumns + " FROM definitions WHERE workflow=?";
    static const std::string kVersion = kSelect + " AND version=?";
    static const std::string kLatest = kSelect + " ORDER BY version DESC LIMIT 1";
    Lease q_lease(*this, version ? kVersion : kLatest);
    SQLite::Statement& q = *q_lease;
    q.bind(1, workflow);
    if (version) q.bind(2, *version);
    if (!q.executeStep()) {
      if (version) {
        return Status::NotFound(Msg("no version {version} of workflow '{workflow}'", {{"version", *version}, {"workflow", workflow}}));
      }
      return Status::NotFound(Msg("no workflow '{workflow}'", {{"workflow", workflow}}));
    }
    return ReadDefinition(q);
  });
}

Result<std::vector<DefinitionRecord>> SqliteStore::ListDefinitions() {
  std::lock_guard lock(mu_);
  return Guard(Msg("list workflows"), [&]() -> Result<std::vector<DefinitionRecord>> {
    std::vector<DefinitionRecord> out;
    SQLite::Statement q(*db_, std::string("SELECT ") + kDefColumns +
                                  " FROM definitions ORDER BY workflow, version");
    while (q.executeStep()) out.push_back(ReadDefinition(q));
    return out;
  });
}

}  // namespace docket
