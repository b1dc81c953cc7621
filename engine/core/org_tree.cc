#include <algorithm>
#include <map>
#include <set>

#include "core/org.h"

namespace docket {

std::vector<const Org*> Subtree(const std::vector<Org>& orgs, const std::string& root) {
  std::map<std::string, std::vector<const Org*>> below;
  const Org* top = nullptr;
  for (const Org& o : orgs) {
    if (o.id == root) top = &o;
    if (o.parent) below[*o.parent].push_back(&o);
  }
  std::vector<const Org*> out;
  if (top == nullptr) return out;
  std::set<std::string> seen{root};
  out.push_back(top);
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (const Org* kid : below[out[i]->id]) {
      if (seen.insert(kid->id).second) out.push_back(kid);
    }
  }
  std::sort(out.begin() + 1, out.end(), [](const Org* a, const Org* b) { return a->id < b->id; });
  return out;
}

}  // namespace docket
