// Organizations, people and their roles: who may act where.
//
// Organizations form a tree: a supervising organization (a district committee) above
// schools, to any depth. A person holds roles per organization; a role held in an
// organization above an item's organization counts as a role "above" it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/definition.h"

namespace docket {

struct Org {
  std::string id;
  std::optional<std::string> parent;  // the supervising organization
  Labels name;
  std::string kind;                    // free text from the org file, e.g. "committee", "school"
  std::map<std::string, std::string> attrs;  // further settings from the org file
};

struct RoleGrant {
  std::string person;
  std::string org;
  std::string role;
};

struct Person {
  std::string id;
  Labels name;
  std::vector<RoleGrant> roles;
};

}  // namespace docket
