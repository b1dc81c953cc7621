// ProgressOfChildren, ProgressOfItem (progress.h).
#include "app/progress.h"

#include "app/app_context.h"
#include "app/history.h"

namespace docket {

bool IsTaskWorkflow(const Definition& def) {
  const FieldDef* f = def.FindField(kProgressField);
  return f != nullptr && f->type == FieldType::kInteger;
}

namespace {

// Whether `def` spawns items of a task workflow (its latest loaded definition).
bool SpawnsTasks(AppContext& ctx, const Definition& def) {
  for (const TransitionDef& t : def.transitions) {
    for (const Effect& e : t.effects) {
      if (e.kind != Effect::Kind::kSpawn) continue;
      auto child = ctx.GetDefinition(e.workflow, std::nullopt);
      if (child.ok() && IsTaskWorkflow(**child)) return true;
    }
  }
  return false;
}

}  // namespace

Result<Progress> ProgressOfChildren(AppContext& ctx, const Item& parent, const std::vector<Item>& children) {
  std::vector<TaskProgress> tasks;
  for (const Item& c : children) {
    DOCKET_ASSIGN_OR_RETURN(auto def, ctx.GetDefinition(c.workflow, c.workflow_version));
    if (!IsTaskWorkflow(*def)) continue;
    TaskProgress t;
    t.id = c.id;
    t.workflow = c.workflow;
    t.state = c.state;
    t.finished = def->IsTerminal(c.state);
    auto p = c.fields.find(kProgressField);
    if (p != c.fields.end() && p->second.is_int()) {
      t.reported = true;
      t.percent = ClampPercent(p->second.as_int());
    }
    tasks.push_back(std::move(t));
  }
  Progress p = RollUpProgress(std::move(tasks));
  p.applies = !p.tasks.empty();
  if (!p.applies) {
    DOCKET_ASSIGN_OR_RETURN(auto def, ctx.GetDefinition(parent.workflow, parent.workflow_version));
    p.applies = SpawnsTasks(ctx, *def);
  }
  return p;
}

Result<Progress> ProgressOfItem(AppContext& ctx, std::int64_t id, std::optional<TimePoint> as_of) {
  DOCKET_ASSIGN_OR_RETURN(auto parent, as_of ? ItemAsOf(ctx.store, id, *as_of) : ctx.store.GetItem(id));
  ItemFilter kids;
  kids.parent = id;
  DOCKET_ASSIGN_OR_RETURN(auto children, as_of ? ItemsAsOf(ctx.store, kids, *as_of) : ctx.store.ListItems(kids));
  return ProgressOfChildren(ctx, parent, children);
}

}  // namespace docket
