// ConfigUseCases: the configuration use cases — loading and listing organizations and
// people, lookup tables, workflow definitions and the calendar, and looking a definition up;
// with the reports of what a load recorded. The configuration entries each load appends
// are described in configuration.cc.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/definition.h"
#include "core/item.h"
#include "core/org.h"
#include "core/status.h"
#include "core/transition.h"
#include "definition/diagnostic.h"
#include "store/store.h"

namespace docket {

class AppContext;
class ReportUseCases;
struct OrgFile;
struct TableFile;

// What a configuration load recorded: whether it changed the configuration, and in how
// many configuration entries (one per organization whose chain records it: a table or
// calendar changed while no organization exists yet is recorded in none, until each
// organization's first load records it).
struct ConfigRecorded {
  bool changed = false;
  int audit_entries = 0;
};

struct OrgLoadReport : ConfigRecorded {
  int orgs = 0;
  int people = 0;
  int roles = 0;
};

struct TableLoadReport : ConfigRecorded {
  std::string table;
  int entries = 0;
};

// The largest roster or decision-matter list CSV an import reads (1 MiB, as a YAML file).
inline constexpr std::size_t kConfigCsvLimit = std::size_t{1} << 20;

struct WorkflowLoadReport {
  std::string workflow;
  std::int64_t version = 0;
  bool added = false;  // false: this exact version was already loaded
  std::vector<Diagnostic> warnings;
};

class ConfigUseCases {
 public:
  // `reports` makes the indexes a newly loaded workflow's reports read by.
  ConfigUseCases(AppContext& ctx, ReportUseCases& reports);

  // Configuration loads. Each writes the configuration and its audit entries in one
  // transaction: a "config-org" entry in the chain of every organization whose record or
  // role holders changed, a "config-table" / "config-calendar" entry in every organization's
  // chain when a table or the calendar changed (docs/AUDIT.md). A load that changes nothing
  // appends nothing; a refused one writes nothing.
  //
  // Each load is run by `actor` (a person, or "" for the local owner) and needs an
  // administrator on a real database (AppContext::Administrator); the entries record who.
  //
  // Organizations and people, from an org file's text. Loading again updates, never
  // duplicates; a person the file lists keeps exactly the roles it gives them (none when it
  // gives none); a parent cycle, in the file or through stored organizations, is refused.
  Result<OrgLoadReport> LoadOrgs(std::string_view yaml_text, const std::string& file, const std::string& actor = "");
  Result<std::vector<Org>> ListOrgs();
  Result<std::vector<Person>> ListPeople();
  // A lookup table (e.g. a decision-matter list) from a table file's text; replaces the
  // table of that name whole. Invalid with every diagnostic when the file has errors.
  Result<TableLoadReport> LoadTable(std::string_view yaml_text, const std::string& file, const std::string& actor = "");
  Result<LookupTable> GetTable(const std::string& name);

  // The roster of organization `org` and the decision-matter list as CSV (Excel's "CSV
  // UTF-8"; definition/config_csv.h gives the columns), converted into the organization
  // file or table file they stand for and loaded through LoadOrgs' and LoadTable's path:
  // the same checks, the same configuration entries, all or nothing. Invalid with every
  // problem at its CSV line and column; TooLarge over kConfigCsvLimit; NotFound for an
  // unknown `org`. A CSV that changes nothing appends nothing (`changed` false).
  Result<OrgLoadReport> ImportRoster(std::string_view csv_text, const std::string& file, const std::string& org,
                                     const std::string& actor = "");
  Result<TableLoadReport> ImportMatterList(std::string_view csv_text, const std::string& file,
                                           const std::string& actor = "");
  // The roster of `org` and the decision-matter list as they are stored, in the CSV shape the
  // imports read (a BOM, CRLF): importing the result again changes nothing. For an
  // administrator of `org` (of every organization for the matter list), as the imports:
  // Forbidden otherwise.
  Result<std::string> ExportRoster(const std::string& org, const std::string& actor = "");
  Result<std::string> ExportMatterList(const std::string& actor = "");

  // Lints and stores a workflow definition. Invalid (with every diagnostic) when it has
  // errors; Conflict when the same id and version were loaded with other content. Then
  // makes the indexes the reports read a term's items by (PrepareReportIndexes), while the
  // workflow's items are few, so that no first report has to build them.
  Result<WorkflowLoadReport> LoadWorkflow(std::string_view yaml_text, const std::string& file, const std::string& actor = "");
  Result<std::vector<DefinitionRecord>> ListWorkflows();
  // The definition of `workflow` at `version` (latest when empty), parsed and cached.
  Result<std::shared_ptr<const Definition>> GetDefinition(const std::string& workflow,
                                                          std::optional<std::int64_t> version);
  // The definition whose labels show an item's values (AppContext::LabelsDefinition).
  Result<std::shared_ptr<const Definition>> LabelsDefinition(const std::string& workflow, std::int64_t version);

  // Checks and stores the school calendar (Invalid with every diagnostic); `recorded`, when
  // given, receives whether it changed the calendar and how many configuration entries it
  // appended.
  Status LoadCalendar(std::string_view yaml_text, const std::string& file, ConfigRecorded* recorded = nullptr,
                      const std::string& actor = "");

 private:
  // ConfigTouchedBy: the configuration (core/config_fields.h) of every organization a load
  // of `file` may change, as stored now: the record of each organization it lists (nothing
  // for one not loaded yet, which goes into `absent`) and the roles its people hold.
  // AppendConfigEntry appends one configuration entry, now, to `org`'s chain.
  // AppendToEveryOrg appends `changes` (when there are any) to every organization's chain
  // and returns how many entries it wrote. AppendSharedConfig records in `org`'s chain the
  // tables and the calendar in force, each from null (for an organization's first load).
  // A load's source: the file it read and who ran it (AppContext::Administrator).
  struct LoadSource {
    std::string file;
    std::string actor;
  };
  Result<std::map<std::string, FieldMap>> ConfigTouchedBy(const OrgFile& file, std::set<std::string>* absent);
  Status AppendConfigEntry(const std::string& org, std::string_view action, std::vector<FieldChange> changes,
                           const LoadSource& source);
  Result<int> AppendToEveryOrg(std::string_view action, const std::vector<FieldChange>& changes,
                               const LoadSource& source);
  Result<int> AppendSharedConfig(const std::string& org, const LoadSource& source);
  // DropUnlistedRoles: a person the file does not list loses the roles they held in the
  // organizations it declares (their history stays). CheckNoParentCycle: Invalid when an
  // organization of the file is above itself once the file is stored.
  Status DropUnlistedRoles(const OrgFile& file);
  // The loads once the file is parsed (the YAML's and the CSV's).
  Result<OrgLoadReport> LoadOrgFile(const OrgFile& parsed, const std::string& file, const std::string& actor);
  Result<TableLoadReport> LoadTableFile(const TableFile& parsed, const std::string& file, const std::string& actor);
  Status CheckNoParentCycle(const OrgFile& file, const std::string& path);
  // The configuration `org`'s chain records through its entries of `action`.
  Result<FieldMap> RecordedConfig(const std::string& org, std::string_view action);

  AppContext& ctx_;
  ReportUseCases& reports_;
};

}  // namespace docket
