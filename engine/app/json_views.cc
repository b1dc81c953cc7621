#include "app/json_views.h"

#include <string_view>
#include <type_traits>

#include "audit/json_value.h"
#include "core/catalog.h"
#include "core/clock.h"
#include "core/condition.h"

namespace docket {

nlohmann::json ItemJson(const Item& item) {
  nlohmann::json j = {{"id", item.id},
                      {"org", item.org},
                      {"workflow", item.workflow},
                      {"workflow_version", item.workflow_version},
                      {"state", item.state},
                      {"fields", FieldsToJson(item.fields)},
                      {"version", item.version},
                      {"created_at", FormatTime(item.created_at)},
                      {"updated_at", FormatTime(item.updated_at)}};
  j["parent"] = item.parent ? nlohmann::json(*item.parent) : nlohmann::json(nullptr);
  // An imported record says so, with its source and original date (core/item.h); the two
  // marks are also among its fields, as its audit entry set them.
  if (IsImported(item)) {
    auto text = [&](const char* name) {
      auto it = item.fields.find(name);
      return it != item.fields.end() && it->second.is_string() ? it->second.as_string() : std::string();
    };
    j["imported"] = {{"source", text(kImportedField)}, {"recorded_on", text(kRecordedOnField)}};
  }
  return j;
}

nlohmann::json BlockedJson(const Msg& refusal, const std::string& rule) {
  nlohmann::json blocked = {{"zh", Text(refusal, Lang::kZh)}, {"en", Text(refusal, Lang::kEn)}};
  if (!rule.empty()) blocked["rule"] = rule;
  if (auto words = RuleWords(refusal)) blocked["words"] = {{"zh", Text(*words, Lang::kZh)}, {"en", Text(*words, Lang::kEn)}};
  return blocked;
}

nlohmann::json ItemJson(const Item& item, const std::vector<OfferedAction>& actions) {
  auto labels = [](const Labels& l) { return nlohmann::json{{"zh", l.zh}, {"en", l.en}}; };
  nlohmann::json offered = nlohmann::json::array();
  for (const OfferedAction& a : actions) {
    nlohmann::json required = nlohmann::json::array();
    for (const OfferedField& f : a.required) {
      nlohmann::json one = {{"name", f.name}, {"labels", labels(f.labels)}, {"type", f.type}};
      if (!f.workflow.empty()) one["workflow"] = f.workflow;
      if (!f.values.empty()) one["values"] = f.values;
      required.push_back(std::move(one));
    }
    nlohmann::json one = {{"name", a.name}, {"labels", labels(a.labels)}, {"required", required}};
    if (a.blocked) one["blocked"] = BlockedJson(*a.blocked, a.blocked_rule);
    offered.push_back(std::move(one));
  }
  nlohmann::json j = ItemJson(item);
  j["actions"] = offered;
  return j;
}

nlohmann::json PublicJson(const std::vector<PublicItem>& items) {
  nlohmann::json j = nlohmann::json::array();
  for (const PublicItem& p : items) j.push_back(ItemJson(p.item));
  return j;
}

nlohmann::json EntryJson(const AuditEntry& e) {
  // Every field of the entry under its own name, but the states as "from" and "to".
  nlohmann::json j = nlohmann::json::object();
  ForEachAuditField(e, [&j](std::string_view name, const auto& value) {
    const std::string key = name == "from_state" ? "from" : name == "to_state" ? "to" : std::string(name);
    if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::vector<FieldChange>>) {
      j[key] = ChangesToJson(value);
    } else {
      j[key] = value;
    }
  });
  return j;
}

namespace {

nlohmann::json BothLabels(const Labels& labels, const std::string& name) {
  return {{"zh", labels.Get(Lang::kZh, name)}, {"en", labels.Get(Lang::kEn, name)}};
}

Labels CatalogLabels(const Msg& words) { return Labels(Text(words, Lang::kZh), Text(words, Lang::kEn)); }

Labels ActionLabels(const AuditEntry& e, const Definition* def) {
  if (e.action == "$attach") return CatalogLabels(Msg("Attached a file"));
  if (e.action.rfind("$read", 0) == 0) return CatalogLabels(Msg("Read"));
  if (e.action == kImportAction) return CatalogLabels(Msg("Imported from earlier records"));
  if (def != nullptr && e.action == "create") {
    return def->create.labels.zh.empty() && def->create.labels.en.empty() ? CatalogLabels(Msg("Created")) : def->create.labels;
  }
  if (def != nullptr) {
    for (const TransitionDef& t : def->transitions) {
      if (t.name == e.action) return t.labels;
    }
  }
  return {};
}

nlohmann::json StateLabels(const std::string& state, const Definition* def) {
  const StateDef* s = def != nullptr && !state.empty() ? def->FindState(state) : nullptr;
  return BothLabels(s != nullptr ? s->labels : Labels(), state);
}

}  // namespace

nlohmann::json LabelledEntryJson(const AuditEntry& e, const Definition* def) {
  nlohmann::json j = EntryJson(e);
  j["labels"] = BothLabels(ActionLabels(e, def), e.action);
  j["from_labels"] = StateLabels(e.from_state, def);
  j["to_labels"] = StateLabels(e.to_state, def);
  return j;
}

