// Reading the organization file (organizations, people, roles) from YAML.
// The format is shown by workflows/examples/org.yaml and described in docs/WORKFLOWS.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"
#include "core/org.h"
#include "definition/diagnostic.h"

namespace docket {

struct OrgFile {
  RoleLabels roles;            // the labels of the roles the file names (`roles:`)
  std::vector<Org> orgs;       // parents before children
  std::vector<Person> people;  // with their role grants
};

// Parses an organization file; every problem goes to `diags` (with line and column), and
// the result is only meaningful when HasErrors(*diags) is false. Checks that ids are unique
// and well-formed; organizations referenced but not declared in the file (a parent, a role's
// organization) are left to the application to find in the database.
OrgFile ParseOrgFile(std::string_view yaml_text, const std::string& file,
                     std::vector<Diagnostic>* diags);

// A named lookup table kept with the organizations' configuration, e.g. a decision-matter
// list (讨论决定事项清单) mapping each category of matter to the body that must decide it:
//   table: decision-matters
//   labels: {zh: ..., en: ...}
//   entries: {major-decision: party-meeting, routine: office-meeting}
struct TableFile {
  std::string name;
  Labels labels;
  LookupTable entries;
};

// Parses a table file; problems go to `diags`, as ParseOrgFile. Keys and values are ids.
TableFile ParseTableFile(std::string_view yaml_text, const std::string& file,
                         std::vector<Diagnostic>* diags);

}  // namespace docket
