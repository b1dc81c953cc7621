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

// What kind of timer step fired, as a word of the reader's language ("notify": 提醒).
Msg KindWord(const std::string& kind) {
  if (kind == "notify") return Msg("notify");
  if (kind == "escalate") return Msg("escalate");
  if (kind == "transition") return Msg("transition");
  if (kind == "refused") return Msg("refused");
  return Msg::Literal(kind);
}

// How a notification went out: "e-mail sent, WeCom retrying (2 attempts)", "" with no channel.
std::string DeliveryText(const Notification& n, Lang lang) {
  std::string out;
  for (const Delivery& d : n.deliveries) {
    const Msg channel = d.channel == "email" ? Msg("e-mail") : d.channel == "wecom" ? Msg("WeCom") : d.channel == "dingtalk" ? Msg("DingTalk") : Msg::Literal(d.channel);
    const Msg status = d.status == "sent" ? Msg("sent") : d.status == "retrying" ? Msg("retrying") : d.status == "dead" ? Msg("dead") : Msg("pending");
    Msg one = Msg("{channel} {status}", {{"channel", channel}, {"status", status}});
    if (d.status == "retrying" || d.status == "dead") one = Msg("{delivery} ({attempts} attempts)", {{"delivery", one}, {"attempts", d.attempts}});
    out += (out.empty() ? "" : Text(Msg(", "), lang)) + Text(one, lang);
  }
  return out;
}

// One line per firing: a semester-end opening, or a timer step with its action and the
// persons it told.
std::string FiringText(const TickFiring& f, Lang lang) {
  if (f.kind == "open") {
    return Text(Msg("open  {workflow} #{item} in {org}  (semester {semester} ended {due})",
                    {{"workflow", f.workflow}, {"item", f.item}, {"org", f.org},
                     {"semester", f.action}, {"due", f.due}}),
                lang);
  }
  std::string line = Text(Msg("{kind}  {workflow} #{item} in {org}  timer {timer} step due {due}",
                              {{"kind", KindWord(f.kind)}, {"workflow", f.workflow}, {"item", f.item},
                               {"org", f.org}, {"timer", f.timer}, {"due", f.due}}),
                          lang);
  if (!f.action.empty()) line += Text(Msg("  action {action}", {{"action", f.action}}), lang);
  if (!f.told.empty()) {
    std::vector<Msg> told;
    for (const auto& p : f.told) told.push_back(Msg::Literal(p));
    line += Text(Msg("  -> {persons}", {{"persons", Msg::Join(std::move(told), Msg::ListSeparator())}}), lang);
  }
  return line;
}

}  // namespace

void AddTickCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* tick = app.add_subcommand(
      "tick", ctx.Text(Msg("Fire every timer step and semester-end opening due up to now (--now fixes it), each once")));
  SetRunner(tick, run, [&ctx]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto r, d->Tick(ctx.actor()));
    std::string text;
    nlohmann::json fired = nlohmann::json::array();
    for (const auto& f : r.fired) {
      text += FiringText(f, ctx.lang()) + "\n";
      fired.push_back(FiringJson(f));
    }
    text += ctx.Text(Msg("{n} fired at {time}", {{"n", r.fired.size()}, {"time", r.now}}));
    ctx.Emit(text, {{"ok", true}, {"now", r.now}, {"fired", fired}});
    return Status::Ok();
  });

  auto* inbox = app.add_subcommand("inbox", ctx.Text(Msg("List the notifications of the person given by --as")));
  auto unread = std::make_shared<bool>(false);
  auto mark = std::make_shared<bool>(false);
  inbox->add_flag("--unread", *unread, ctx.Text(Msg("Only the notifications not yet marked read")));
  inbox->add_flag("--mark-read", *mark, ctx.Text(Msg("Mark them read after listing")));
  SetRunner(inbox, run, [&ctx, unread, mark]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto list, d->Inbox(ctx.actor(), *unread));
    const Lang l = ctx.lang();
    std::vector<std::vector<std::string>> rows;
    nlohmann::json j = nlohmann::json::array();
    ShownTimes shown(*d);
    for (const auto& n : list) {
      rows.push_back({shown(n.org, n.time), "#" + std::to_string(n.item_id), n.org, Text(KindWord(n.kind), l), n.message.Get(l, ""),
                      DeliveryText(n, l), n.read ? "" : "*"});
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
                                    Text(Msg("Kind"), l), Text(Msg("Message"), l), Text(Msg("Delivery"), l), Text(Msg("New"), l)},
                                   rows);
    ctx.Emit(text, j);
    return Status::Ok();
  });

  auto* cal = app.add_subcommand("calendar", ctx.Text(Msg("The school calendar: semesters, holidays")));
  auto* load = cal->add_subcommand("load", ctx.Text(Msg("Load the calendar from a YAML file (replaces the previous one)")));
  auto file = std::make_shared<std::string>();
  load->add_option("FILE", *file, ctx.Text(Msg("Calendar file, e.g. workflows/examples/calendar.yaml")))->required();
  SetRunner(load, run, [&ctx, file]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(*file));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    ConfigRecorded recorded;
    DOCKET_RETURN_IF_ERROR(d->LoadCalendar(text, *file, &recorded, ctx.actor()));
    const Lang l = ctx.lang();
    ctx.Emit(Text(Msg("loaded the calendar from {file}", {{"file", *file}}), l) + AuditedText(l, recorded),
             {{"ok", true}, {"file", *file}, {"changed", recorded.changed}, {"audit_entries", recorded.audit_entries}});
    return Status::Ok();
  });
  cal->require_subcommand(1);
}

}  // namespace docket::cli
