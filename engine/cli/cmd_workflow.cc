// `docket workflow lint|load|list|show|graph`.
#include <filesystem>
#include <iostream>

#include "app/embedded.h"
#include "app/workflow_tools.h"
#include "app/json_views.h"
#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {
namespace {

struct NamedText {
  std::string name;
  std::string text;
};

// The YAML files named by `paths` (a directory means its *.yaml files), or the shipped
// workflows when `paths` is empty.
Result<std::vector<NamedText>> CollectFiles(const std::vector<std::string>& paths) {
  std::vector<NamedText> out;
  if (paths.empty()) {
    for (const auto& f : ShippedWorkflows()) out.push_back({std::string(f.path), std::string(f.text)});
    return out;
  }
  namespace fs = std::filesystem;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> names;
      for (const auto& entry : fs::directory_iterator(p, ec)) {
        auto ext = entry.path().extension();
        if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) names.push_back(entry.path().string());
      }
      std::sort(names.begin(), names.end());
      for (const auto& n : names) {
        DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(n));
        out.push_back({n, text});
      }
    } else {
      DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(p));
      out.push_back({p, text});
    }
  }
  return out;
}

std::string Join(const std::vector<std::string>& xs, const char* sep = ", ") {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : sep) + x;
  return out;
}

}  // namespace

void AddWorkflowCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* wf = app.add_subcommand("workflow", ctx.Text(Msg("Workflow definitions")));

  auto* lint = wf->add_subcommand("lint", ctx.Text(Msg("Check workflow files: FILE:LINE:COL: error|warning: message")));
  auto lint_paths = std::make_shared<std::vector<std::string>>();
  lint->add_option("PATH", *lint_paths, ctx.Text(Msg("Files or directories (default: the shipped workflows)")));
  SetRunner(lint, run, [&ctx, lint_paths]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto files, CollectFiles(*lint_paths));
    const Lang l = ctx.lang();
    int errors = 0, warnings = 0;
    nlohmann::json j = nlohmann::json::array();
    std::string text;
    for (const auto& f : files) {
      for (const auto& d : LintWorkflowText(f.text, f.name)) {
        const bool err = d.severity == Diagnostic::Severity::kError;
        (err ? errors : warnings)++;
        text += d.Format(l) + "\n";
        // "message" stays English (stable for scripts); "text" is in the --lang language.
        j.push_back({{"file", d.file}, {"line", d.line}, {"column", d.column},
                     {"severity", err ? "error" : "warning"}, {"message", d.message}, {"text", Text(d.What(), l)}});
      }
    }
    text += Text(Msg("{files} file(s): {errors} error(s), {warnings} warning(s)",
                     {{"files", files.size()}, {"errors", errors}, {"warnings", warnings}}),
                 l);
    ctx.Emit(text, {{"files", files.size()}, {"errors", errors}, {"warnings", warnings}, {"diagnostics", j}});
    if (errors > 0) return Status::Invalid(Msg("{n} error(s) in workflow files", {{"n", errors}}));
    return Status::Ok();
  });

  auto* load = wf->add_subcommand("load", ctx.Text(Msg("Lint and store workflow definitions (every version is kept)")));
  auto load_paths = std::make_shared<std::vector<std::string>>();
  load->add_option("PATH", *load_paths, ctx.Text(Msg("Files or directories (default: the shipped workflows)")));
  SetRunner(load, run, [&ctx, load_paths]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto files, CollectFiles(*load_paths));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    std::string text;
    nlohmann::json j = nlohmann::json::array();
    for (const auto& f : files) {
      DOCKET_ASSIGN_OR_RETURN(auto r, d->LoadWorkflow(f.text, f.name, ctx.actor()));
      for (const auto& w : r.warnings) std::cerr << w.Format(ctx.lang()) << "\n";
      const Msg::Arg workflow{"workflow", r.workflow}, version{"version", r.version};
      text += ctx.Text(r.added ? Msg("{workflow} v{version} loaded", {workflow, version})
                               : Msg("{workflow} v{version} already loaded", {workflow, version})) +
              "\n";
      j.push_back(WorkflowLoadJson(r, ctx.lang()));
    }
    ctx.Emit(text, j);
    return Status::Ok();
  });

  auto* list = wf->add_subcommand("list", ctx.Text(Msg("List loaded workflow definitions, every version")));
  SetRunner(list, run, [&ctx]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto defs, d->ListWorkflows());
    std::vector<std::vector<std::string>> rows;
    nlohmann::json j = nlohmann::json::array();
    for (const auto& rec : defs) {
      auto def = d->GetDefinition(rec.workflow, rec.version);
      std::string label = def.ok() ? (*def)->labels.Get(ctx.lang(), rec.workflow) : "?";
      rows.push_back({rec.workflow, std::to_string(rec.version), label, rec.content_hash.substr(0, 12), rec.loaded_at});
      j.push_back(DefinitionRecordJson(rec, label));
    }
    const Lang l = ctx.lang();
    ctx.Emit(Table({"ID", Text(Msg("Version"), l), Text(Msg("Name"), l), "SHA-256", Text(Msg("Loaded at"), l)}, rows), j);
    return Status::Ok();
  });

  auto* show = wf->add_subcommand("show", ctx.Text(Msg("Show a workflow: fields, states, transitions")));
  auto show_id = std::make_shared<std::string>();
  auto show_version = std::make_shared<std::int64_t>(0);
  auto show_source = std::make_shared<bool>(false);
  show->add_option("ID", *show_id, ctx.Text(Msg("Workflow id")))->required();
  show->add_option("--version", *show_version, ctx.Text(Msg("Version (default: latest)")));
  show->add_flag("--source", *show_source, ctx.Text(Msg("Print the YAML source as loaded")));
  SetRunner(show, run, [&ctx, show_id, show_version, show_source]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    std::optional<std::int64_t> version;
    if (*show_version > 0) version = *show_version;
    DOCKET_ASSIGN_OR_RETURN(auto def, d->GetDefinition(*show_id, version));
    const Definition& w = *def;
    const Lang l = ctx.lang();
    if (*show_source) {
      DOCKET_ASSIGN_OR_RETURN(auto defs, d->ListWorkflows());
      for (const auto& rec : defs) {
        if (rec.workflow == w.id && rec.version == w.version) ctx.Emit(rec.source, {{"source", rec.source}});
      }
      return Status::Ok();
    }
    std::string text = w.id + " v" + std::to_string(w.version) + "  " + w.labels.Get(l, w.id) + "\n\n";
    std::vector<std::vector<std::string>> rows;
    nlohmann::json jf = nlohmann::json::array(), js = nlohmann::json::array(), jt = nlohmann::json::array();
    for (const auto& f : w.fields) {
      std::string type = FieldTypeName(f.type);
      if (f.type == FieldType::kList) type += std::string(" of ") + FieldTypeName(f.element);
      if (!f.values.empty()) type += " [" + Join(f.values) + "]";
      rows.push_back({f.name, type, f.labels.Get(l, f.name)});
      jf.push_back({{"name", f.name}, {"type", type}, {"label", f.labels.Get(l, f.name)}});
    }
    text += Table({Text(Msg("Field"), l), Text(Msg("Type"), l), Text(Msg("Label"), l)}, rows) + "\n";
    rows.clear();
    for (const auto& s : w.states) {
      std::string kind = s.initial ? "initial" : (s.terminal ? "terminal" : "");
      rows.push_back({s.name, s.labels.Get(l, s.name), kind});
      js.push_back({{"name", s.name}, {"label", s.labels.Get(l, s.name)}, {"initial", s.initial}, {"terminal", s.terminal}});
    }
    text += Table({Text(Msg("State"), l), Text(Msg("Label"), l), ""}, rows) + "\n";
    rows.clear();
    for (const auto& t : w.transitions) {
      std::string from = t.from_any ? "any" : Join(t.from, "|");
      std::string roles = Join(t.roles);
      if (!t.roles_above.empty()) roles += (roles.empty() ? "" : "; ") + std::string("above: ") + Join(t.roles_above);
      rows.push_back({t.name, t.labels.Get(l, t.name), from + " -> " + t.to, roles, Join(t.required)});
      jt.push_back({{"name", t.name}, {"label", t.labels.Get(l, t.name)}, {"from", from}, {"to", t.to},
                    {"roles", t.roles}, {"roles_above", t.roles_above}, {"required", t.required}});
    }
    text += Table({Text(Msg("Action"), l), Text(Msg("Label"), l), Text(Msg("From -> to"), l),
                   Text(Msg("Roles"), l), Text(Msg("Required"), l)}, rows);
    ctx.Emit(text, {{"id", w.id}, {"version", w.version}, {"label", w.labels.Get(l, w.id)},
                    {"fields", jf}, {"states", js}, {"transitions", jt}});
    return Status::Ok();
  });

  auto* graph = wf->add_subcommand("graph", ctx.Text(Msg("Draw a workflow as a Mermaid or Graphviz diagram")));
  auto graph_id = std::make_shared<std::string>();
  auto graph_format = std::make_shared<std::string>("mermaid");
  graph->add_option("ID", *graph_id, ctx.Text(Msg("A loaded workflow id, or a path to a workflow file")))->required();
  graph->add_option("--format", *graph_format, ctx.Text(Msg("mermaid (default) or dot")));
  SetRunner(graph, run, [&ctx, graph_id, graph_format]() -> Status {
    std::error_code ec;
    if (std::filesystem::is_regular_file(*graph_id, ec)) {
      DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(*graph_id));
      DOCKET_ASSIGN_OR_RETURN(auto def, ParseWorkflowText(text, *graph_id));
      DOCKET_ASSIGN_OR_RETURN(auto drawn, DrawWorkflow(def, *graph_format, ctx.lang()));
      ctx.Emit(drawn, {{"graph", drawn}});
      return Status::Ok();
    }
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto def, d->GetDefinition(*graph_id, std::nullopt));
    DOCKET_ASSIGN_OR_RETURN(auto drawn, DrawWorkflow(*def, *graph_format, ctx.lang()));
    ctx.Emit(drawn, {{"graph", drawn}});
    return Status::Ok();
  });
  wf->require_subcommand(1);
}

}  // namespace docket::cli
