// `docket table load|show`: named lookup tables, such as the decision-matter list that maps a
// matter's category to the body that must decide it (read by `lookup` conditions).
#include "app/json_views.h"
#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {

void AddTableCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* table = app.add_subcommand("table", ctx.Text(Msg("Lookup tables, e.g. decision-matter lists")));

  auto* load = table->add_subcommand("load", ctx.Text(Msg("Load a table from a YAML file (again = replace it)")));
  auto file = std::make_shared<std::string>();
  load->add_option("FILE", *file, ctx.Text(Msg("Table file, e.g. workflows/lists/decision-matters.yaml")))->required();
  SetRunner(load, run, [&ctx, file]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(*file));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto r, d->LoadTable(text, *file, ctx.actor()));
    const Lang l = ctx.lang();
    ctx.Emit(Text(Msg("loaded table {table} ({entries} entries) from {file}",
                      {{"table", r.table}, {"entries", r.entries}, {"file", *file}}),
                  l) +
                 AuditedText(l, r),
             TableLoadJson(r));
    return Status::Ok();
  });

  auto* show = table->add_subcommand("show", ctx.Text(Msg("Show a loaded table")));
  auto name = std::make_shared<std::string>();
  show->add_option("NAME", *name, ctx.Text(Msg("Table name, e.g. decision-matters")))->required();
  SetRunner(show, run, [&ctx, name]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto t, d->GetTable(*name));
    std::vector<std::vector<std::string>> rows;
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [key, value] : t) {
      rows.push_back({key, value});
      j[key] = value;
    }
    const Lang l = ctx.lang();
    ctx.Emit(Table({Text(Msg("Key"), l), Text(Msg("Value"), l)}, rows), {{"table", *name}, {"entries", j}});
    return Status::Ok();
  });
  table->require_subcommand(1);
}

}  // namespace docket::cli
