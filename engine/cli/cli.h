// The `docket` command line: shared state of one invocation and the registration
// functions of each command group (one file per group).
//
// Commands register a callback that returns a Status; main() turns it into the exit code
// (Status codes are exit codes) and prints the message on stderr. Normal output goes to
// stdout, as text or, with --json, as one JSON document.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include "app/docket.h"
#include "core/catalog.h"
#include "core/clock.h"
#include "core/env.h"

namespace docket::cli {

struct Globals {
  std::string db = "docket.db";
  bool db_given = false;  // --db or $DOCKET_DB, as opposed to the default
  std::string as;
  std::string now;
  bool json = false;
  std::string lang = "zh";
  int verbosity = 0;
  std::string synchronous = "FULL";
};

// Everything a command needs, opened on first use.
class Context {
 public:
  explicit Context(Globals& globals) : g_(globals) {}

  Globals& globals() { return g_; }
  Lang lang() const { return g_.lang == "en" ? Lang::kEn : Lang::kZh; }
  // `msg` in the reader's language (--lang, read from the words before the parse: the
  // descriptions of commands and options are rendered when they are registered).
  std::string Text(const Msg& msg) const { return docket::Text(msg, lang()); }
  std::shared_ptr<spdlog::logger> logger();
  // The clock: fixed at --now when given, the system clock otherwise. Invalid on a bad --now.
  Result<const Clock*> clock();
  // Opens the database (migrating it) and the application on first call. A missing or
  // empty database is NotFound unless `create` (init).
  Result<Docket*> docket(bool create = false);
  // Another application on the same database, with a clock of its own (the demo's).
  Result<std::unique_ptr<Docket>> OpenDocket(const Clock& clock, bool create = false);
  // The acting person (--as / $DOCKET_USER).
  const std::string& actor() const { return g_.as; }

  // Prints `text` as is, or `json` when --json was given.
  void Emit(const std::string& text, const nlohmann::json& json);

 private:
  Globals& g_;
  std::shared_ptr<spdlog::logger> logger_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<Docket> docket_;
};

// Every command's callback stores its outcome here; main() reads it.
using Runner = std::function<Status()>;
void SetRunner(CLI::App* sub, Runner* slot, Runner fn);

void AddInitCommand(CLI::App& app, Context& ctx, Runner* run);
void AddOrgCommands(CLI::App& app, Context& ctx, Runner* run);
// `org import-roster|export-roster|import-matters|export-matters` (cmd_org_csv.cc).
void AddOrgCsvCommands(CLI::App& org, Context& ctx, Runner* run);
void AddWorkflowCommands(CLI::App& app, Context& ctx, Runner* run);
void AddItemCommands(CLI::App& app, Context& ctx, Runner* run);
void AddAuditCommands(CLI::App& app, Context& ctx, Runner* run);
void AddFindingsCommands(CLI::App& app, Context& ctx, Runner* run);
void AddDemoCommand(CLI::App& app, Context& ctx, Runner* run);
void AddTableCommands(CLI::App& app, Context& ctx, Runner* run);
void AddPublicCommands(CLI::App& app, Context& ctx, Runner* run);
void AddTickCommands(CLI::App& app, Context& ctx, Runner* run);
void AddReportCommands(CLI::App& app, Context& ctx, Runner* run);
void AddMeetingCommands(CLI::App& app, Context& ctx, Runner* run);  // cmd_meeting.cc: a meeting's documents
void AddDecisionCommands(CLI::App& app, Context& ctx, Runner* run);  // cmd_decision.cc: a decision's record
// `serve`: the HTTP server over the same database (cmd_serve.cc, engine/server).
void AddServeCommand(CLI::App& app, Context& ctx, Runner* run);
// cmd_user.cc: `user invite|list`, `token create|list|revoke`.
void AddAccountCommands(CLI::App& app, Context& ctx, Runner* run);
// `item import` (cmd_import.cc), added to the `item` group once AddItemCommands made it.
void AddImportCommand(CLI::App& app, Context& ctx, Runner* run);
// `item attach|attachments|attachment` (cmd_attach.cc), added to the `item` group too.
void AddAttachCommands(CLI::App& app, Context& ctx, Runner* run);
void AddMigrateCommand(CLI::App& app, Context& ctx, Runner* run);  // cmd_migrate.cc: one database into another
// How an imported item is marked (cmd_import.cc): "标注：导入的历史记录（来源：…；原始日期：…）"
// and a line break, "" for any other item; the label of an import mark among the fields
// (the name itself for any other field).
std::string ImportedNote(const Item& item, Lang lang);
std::string ImportFieldLabel(const std::string& name, Lang lang);

// The --set options of `item create` and `item act` as FIELD/VALUE pairs (set_values.cc):
// FIELD=VALUE as typed, FIELD=@PATH the file's contents, FIELD=@- standard input's (once),
// each read through `env` (at most 16 MiB); FIELD=@@TEXT the text "@TEXT"; the trailing line
// breaks of a file or of standard input dropped. Invalid (exit 2) naming the field when a
// file cannot be read or is too large, or a value is not UTF-8 (with the line and column of
// its first bad byte).
Result<FieldTexts> ParseSetOptions(const std::vector<std::string>& sets, Env& env = Env::Default());

// The whole text file at `path`, at most kMaxTextFileBytes (1 MiB), read through
// Env::ReadFile: NotFound, Invalid (a folder, too large) or Storage naming the path.
Result<std::string> ReadTextFile(const std::string& path);

}  // namespace docket::cli
