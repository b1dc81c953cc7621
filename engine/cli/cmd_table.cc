// `docket table load|show`: named lookup tables, such as the decision-matter list that maps a
// matter's category to the body that must decide it (read by `lookup` conditions).
#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {

void AddTableCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* table = app.add_subcommand("table", "Lookup tables, e.g. decision-matter lists / 对照表（如讨论决定事项清单）");

  auto* load = table->add_subcommand("load", "Load a table from a YAML file (again = replace it)");
  auto file = std::make_shared<std::string>();
  load->add_option("FILE", *file, "Table file, e.g. workflows/lists/decision-matters.yaml")->required();
  SetRunner(load, run, [&ctx, file]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(*file));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto r, d->LoadTable(text, *file));
    const Lang l = ctx.lang();
    ctx.Emit(Text(Msg("loaded table "), l) + r.table + " (" + std::to_string(r.entries) +
                 Text(Msg(" entries) from "), l) + *file + AuditedText(l, r),
             {{"ok", true},
              {"table", r.table},
              {"entries", r.entries},
              {"changed", r.changed},
              {"audit_entries", r.audit_entries}});
    return Status::Ok();
  });

  auto* show = table->add_subcommand("show", "Show a loaded table / 查看对照表");
  auto name = std::make_shared<std::string>();
  show->add_option("NAME", *name, "Table name, e.g. decision-matters")->required();
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
