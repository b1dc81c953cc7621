// A decision's progress (core/progress.h states the rule): the application reads an item's
// children — as now, or rebuilt as of a moment — and rolls up those that are tasks (their
// workflow declares an integer field `progress`). Used by `item show` (through
// Docket::ItemProgress) and by the reports (DocketReportSource::ProgressOf).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "core/definition.h"
#include "core/item.h"
#include "core/progress.h"
#include "core/status.h"

namespace docket {

class AppContext;

// The roll-up over the tasks among `children` (`parent`'s children, in id order).
Result<Progress> ProgressOfChildren(AppContext& ctx, const Item& parent, const std::vector<Item>& children);
// Whether a workflow's progress-bearing fields make it a task: an integer field `progress`.
bool IsTaskWorkflow(const Definition& def);

// The roll-up over item `id`'s children as they are now, or as of `as_of` (history.h).
Result<Progress> ProgressOfItem(AppContext& ctx, std::int64_t id, std::optional<TimePoint> as_of = std::nullopt);

}  // namespace docket
