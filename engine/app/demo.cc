#include "app/demo.h"

#include "app/embedded.h"

namespace docket {
namespace {

using namespace std::chrono_literals;

class Narrator {
 public:
  Narrator(Docket& docket, FixedClock& clock, Lang lang,
           const std::function<void(const std::string&)>& say)
      : docket_(docket), clock_(clock), lang_(lang), say_(say) {}

  const char* T(const char* zh, const char* en) const { return lang_ == Lang::kZh ? zh : en; }
  void Say(const std::string& line) { say_(line); }

  std::string PersonName(const std::string& id) {
    auto p = docket_.ListPeople();
    if (p.ok()) {
      for (const auto& person : *p) {
        if (person.id == id) return person.name.Get(lang_, id) + " (" + id + ")";
      }
    }
    return id;
  }

  std::string StateLabel(const Item& item) {
    auto def = docket_.GetDefinition(item.workflow, item.workflow_version);
    if (!def.ok()) return item.state;
    const StateDef* s = (*def)->FindState(item.state);
    return s ? s->labels.Get(lang_, item.state) : item.state;
  }

  std::string ActionLabel(const Item& item, const std::string& action) {
    auto def = docket_.GetDefinition(item.workflow, item.workflow_version);
    if (!def.ok()) return action;
    for (const auto& t : (*def)->transitions) {
      if (t.name == action) return t.labels.Get(lang_, action);
    }
    return action;
  }

  // Takes an action that must succeed; tells it.
  Status Do(std::int64_t id, const std::string& action, const std::string& who, FieldTexts fields) {
    clock_.Advance(24h);
    auto r = docket_.Act({id, action, std::move(fields), std::nullopt, who});
    if (!r.ok()) return r.status();
    Say("  " + FormatDate(clock_.Now()) + "  " + PersonName(who) + " " + T("执行「", "took \"") +
        ActionLabel(r->item, action) + T("」→ ", "\" -> ") + StateLabel(r->item) +
        T("（版本 ", " (version ") + std::to_string(r->item.version) + T("）", ")"));
    return Status::Ok();
  }

  // Takes an action that the rules must refuse; tells the refusal.
  Status Refused(std::int64_t id, const std::string& action, const std::string& who, FieldTexts fields) {
    auto r = docket_.Act({id, action, std::move(fields), std::nullopt, who});
    if (r.ok()) return Status::Integrity("the demo expected '" + action + "' by '" + who + "' to be refused");
    auto item = docket_.GetItem(id);
    const std::string label = item.ok() ? ActionLabel(*item, action) : action;
    Say("  " + FormatDate(clock_.Now()) + "  " + PersonName(who) + T(" 试图执行「", " tried \"") + label +
        T("」，被拒绝并记入审计：", "\": refused and recorded in the audit log: ") + r.status().message());
    return Status::Ok();
  }

