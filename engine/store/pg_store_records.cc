// PgStore: organizations and their bodies, people and their roles, role labels, lookup
// tables, workflow and report definitions, documents. Text is ordered byte-wise
// (COLLATE "C"), as SQLite orders it, whatever the database's collation.
#include <map>
#include <utility>

#include "audit/chain.h"
#include "audit/json_value.h"
#include "store/pg_store_internal.h"
#include "store/row_text.h"

namespace docket {

namespace {

constexpr const char* kOrgColumns = "id, parent, name_zh, name_en, kind, attrs, time_zone, notify";

Result<Org> ReadOrgRow(const pqxx::row& r) {
  Org org;
  org.id = Text(r[0]);
  if (!r[1].is_null()) org.parent = Text(r[1]);
  org.name.zh = Text(r[2]);
  org.name.en = Text(r[3]);
  org.kind = Text(r[4]);
  DOCKET_ASSIGN_OR_RETURN(org.attrs, ParseAttrs(org.id, Text(r[5])));
  org.time_zone = Text(r[6]);
  DOCKET_ASSIGN_OR_RETURN(org.notify, ParseRobots(org.id, Text(r[7])));
  return org;
}

DefinitionRecord ReadDefinition(const pqxx::row& r) {
  return DefinitionRecord{Text(r[0]), Int(r[1]), Text(r[2]), Text(r[3]), Text(r[4])};
}

Person ReadPersonRow(const pqxx::row& r) {
  Person p;
  p.id = Text(r[0]);
  p.name.zh = Text(r[1]);
  p.name.en = Text(r[2]);
  p.email = Text(r[3]);
  return p;
}

// A body of `org` from a row (id, name_zh, name_en, members, attendees).
Result<Body> ReadBodyRow(const pqxx::row& r, const std::string& org) {
  Body b;
  b.id = Text(r[0]);
  b.name.zh = Text(r[1]);
  b.name.en = Text(r[2]);
  const std::vector<Msg::Arg> where = {{"body", b.id}, {"org", org}};
  DOCKET_ASSIGN_OR_RETURN(b.members, ReadIdList(Text(r[3]), Msg("members of body '{body}' of organization '{org}'", where)));
  DOCKET_ASSIGN_OR_RETURN(b.attendees, ReadIdList(Text(r[4]), Msg("attendees of body '{body}' of organization '{org}'", where)));
  return b;
}

}  // namespace

Status PgStore::UpsertOrg(const Org& org) {
  if (org.id.empty()) return Status::Invalid(Msg("an organization needs an id"));
  nlohmann::json attrs = nlohmann::json::object();
  for (const auto& [k, v] : org.attrs) attrs[k] = v;
  if (!IsValidUtf8Json(attrs)) return Status::Invalid(Msg("attrs of '{org}' not UTF-8", {{"org", org.id}}));
  return InTransaction([&] {
    return Guard(Msg("upsert organization '{org}'", {{"org", org.id}}), [&]() -> Status {
      ForgetDirectory();
      Exec("INSERT INTO orgs(id, parent, name_zh, name_en, kind, attrs, time_zone, notify) "
           "VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT(id) DO UPDATE SET "
           "parent=excluded.parent, name_zh=excluded.name_zh, name_en=excluded.name_en, kind=excluded.kind, "
           "attrs=excluded.attrs, time_zone=excluded.time_zone, notify=excluded.notify",
           org.id, NullableText(org.parent), org.name.zh, org.name.en, org.kind, DumpJson(attrs), org.time_zone,
           RobotsText(org.notify));
      Exec("DELETE FROM bodies WHERE org=$1", org.id);
      int position = 0;
      for (const Body& b : org.bodies) {
        Exec("INSERT INTO bodies(org, id, position, name_zh, name_en, members, attendees) VALUES ($1,$2,$3,$4,$5,$6,$7)",
             org.id, b.id, position++, b.name.zh, b.name.en, DumpJson(nlohmann::json(b.members)),
             DumpJson(nlohmann::json(b.attendees)));
      }
      return Status::Ok();
    });
  });
}

Result<std::vector<Body>> PgStore::BodiesOf(const std::string& org) {
  std::vector<Body> out;
  for (const auto& r : Exec("SELECT id, name_zh, name_en, members, attendees FROM bodies WHERE org=$1 ORDER BY position", org)) {
    DOCKET_ASSIGN_OR_RETURN(Body b, ReadBodyRow(r, org));
    out.push_back(std::move(b));
  }
  return out;
}

Result<Org> PgStore::GetOrg(const std::string& id) {
  std::lock_guard lock(mu_);
  if (Cached()) {
    if (auto hit = cache_.orgs.find(id); hit != cache_.orgs.end()) return hit->second;
  }
  return Guard(Msg("read organization '{org}'", {{"org", id}}), [&]() -> Result<Org> {
    const pqxx::result r = Exec(std::string("SELECT ") + kOrgColumns + " FROM orgs WHERE id=$1", id);
    if (r.empty()) return Status::NotFound(Msg("no organization '{org}'", {{"org", id}}));
    DOCKET_ASSIGN_OR_RETURN(Org org, ReadOrgRow(r[0]));
    DOCKET_ASSIGN_OR_RETURN(org.bodies, BodiesOf(id));
    if (Cached()) cache_.orgs[id] = org;
    return org;
  });
}

Result<std::vector<std::string>> PgStore::OrgAncestry(const std::string& org) {
  std::lock_guard lock(mu_);
  if (Cached()) {
    if (auto hit = cache_.ancestry.find(org); hit != cache_.ancestry.end()) return hit->second;
  }
  return Guard(Msg("read the organizations above '{org}'", {{"org", org}}), [&]() -> Result<std::vector<std::string>> {
    const pqxx::result rows = Exec(
        "WITH RECURSIVE up(id, parent, depth) AS ("
        " SELECT id, parent, 0 FROM orgs WHERE id=$1"
        " UNION ALL SELECT o.id, o.parent, up.depth+1 FROM up JOIN orgs o ON o.id=up.parent"
        " WHERE up.depth < $2)"
        " SELECT id, parent FROM up ORDER BY depth",
        org, static_cast<int>(kMaxOrgDepth));
    if (rows.empty()) return Status::NotFound(Msg("no organization '{org}'", {{"org", org}}));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(Text(r[0]));
    // The last stored one names a parent that is not stored (or the depth ran out).
    const pqxx::row last = rows[rows.size() - 1];
    if (!last[1].is_null() && out.size() < kMaxOrgDepth + 1) out.push_back(Text(last[1]));
    if (Cached()) cache_.ancestry[org] = out;
    return out;
  });
}

Result<std::vector<Org>> PgStore::ListOrgs() {
  std::lock_guard lock(mu_);
  return Guard(Msg("list organizations"), [&]() -> Result<std::vector<Org>> {
    // Every body in one query, not one per organization: every read asks for the whole list
    // (whom a reader's roles cover).
    std::map<std::string, std::vector<Body>> bodies;
    for (const auto& r : Exec("SELECT id, name_zh, name_en, members, attendees, org FROM bodies ORDER BY org, position")) {
      const std::string org = Text(r[5]);
      DOCKET_ASSIGN_OR_RETURN(Body b, ReadBodyRow(r, org));
      bodies[org].push_back(std::move(b));
    }
    std::vector<Org> out;
    for (const auto& r : Exec(std::string("SELECT ") + kOrgColumns + " FROM orgs ORDER BY id COLLATE \"C\"")) {
      DOCKET_ASSIGN_OR_RETURN(Org org, ReadOrgRow(r));
      if (auto it = bodies.find(org.id); it != bodies.end()) org.bodies = std::move(it->second);
      out.push_back(std::move(org));
    }
    return out;
  });
}

Status PgStore::UpsertPerson(const Person& person) {
  if (person.id.empty()) return Status::Invalid(Msg("a person needs an id"));
  return InTransaction([&] {
    return Guard(Msg("upsert person '{person}'", {{"person", person.id}}), [&]() -> Status {
      ForgetDirectory();
      Exec("INSERT INTO people(id, name_zh, name_en, email) VALUES ($1,$2,$3,$4) ON CONFLICT(id) DO UPDATE SET "
           "name_zh=excluded.name_zh, name_en=excluded.name_en, email=excluded.email",
           person.id, person.name.zh, person.name.en, person.email);
      Exec("DELETE FROM person_roles WHERE person=$1", person.id);
      // The grants belong to this person whatever their `person` says.
      for (const RoleGrant& g : person.roles) {
        Exec("INSERT INTO person_roles(person, org, role) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING", person.id, g.org,
             g.role);
      }
      return Status::Ok();
    });
  });
}

Result<Person> PgStore::GetPerson(const std::string& id) {
  std::lock_guard lock(mu_);
  const bool kept = Cached() || FreshOutside();
  if (kept) {
    if (auto hit = cache_.people.find(id); hit != cache_.people.end()) return hit->second;
  }
  return Guard(Msg("read person '{person}'", {{"person", id}}), [&]() -> Result<Person> {
    // The person and their roles in one round trip (every action asks it for its actor).
    const pqxx::result r = Prepared(
        "docket_person", "SELECT p.id, p.name_zh, p.name_en, p.email, r.org, r.role FROM people p"
        " LEFT JOIN person_roles r ON r.person = p.id WHERE p.id=$1"
        " ORDER BY r.org COLLATE \"C\", r.role COLLATE \"C\"",
        id);
    if (r.empty()) return Status::NotFound(Msg("no person '{person}'", {{"person", id}}));
    Person p = ReadPersonRow(r[0]);
    for (const auto& row : r) {
      if (!row[4].is_null()) p.roles.push_back({id, Text(row[4]), Text(row[5])});
    }
    if (kept) cache_.people[id] = p;
    return p;
  });
}

Result<std::vector<Person>> PgStore::ListPeople() {
  std::lock_guard lock(mu_);
  return Guard(Msg("list people"), [&]() -> Result<std::vector<Person>> {
    std::map<std::string, std::vector<RoleGrant>> roles;  // every person's, in one query
    for (const auto& r : Exec("SELECT person, org, role FROM person_roles ORDER BY org COLLATE \"C\", role COLLATE \"C\"")) {
      const std::string person = Text(r[0]);
      roles[person].push_back({person, Text(r[1]), Text(r[2])});
    }
    std::vector<Person> out;
    for (const auto& r : Exec("SELECT id, name_zh, name_en, email FROM people ORDER BY id COLLATE \"C\"")) {
      Person p = ReadPersonRow(r);
      if (auto it = roles.find(p.id); it != roles.end()) p.roles = std::move(it->second);
      out.push_back(std::move(p));
    }
    return out;
  });
}

Status PgStore::PutRoleLabels(const RoleLabels& labels) {
  return InTransaction([&] {
    return Guard(Msg("store role labels"), [&]() -> Status {
      ForgetDirectory();
      for (const auto& [role, l] : labels) {
        Exec("INSERT INTO role_labels(role, labels) VALUES ($1,$2) ON CONFLICT(role) DO UPDATE SET labels=excluded.labels",
             role, DumpJson(LabelsToJson(l)));
      }
      return Status::Ok();
    });
  });
}

Result<RoleLabels> PgStore::GetRoleLabels() {
  std::lock_guard lock(mu_);
  if (Cached() && cache_.role_labels) return *cache_.role_labels;
  return Guard(Msg("read role labels"), [&]() -> Result<RoleLabels> {
    RoleLabels out;
    for (const auto& r : Exec("SELECT role, labels FROM role_labels")) {
      DOCKET_ASSIGN_OR_RETURN(out[Text(r[0])], ReadRoleLabels(Text(r[0]), Text(r[1])));
    }
    if (Cached()) cache_.role_labels = out;
    return out;
  });
}

Status PgStore::PutTable(const std::string& name, const LookupTable& entries) {
  if (name.empty()) return Status::Invalid(Msg("a table needs a name"));
  if (entries.empty()) return Status::Invalid(Msg("table '{table}' has no entries", {{"table", name}}));
  return InTransaction([&] {
    return Guard(Msg("store table '{table}'", {{"table", name}}), [&]() -> Status {
      Exec("DELETE FROM lookup_tables WHERE name=$1", name);
      for (const auto& [key, value] : entries) {
        Exec("INSERT INTO lookup_tables(name, key, value) VALUES ($1,$2,$3)", name, key, value);
      }
      return Status::Ok();
    });
  });
}

Result<LookupTable> PgStore::GetTable(const std::string& name) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read table '{table}'", {{"table", name}}), [&]() -> Result<LookupTable> {
    LookupTable out;
    for (const auto& r : Exec("SELECT key, value FROM lookup_tables WHERE name=$1", name)) out[Text(r[0])] = Text(r[1]);
    if (out.empty()) return Status::NotFound(Msg("no table '{table}' (load it with docket table load FILE)", {{"table", name}}));
    return out;
  });
}

