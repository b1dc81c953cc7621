// `docket item import FILE --org ORG --as PERSON`: the audited import of records a school
// kept before Docket (app/import.h; docs/GUIDE.md, "Bringing in records from before
// Docket"), and how an imported item is marked where items are shown.
#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {
namespace {

std::string FieldText(const Item& item, const char* name) {
  auto it = item.fields.find(name);
  return it == item.fields.end() ? std::string() : it->second.ToText();
}

}  // namespace

std::string ImportedNote(const Item& item, Lang lang) {
  if (!IsImported(item)) return "";
  return Text(Msg("Imported record (source: {source}; originally recorded on {date})",
                  {{"source", FieldText(item, kImportedField)}, {"date", FieldText(item, kRecordedOnField)}}),
              lang) +
         "\n";
}

std::string ImportFieldLabel(const std::string& name, Lang lang) {
  if (name == kImportedField) return Text(Msg("Source (imported)"), lang);
  if (name == kRecordedOnField) return Text(Msg("Originally recorded on (imported)"), lang);
  return name;
}

void AddImportCommand(CLI::App& app, Context& ctx, Runner* run) {
  CLI::App* item = app.get_subcommand("item");
  auto* cmd = item->add_subcommand(
      "import",
      ctx.Text(Msg("Import records kept before Docket from a YAML file, in one audited transaction (the organization's secretary or clerk)")));
  struct Args {
    std::string file, org;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("FILE", a->file, ctx.Text(Msg("Import file, e.g. workflows/examples/import.yaml")))->required();
  cmd->add_option("--org", a->org, ctx.Text(Msg("Organization whose records these are")))->required();
  SetRunner(cmd, run, [&ctx, a]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto text, ReadTextFile(a->file));
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto r, d->ImportItems({text, a->file, a->org, ctx.actor()}));
    const Lang l = ctx.lang();
    std::vector<std::vector<std::string>> rows;
    nlohmann::json records = nlohmann::json::array();
    for (const ImportedRecord& rec : r.records) {
      std::string title = "";
      if (auto it = d->GetItem(rec.id); it.ok()) title = FieldText(*it, "title");
      std::string state = rec.state;
      if (auto def = d->GetDefinition(rec.workflow, rec.workflow_version); def.ok()) {
        if (const StateDef* s = (*def)->FindState(rec.state)) state = s->labels.Get(l, rec.state);
      }
      rows.push_back({"#" + std::to_string(rec.id), rec.workflow, state, rec.recorded_on, rec.source,
                      rec.parent ? "#" + std::to_string(*rec.parent) : "", std::to_string(rec.seq), title});
      records.push_back({{"index", rec.index},
                         {"key", rec.key.empty() ? nlohmann::json(nullptr) : nlohmann::json(rec.key)},
                         {"id", rec.id},
                         {"workflow", rec.workflow},
                         {"workflow_version", rec.workflow_version},
                         {"state", rec.state},
                         {"parent", rec.parent ? nlohmann::json(*rec.parent) : nlohmann::json(nullptr)},
                         {"recorded_on", rec.recorded_on},
                         {"source", rec.source},
                         {"audit_seq", rec.seq}});
    }
    const std::string head = Text(Msg("imported {n} record(s) into {org} ({actor}, {role}), each with an audit entry (action import):",
                                      {{"n", r.records.size()}, {"org", r.org}, {"actor", r.actor}, {"role", r.role}}),
                                  l) +
                             "\n";
    ctx.Emit(head + Table({"ID", Text(Msg("Workflow"), l), Text(Msg("State"), l), Text(Msg("Recorded on"), l),
                           Text(Msg("Source"), l), Text(Msg("Parent item"), l), Text(Msg("Audit #"), l),
                           Text(Msg("Title"), l)},
                          rows),
             {{"ok", true},
              {"org", r.org},
              {"actor", r.actor},
              {"role", r.role},
              {"count", r.records.size()},
              {"records", records}});
    return Status::Ok();
  });
}

}  // namespace docket::cli