 private:
  Docket& docket_;
  FixedClock& clock_;
  Lang lang_;
  const std::function<void(const std::string&)>& say_;
};

}  // namespace

Status RunDemo(Docket& docket, FixedClock& clock, Lang lang,
               const std::function<void(const std::string&)>& say) {
  Narrator n(docket, clock, lang, say);
  const EmbeddedFile* org_file = FindShipped("workflows/examples/org.yaml");
  if (org_file == nullptr) return Status::NotFound("the example organization file is not built in");
  auto orgs = docket.LoadOrgs(org_file->text, std::string(org_file->path));
  if (!orgs.ok()) return orgs.status();
  n.Say(std::string(n.T("载入示例组织：", "Loaded the example organizations: ")) + std::to_string(orgs->orgs) +
        n.T(" 个组织，", " organizations, ") + std::to_string(orgs->people) + n.T(" 人", " people"));
  for (const auto& wf : ShippedWorkflows()) {
    auto loaded = docket.LoadWorkflow(wf.text, std::string(wf.path));
    if (!loaded.ok()) return loaded.status();
    n.Say(std::string(n.T("载入流程 ", "Loaded workflow ")) + loaded->workflow + " v" +
          std::to_string(loaded->version));
  }

  n.Say(n.T("\n一、议题提出与决定", "\n1. A matter is proposed and decided"));
  auto created = docket.CreateItem({"matter", "school-a", std::nullopt,
                                    {{"title", "购置理化生实验室设备"},
                                     {"category", "large-spending"},
                                     {"amount", "350000"},
                                     {"proposer", "li"}},
                                    "liu"});
  if (!created.ok()) return created.status();
  const std::int64_t id = created->item.id;
  n.Say("  " + FormatDate(clock.Now()) + "  " + n.PersonName("liu") + n.T(" 登记议题 #", " registered matter #") +
        std::to_string(id) + n.T("「购置理化生实验室设备」，大额资金 350000.00 元", " \"Lab equipment\", large spending of 350000.00 CNY"));
  DOCKET_RETURN_IF_ERROR(n.Do(id, "submit", "liu", {}));
  DOCKET_RETURN_IF_ERROR(n.Refused(id, "decide", "chen",
                                   {{"decision", "同意"}, {"meeting_date", "2026-03-04"}}));
  DOCKET_RETURN_IF_ERROR(n.Do(id, "decide", "wang",
                              {{"decision", "同意购置，分两期实施"},
                               {"meeting_date", "2026-03-04"},
                               {"owner", "li"},
                               {"due_date", "2026-06-30"},
                               {"public", "true"}}));

  n.Say(n.T("\n二、执行与报告", "\n2. Execution and progress reports"));
  DOCKET_RETURN_IF_ERROR(n.Do(id, "start", "li", {}));
  DOCKET_RETURN_IF_ERROR(n.Do(id, "report", "chen", {{"progress", "60"}, {"evidence", "采购合同 HT-2026-031"}}));
  DOCKET_RETURN_IF_ERROR(n.Refused(id, "complete", "li", {}));
  DOCKET_RETURN_IF_ERROR(n.Do(id, "report", "li", {{"progress", "100"}, {"evidence", "验收报告 YS-2026-07"}}));
  DOCKET_RETURN_IF_ERROR(n.Do(id, "complete", "li", {}));

  n.Say(n.T("\n三、评价办结", "\n3. Evaluation and closure"));
  DOCKET_RETURN_IF_ERROR(n.Do(id, "close", "wang", {{"evaluation", "按期完成，效果良好"}}));

  n.Say(n.T("\n四、党务校务公开（无需登录即可查看）", "\n4. Published for everyone (no sign-in needed)"));
  auto published = docket.ListPublic("school-a");
  if (!published.ok()) return published.status();
  for (const auto& p : *published) {
    std::string line = "  #" + std::to_string(p.item.id);
    for (const auto& [name, v] : p.item.fields) {
      const FieldDef* f = p.definition->FindField(name);
      line += "  " + (f ? f->labels.Get(lang, name) : name) + ": " + v.ToText();
    }
    n.Say(line);
  }

  n.Say(n.T("\n五、审计记录", "\n5. The audit record"));
  auto history = docket.History(id);
  if (!history.ok()) return history.status();
  for (const auto& e : *history) {
    n.Say("  #" + std::to_string(e.seq) + "  " + e.time + "  " + e.actor + "  " + e.action + "  " +
          (e.outcome == "ok" ? e.from_state + " -> " + e.to_state : std::string(n.T("拒绝", "refused"))) +
          "  " + e.hash.substr(0, 12));
  }
  auto verified = docket.Verify(std::nullopt);
  if (!verified.ok()) return verified.status();
  n.Say(std::string(n.T("\n审计链校验通过：", "\naudit verify passed: ")) + std::to_string(verified->entries) +
        n.T(" 条记录，", " entries, ") + std::to_string(verified->items) + n.T(" 个事项", " items"));
  return Status::Ok();
}

}  // namespace docket
