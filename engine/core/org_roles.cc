// RoleName, RoleNames (core/org.h): roles by the labels the organization files give them.
#include <utility>

#include "core/org.h"

namespace docket {

Msg RoleName(const RoleLabels& labels, const std::string& role) {
  auto it = labels.find(role);
  return it == labels.end() ? Msg::Literal(role) : Msg::Named(it->second, role);
}

Msg RoleNames(const RoleLabels& labels, const std::vector<std::string>& roles) {
  std::vector<Msg> parts;
  parts.reserve(roles.size());
  for (const std::string& role : roles) parts.push_back(RoleName(labels, role));
  return Msg::Join(std::move(parts), Msg::ListSeparator());
}

}  // namespace docket
