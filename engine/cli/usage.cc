// CLI11's parse errors in the reader's language: each kind of error CLI11 raises is read back
// into its parts (the option, the value, the command) and said again as a catalog message.
// A text CLI11 writes in a shape not known here is shown as CLI11 wrote it.
#include "cli/usage.h"

#include <regex>
#include <string>
#include <vector>

namespace docket::cli {
namespace {

// The deepest command the parse reached (`item` in `docket item shwo 1`).
const CLI::App* Deepest(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) {
    if (sub->parsed()) return Deepest(*sub);
  }
  return &app;
}

std::string CommandPath(const CLI::App* cmd) {
  std::string path;
  for (; cmd != nullptr; cmd = cmd->get_parent()) {
    path = cmd->get_parent() == nullptr ? "docket" + path : " " + cmd->get_name() + path;
  }
  return path;
}

Msg Subcommands(const CLI::App* cmd) {
  std::vector<Msg> names;
  for (const CLI::App* sub : cmd->get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(Msg::Literal(sub->get_name()));
  }
  return Msg::Join(std::move(names), Msg::ListSeparator());
}

Msg NoSubcommand(const CLI::App& app) {
  const CLI::App* cmd = Deepest(app);
  // A word the command did not take falls through to the commands above it.
  for (const CLI::App* at = cmd; at != nullptr; at = at->get_parent()) {
    const std::vector<std::string> rest = at->remaining();
    if (!rest.empty() && !rest.front().empty() && rest.front()[0] != '-') {
      return Msg("'{command}' has no command '{given}'; it has: {commands}",
                 {{"command", CommandPath(cmd)}, {"given", rest.front()}, {"commands", Subcommands(cmd)}});
    }
  }
  return Msg("'{command}' needs one of its commands: {commands}",
             {{"command", CommandPath(cmd)}, {"commands", Subcommands(cmd)}});
}

}  // namespace

Msg UsageMessage(const CLI::App& app, const CLI::ParseError& e) {
  const std::string what = e.what();
  std::smatch m;
  if (what == "A subcommand is required") return NoSubcommand(app);
  if (std::regex_match(what, m, std::regex("(.+) is required"))) {
    return Msg("{option} is required", {{"option", m[1].str()}});
  }
  if (std::regex_search(what, m, std::regex("The following arguments? (?:was|were) not expected: (.*)"))) {
    return Msg("unexpected arguments: {args}", {{"args", m[1].str()}});
  }
  if (std::regex_match(what, m, std::regex("(.+): (.+) not in \\{(.*)\\}"))) {
    return Msg("{option}: '{value}' is not one of {allowed}",
               {{"option", m[1].str()}, {"value", m[2].str()}, {"allowed", m[3].str()}});
  }
  if (std::regex_match(what, m, std::regex("Could not convert: (.+) = (.*)"))) {
    return Msg("{option}: cannot read '{value}'", {{"option", m[1].str()}, {"value", m[2].str()}});
  }
  if (std::regex_match(what, m, std::regex("(.+): [0-9]+ required .* missing"))) {
    return Msg("{option} needs a value", {{"option", m[1].str()}});
  }
  if (std::regex_match(what, m, std::regex("(.+) not found"))) {
    return Msg("no option {option}", {{"option", m[1].str()}});
  }
  if (std::regex_match(what, m, std::regex("(.+) (requires|excludes) (.+)"))) {
    if (m[2] == "requires") return Msg("{option} needs {other}", {{"option", m[1].str()}, {"other", m[3].str()}});
    return Msg("{option} cannot be given with {other}", {{"option", m[1].str()}, {"other", m[3].str()}});
  }
  return Msg::Literal(what);
}

}  // namespace docket::cli
