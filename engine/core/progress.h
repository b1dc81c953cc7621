// A decision's progress: the roll-up over ALL its execution tasks (issue 13 §2).
//
// The rule, stated once (docs/GUIDE.md "A decision's progress", docs/REPORTS.md):
//   progress = (sum over every task of its last reported progress, 0 when it reported none)
//              / number of tasks, rounded down; no tasks: no progress (shown as "—").
// A task is a child item whose workflow declares an integer field `progress` (the shipped
// `task`). Its last reported progress is that field, held to 0..100. A finished task (in a
// terminal state of its workflow) counts like any other: a closed task passed `complete`,
// which requires 100 %, so it counts 100; a cancelled task counts what it had reached.
// Pure: app/progress.cc reads the children, the report reads it through its source.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace docket {

// The field a task reports its progress in.
inline constexpr const char* kProgressField = "progress";

// One task as the roll-up counts it.
struct TaskProgress {
  std::int64_t id = 0;
  std::string workflow;
  std::string state;
  int percent = 0;        // its last reported progress, 0..100 (0 when none)
  bool reported = false;  // whether it reported any
  bool finished = false;  // in a terminal state of its workflow
};

struct Progress {
  std::vector<TaskProgress> tasks;  // in the order given (the children's id order)
  int finished = 0;                 // how many tasks are finished
  std::optional<int> percent;       // nullopt when there are no tasks
  // Whether the item has a progress at all: its workflow spawns tasks, or it has some (a
  // decision before its tasks are assigned has one, shown as "—"; a meeting has none).
  bool applies = false;

  // "40%", or "—" without tasks.
  std::string PercentText() const;
};

// The roll-up of `tasks` by the rule above.
Progress RollUpProgress(std::vector<TaskProgress> tasks);

// A reported value held to 0..100.
int ClampPercent(std::int64_t reported);

}  // namespace docket
