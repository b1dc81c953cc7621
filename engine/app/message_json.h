// The JSON form of a Msg (core/message.h), in which a refusal's reason is kept in the audit
// log so that `item history` shows it in the reader's language: a literal is a JSON string;
// a template is {"t": TEMPLATE, "a": {NAME: MSG, ...}}; labels are {"zh": .., "en": .., "id": ..}.
// A refusal's reason is {"code": "refused", "en": ENGLISH, "msg": MSG}: readable as it stands
// in an exported chain, and renderable in any language.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/message.h"
#include "core/status.h"

namespace docket {

nlohmann::json MsgToJson(const Msg& msg);
// nullopt when `j` is not a Msg's JSON form (or nests deeper than Docket's messages do).
std::optional<Msg> MsgFromJson(const nlohmann::json& j);

// The reason an audit entry keeps for a refusal.
std::string RefusalReason(const Status& why);
// The reason of an entry in `lang`: a refusal's message, or the stored text as it is.
std::string ReasonText(const std::string& reason, Lang lang);

}  // namespace docket
