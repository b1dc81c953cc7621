// ItemUseCases (items.h): create, act, read. Each write is one store transaction that
// reads, decides (core), writes the item and appends the audit entry — or, when the core
// refuses, appends only the refusal.
#include "app/items.h"

#include <algorithm>

#include "app/app_context.h"
#include "app/history.h"
#include "app/report_source.h"
#include "audit/sha256.h"
#include "core/condition.h"
#include "core/transition.h"

namespace docket {
namespace {

bool IsRefusal(const Status& st) {
  return st.code() == Code::kInvalid || st.code() == Code::kForbidden || st.code() == Code::kRefused;
}

}  // namespace

ItemUseCases::ItemUseCases(AppContext& ctx, FindingUseCases& findings) : ctx_(ctx), findings_(findings) {}

Result<ActResult> ItemUseCases::CreateItem(const CreateRequest& req) {
  DOCKET_ASSIGN_OR_RETURN(auto def, ctx_.GetDefinition(req.workflow, std::nullopt));
  if (!ctx_.store.GetOrg(req.org).ok()) return Status::NotFound(Msg("no organization '{org}'", {{"org", req.org}}));
  Status refusal;
  ActResult result;
  Status st = ctx_.store.Transact([&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(const TimePoint now, ctx_.WriteTime(req.org));
    Item blank;
    blank.org = req.org;
    blank.workflow = def->id;
    blank.workflow_version = def->version;
    auto refuse = [&](const Status& why) {
      refusal = why;
      return ctx_.RecordRefusal(blank, req.actor, "create", why);
    };
    auto actor = ctx_.ResolveActor(req.actor, req.org);
    if (!actor.ok()) return actor.status().code() == Code::kForbidden ? refuse(actor.status()) : actor.status();
    if (req.parent) {
      auto parent = ctx_.store.GetItem(*req.parent);
      if (!parent.ok()) return Status::NotFound(Msg("no parent item #{id}", {{"id", *req.parent}}));
      if (parent->org != req.org) {
        return refuse(Status::Invalid(Msg("parent item #{id} belongs to organization '{other}', not to '{org}'",
                                          {{"id", *req.parent}, {"other", parent->org}, {"org", req.org}})));
      }
    }
    auto fields = ctx_.ParseFields(*def, req.org, req.fields);
    if (!fields.ok()) return refuse(fields.status());
    Request core_req{"create", *actor, *fields, now};
    DOCKET_ASSIGN_OR_RETURN(ItemFacts facts, ctx_.CreationFacts(*def, req.org, *fields));
    auto out = Create(*def, req.org, core_req, facts);
    if (!out.ok()) return IsRefusal(out.status()) ? refuse(out.status()) : out.status();
    // References are checked once the actor may act: a refusal names the first thing wrong.
    if (Status refs = ctx_.CheckReferences(*def, req.org, *fields); !refs.ok()) {
      return IsRefusal(refs) ? refuse(refs) : refs;
    }
    if (req.parent) {
      // R12 and the like: a child is one more fact about its parent (app_context.h).
      DOCKET_ASSIGN_OR_RETURN(auto parent, ctx_.store.GetItem(*req.parent));
      if (Status admit = ctx_.AdmitChild(parent, *def, out->item.state, true); !admit.ok()) {
        return IsRefusal(admit) ? refuse(admit) : admit;
      }
    }
    out->item.parent = req.parent;
    return ctx_.WriteOutcome(std::move(out).value(), std::nullopt, req.actor, 0, &result);
  });
  if (!st.ok()) return st;
  if (!refusal.ok()) return refusal;
  ctx_.log->info("created item #{} ({}) in {}", result.item.id, result.item.workflow, result.item.org);
  return result;
}

Result<ActResult> ItemUseCases::Act(const ActRequest& req) {
  if (!ctx_.HasDefinitions()) {
    // The first action of this Docket (every CLI process): the stored definition is read,
    // hashed and parsed before the write lock is taken, not while other writers wait.
    // Inside the transaction the item is read again and its definition found cached.
    if (auto item = ctx_.store.GetItem(req.item); item.ok()) {
      (void)ctx_.GetDefinition(item->workflow, item->workflow_version);
    }
  }
  Status refusal;
  ActResult result;
  // Checked before written (TransactChecked): in a bulk the action needs no savepoint of its
  // own unless a step after its first write may still fail (a report's document, spawns).
  Status st = ctx_.store.TransactChecked([&](bool bare) -> Status {
    // The item's organization, then, where writers do not take turns (PostgreSQL), the item
    // again as it is once its chain is held: the action is judged, or refused on the
    // record, on its current state, and a version another server wrote in between is seen
    // here (412 with If-Match), not only at the compare-and-set (409).
    DOCKET_ASSIGN_OR_RETURN(auto item, ctx_.store.GetItem(req.item));
    DOCKET_ASSIGN_OR_RETURN(const TimePoint now, ctx_.WriteTime(item.org));
    if (!ctx_.store.SerializesWriters()) {
      DOCKET_ASSIGN_OR_RETURN(item, ctx_.store.GetItem(req.item));
    }
    if (req.expect_version && *req.expect_version != item.version) {
      return Status::Conflict(Msg("item #{id} is at version {version}, not {expected}: someone changed it first; show it again and retry",
                                  {{"id", item.id}, {"version", item.version}, {"expected", *req.expect_version}}));
    }
    DOCKET_ASSIGN_OR_RETURN(auto def, ctx_.GetDefinition(item.workflow, item.workflow_version));
    auto refuse = [&](const Status& why) {
      refusal = why;
      return ctx_.RecordRefusal(item, req.actor, req.action, why);
    };
    auto actor = ctx_.ResolveActor(req.actor, item.org);
    if (!actor.ok()) return actor.status().code() == Code::kForbidden ? refuse(actor.status()) : actor.status();
    auto fields = ctx_.ParseFields(*def, item.org, req.fields);
    if (!fields.ok()) return refuse(fields.status());
    DOCKET_ASSIGN_OR_RETURN(auto facts, ctx_.GatherFacts(*def, item, *fields));
    Request core_req{req.action, *actor, *fields, now};
    auto out = Apply(*def, item, core_req, facts);
    if (!out.ok()) return IsRefusal(out.status()) ? refuse(out.status()) : out.status();
    if (Status refs = ctx_.CheckReferences(*def, item.org, *fields); !refs.ok()) {
      return IsRefusal(refs) ? refuse(refs) : refs;
    }
    // $report: once the action is allowed, the report derived for the item is hashed into
    // its field and kept (report_submit.cc).
    DOCKET_ASSIGN_OR_RETURN(auto derived, DeriveReport(ctx_, findings_, *def, item, req.action, now));
    auto write = [&]() -> Status {
      if (derived && !derived->unavailable.empty()) {
        ctx_.log->warn("item #{} {}: no report hash recorded: {}", item.id, req.action,
                       derived->unavailable.English());
      } else if (derived) {
        facts.report_hash = derived->hash;
        out = Apply(*def, item, core_req, facts);
        if (!out.ok()) return out.status();
        DOCKET_RETURN_IF_ERROR(
            ctx_.store.PutDocument(derived->hash, derived->content, FormatTime(now)));
      }
      DOCKET_RETURN_IF_ERROR(ctx_.WriteOutcome(std::move(out).value(), item.version, req.actor, 0, &result));
      if (derived && derived->unavailable.empty()) result.report_hash = derived->hash;
      return Status::Ok();
    };
    const bool fails_after_writing = derived.has_value() || !out->spawns.empty();
    return bare && fails_after_writing ? ctx_.store.Transact(write) : write();
  });
  if (!st.ok()) return st;
  if (!refusal.ok()) return refusal;
  ctx_.log->info("item #{} {} -> {} by {}", result.item.id, req.action, result.item.state, req.actor);
  return result;
}

Result<Item> ItemUseCases::GetItem(std::int64_t id) { return ctx_.store.GetItem(id); }

Result<std::vector<OfferedAction>> ItemUseCases::ActionsFor(const Item& item, const std::string& person) {
  std::vector<OfferedAction> out;
  auto actor = ctx_.ResolveActor(person, item.org);
  if (!actor.ok()) {
    const Code code = actor.status().code();
    if (code == Code::kForbidden || code == Code::kNotFound || code == Code::kInvalid) return out;  // no role there
    return actor.status();
  }
  DOCKET_ASSIGN_OR_RETURN(auto def, ctx_.GetDefinition(item.workflow, item.workflow_version));
  std::optional<ItemFacts> facts;  // what Act would gather, read once for the first action offered
  const TimePoint now = ctx_.clock.Now();
  for (const TransitionDef& t : def->transitions) {
    if (t.name == "create" || !t.AllowedFrom(item.state) || !HoldsRoleFor(t, *actor)) continue;
    OfferedAction offered{t.name, t.labels, {}, std::nullopt, ""};
    for (const std::string& name : t.required) {
      const FieldDef* field = def->FindField(name);
      if (field == nullptr) {
        offered.required.push_back({name, Labels(), FieldTypeName(FieldType::kText), "", {}});
        continue;
      }
      offered.required.push_back({name, field->labels, FieldTypeName(field->type), field->workflow, field->values});
    }
    // A transition with no condition, into a state no refusing check guards, reads no facts:
    // a listing of many items gathers them only for the items that need them.
    bool reads_facts = t.when.has_value();
    for (const CheckDef& c : def->checks) reads_facts = reads_facts || (c.refuse && c.when && c.AppliesIn(t.to));
    if (reads_facts && !facts) {
      DOCKET_ASSIGN_OR_RETURN(auto gathered, ctx_.GatherFacts(*def, item, {}));
      facts = std::move(gathered);
    }
    static const ItemFacts kNoFacts = [] {
      ItemFacts none;
      none.digest = &Sha256Text();
      return none;
    }();
    Status judged = Judge(*def, item, Request{t.name, *actor, {}, now}, facts ? *facts : kNoFacts);
    if (!judged.ok()) {
      if (!IsRefusal(judged)) return judged;
      offered.blocked = judged.msg();
      offered.blocked_rule = RuleOf(judged.msg());
    }
    out.push_back(std::move(offered));
  }
  return out;
}

Result<std::vector<Item>> ItemUseCases::ListItems(const ItemFilter& filter) { return ctx_.store.ListItems(filter); }

Result<std::vector<AuditEntry>> ItemUseCases::History(std::int64_t id) {
  DOCKET_ASSIGN_OR_RETURN(auto item, ctx_.store.GetItem(id));
  DOCKET_ASSIGN_OR_RETURN(std::vector<AuditEntry> entries, ctx_.store.ItemHistory(id));
  DOCKET_ASSIGN_OR_RETURN(std::vector<AttachmentLink> files, ctx_.store.ListAttachments(id));
  if (files.empty()) return entries;
  for (const AttachmentLink& file : files) {
    DOCKET_RETURN_IF_ERROR(ctx_.store.ScanAudit(file.org, file.seq, file.seq, [&](const AuditEntry& e) {
      entries.push_back(e);
      return Status::Ok();
    }));
  }
  // One chain (the item's organization's): its order is the order of seq.
  std::stable_sort(entries.begin(), entries.end(), [](const AuditEntry& a, const AuditEntry& b) { return a.seq < b.seq; });
  return entries;
}

Result<Item> ItemUseCases::ItemAsOf(std::int64_t id, TimePoint t) { return docket::ItemAsOf(ctx_.store, id, t); }

Result<std::vector<Item>> ItemUseCases::ItemsAsOf(const ItemFilter& filter, TimePoint t) {
  return docket::ItemsAsOf(ctx_.store, filter, t);
}

Status ItemUseCases::Bulk(const std::function<Status()>& fn) { return ctx_.store.Transact(fn); }

Result<std::vector<PublicItem>> ItemUseCases::ListPublic(const std::string& org) {
  if (!ctx_.store.GetOrg(org).ok()) return Status::NotFound(Msg("no organization '{org}'", {{"org", org}}));
  ItemFilter filter;
  filter.org = org;
  DOCKET_ASSIGN_OR_RETURN(auto items, ctx_.store.ListItems(filter));
  std::vector<PublicItem> out;
  for (const auto& item : items) {
    DOCKET_ASSIGN_OR_RETURN(auto def, ctx_.GetDefinition(item.workflow, item.workflow_version));
    const auto& pub = def->publish;
    if (!pub) continue;
    auto flag = item.fields.find(pub->flag);
    if (flag == item.fields.end() || !flag->second.is_bool() || !flag->second.as_bool()) continue;
    DOCKET_ASSIGN_OR_RETURN(auto labels, ctx_.LabelsDefinition(item.workflow, item.workflow_version));
    PublicItem p{item, def, labels};
    p.item.fields.clear();
    for (const auto& name : pub->fields) {
      auto it = item.fields.find(name);
      if (it != item.fields.end()) p.item.fields[name] = it->second;
    }
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(),
            [](const PublicItem& a, const PublicItem& b) { return a.item.updated_at > b.item.updated_at; });
  return out;
}

}  // namespace docket
