// Fuzz target (b): the organization file loader.
#include <string>
#include <string_view>
#include <vector>

#include "definition/org_loader.h"
#include "fuzz_check.h"

namespace docket_fuzz {

int Org(const std::uint8_t* data, std::size_t size) {
  using namespace docket;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<Diagnostic> diags;
  OrgFile file = ParseOrgFile(text, "fuzz-org.yaml", &diags);
  if (!HasErrors(diags)) {
    // Ids are documented as unique and non-empty in an accepted file.
    for (size_t i = 0; i < file.orgs.size(); ++i) {
      DOCKET_FUZZ_CHECK(!file.orgs[i].id.empty(), "organization id");
      for (size_t j = i + 1; j < file.orgs.size(); ++j) {
        DOCKET_FUZZ_CHECK(file.orgs[i].id != file.orgs[j].id, "organization ids are unique");
      }
    }
    for (size_t i = 0; i < file.people.size(); ++i) {
      DOCKET_FUZZ_CHECK(!file.people[i].id.empty(), "person id");
      for (size_t j = i + 1; j < file.people.size(); ++j) {
        DOCKET_FUZZ_CHECK(file.people[i].id != file.people[j].id, "person ids are unique");
      }
    }
  }
  return 0;
}

}  // namespace docket_fuzz

DOCKET_FUZZ_ENTRY(Org)
