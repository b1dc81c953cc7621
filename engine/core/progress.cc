// RollUpProgress (progress.h): the mean over all tasks, rounded down.
#include "core/progress.h"

#include <algorithm>

namespace docket {

int ClampPercent(std::int64_t reported) { return static_cast<int>(std::clamp<std::int64_t>(reported, 0, 100)); }

std::string Progress::PercentText() const { return percent ? std::to_string(*percent) + "%" : "—"; }

Progress RollUpProgress(std::vector<TaskProgress> tasks) {
  Progress p;
  std::int64_t sum = 0;
  for (TaskProgress& t : tasks) {
    t.percent = ClampPercent(t.percent);
    sum += t.percent;
    p.finished += t.finished ? 1 : 0;
  }
  if (!tasks.empty()) p.percent = static_cast<int>(sum / static_cast<std::int64_t>(tasks.size()));
  p.tasks = std::move(tasks);
  return p;
}

}  // namespace docket
