// DirectoryStore: the configuration the engine acts under — organizations with their
// bodies, people with their roles, lookup tables, workflow and report definitions, and the
// calendar.
//
// Contract: every method returns Status/Result and never throws. Upserts and puts replace
// whole records (an org's bodies, a person's roles, a table's entries, the calendar), so a
// reader never sees half of one. Definitions keep every version and never change one: the
// same version comes back with the content it was first stored with.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/org.h"
#include "core/status.h"

namespace docket {

struct DefinitionRecord {
  std::string workflow;
  std::int64_t version = 0;
  std::string content_hash;  // SHA-256 hex of `source`
  std::string source;        // the YAML text as loaded
  std::string loaded_at;     // ISO time
};

class DirectoryStore {
 public:
  virtual ~DirectoryStore() = default;

  // Organizations and people. Upserts never duplicate; UpsertPerson replaces the person's
  // roles, UpsertOrg the org's bodies. GetOrg and ListOrgs return the bodies too.
  virtual Status UpsertOrg(const Org& org) = 0;
  virtual Result<Org> GetOrg(const std::string& id) = 0;
  virtual Result<std::vector<Org>> ListOrgs() = 0;
  // `org` and the organizations above it, nearest first: [org, parent, grandparent, ...],
  // at most kMaxOrgDepth + 1 ids; a parent named but never stored ends the list. NotFound
  // for an unknown org.
  virtual Result<std::vector<std::string>> OrgAncestry(const std::string& org) = 0;
  virtual Status UpsertPerson(const Person& person) = 0;
  virtual Result<Person> GetPerson(const std::string& id) = 0;  // with roles
  virtual Result<std::vector<Person>> ListPeople() = 0;          // with roles
  // The people holding a role in `org`, with all their roles, in id order (one school's
  // people without reading the district's). By default ListPeople filtered.
  virtual Result<std::vector<Person>> ListPeopleIn(const std::string& org) {
    DOCKET_ASSIGN_OR_RETURN(std::vector<Person> all, ListPeople());
    std::erase_if(all, [&](const Person& p) {
      return std::none_of(p.roles.begin(), p.roles.end(), [&](const RoleGrant& g) { return g.org == org; });
    });
    return all;
  }

  // The labels organization files give roles (role id -> {zh, en}). PutRoleLabels sets the
  // labels of the roles it names and keeps the others; GetRoleLabels returns every one.
  virtual Status PutRoleLabels(const RoleLabels& labels) = 0;
  virtual Result<RoleLabels> GetRoleLabels() = 0;

  // Named lookup tables (a decision-matter list: category -> body). PutTable replaces the
  // table whole (Invalid when it has no entries); GetTable is NotFound for one never loaded.
  // ListTables: the names of the loaded tables, in byte order.
  virtual Status PutTable(const std::string& name, const LookupTable& entries) = 0;
  virtual Result<LookupTable> GetTable(const std::string& name) = 0;
  virtual Result<std::vector<std::string>> ListTables() = 0;

  // Workflow definitions; every version is kept. PutDefinition returns false when the same
  // version with the same content hash is already there, Conflict when its content differs.
  virtual Result<bool> PutDefinition(const DefinitionRecord& def) = 0;
  // The given version, or the latest when `version` is empty.
  virtual Result<DefinitionRecord> GetDefinition(const std::string& workflow,
                                                 std::optional<std::int64_t> version) = 0;
  virtual Result<std::vector<DefinitionRecord>> ListDefinitions() = 0;  // every version

  // Report definitions keep every version, as workflows do: PutReportDefinition returns
  // false when that version is already there with the same content, Conflict when with
  // other content; GetReportDefinition gives the latest version (nullopt when none was
  // loaded).
  virtual Result<bool> PutReportDefinition(const DefinitionRecord& def) = 0;
  virtual Result<std::optional<DefinitionRecord>> GetReportDefinition(const std::string& report) = 0;
  virtual Result<std::vector<DefinitionRecord>> ListReportDefinitions() = 0;  // every version

  // The calendar file's text as last loaded, or nullopt when none was.
  virtual Status PutCalendar(const std::string& source, const std::string& loaded_at) = 0;
  virtual Result<std::optional<std::string>> GetCalendar() = 0;

  // Facts about the database itself (the `settings` table), such as its "mode". PutSetting
  // replaces the value of `key`; GetSetting is nullopt for a key never set.
  virtual Status PutSetting(const std::string& key, const std::string& value) = 0;
  virtual Result<std::optional<std::string>> GetSetting(const std::string& key) = 0;
  virtual Result<std::map<std::string, std::string>> ListSettings() = 0;  // every key
};

}  // namespace docket