Result<std::vector<std::string>> PgStore::ListTables() {
  std::lock_guard lock(mu_);
  return Guard(Msg("list tables"), [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    for (const auto& r : Exec("SELECT DISTINCT name COLLATE \"C\" FROM lookup_tables ORDER BY 1")) out.push_back(Text(r[0]));
    return out;
  });
}

Result<bool> PgStore::PutDefinition(const DefinitionRecord& def) {
  if (def.workflow.empty()) return Status::Invalid(Msg("a definition needs a workflow id"));
  return PutVersioned(def, "definitions", "workflow", false);
}

Result<bool> PgStore::PutReportDefinition(const DefinitionRecord& def) {
  if (def.workflow.empty()) return Status::Invalid(Msg("a report definition needs an id"));
  return PutVersioned(def, "report_definitions", "report", true);
}

Result<bool> PgStore::PutVersioned(const DefinitionRecord& def, const char* table, const char* id_column, bool report) {
  DefinitionRecord rec = def;
  if (rec.content_hash.empty()) rec.content_hash = Sha256Hex(rec.source);
  bool inserted = false;
  const std::vector<Msg::Arg> args = {{"id", rec.workflow}, {"version", rec.version}};
  const Msg what = report ? Msg("report '{id}' version {version}", args) : Msg("workflow '{id}' version {version}", args);
  Status st = InTransaction([&] {
    return Guard(Msg("store {what}", {{"what", what}}), [&]() -> Status {
      ForgetDirectory();
      // Two loaders at once: the second waits on the first's row, then finds it.
      const pqxx::result added = Exec(std::string("INSERT INTO ") + table + "(" + id_column +
                                          ", version, content_hash, source, loaded_at) VALUES ($1,$2,$3,$4,$5) "
                                          "ON CONFLICT DO NOTHING",
                                      rec.workflow, rec.version, rec.content_hash, rec.source, rec.loaded_at);
      if (added.affected_rows() == 1) {
        inserted = true;
        return Status::Ok();
      }
      const pqxx::result q = Exec(std::string("SELECT content_hash FROM ") + table + " WHERE " + id_column +
                                      "=$1 AND version=$2",
                                  rec.workflow, rec.version);
      const std::string stored = q.empty() ? std::string() : Text(q[0][0]);
      if (stored == rec.content_hash) return Status::Ok();
      return Status::Conflict(
          Msg("{what} is already loaded with different content (stored {stored}…, new {new}…); give the changed definition a new version",
              {{"what", what}, {"stored", stored.substr(0, 12)}, {"new", rec.content_hash.substr(0, 12)}}));
    });
  });
  if (!st.ok()) return st;
  return inserted;
}