nlohmann::json ProgressJson(const Progress& p) {
  nlohmann::json entries = nlohmann::json::array();
  for (const TaskProgress& t : p.tasks) {
    entries.push_back({{"id", t.id}, {"workflow", t.workflow}, {"state", t.state}, {"percent", t.percent},
                       {"reported", t.reported}, {"finished", t.finished}});
  }
  return {{"percent", p.percent ? nlohmann::json(*p.percent) : nlohmann::json()},
          {"tasks", p.tasks.size()},
          {"finished", p.finished},
          {"entries", entries}};
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
          {"detail", {{"zh", Text(f.detail, Lang::kZh)}, {"en", f.detail.English()}}},
          {"evidence", evidence}};
}


nlohmann::json FindingsJson(const std::string& org, const std::string& term, const std::string& as_of,
                            const std::vector<Finding>& findings) {
  nlohmann::json list = nlohmann::json::array();
  for (const Finding& f : findings) list.push_back(FindingJson(f));
  return {{"org", org},
          {"term", term.empty() ? nlohmann::json(nullptr) : nlohmann::json(term)},
          {"as_of", as_of},
          {"count", findings.size()},
          {"findings", list}};
}

nlohmann::json NotificationJson(const Notification& n) {
  nlohmann::json deliveries = nlohmann::json::array();
  for (const Delivery& d : n.deliveries) {
    // Not the address: a robot's URL holds its secret.
    deliveries.push_back({{"channel", d.channel},
                          {"status", d.status},
                          {"attempts", d.attempts},
                          {"last_error", d.last_error},
                          {"next_at", d.status == "pending" || d.status == "retrying" ? nlohmann::json(d.next_at) : nlohmann::json(nullptr)},
                          {"done_at", d.done_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.done_at)}});
  }
  return {{"id", n.id},         {"time", n.time},     {"item", n.item_id},
          {"org", n.org},       {"kind", n.kind},     {"firing", n.firing},
          {"message", LabelsToJson(n.message)},     {"read", n.read},
          {"deliveries", deliveries}};
}

nlohmann::json OrgJson(const Org& o) {
  // Its deciding bodies with their members, in the org file's order: whom a meeting's
  // attendance and positions are taken from.
  nlohmann::json bodies = nlohmann::json::array();
  for (const Body& b : o.bodies) {
    bodies.push_back({{"id", b.id}, {"name", LabelsToJson(b.name)}, {"members", b.members}, {"attendees", b.attendees}});
  }
  return {{"id", o.id},
          {"parent", o.parent ? nlohmann::json(*o.parent) : nlohmann::json(nullptr)},
          {"name", {{"zh", o.name.zh}, {"en", o.name.en}}},
          {"kind", o.kind},
          {"time_zone", o.time_zone},
          {"attrs", o.attrs},
          {"bodies", bodies}};
}

nlohmann::json PersonJson(const Person& p) {
  nlohmann::json roles = nlohmann::json::array();
  for (const RoleGrant& g : p.roles) roles.push_back({{"org", g.org}, {"role", g.role}});
  return {{"id", p.id}, {"name", {{"zh", p.name.zh}, {"en", p.name.en}}}, {"roles", roles}};
}

nlohmann::json DefinitionRecordJson(const DefinitionRecord& rec, const std::string& label) {
  return {{"workflow", rec.workflow}, {"version", rec.version}, {"label", label},
          {"content_hash", rec.content_hash}, {"loaded_at", rec.loaded_at}};
}

nlohmann::json OrgLoadJson(const OrgLoadReport& r) {
  return {{"ok", true}, {"organizations", r.orgs}, {"people", r.people}, {"roles", r.roles},
          {"changed", r.changed}, {"audit_entries", r.audit_entries}};
}

nlohmann::json WorkflowLoadJson(const WorkflowLoadReport& r, Lang lang) {
  nlohmann::json warnings = nlohmann::json::array();
  for (const Diagnostic& w : r.warnings) warnings.push_back(w.Format(lang));
  return {{"workflow", r.workflow}, {"version", r.version}, {"added", r.added}, {"warnings", warnings}};
}

nlohmann::json TableLoadJson(const TableLoadReport& r) {
  return {{"ok", true}, {"table", r.table}, {"entries", r.entries}, {"changed", r.changed},
          {"audit_entries", r.audit_entries}};
}

nlohmann::json AccountJson(const AccountInfo& a) {
  return {{"person", a.person}, {"has_password", a.has_password}, {"password_set_at", a.password_set_at},
          {"open_invitations", a.open_invitations}, {"sessions", a.sessions}};
}

nlohmann::json TokenJson(const TokenInfo& t) {
  return {{"id", t.id},         {"person", t.person},         {"org", t.org},
          {"scope", t.scope},   {"created_by", t.created_by}, {"created_at", t.created_at},
          {"expires_at", t.expires_at}, {"revoked_at", t.revoked_at}};
}

nlohmann::json VerifyJson(const VerifyReport& r) {
  return {{"ok", true}, {"orgs", r.orgs}, {"entries", r.entries}, {"items", r.items}};
}

nlohmann::json ReceivedJson(const ReceivedCheckpoints& r) {
  nlohmann::json last = nullptr;
  if (r.last) {
    last = {{"seq", r.last->seq}, {"head_hash", r.last->head_hash}, {"time", r.last->time}, {"sha256", r.last_hash}};
  }
  return {{"org", r.org}, {"public_key", r.public_key}, {"last", last}, {"accepted", r.accepted_now}};
}

}  // namespace docket
