#include "app/message_json.h"

#include "core/catalog.h"
#include "core/transition.h"

namespace docket {

nlohmann::json MsgToJson(const Msg& msg) {
  switch (msg.kind()) {
    case Msg::Kind::kLiteral: return msg.text();
    case Msg::Kind::kLabels: return {{"zh", msg.labels().zh}, {"en", msg.labels().en}, {"id", msg.text()}};
    case Msg::Kind::kTemplate: break;
  }
  nlohmann::json j = {{"t", msg.text()}};
  if (!msg.args().empty()) {
    nlohmann::json args = nlohmann::json::object();
    for (const Msg::Arg& a : msg.args()) args[a.name] = MsgToJson(a.value);
    j["a"] = std::move(args);
  }
  return j;
}

namespace {

// Docket's own messages nest a few levels; a reason nested deeper was not written by Docket.
constexpr int kMaxMsgDepth = 32;

std::optional<Msg> MsgFromJsonAt(const nlohmann::json& j, int depth) {
  if (j.is_string()) return Msg::Literal(j.get<std::string>());
  if (!j.is_object() || depth > kMaxMsgDepth) return std::nullopt;
  auto text = [&](const char* key) -> std::optional<std::string> {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  if (auto t = text("t")) {
    std::vector<Msg::Arg> args;
    if (auto a = j.find("a"); a != j.end()) {
      if (!a->is_object()) return std::nullopt;
      for (const auto& [name, value] : a->items()) {
        auto arg = MsgFromJsonAt(value, depth + 1);
        if (!arg) return std::nullopt;
        args.emplace_back(name, std::move(*arg));
      }
    }
    return Msg::Make(Msg::Kind::kTemplate, std::move(*t), {}, std::move(args));
  }
  auto zh = text("zh"), en = text("en"), id = text("id");
  if (!zh || !en || !id) return std::nullopt;
  return Msg::Make(Msg::Kind::kLabels, std::move(*id), Labels{*zh, *en}, {});
}

}  // namespace

std::optional<Msg> MsgFromJson(const nlohmann::json& j) { return MsgFromJsonAt(j, 0); }

std::string RefusalReason(const Status& why) {
  nlohmann::json j = {{"code", CodeName(why.code())}, {"en", why.message()}, {"msg", MsgToJson(why.msg())}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ReasonText(const std::string& reason, Lang lang) {
  if (reason.empty() || reason.front() != '{') return reason;
  auto j = nlohmann::json::parse(reason, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("msg")) return reason;
  auto msg = MsgFromJson(j["msg"]);
  if (!msg) return reason;
  // The action is shown beside the reason: "action 'adopt' refused: <why>" says only <why>.
  if (const Msg* why = RefusalWhy(*msg)) return Text(*why, lang);
  return Text(*msg, lang);
}

}  // namespace docket
