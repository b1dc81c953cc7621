// Reading the organization file (organizations, people, roles) from YAML.
// The format is shown by workflows/examples/org.yaml and described in docs/WORKFLOWS.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/org.h"
#include "definition/diagnostic.h"

namespace docket {

struct OrgFile {
  std::vector<Org> orgs;       // parents before children
  std::vector<Person> people;  // with their role grants
};

// Parses an organization file; every problem goes to `diags` (with line and column), and
// the result is only meaningful when HasErrors(*diags) is false. Checks that ids are unique
// and well-formed; organizations referenced but not declared in the file (a parent, a role's
// organization) are left to the application to find in the database.
OrgFile ParseOrgFile(std::string_view yaml_text, const std::string& file,
                     std::vector<Diagnostic>* diags);

}  // namespace docket
