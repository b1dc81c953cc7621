// Internal to the report loader: the pieces report_loader.cc and report_sections.cc share.
#pragma once

#include "definition/report_loader.h"
#include "definition/yaml_reader.h"

namespace docket::detail {

// The `sections:` list: each section's kind, workflow, term membership, measures and rows.
// Every problem is reported to `r`; sections with errors are left out.
void ReadSections(YamlReader& r, const YAML::Node& n, ReportDefinition* def);

}  // namespace docket::detail
