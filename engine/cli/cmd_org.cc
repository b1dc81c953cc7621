// `docket init`, `docket org load|list|people` (and the CSV doors of cmd_org_csv.cc).
#include "app/json_views.h"
#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {

void AddInitCommand(CLI::App& app, Context& ctx, Runner* run) {
  auto* init = app.add_subcommand("init", ctx.Text(Msg("Create or migrate the database")));
  auto simulation = std::make_shared<bool>(false);
  init->add_flag("--simulation", *simulation,
                 ctx.Text(Msg("Make a new database a simulation: writes may fix the clock with --now (a real one records the time of each write)")));
  SetRunner(init, run, [&ctx, simulation]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket(/*create=*/true));
    DOCKET_ASSIGN_OR_RETURN(std::string mode, d->InitMode(*simulation));
    const Msg mode_text = mode == "simulation" ? Msg("a simulation") : Msg("real");
    ctx.Emit(ctx.Text(Msg("database {file} is ready ({mode})", {{"file", ctx.globals().db}, {"mode", mode_text}})),
             {{"ok", true}, {"db", ctx.globals().db}, {"mode", mode}});
    return Status::Ok();
  });
}

void AddOrgCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* org = app.add_subcommand("org", ctx.Text(Msg("Organizations, people and roles")));

  auto* load = org->add_subcommand("load", ctx.Text(Msg("Load organizations, people and roles from a YAML file (again = update)")));
  auto file = std::make_shared<std::string>();
  load->add_option("FILE", *file, ctx.Text(Msg("Organization file, e.g. workflows/examples/org.yaml")))->required();
  SetRunner(load, run, [&ctx, file]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(*file));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto r, d->LoadOrgs(text, *file, ctx.actor()));
    const Lang l = ctx.lang();
    ctx.Emit(Text(Msg("loaded {orgs} organizations, {people} people, {roles} roles from {file}",
                      {{"orgs", r.orgs}, {"people", r.people}, {"roles", r.roles}, {"file", *file}}),
                  l) +
                 AuditedText(l, r),
             OrgLoadJson(r));
    return Status::Ok();
  });

  auto* list = org->add_subcommand("list", ctx.Text(Msg("List organizations")));
  SetRunner(list, run, [&ctx]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto orgs, d->ListOrgs());
    std::vector<std::vector<std::string>> rows;
    nlohmann::json j = nlohmann::json::array();
    for (const auto& o : orgs) {
      rows.push_back({o.id, o.parent.value_or("-"), o.name.Get(ctx.lang(), o.id), o.kind});
      j.push_back(OrgJson(o));
    }
    const Lang l = ctx.lang();
    ctx.Emit(Table({"ID", Text(Msg("Parent organization"), l), Text(Msg("Name"), l), Text(Msg("Kind"), l)}, rows), j);
    return Status::Ok();
  });

  auto* people = org->add_subcommand("people", ctx.Text(Msg("List people and their roles")));
  SetRunner(people, run, [&ctx]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto ps, d->ListPeople());
    std::vector<std::vector<std::string>> rows;
    nlohmann::json j = nlohmann::json::array();
    for (const auto& p : ps) {
      std::string roles;
      for (const auto& g : p.roles) roles += (roles.empty() ? "" : ", ") + g.role + "@" + g.org;
      rows.push_back({p.id, p.name.Get(ctx.lang(), p.id), roles});
      j.push_back(PersonJson(p));
    }
    const Lang l = ctx.lang();
    ctx.Emit(Table({"ID", Text(Msg("Full name"), l), Text(Msg("Roles"), l)}, rows), j);
    return Status::Ok();
  });
  AddOrgCsvCommands(*org, ctx, run);
  org->require_subcommand(1);
}

}  // namespace docket::cli
