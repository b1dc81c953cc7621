// Docket::Findings: compliance findings computed from the record (docs/WORKFLOWS.md,
// "Checks"). Not yet evaluating checks: this first version settles the signature that the
// semester report and the roll-up build on.
#include "app/docket.h"

namespace docket {

Result<std::vector<Finding>> Docket::Findings(const std::string& org, const std::optional<std::string>& term,
                                              std::optional<TimePoint> as_of) {
  (void)term;
  (void)as_of;
  auto o = store_.GetOrg(org);
  if (!o.ok()) return Status::NotFound("no organization '" + org + "'");
  return std::vector<Finding>{};
}

}  // namespace docket
