#include "store/row_text.h"

#include <utility>

#include "audit/canonical_json.h"
#include "audit/json_value.h"

namespace docket {

Result<std::map<std::string, std::string>> ParseAttrs(const std::string& id, const std::string& text) {
  Result<nlohmann::json> j = ParseJson(text, Msg("attrs of organization '{org}'", {{"org", id}}));
  if (!j.ok()) return Status::Integrity(j.status().msg());
  std::map<std::string, std::string> attrs;
  if (!j->is_object()) return Status::Integrity(Msg("attrs of organization '{org}' not an object", {{"org", id}}));
  for (auto it = j->begin(); it != j->end(); ++it) {
    if (!it.value().is_string()) {
      return Status::Integrity(Msg("attr '{attr}' of organization '{org}' not text", {{"attr", it.key()}, {"org", id}}));
    }
    attrs[it.key()] = it.value().get<std::string>();
  }
  return attrs;
}

Result<OrgRobots> ParseRobots(const std::string& id, const std::string& text) {
  Result<nlohmann::json> j = ParseJson(text, Msg("the group robots of organization '{org}'", {{"org", id}}));
  if (!j.ok()) return Status::Integrity(j.status().msg());
  OrgRobots out;
  if (!j->is_object()) return Status::Integrity(Msg("the group robots of organization '{org}' are not an object", {{"org", id}}));
  for (const auto& [key, field] : {std::pair{"wecom", &out.wecom}, std::pair{"dingtalk", &out.dingtalk}}) {
    auto it = j->find(key);
    if (it == j->end()) continue;
    if (!it->is_string()) return Status::Integrity(Msg("the group robots of organization '{org}' are not an object", {{"org", id}}));
    *field = it->get<std::string>();
  }
  return out;
}

std::string RobotsText(const OrgRobots& robots) {
  nlohmann::json j = nlohmann::json::object();
  if (!robots.wecom.empty()) j["wecom"] = robots.wecom;
  if (!robots.dingtalk.empty()) j["dingtalk"] = robots.dingtalk;
  return DumpJson(j);
}

Result<std::vector<std::string>> ReadIdList(const std::string& text, const Msg& what) {
  Result<nlohmann::json> j = ParseJson(text, what);
  if (!j.ok()) return Status::Integrity(j.status().msg());
  std::vector<std::string> out;
  if (!j->is_array()) return Status::Integrity(Msg("{what} is not a list", {{"what", what}}));
  for (const auto& e : *j) {
    if (!e.is_string()) return Status::Integrity(Msg("{what} holds something other than a person id", {{"what", what}}));
    out.push_back(e.get<std::string>());
  }
  return out;
}

Result<Labels> ReadMessage(std::int64_t id, const std::string& text) {
  Result<nlohmann::json> j = ParseJson(text, Msg("the message of notification {id}", {{"id", id}}));
  if (!j.ok()) return Status::Integrity(j.status().msg());
  Result<Labels> labels = LabelsFromJson(*j);
  if (!labels.ok()) {
    return Status::Integrity(Msg("the message of notification {id}: {why}", {{"id", id}, {"why", labels.status().msg()}}));
  }
  return labels;
}

Result<Labels> ReadRoleLabels(const std::string& role, const std::string& text) {
  const Msg what = Msg("the labels of role '{role}'", {{"role", role}});
  Result<nlohmann::json> j = ParseJson(text, what);
  if (!j.ok()) return Status::Integrity(j.status().msg());
  Result<Labels> l = LabelsFromJson(*j);
  if (!l.ok()) return Status::Integrity(Msg("{what}: {why}", {{"what", what}, {"why", l.status().msg()}}));
  return l;
}

Status ParseItemFields(std::int64_t id, std::string_view text, FieldMap* out) {
  if (ParseFieldsFast(text, out)) return Status::Ok();
  const Msg item = Msg("item {id}", {{"id", id}});
  Result<nlohmann::json> j = ParseJson(std::string(text), Msg("fields of {item}", {{"item", item}}));
  if (!j.ok()) return Status::Integrity(j.status().msg());
  Result<FieldMap> fields = FieldsFromJson(*j);
  if (!fields.ok()) return Status::Integrity(Msg("{item}: {why}", {{"item", item}, {"why", fields.status().msg()}}));
  *out = std::move(fields).value();
  return Status::Ok();
}

Result<std::vector<FieldChange>> ParseChanges(const std::string& org, std::int64_t seq, const std::string& text) {
  auto where = [&](const Status& why) {
    return Status::Integrity(Msg("organization '{org}', entry {seq}: {why}", {{"org", org}, {"seq", seq}, {"why", why.msg()}}));
  };
  Result<nlohmann::json> j = ParseJson(text, Msg("changes"));
  if (!j.ok()) return where(j.status());
  Result<std::vector<FieldChange>> changes = ChangesFromJson(*j);
  if (!changes.ok()) return where(changes.status());
  return changes;
}

}  // namespace docket
