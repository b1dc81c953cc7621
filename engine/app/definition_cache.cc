#include "app/definition_cache.h"

#include <map>
#include <mutex>

namespace docket {
namespace {

struct Cache {
  std::mutex mu;
  std::map<std::string, std::shared_ptr<const Definition>, std::less<>> by_hash;
};

Cache& TheCache() {
  static Cache* cache = new Cache();  // never destroyed: no exit-time order to get wrong
  return *cache;
}

}  // namespace

std::shared_ptr<const Definition> CachedDefinition(const std::string& content_hash) {
  Cache& c = TheCache();
  std::lock_guard lock(c.mu);
  auto it = c.by_hash.find(content_hash);
  return it == c.by_hash.end() ? nullptr : it->second;
}

std::shared_ptr<const Definition> KeepDefinition(const std::string& content_hash,
                                                 std::shared_ptr<const Definition> def) {
  Cache& c = TheCache();
  std::lock_guard lock(c.mu);
  return c.by_hash.emplace(content_hash, std::move(def)).first->second;
}

}  // namespace docket
