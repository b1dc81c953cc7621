// `docket tick`, `docket inbox`, `docket calendar load`: timers, notifications, the calendar.
#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {
namespace {

nlohmann::json FiringJson(const TickFiring& f) {
  return {{"key", f.key}, {"kind", f.kind},         {"org", f.org},     {"item", f.item},
          {"workflow", f.workflow}, {"timer", f.timer}, {"action", f.action}, {"due", f.due},
          {"told", f.told}};
}

std::string FiringText(const TickFiring& f) {
  std::string told;
  for (const auto& p : f.told) told += (told.empty() ? "" : ", ") + p;
  std::string line = f.kind + "  " + f.workflow + " #" + std::to_string(f.item) + " in " + f.org;
  if (f.kind == "open") return line + "  (semester " + f.action + " ended " + f.due + ")";
  line += "  timer " + f.timer + " step due " + f.due;
  if (!f.action.empty()) line += "  action " + f.action;
  if (!told.empty()) line += "  -> " + told;
  return line;
}

}  // namespace

void AddTickCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* tick = app.add_subcommand(
      "tick", "Fire every timer step and semester-end opening due up to now (--now fixes it), each once / 触发到期提醒");
  SetRunner(tick, run, [&ctx]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto r, d->Tick());
    std::string text;
    nlohmann::json fired = nlohmann::json::array();
    for (const auto& f : r.fired) {
      text += FiringText(f) + "\n";
      fired.push_back(FiringJson(f));
    }
    text += std::to_string(r.fired.size()) + " fired at " + r.now;
    ctx.Emit(text, {{"ok", true}, {"now", r.now}, {"fired", fired}});
    return Status::Ok();
  });

  auto* inbox = app.add_subcommand("inbox", "List the notifications of the person given by --as / 我的提醒");
  auto unread = std::make_shared<bool>(false);
  auto mark = std::make_shared<bool>(false);
  inbox->add_flag("--unread", *unread, "Only the notifications not yet marked read");
  inbox->add_flag("--mark-read", *mark, "Mark them read after listing");
  SetRunner(inbox, run, [&ctx, unread, mark]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto list, d->Inbox(ctx.actor(), *unread));
    const Lang l = ctx.lang();
    std::vector<std::vector<std::string>> rows;
    nlohmann::json j = nlohmann::json::array();
    for (const auto& n : list) {
      rows.push_back({n.time, "#" + std::to_string(n.item_id), n.org, n.kind, n.message.Get(l, ""),
                      n.read ? "" : "*"});
      j.push_back(NotificationJson(n));
    }
    if (*mark) {
      DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
      auto marked = d->MarkRead(ctx.actor());
      if (!marked.ok()) return marked.status();
    }
    std::string text = list.empty()
                           ? std::string(Text(Msg("(no notifications)"), l))
                           : Table({Text(Msg("Time"), l), Text(Msg("Item"), l), Text(Msg("Org"), l),
                                    Text(Msg("Kind"), l), Text(Msg("Message"), l), Text(Msg("New"), l)},
                                   rows);
    ctx.Emit(text, j);
    return Status::Ok();
  });

  auto* cal = app.add_subcommand("calendar", "The school calendar: semesters, holidays / 校历");
  auto* load = cal->add_subcommand("load", "Load the calendar from a YAML file (replaces the previous one)");
  auto file = std::make_shared<std::string>();
  load->add_option("FILE", *file, "Calendar file, e.g. workflows/examples/calendar.yaml")->required();
  SetRunner(load, run, [&ctx, file]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(*file));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    ConfigRecorded recorded;
    DOCKET_RETURN_IF_ERROR(d->LoadCalendar(text, *file, &recorded));
    const Lang l = ctx.lang();
    ctx.Emit(Text(Msg("loaded the calendar from "), l) + *file + AuditedText(l, recorded),
             {{"ok", true}, {"file", *file}, {"changed", recorded.changed}, {"audit_entries", recorded.audit_entries}});
    return Status::Ok();
  });
  cal->require_subcommand(1);
}

}  // namespace docket::cli
