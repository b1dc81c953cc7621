// `docket findings --org ORG [--term T]`: compliance findings computed from the record
// (Docket::Findings; the checks are declared in the workflows, docs/WORKFLOWS.md "Checks").
// Findings are the output, not an error: the command exits 0 whether or not there are any.
#include <map>

#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {
namespace {

std::string SeverityText(Lang l, const std::string& s) {
  if (s == "high") return Tr(l, "高", "high");
  if (s == "medium") return Tr(l, "中", "medium");
  if (s == "low") return Tr(l, "低", "low");
  if (s == "info") return Tr(l, "提示", "info");
  return s;
}

// "#12 议题（通过）", or for a missing item "学期工作报告（缺失）".
std::string ItemText(Lang l, const Finding& f, const Definition* def) {
  const std::string wf = def != nullptr ? def->labels.Get(l, f.workflow) : f.workflow;
  if (f.item == 0) return wf + Tr(l, "（缺失）", " (missing)");
  std::string state = f.state;
  if (def != nullptr) {
    if (const StateDef* s = def->FindState(f.state)) state = s->labels.Get(l, f.state);
  }
  return "#" + std::to_string(f.item) + " " + wf + (l == Lang::kZh ? "（" + state + "）" : " (" + state + ")");
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
    out += (out.empty() ? "" : Tr(l, "；", "; ")) + label + "=" + shown;
  }
  return out;
}

nlohmann::json FindingJson(const Finding& f) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& [field, value] : f.evidence) evidence.push_back({{"field", field}, {"value", value}});
  return {{"rule", f.rule},
          {"severity", f.severity},
          {"org", f.org},
          {"item", f.item == 0 ? nlohmann::json(nullptr) : nlohmann::json(f.item)},
          {"workflow", f.workflow},
          {"check", f.check},
          {"state", f.state},
          {"message", {{"zh", f.message.zh}, {"en", f.message.en}}},
          {"detail", f.detail.English()},
          {"evidence", evidence}};
}

}  // namespace

void AddFindingsCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* cmd = app.add_subcommand(
      "findings",
      "Compliance findings of an organization and every one below it, computed from the record / 合规问题");
  auto org = std::make_shared<std::string>();
  auto term = std::make_shared<std::string>();
  cmd->add_option("--org", *org, "Organization (its sub-organizations are included)")->required();
  cmd->add_option("--term", *term, "Only the items of this semester of the loaded calendar, e.g. 2026-spring");
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
    nlohmann::json list = nlohmann::json::array();
    for (const Finding& f : found) {
      const Definition* def = def_of(f.workflow);
      rows.push_back({f.rule, SeverityText(l, f.severity), f.org, ItemText(l, f, def), f.message.Get(l, f.check),
                      EvidenceText(l, f, def)});
      if (!f.detail.empty()) {
        details += "  " + (f.item == 0 ? f.org : "#" + std::to_string(f.item)) + " " + f.rule + ": " + Text(f.detail, l) + "\n";
      }
      ++by_severity[f.severity];
      list.push_back(FindingJson(f));
    }
    std::string text;
    if (found.empty()) {
      text = Tr(l, "（未发现问题）", "(no findings)");
    } else {
      text = Table({Tr(l, "规则", "Rule"), Tr(l, "严重程度", "Severity"), Tr(l, "组织", "Org"), Tr(l, "事项", "Item"),
                    Tr(l, "问题", "Finding"), Tr(l, "证据", "Evidence")},
                   rows);
      text += "\n" + std::string(Tr(l, "依据（记录所示）：", "What the record shows:")) + "\n" + details;
      text += l == Lang::kZh ? "共 " + std::to_string(found.size()) + " 项：高 " + std::to_string(by_severity["high"]) +
                                   "，中 " + std::to_string(by_severity["medium"]) + "，低 " +
                                   std::to_string(by_severity["low"])
                             : std::to_string(found.size()) + " finding(s): " + std::to_string(by_severity["high"]) +
                                   " high, " + std::to_string(by_severity["medium"]) + " medium, " +
                                   std::to_string(by_severity["low"]) + " low";
      if (by_severity["info"] > 0) {  // imported records, listed instead of judged (app/import.h)
        text += l == Lang::kZh ? "；另有导入的历史记录 " + std::to_string(by_severity["info"]) + " 条未回溯检查"
                               : "; and " + std::to_string(by_severity["info"]) +
                                     " imported record(s) not judged retroactively";
      }
    }
    auto clock = ctx.clock();
    nlohmann::json j = {{"org", *org},
                        {"term", term->empty() ? nlohmann::json(nullptr) : nlohmann::json(*term)},
                        {"as_of", clock.ok() ? FormatTime((*clock)->Now()) : ""},
                        {"count", found.size()},
                        {"findings", list}};
    ctx.Emit(text, j);
    return Status::Ok();
  });
}

}  // namespace docket::cli
