// Reading the school calendar file (semesters, holidays, what opens when a semester ends).
// The format is shown by workflows/examples/calendar.yaml and described in docs/WORKFLOWS.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/timer.h"
#include "definition/diagnostic.h"

namespace docket {

// Parses a calendar file; every problem goes to `diags` (with line and column), and the
// result is only meaningful when HasErrors(*diags) is false. Checks dates, that a semester
// ends on or after it starts, that semesters do not overlap, and that ids are unique; the
// workflows and organization kinds of on_semester_end are left to the application.
Calendar ParseCalendarFile(std::string_view yaml_text, const std::string& file,
                           std::vector<Diagnostic>* diags);

}  // namespace docket
