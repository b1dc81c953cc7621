// `docket item create|act|show|list|history`.
#include <map>
#include <utility>

#include "app/history.h"
#include "app/message_json.h"
#include "app/time_zones.h"
#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {
namespace {

std::string StateText(Docket& d, const Item& item, Lang lang) {
  auto def = d.GetDefinition(item.workflow, item.workflow_version);
  if (!def.ok()) return item.state;
  const StateDef* s = (*def)->FindState(item.state);
  return s ? s->labels.Get(lang, item.state) + " (" + item.state + ")" : item.state;
}

std::string ShowItem(Docket& d, const Item& item, Lang lang) {
  auto def = d.GetDefinition(item.workflow, item.workflow_version);
  std::string title = def.ok() ? (*def)->labels.Get(lang, item.workflow) : item.workflow;
  std::string text = "#" + std::to_string(item.id) + "  " + title + "  " + item.workflow + " v" +
                     std::to_string(item.workflow_version) + "\n";
  text += std::string(Text(Msg("Organization"), lang)) + ": " + item.org + "\n";
  text += std::string(Text(Msg("State"), lang)) + ": " + StateText(d, item, lang) + "\n";
  text += std::string(Text(Msg("Version"), lang)) + ": " + std::to_string(item.version) + "\n";
  if (item.parent) text += Text(Msg("Parent: #{id}", {{"id", *item.parent}}), lang) + "\n";
  text += ImportedNote(item, lang);
  auto labels = d.LabelsDefinition(item.workflow, item.workflow_version);
  std::vector<std::vector<std::string>> rows;
  ShownTimes shown(d);  // a time on the organization's clock, with its offset
  for (const auto& [name, v] : item.fields) {
    const FieldDef* f = def.ok() ? (*def)->FindField(name) : nullptr;
    const bool time = f != nullptr && f->type == FieldType::kDateTime && v.is_string();
    rows.push_back({name, FieldLabel(def.ok() ? def->get() : nullptr, name, lang),
                    time ? shown(item.org, v.as_string()) : ValueText(labels.ok() ? labels->get() : nullptr, name, v, lang)});
  }
  return text + "\n" + Table({Text(Msg("Field"), lang), Text(Msg("Label"), lang), Text(Msg("Value"), lang)}, rows);
}

// An item's children (a decision's tasks): each child's state, owner and progress, then how
// many are finished; and the item's progress, the roll-up over all its tasks (`progress`,
// app/progress.h: a task with no report counts 0 %). `j` gets the children, `progress` the
// roll-up's JSON (null when the item has no progress).
std::string ShowChildren(Docket& d, const std::vector<Item>& children, const Progress& progress, Lang lang,
                         nlohmann::json* j, nlohmann::json* progress_json) {
  std::map<std::int64_t, const TaskProgress*> task;
  for (const TaskProgress& t : progress.tasks) task[t.id] = &t;
  *progress_json = progress.applies ? ProgressJson(progress) : nlohmann::json();
  std::string text;
  if (progress.applies) {
    text = "\n" + (progress.percent
                        ? Text(Msg("Progress: {percent} ({tasks} tasks, finished {finished}; a task with no report counts 0%)",
                                   {{"percent", progress.PercentText()}, {"tasks", progress.tasks.size()},
                                    {"finished", progress.finished}}),
                               lang)
                        : Text(Msg("Progress: {percent} (no tasks yet)", {{"percent", progress.PercentText()}}), lang)) +
           "\n";
  }
  if (children.empty()) return text;
  std::vector<std::vector<std::string>> rows;
  int finished = 0;
  for (const auto& c : children) {
    auto def = d.GetDefinition(c.workflow, c.workflow_version);
    const bool terminal = def.ok() && (*def)->IsTerminal(c.state);
    finished += terminal ? 1 : 0;
    std::string shown;
    auto t = task.find(c.id);
    if (t != task.end()) {
      shown = t->second->reported ? std::to_string(t->second->percent) + "%"
                                  : std::string(Text(Msg("0% (none reported)"), lang));
    }
    auto title = c.fields.find("title");
    auto owner = c.fields.find("owner");
    rows.push_back({"#" + std::to_string(c.id), c.workflow, StateText(d, c, lang),
                    owner == c.fields.end() ? "" : owner->second.ToText(), shown,
                    title == c.fields.end() ? "" : title->second.ToText()});
    j->push_back({{"id", c.id}, {"workflow", c.workflow}, {"state", c.state}, {"finished", terminal}});
  }
  std::string summary =
      Text(Msg("Children: {n}, finished {finished}", {{"n", children.size()}, {"finished", finished}}), lang);
  return text + "\n" + summary + "\n" +
         Table({"ID", Text(Msg("Workflow"), lang), Text(Msg("State"), lang), Text(Msg("Owner"), lang),
                Text(Msg("Progress"), lang), Text(Msg("Title"), lang)}, rows);
}

// The items an action spawned, one line each ("已生成: #12 决定事项" / "Spawned: #12 Decision";
// a grandchild says whose child it is), and their JSON: [{"id", "workflow", "parent"}, ...].
std::string SpawnedText(Docket& d, const ActResult& r, Lang lang, nlohmann::json* j) {
  std::string text;
  *j = nlohmann::json::array();
  for (const auto& c : r.spawned) {
    auto def = d.GetDefinition(c.workflow, c.workflow_version);
    const std::string what = def.ok() ? (*def)->labels.Get(lang, c.workflow) : c.workflow;
    text += c.parent == r.item.id
                ? Text(Msg("Spawned: #{id} {workflow}", {{"id", c.id}, {"workflow", what}}), lang)
                : Text(Msg("Spawned: #{id} {workflow} (under #{parent})", {{"id", c.id}, {"workflow", what}, {"parent", c.parent}}), lang);
    text += "\n";
    j->push_back({{"id", c.id}, {"workflow", c.workflow}, {"parent", c.parent}});
  }
  return text;
}

// --as-of TIME (history.h): empty when not given; Invalid naming the value when unreadable.
std::string AsOfHelp(const Context& ctx) {
  return ctx.Text(Msg("Rebuild from the audit log as it was at TIME (ISO 8601, as --now; a date alone, YYYY-MM-DD, means the end of that day)"));
}
Result<std::optional<TimePoint>> ParseAsOfOption(const std::optional<std::string>& text) {
  if (!text) return std::optional<TimePoint>();
  DOCKET_ASSIGN_OR_RETURN(const TimeZone zone, DefaultTimeZone());
  auto t = ParseAsOf(*text, zone);
  if (!t) {
    return Status::Invalid(Msg("--as-of: '{text}' is not an ISO 8601 time (e.g. 2026-03-01T17:00, Beijing time without an offset, or 2026-03-01 for the end of that day)",
                               {{"text", *text}}));
  }
  return std::optional<TimePoint>(*t);
}
std::string AsOfLine(TimePoint t, Lang lang) {
  auto zone = DefaultTimeZone();
  const std::string time = zone.ok() ? FormatTimeIn(t, *zone) : FormatTime(t);
  return Text(Msg("As of {time}, rebuilt from the audit log", {{"time", time}}), lang) + "\n";
}

std::string SetHelp(const Context& ctx) {
  return ctx.Text(Msg("FIELD=VALUE (repeatable; lists are comma-separated). FIELD=@PATH reads the value from the file PATH, FIELD=@- from standard input (trailing line breaks dropped); FIELD=@@TEXT gives the text @TEXT"));
}

}  // namespace

void AddItemCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* item = app.add_subcommand("item", ctx.Text(Msg("Items: create, act, show, list, history")));

  struct CreateArgs {
    std::string workflow, org;
    std::int64_t parent = 0;
    std::vector<std::string> sets;
  };
  auto ca = std::make_shared<CreateArgs>();
  auto* create = item->add_subcommand("create", ctx.Text(Msg("Create an item; prints its id")));
  create->add_option("WORKFLOW", ca->workflow, ctx.Text(Msg("Workflow id, e.g. matter")))->required();
  create->add_option("--org", ca->org, ctx.Text(Msg("Organization the item belongs to")))->required();
  create->add_option("--parent", ca->parent, ctx.Text(Msg("Parent item id")));
  create->add_option("--set", ca->sets, SetHelp(ctx));
  SetRunner(create, run, [&ctx, ca]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto fields, ParseSetOptions(ca->sets));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    CreateRequest req{ca->workflow, ca->org, std::nullopt, fields, ctx.actor()};
    if (ca->parent > 0) req.parent = ca->parent;
    DOCKET_ASSIGN_OR_RETURN(auto r, d->CreateItem(req));
    // The id alone, for scripts; the items the creation spawned (none in the shipped
    // workflows) below it.
    nlohmann::json j = ItemJson(r.item), spawned;
    const std::string children = SpawnedText(*d, r, ctx.lang(), &spawned);
    if (!r.spawned.empty()) j["spawned"] = spawned;
    ctx.Emit(std::to_string(r.item.id) + "\n" + children, j);
    return Status::Ok();
  });

  struct ActArgs {
    std::int64_t id = 0;
    std::string action;
    std::vector<std::string> sets;
    std::int64_t expect = -1;
    bool dry_run = false;
  };
  auto aa = std::make_shared<ActArgs>();
  auto* act = item->add_subcommand("act", ctx.Text(Msg("Take an action on an item (one audited transaction)")));
  act->add_option("ID", aa->id, ctx.Text(Msg("Item id")))->required();
  act->add_option("ACTION", aa->action, ctx.Text(Msg("Action (transition) name")))->required();
  act->add_option("--set", aa->sets, SetHelp(ctx));
  act->add_option("--expect-version", aa->expect, ctx.Text(Msg("Refuse with a conflict (exit 6) unless the item is at this version")));
  act->add_flag("--dry-run", aa->dry_run,
                ctx.Text(Msg("Only judge the action with these fields: its refusal and exit code, or that it would be taken; nothing is written or recorded")));
  SetRunner(act, run, [&ctx, aa]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto fields, ParseSetOptions(aa->sets));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    ActRequest req{aa->id, aa->action, fields, std::nullopt, ctx.actor()};
    if (aa->expect >= 0) req.expect_version = aa->expect;
    if (aa->dry_run) {  // Docket::JudgeAction: the answer act would give, nothing taken
      DOCKET_ASSIGN_OR_RETURN(ActionJudgement judged, d->JudgeAction(req));
      if (judged.refusal) return Status(judged.code, *judged.refusal);
      ctx.Emit(ctx.Text(Msg("#{id} {action}: would be taken now (dry run: nothing written)",
                            {{"id", aa->id}, {"action", aa->action}})),
               {{"item", aa->id}, {"action", aa->action}, {"allowed", true}});
      return Status::Ok();
    }
    DOCKET_ASSIGN_OR_RETURN(auto r, d->Act(req));
    nlohmann::json spawned;
    const std::string children = SpawnedText(*d, r, ctx.lang(), &spawned);
    ctx.Emit(ctx.Text(Msg("#{id} {from} -> {to} (version {version}, audit #{seq})",
                          {{"id", r.item.id}, {"from", r.entry.from_state}, {"to", r.entry.to_state},
                           {"version", r.item.version}, {"seq", r.entry.seq}})) +
                 "\n" + children,
             {{"item", ItemJson(r.item)}, {"entry", EntryJson(r.entry)}, {"spawned", spawned}});
    return Status::Ok();
  });

  auto show_id = std::make_shared<std::int64_t>(0);
  auto show_as_of = std::make_shared<std::optional<std::string>>();
  auto* show = item->add_subcommand("show", ctx.Text(Msg("Show an item and its fields")));
  show->add_option("ID", *show_id, ctx.Text(Msg("Item id")))->required();
  show->add_option("--as-of", *show_as_of, AsOfHelp(ctx));
  SetRunner(show, run, [&ctx, show_id, show_as_of]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto as_of, ParseAsOfOption(*show_as_of));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto it, as_of ? d->ItemAsOf(*show_id, *as_of) : d->GetItem(*show_id));
    ItemFilter kids;
    kids.parent = it.id;
    DOCKET_ASSIGN_OR_RETURN(auto children, as_of ? d->ItemsAsOf(kids, *as_of) : d->ListItems(kids));
    nlohmann::json j = ItemJson(it);
    DOCKET_ASSIGN_OR_RETURN(auto progress, d->ProgressOf(it, children));
    j["children"] = nlohmann::json::array();
    std::string text = ShowItem(*d, it, ctx.lang()) +
                       ShowChildren(*d, children, progress, ctx.lang(), &j["children"], &j["progress"]);
    if (as_of) {
      text = AsOfLine(*as_of, ctx.lang()) + text;
      j["as_of"] = FormatTime(*as_of);
    }
    ctx.Emit(text, j);
    return Status::Ok();
  });

  struct ListArgs {
    std::string org, workflow, state;
    std::optional<std::string> as_of, search;
    std::optional<std::int64_t> limit, after;
  };
  auto la = std::make_shared<ListArgs>();
  auto* list = item->add_subcommand("list", ctx.Text(Msg("List items, optionally filtered")));
  list->add_option("--org", la->org, ctx.Text(Msg("Only this organization")));
  list->add_option("--workflow", la->workflow, ctx.Text(Msg("Only this workflow")));
  list->add_option("--state", la->state, ctx.Text(Msg("Only this state (with --as-of: the state then)")));
  list->add_option("--as-of", la->as_of, AsOfHelp(ctx));
  list->add_option("--search", la->search,
                   ctx.Text(Msg("Only items with this text in a field (A-Z without case, 汉字 as written)")));
  list->add_option("--limit", la->limit, ctx.Text(Msg("A page of at most N items, newest first")));
  list->add_option("--after", la->after, ctx.Text(Msg("The page after this item id (the last id of the page before)")));
  SetRunner(list, run, [&ctx, la]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto as_of, ParseAsOfOption(la->as_of));
    if (la->limit && *la->limit < 1) return Status::Invalid(Msg("--limit: a page holds 1 item or more"));
    if (la->after && *la->after < 1) return Status::Invalid(Msg("--after: an item id is 1 or more"));
    if (as_of && (la->search || la->limit || la->after)) {
      return Status::Invalid(Msg("--as-of lists the items as they were, whole: without --search, --limit or --after"));
    }
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    ItemFilter f;
    if (!la->org.empty()) f.org = la->org;
    if (!la->workflow.empty()) f.workflow = la->workflow;
    if (!la->state.empty()) f.state = la->state;
    if (la->search && !la->search->empty()) f.text = la->search;
    f.after = la->after;
    if (la->limit) f.limit = *la->limit + 1;  // one more: whether a next page exists
    DOCKET_ASSIGN_OR_RETURN(auto items, as_of ? d->ItemsAsOf(f, *as_of) : d->ListItems(f));
    std::string next;
    if (la->limit && std::cmp_greater(items.size(), *la->limit)) {
      items.resize(static_cast<std::size_t>(*la->limit));
      next = Text(Msg("Next page: --after {id}", {{"id", items.back().id}}), ctx.lang()) + "\n";
    }
    std::vector<std::vector<std::string>> rows;
    nlohmann::json j = nlohmann::json::array();
    for (const auto& it : items) {
      auto title = it.fields.find("title");
      rows.push_back({"#" + std::to_string(it.id), it.org, it.workflow, StateText(*d, it, ctx.lang()),
                      std::to_string(it.version), title == it.fields.end() ? "" : title->second.ToText()});
      j.push_back(ItemJson(it));
      if (as_of) j.back()["as_of"] = FormatTime(*as_of);
    }
    const Lang l = ctx.lang();
    ctx.Emit((as_of ? AsOfLine(*as_of, l) : "") +
                 Table({"ID", Text(Msg("Org"), l), Text(Msg("Workflow"), l), Text(Msg("State"), l),
                        Text(Msg("Version"), l), Text(Msg("Title"), l)}, rows) + next, j);
    return Status::Ok();
  });

  auto hist_id = std::make_shared<std::int64_t>(0);
  auto* history = item->add_subcommand("history", ctx.Text(Msg("The item's audit entries, refusals included")));
  history->add_option("ID", *hist_id, ctx.Text(Msg("Item id")))->required();
  SetRunner(history, run, [&ctx, hist_id]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto entries, d->History(*hist_id));
    std::vector<std::vector<std::string>> rows;
    nlohmann::json j = nlohmann::json::array();
    const Lang l = ctx.lang();
    ShownTimes shown(*d);
    for (const auto& e : entries) {
      auto def = d->GetDefinition(e.workflow, e.workflow_version);
      auto labels = d->LabelsDefinition(e.workflow, e.workflow_version);
      std::string what = e.outcome == "ok" ? DescribeChanges(e, def.ok() ? def->get() : nullptr,
                                                             labels.ok() ? labels->get() : nullptr, l, &shown)
                                           : Text(Msg("Refused: "), l) + ReasonText(e.reason, l);
      rows.push_back({std::to_string(e.seq), shown(e.org, e.time), e.actor, e.role, e.action,
                      e.from_state + " -> " + e.to_state, what});
      j.push_back(LabelledEntryJson(e, def.ok() ? def->get() : nullptr));  // as GET /api/items/{id}/history
    }
    ctx.Emit(Table({Text(Msg("Seq"), l), Text(Msg("Time"), l), Text(Msg("Actor"), l), Text(Msg("Role"), l),
                    Text(Msg("Action"), l), Text(Msg("State"), l), Text(Msg("Changes / reason"), l)}, rows), j);
    return Status::Ok();
  });
  item->require_subcommand(1);
}

}  // namespace docket::cli
