// `docket findings --org ORG [--term T]`: compliance findings computed from the record
// (Docket::Findings; the checks are declared in the workflows, docs/WORKFLOWS.md "Checks").
// Findings are the output, not an error: the command exits 0 whether or not there are any.
#include <map>

#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {
namespace {

std::string SeverityText(Lang l, const std::string& s) {
  if (s == "high") return Text(Msg("high"), l);
  if (s == "medium") return Text(Msg("medium"), l);
  if (s == "low") return Text(Msg("low"), l);
  if (s == "info") return Text(Msg("info"), l);
  return s;
}

// "#12 议题（通过）", or for a missing item "学期工作报告（缺失）".
std::string ItemText(Lang l, const Finding& f, const Definition* def) {
  const std::string wf = def != nullptr ? def->labels.Get(l, f.workflow) : f.workflow;
  if (f.item == 0) return wf + Text(Msg(" (missing)"), l);
  std::string state = f.state;
  if (def != nullptr) {
    if (const StateDef* s = def->FindState(f.state)) state = s->labels.Get(l, f.state);
  }
  return Text(Msg("#{id} {workflow} ({state})", {{"id", f.item}, {"workflow", wf}, {"state", state}}), l);
}

// "类别=large-spending；上会会议=#3": each evidence field by its label, "—" when empty.
std::string EvidenceText(Lang l, const Finding& f, const Definition* def) {
  std::string out;
  for (const auto& [field, value] : f.evidence) {
    std::string label = field;
    std::string shown = value.empty() ? "—" : value;
    if (def != nullptr) {
      if (const FieldDef* fd = def->FindField(field)) {
        label = fd->labels.Get(l, field);
        if (fd->type == FieldType::kItem && !value.empty()) shown = "#" + value;
      }
    }
    out += (out.empty() ? "" : Text(Msg("; "), l)) + label + "=" + shown;
  }
  return out;
}

}  // namespace

void AddFindingsCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* cmd = app.add_subcommand(
      "findings",
      ctx.Text(Msg("Compliance findings of an organization and every one below it, computed from the record")));
  auto org = std::make_shared<std::string>();
  auto term = std::make_shared<std::string>();
  cmd->add_option("--org", *org, ctx.Text(Msg("Organization (its sub-organizations are included)")))->required();
  cmd->add_option("--term", *term, ctx.Text(Msg("Only the items of this semester of the loaded calendar, e.g. 2026-spring")));
  SetRunner(cmd, run, [&ctx, org, term]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(auto found, d->Findings(*org, term->empty() ? std::nullopt : std::optional<std::string>(*term), std::nullopt));
    const Lang l = ctx.lang();
    std::map<std::string, std::shared_ptr<const Definition>> defs;  // labels, from the latest versions
    auto def_of = [&](const std::string& workflow) -> const Definition* {
      auto it = defs.find(workflow);
      if (it == defs.end()) {
        auto got = d->GetDefinition(workflow, std::nullopt);
        it = defs.emplace(workflow, got.ok() ? *got : nullptr).first;
      }
      return it->second.get();
    };
    std::vector<std::vector<std::string>> rows;
    std::string details;
    std::map<std::string, int> by_severity;
    for (const Finding& f : found) {
      const Definition* def = def_of(f.workflow);
      rows.push_back({f.rule, SeverityText(l, f.severity), f.org, ItemText(l, f, def), f.message.Get(l, f.check),
                      EvidenceText(l, f, def)});
      if (!f.detail.empty()) {
        details += "  " + (f.item == 0 ? f.org : "#" + std::to_string(f.item)) + " " + f.rule + ": " + Text(f.detail, l) + "\n";
      }
      ++by_severity[f.severity];
    }
    std::string text;
    if (found.empty()) {
      text = Text(Msg("(no findings)"), l);
    } else {
      text = Table({Text(Msg("Rule"), l), Text(Msg("Severity"), l), Text(Msg("Org"), l), Text(Msg("Item"), l),
                    Text(Msg("Finding"), l), Text(Msg("Evidence"), l)},
                   rows);
      text += "\n" + std::string(Text(Msg("What the record shows:"), l)) + "\n" + details;
      text += Text(Msg("{n} finding(s): {high} high, {medium} medium, {low} low",
                       {{"n", found.size()}, {"high", by_severity["high"]}, {"medium", by_severity["medium"]},
                        {"low", by_severity["low"]}}),
                   l);
      if (by_severity["info"] > 0) {  // imported records, listed instead of judged (app/import.h)
        text += Text(Msg("; and {n} imported record(s) not judged retroactively", {{"n", by_severity["info"]}}), l);
      }
    }
    auto clock = ctx.clock();
    ctx.Emit(text, FindingsJson(*org, *term, clock.ok() ? FormatTime((*clock)->Now()) : "", found));
    return Status::Ok();
  });
}

}  // namespace docket::cli
