#include "audit/checkpoint.h"

#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "audit/json_value.h"

namespace docket {

namespace {

using nlohmann::json;

json ToJson(const Checkpoint& cp, bool with_signature) {
  json defs = json::array();
  for (const ExportDefinition& d : cp.definitions) {
    defs.push_back({{"workflow", d.workflow}, {"version", d.version}, {"sha256", d.sha256}});
  }
  json j = {{"format", kCheckpointFormat}, {"version", kCheckpointVersion}, {"org", cp.org},
            {"seq", cp.seq},          {"head_hash", cp.head_hash},        {"time", cp.time},
            {"public_key", cp.public_key}, {"definitions", defs}};
  if (with_signature) j["signature"] = cp.signature;
  return j;
}

bool IsHex(std::string_view s, std::size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status Bad(Msg why) { return Status::Integrity(Msg("checkpoint: {why}", {{"why", std::move(why)}})); }

// The fields of `j` into `cp`, each checked for its type and form.
Status ReadFields(const json& j, Checkpoint* cp) {
  static const std::set<std::string> kKeys = {"format", "version",    "org",         "seq",      "head_hash",
                                              "time",   "public_key", "definitions", "signature"};
  if (!j.is_object()) return Bad(Msg("not a JSON object"));
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (kKeys.count(it.key()) == 0) return Bad(Msg("unknown key '{key}'", {{"key", it.key()}}));
  }
  for (const std::string& k : kKeys) {
    if (!j.contains(k)) return Bad(Msg("key '{key}' is missing", {{"key", k}}));
  }
  auto text = [&](const char* key, std::string* out) -> Status {
    if (!j.at(key).is_string()) return Bad(Msg("'{key}' is not a string", {{"key", key}}));
    *out = j.at(key).get<std::string>();
    return Status::Ok();
  };
  auto integer = [&](const json& v, const std::string& key, std::int64_t* out) -> Status {
    if (!v.is_number_integer()) return Bad(Msg("'{key}' is not an integer", {{"key", key}}));
    Result<Value> value = ValueFromJson(v);
    if (!value.ok() || !value->is_int()) return Bad(Msg("'{key}' is not a 64-bit integer", {{"key", key}}));
    *out = value->as_int();
    return Status::Ok();
  };
  std::string format;
  std::int64_t version = 0;
  DOCKET_RETURN_IF_ERROR(text("format", &format));
  DOCKET_RETURN_IF_ERROR(integer(j.at("version"), "version", &version));
  if (format != kCheckpointFormat) {
    return Bad(Msg("format '{format}' is not {expected}", {{"format", format}, {"expected", kCheckpointFormat}}));
  }
  if (version != kCheckpointVersion) return Bad(Msg("version {version} is not supported", {{"version", version}}));
  DOCKET_RETURN_IF_ERROR(text("org", &cp->org));
  DOCKET_RETURN_IF_ERROR(integer(j.at("seq"), "seq", &cp->seq));
  DOCKET_RETURN_IF_ERROR(text("head_hash", &cp->head_hash));
  DOCKET_RETURN_IF_ERROR(text("time", &cp->time));
  DOCKET_RETURN_IF_ERROR(text("public_key", &cp->public_key));
  DOCKET_RETURN_IF_ERROR(text("signature", &cp->signature));
  if (cp->org.empty()) return Bad(Msg("org is empty"));
  if (cp->seq < 1) return Bad(Msg("seq is below 1"));
  if (!IsHex(cp->head_hash, 64)) return Bad(Msg("head_hash is not 64 lower-case hex digits"));
  if (!IsHex(cp->public_key, 64)) return Bad(Msg("public_key is not 64 lower-case hex digits"));
  if (!IsHex(cp->signature, 128)) return Bad(Msg("signature is not 128 lower-case hex digits"));
  const json& defs = j.at("definitions");
  if (!defs.is_array()) return Bad(Msg("'definitions' is not a list"));
  for (const json& d : defs) {
    if (!d.is_object() || d.size() != 3 || !d.contains("workflow") || !d.contains("version") ||
        !d.contains("sha256") || !d.at("workflow").is_string() || !d.at("sha256").is_string()) {
      return Bad(Msg("a definition is not {shape}", {{"shape", R"({"sha256":..,"version":..,"workflow":..})"}}));
    }
    ExportDefinition def;
    def.workflow = d.at("workflow").get<std::string>();
    def.sha256 = d.at("sha256").get<std::string>();
    DOCKET_RETURN_IF_ERROR(integer(d.at("version"), "version", &def.version));
    if (!IsHex(def.sha256, 64)) return Bad(Msg("a definition's sha256 is not 64 lower-case hex digits"));
    if (!cp->definitions.empty() && std::tie(cp->definitions.back().workflow, cp->definitions.back().version) >=
                                        std::tie(def.workflow, def.version)) {
      return Bad(Msg("definitions are repeated or out of order"));
    }
    cp->definitions.push_back(std::move(def));
  }
  return Status::Ok();
}

std::string Short(const std::string& hex) { return hex.substr(0, 16) + "…"; }

}  // namespace

std::string CheckpointMessage(const Checkpoint& cp) { return DumpJson(ToJson(cp, false)); }

void SignCheckpoint(Checkpoint* cp, const SigningKey& key) {
  cp->public_key = key.public_hex();
  cp->signature = SignHex(key, CheckpointMessage(*cp));
}

std::string CheckpointText(const Checkpoint& cp) { return DumpJson(ToJson(cp, true)) + "\n"; }

Result<Checkpoint> ParseCheckpoint(std::string_view text) {
  if (text.empty() || text.back() != '\n') return Bad(Msg("the file does not end with a newline (cut off or changed)"));
  std::string_view line = text.substr(0, text.size() - 1);
  if (line.find('\n') != std::string_view::npos) return Bad(Msg("more than one line"));
  Result<json> j = ParseJson(std::string(line), Msg("the checkpoint"));
  if (!j.ok()) return Bad(j.status().msg());
  Checkpoint cp;
  DOCKET_RETURN_IF_ERROR(ReadFields(*j, &cp));
  if (CheckpointText(cp) != text) return Bad(Msg("not in canonical form (changed after it was signed?)"));
  if (!VerifySignatureHex(cp.public_key, cp.signature, CheckpointMessage(cp))) {
    return Bad(Msg("the signature does not verify: the checkpoint was changed or forged"));
  }
  return cp;
}

Status CheckCheckpointSigner(const Checkpoint& cp, const std::string& trusted_public_hex) {
  if (cp.public_key == trusted_public_hex) return Status::Ok();
  return Status::Integrity(Msg("checkpoint: signed by key {key}, not by the trusted key {trusted} — refused",
                               {{"key", Short(cp.public_key)}, {"trusted", Short(trusted_public_hex)}}));
}

}  // namespace docket
