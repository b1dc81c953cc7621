// `docket`: the command line over engine/app. Exit codes are the Status codes
// (README: 0 ok, 2 invalid, 3 not found, 4 forbidden, 5 refused, 6 conflict,
// 7 integrity, 8 storage).
#include <cstdlib>
#include <iostream>

#include "cli/cli.h"
#include "cli/help.h"
#include "cli/usage.h"
#include "core/catalog.h"

namespace {

// The failure on stderr, and with --json also as a JSON document on stdout.
void Report(const docket::Status& st, docket::Lang lang, bool json) {
  using namespace docket;
  std::cerr << Text(Msg("docket: error: {message}", {{"message", st.msg()}}), lang) << "\n";
  if (json) {
    nlohmann::json err = {{"ok", false}, {"code", CodeName(st.code())}, {"exit", st.exit_code()},
                          {"message", Text(st.msg(), lang)}};
    std::cout << err.dump(2) << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace docket;
  cli::Globals g;
  if (const char* db = std::getenv("DOCKET_DB"); db && *db) {
    g.db = db;
    g.db_given = true;
  }
  if (const char* user = std::getenv("DOCKET_USER"); user && *user) g.as = user;

  // The descriptions are rendered as the commands are registered: --lang is read first.
  g.lang = LangCode(cli::HelpLang(argc, argv, Lang::kZh));
  cli::Context ctx(g);
  CLI::App app{ctx.Text(Msg("Docket: meeting and decision tracking with a tamper-evident audit log."))};
  app.set_help_all_flag("--help-all");  // on every command; described by LocalizeHelp
  app.fallthrough();
  auto* db = app.add_option("--db", g.db, ctx.Text(Msg("SQLite database file or postgresql:// URL (default docket.db, or $DOCKET_DB)")));
  app.add_option("--as", g.as, ctx.Text(Msg("Act as this person (or $DOCKET_USER)")));
  app.add_option("--now", g.now, ctx.Text(Msg("Fix the clock at this ISO 8601 time (Beijing time unless it gives an offset)")));
  app.add_flag("--json", g.json, ctx.Text(Msg("Machine-readable JSON output")));
  app.add_option("--lang", g.lang, ctx.Text(Msg("Language of the output: zh (default) or en")))
      ->check(CLI::IsMember({"zh", "en"}));
  app.add_flag("-v,--verbose", g.verbosity, ctx.Text(Msg("Log more to stderr (-vv for debug)")));
  app.add_option("--synchronous", g.synchronous, ctx.Text(Msg("SQLite synchronous mode: FULL (default), NORMAL, OFF")))
      ->check(CLI::IsMember({"FULL", "NORMAL", "OFF"}));

  cli::Runner run;
  cli::AddInitCommand(app, ctx, &run);
  cli::AddOrgCommands(app, ctx, &run);
  cli::AddWorkflowCommands(app, ctx, &run);
  cli::AddItemCommands(app, ctx, &run);
  cli::AddImportCommand(app, ctx, &run);
  cli::AddAttachCommands(app, ctx, &run);
  cli::AddAuditCommands(app, ctx, &run);
  cli::AddFindingsCommands(app, ctx, &run);
  cli::AddDemoCommand(app, ctx, &run);
  cli::AddTableCommands(app, ctx, &run);
  cli::AddPublicCommands(app, ctx, &run);
  cli::AddTickCommands(app, ctx, &run);
  cli::AddReportCommands(app, ctx, &run);
  cli::AddMeetingCommands(app, ctx, &run);
  cli::AddDecisionCommands(app, ctx, &run);
  cli::AddServeCommand(app, ctx, &run);
  cli::AddAccountCommands(app, ctx, &run);
  cli::AddMigrateCommand(app, ctx, &run);
  app.require_subcommand(1);
  cli::LocalizeHelp(app, ctx.lang());

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // --json may not have been read when the parse fails: look for it among the words.
    bool json = false;
    for (int i = 1; i < argc; ++i) json = json || std::string(argv[i]) == "--json";
    const Lang lang = cli::HelpLang(argc, argv, Lang::kZh);
    Report(Status::Invalid(cli::UsageMessage(app, e)), lang, json);
    std::cerr << Text(Msg("Run 'docket --help' (or 'docket COMMAND --help') for the usage."), lang) << "\n";
    return static_cast<int>(Code::kInvalid);
  }
  if (db->count() > 0) g.db_given = true;
  if (!run) return 0;

  Status st = CatchAll("unexpected failure", run);
  if (!st.ok()) Report(st, g.lang == "en" ? Lang::kEn : Lang::kZh, g.json);
  return st.exit_code();
}
