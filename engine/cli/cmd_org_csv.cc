// `docket org import-roster|export-roster|import-matters|export-matters`: the roster of one
// organization and the decision-matter list as CSV (Excel's "CSV UTF-8"), through the same
// loads as `org load` and `table load` (docs/GUIDE.md, "The roster and the decision-matter
// list from Excel").
#include <fstream>
#include <iostream>

#include "app/json_views.h"
#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {
namespace {

// `csv` to standard output, or to `out` with one line saying so.
Status DeliverCsv(Context& ctx, const std::string& csv, const std::string& out) {
  if (out.empty()) {
    std::cout << csv;
    return Status::Ok();
  }
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  f << csv;
  f.close();
  if (!f) return Status::Invalid(Msg("{file}: cannot write the file", {{"file", out}}));
  ctx.Emit(ctx.Text(Msg("wrote {file} ({bytes} bytes, CSV UTF-8)", {{"file", out}, {"bytes", csv.size()}})),
           {{"ok", true}, {"file", out}, {"bytes", csv.size()}});
  return Status::Ok();
}

}  // namespace

void AddOrgCsvCommands(CLI::App& org, Context& ctx, Runner* run) {
  auto* import_roster = org.add_subcommand(
      "import-roster", ctx.Text(Msg("Load an organization's people, roles and body seats from a CSV file (Excel's CSV UTF-8)")));
  auto roster_file = std::make_shared<std::string>();
  auto roster_org = std::make_shared<std::string>();
  import_roster->add_option("FILE", *roster_file, ctx.Text(Msg("Roster file, e.g. workflows/examples/roster.csv")))->required();
  import_roster->add_option("--org", *roster_org, ctx.Text(Msg("The organization the roster is of")))->required();
  SetRunner(import_roster, run, [&ctx, roster_file, roster_org]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(*roster_file));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto r, d->ImportRoster(text, *roster_file, *roster_org, ctx.actor()));
    const Lang l = ctx.lang();
    ctx.Emit(Text(Msg("loaded the roster of {org}: {people} people, {roles} roles from {file}",
                      {{"org", *roster_org}, {"people", r.people}, {"roles", r.roles}, {"file", *roster_file}}),
                  l) +
                 AuditedText(l, r),
             OrgLoadJson(r));
    return Status::Ok();
  });

  auto* export_roster = org.add_subcommand(
      "export-roster", ctx.Text(Msg("Write an organization's roster as CSV for Excel (import-roster reads it back)")));
  auto export_org = std::make_shared<std::string>();
  auto roster_out = std::make_shared<std::string>();
  export_roster->add_option("--org", *export_org, ctx.Text(Msg("The organization the roster is of")))->required();
  export_roster->add_option("--out", *roster_out, ctx.Text(Msg("Write to this file instead of stdout")));
  SetRunner(export_roster, run, [&ctx, export_org, roster_out]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(std::string csv, d->ExportRoster(*export_org, ctx.actor()));
    return DeliverCsv(ctx, csv, *roster_out);
  });

  auto* import_matters = org.add_subcommand(
      "import-matters", ctx.Text(Msg("Load the decision-matter list (category -> deciding body) from a CSV file")));
  auto matters_file = std::make_shared<std::string>();
  import_matters->add_option("FILE", *matters_file, ctx.Text(Msg("Decision-matter list, e.g. workflows/examples/decision-matters.csv")))
      ->required();
  SetRunner(import_matters, run, [&ctx, matters_file]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(*matters_file));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto r, d->ImportMatterList(text, *matters_file, ctx.actor()));
    const Lang l = ctx.lang();
    ctx.Emit(Text(Msg("loaded table {table} ({entries} entries) from {file}",
                      {{"table", r.table}, {"entries", r.entries}, {"file", *matters_file}}),
                  l) +
                 AuditedText(l, r),
             TableLoadJson(r));
    return Status::Ok();
  });

  auto* export_matters = org.add_subcommand(
      "export-matters", ctx.Text(Msg("Write the decision-matter list as CSV for Excel (import-matters reads it back)")));
  auto matters_out = std::make_shared<std::string>();
  export_matters->add_option("--out", *matters_out, ctx.Text(Msg("Write to this file instead of stdout")));
  SetRunner(export_matters, run, [&ctx, matters_out]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(std::string csv, d->ExportMatterList(ctx.actor()));
    return DeliverCsv(ctx, csv, *matters_out);
  });
}

}  // namespace docket::cli
