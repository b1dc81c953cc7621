// `docket audit export --tree` and `docket audit verify --file A --file B ...`: a
// district's chains, one file each, and many export files checked at once.
#pragma once

#include <string>
#include <vector>

#include "cli/cli.h"

namespace docket::cli {

// Exports `org` and every organization below it into the folder `dir`.
Status RunExportTree(Context& ctx, const std::string& org, const std::string& dir, bool force);
// Verifies each of `files` offline, side by side on the CPUs.
Status RunVerifyFiles(Context& ctx, const std::vector<std::string>& files);

}  // namespace docket::cli
