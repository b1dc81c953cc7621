// ItemUseCases: the item use cases — create, act, read, history (as recorded and as of a
// moment), several of them in one transaction (Bulk), and the public listing; with the
// requests and results they take and give.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/definition.h"
#include "core/item.h"
#include "core/message.h"
#include "core/status.h"
#include "store/store.h"

namespace docket {

class AppContext;
class FindingUseCases;

// FIELD=VALUE pairs as typed by a person; parsed against the item's definition.
using FieldTexts = std::vector<std::pair<std::string, std::string>>;

// One published item as anyone may see it: only the fields its workflow publishes.
struct PublicItem {
  Item item;  // fields reduced to the published ones
  std::shared_ptr<const Definition> definition;
  std::shared_ptr<const Definition> labels;  // shows the values (AppContext::LabelsDefinition)
};

struct CreateRequest {
  std::string workflow;
  std::string org;
  std::optional<std::int64_t> parent;
  FieldTexts fields;
  std::string actor;
};

struct ActRequest {
  std::int64_t item = 0;
  std::string action;
  FieldTexts fields;
  std::optional<std::int64_t> expect_version;
  std::string actor;
};

// An item that an action created as a child (a spawn effect): its id, its workflow and the
// version it runs on, and the item it is the child of.
struct SpawnedItem {
  std::int64_t id = 0;
  std::string workflow;
  std::int64_t workflow_version = 0;
  std::int64_t parent = 0;
};

// An action a person may try on an item (ItemUseCases::ActionsFor): its transition's name
// and labels, and the fields it requires with theirs.
struct OfferedField {
  std::string name;
  Labels labels;
  std::string type;                 // FieldTypeName of the field's type
  std::string workflow;             // for a reference (item): the workflow it must be of, "" for any
  std::vector<std::string> values;  // for a choice (enum, ballot, a list of them): the allowed values
};
struct OfferedAction {
  std::string name;
  Labels labels;
  std::vector<OfferedField> required;
  // Set when the action would be refused now whatever the person types (core Judge): the
  // refusal Act would give, in its words, and the rule it names ("" for none).
  std::optional<Msg> blocked;
  std::string blocked_rule;
};

// What Act would answer to an action now, without taking it (ItemUseCases::JudgeAction):
// nothing when it would go through; else the refusal's words, the rule they name ("" for
// none) and its code (Invalid, Forbidden or Refused).
struct ActionJudgement {
  std::optional<Msg> refusal;
  std::string rule;
  Code code = Code::kOk;
};

// The result of an accepted action: the item after it, the audit entry written, and every
// item the action spawned — children of children too — in the order they were created (a
// child comes before its own children, which come before its next sibling).
struct ActResult {
  Item item;
  AuditEntry entry;
  std::vector<SpawnedItem> spawned;
  // The SHA-256 of the report this action derived and kept ($report: a submission), "" when none.
  std::string report_hash;
};

class ItemUseCases {
 public:
  // `findings` answers what a report derived for `$report` reads (report_submit.cc).
  ItemUseCases(AppContext& ctx, FindingUseCases& findings);

  // Creates an item on the latest version of its workflow; records the creation.
  Result<ActResult> CreateItem(const CreateRequest& req);
  // Takes an action on an item in one transaction. A refusal (Invalid, Forbidden, Refused)
  // is returned as the status and recorded in the audit log; nothing else changes.
  Result<ActResult> Act(const ActRequest& req);
  Result<Item> GetItem(std::int64_t id);
  // What `person` may try on `item` now: the transitions from its state whose roles they hold
  // (in its organization or above it), in the workflow's order. Each is judged now as Act
  // would judge it (core Judge, on the facts Act gathers, at the clock's time) before the
  // person types anything: one refused whatever they type is kept, with `blocked` set; a
  // condition on a field still to be typed is left to Act. Empty when the person holds no
  // role there or the state has no transition for them. Writes nothing.
  Result<std::vector<OfferedAction>> ActionsFor(const Item& item, const std::string& person);
  // Whether `req` (its action with its fields, by its actor, on the item's current version)
  // would go through now, judged as Act judges it — the actor's roles, the fields parsed,
  // the conditions on the facts they lead to (a referenced item's state, a table looked up
  // through it), the refusing checks, the references — at the clock's time. Writes and
  // records nothing. A refusal is the judgement (app_judge.cc); a Status only for what is
  // not one (no such item, a store failure).
  Result<ActionJudgement> JudgeAction(const ActRequest& req);
  Result<std::vector<Item>> ListItems(const ItemFilter& filter);
  // Every entry about item `id` in chain order: its own, and the "$attach" entries of the
  // files attached to it (which name no item: audit/attach_entry.h).
  Result<std::vector<AuditEntry>> History(std::int64_t id);
  // History as of a moment (history.h): item `id` as it was at `t`, and the items matching
  // `filter` that existed at `t`, as they were then, rebuilt from the audit log.
  Result<Item> ItemAsOf(std::int64_t id, TimePoint t);
  Result<std::vector<Item>> ItemsAsOf(const ItemFilter& filter, TimePoint t);

  // Runs fn, which makes several CreateItem/Act calls, in one store transaction: one commit
  // (one fsync) for all of them. Each call inside still succeeds or fails on its own (a
  // savepoint), refusals included; a non-ok status from fn undoes everything fn wrote.
  Status Bulk(const std::function<Status()>& fn);

  // The items of `org` that their workflows publish (publish.when is true), newest first,
  // with only the published fields. Needs no actor: publication is for everyone.
  Result<std::vector<PublicItem>> ListPublic(const std::string& org);

 private:
  AppContext& ctx_;
  FindingUseCases& findings_;
};

}  // namespace docket