Result<DefinitionRecord> PgStore::GetDefinition(const std::string& workflow, std::optional<std::int64_t> version) {
  std::lock_guard lock(mu_);
  if (Cached()) {
    if (!version) {
      if (auto hit = cache_.latest.find(workflow); hit != cache_.latest.end()) return hit->second;
    } else if (auto hit = cache_.versions.find({workflow, *version}); hit != cache_.versions.end()) {
      return hit->second;
    }
  }
  return Guard(Msg("read workflow '{workflow}'", {{"workflow", workflow}}), [&]() -> Result<DefinitionRecord> {
    constexpr const char* kSelect = "SELECT workflow, version, content_hash, source, loaded_at FROM definitions WHERE workflow=$1";
    const pqxx::result r = version ? Exec(std::string(kSelect) + " AND version=$2", workflow, *version)
                                   : Exec(std::string(kSelect) + " ORDER BY version DESC LIMIT 1", workflow);
    if (r.empty()) {
      if (version) {
        return Status::NotFound(Msg("no version {version} of workflow '{workflow}'", {{"version", *version}, {"workflow", workflow}}));
      }
      return Status::NotFound(Msg("no workflow '{workflow}'", {{"workflow", workflow}}));
    }
    DefinitionRecord def = ReadDefinition(r[0]);
    if (Cached()) (version ? cache_.versions[{workflow, *version}] : cache_.latest[workflow]) = def;
    return def;
  });
}

