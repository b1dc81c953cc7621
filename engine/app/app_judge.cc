// ItemUseCases::JudgeAction (items.h): an action judged as Act judges it, before it is taken,
// with the fields the person would give it — what ActionsFor cannot say when the answer
// depends on them (R1: the body of the meeting a matter would be scheduled into).
#include "app/app_context.h"
#include "app/items.h"
#include "core/condition.h"
#include "core/transition.h"

namespace docket {

Result<ActionJudgement> ItemUseCases::JudgeAction(const ActRequest& req) {
  DOCKET_ASSIGN_OR_RETURN(Item item, ctx_.store.GetItem(req.item));
  DOCKET_ASSIGN_OR_RETURN(auto def, ctx_.GetDefinition(item.workflow, item.workflow_version));
  // Act's steps in Act's order, each refusal the answer; nothing is written or recorded.
  auto judged = [&]() -> Status {
    if (req.expect_version && *req.expect_version != item.version) {
      return Status::Conflict(Msg("item #{id} is at version {version}, not {expected}: someone changed it first; show it again and retry",
                                  {{"id", item.id}, {"version", item.version}, {"expected", *req.expect_version}}));
    }
    DOCKET_ASSIGN_OR_RETURN(Actor actor, ctx_.ResolveActor(req.actor, item.org));
    DOCKET_ASSIGN_OR_RETURN(FieldMap fields, ctx_.ParseFields(*def, item.org, req.fields));
    DOCKET_ASSIGN_OR_RETURN(ItemFacts facts, ctx_.GatherFacts(*def, item, fields));
    DOCKET_RETURN_IF_ERROR(Apply(*def, item, Request{req.action, actor, fields, ctx_.clock.Now()}, facts).status());
    return ctx_.CheckReferences(*def, item.org, fields);
  }();
  ActionJudgement out;
  if (judged.ok()) return out;
  const Code code = judged.code();
  if (code != Code::kInvalid && code != Code::kForbidden && code != Code::kRefused) return judged;
  out.refusal = judged.msg();
  out.rule = RuleOf(judged.msg());
  out.code = code;
  return out;
}

}  // namespace docket