Result<std::vector<DefinitionRecord>> PgStore::ListDefinitions() {
  std::lock_guard lock(mu_);
  return Guard(Msg("list workflows"), [&]() -> Result<std::vector<DefinitionRecord>> {
    std::vector<DefinitionRecord> out;
    for (const auto& r : Exec("SELECT workflow, version, content_hash, source, loaded_at FROM definitions "
                              "ORDER BY workflow COLLATE \"C\", version")) {
      out.push_back(ReadDefinition(r));
    }
    return out;
  });
}

Result<std::optional<DefinitionRecord>> PgStore::GetReportDefinition(const std::string& report) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read report '{report}'", {{"report", report}}), [&]() -> Result<std::optional<DefinitionRecord>> {
    const pqxx::result r = Exec(
        "SELECT report, version, content_hash, source, loaded_at FROM report_definitions WHERE report=$1 "
        "ORDER BY version DESC LIMIT 1",
        report);
    if (r.empty()) return std::optional<DefinitionRecord>();
    return std::optional<DefinitionRecord>(ReadDefinition(r[0]));
  });
}

Status PgStore::PutDocument(const std::string& hash, const std::string& content, const std::string& stored_at) {
  if (Sha256Hex(content) != hash) return Status::Invalid("a document is kept under the SHA-256 of its content");
  return InTransaction([&] {
    return Guard(Msg("keep document {hash}", {{"hash", hash.substr(0, 12)}}), [&]() -> Status {
      Exec("INSERT INTO documents(hash, content, stored_at) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING", hash, content,
           stored_at);
      return Status::Ok();
    });
  });
}

Result<std::optional<std::string>> PgStore::GetDocument(const std::string& hash) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read document {hash}", {{"hash", hash.substr(0, 12)}}), [&]() -> Result<std::optional<std::string>> {
    const pqxx::result r = Exec("SELECT content FROM documents WHERE hash=$1", hash);
    if (r.empty()) return std::optional<std::string>();
    return std::optional<std::string>(Text(r[0][0]));
  });
}

}  // namespace docket
