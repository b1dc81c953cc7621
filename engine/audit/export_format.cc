#include "audit/export_format.h"

#include <array>
#include <nlohmann/json.hpp>
#include <set>

#include "audit/canonical_json.h"
#include "audit/canonical_json_internal.h"
#include "audit/chain.h"
#include "audit/json_value.h"
#include "audit/sha256.h"

namespace docket {

namespace {

using nlohmann::json;

// The line parsed as a JSON object with exactly `keys`, in canonical form; Invalid naming
// the first thing that is not so.
Result<json> ParseObjectLine(std::string_view line, const std::set<std::string>& keys) {
  DOCKET_ASSIGN_OR_RETURN(json j, ParseJson(std::string(line), Msg("the line")));
  if (!j.is_object()) return Status::Invalid(Msg("the line is not a JSON object"));
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (keys.count(it.key()) == 0) return Status::Invalid(Msg("unknown key '{key}'", {{"key", it.key()}}));
  }
  for (const std::string& k : keys) {
    if (!j.contains(k)) return Status::Invalid(Msg("key '{key}' is missing", {{"key", k}}));
  }
  if (DumpJson(j) != line) {
    return Status::Invalid(Msg("the line is not in canonical form (sorted keys, no spaces)"));
  }
  return j;
}

Result<std::string> Text(const json& j, const char* key) {
  const json& v = j.at(key);
  if (!v.is_string()) return Status::Invalid(Msg("key '{key}' is not a string", {{"key", key}}));
  return v.get<std::string>();
}

Result<std::int64_t> Integer(const json& j, const char* key) {
  const json& v = j.at(key);
  Result<Value> value = ValueFromJson(v);
  if (!v.is_number_integer() || !value.ok() || !value->is_int()) {
    return Status::Invalid(Msg("key '{key}' is not an integer", {{"key", key}}));
  }
  return value->as_int();
}

// A definition line read through a JSON tree: Invalid naming what is wrong.
Status ReadDefinitionTree(std::string_view line, std::string* type, ExportDefinition* d) {
  static const std::set<std::string> kKeys = {"type", "workflow", "version", "sha256", "source"};
  DOCKET_ASSIGN_OR_RETURN(json parsed, ParseObjectLine(line, kKeys));
  const json& j = parsed;
  DOCKET_ASSIGN_OR_RETURN(*type, Text(j, "type"));
  DOCKET_ASSIGN_OR_RETURN(d->workflow, Text(j, "workflow"));
  DOCKET_ASSIGN_OR_RETURN(d->version, Integer(j, "version"));
  DOCKET_ASSIGN_OR_RETURN(d->sha256, Text(j, "sha256"));
  DOCKET_ASSIGN_OR_RETURN(d->source, Text(j, "source"));
  return Status::Ok();
}

}  // namespace

bool IsHexHash(std::string_view s) {
  static const auto kIsHex = [] {
    std::array<bool, 256> t{};
    for (char c : std::string_view("0123456789abcdef")) t[static_cast<unsigned char>(c)] = true;
    return t;
  }();
  if (s.size() != 64) return false;
  bool ok = true;
  for (char c : s) ok &= kIsHex[static_cast<unsigned char>(c)];
  return ok;
}

std::string HeaderLine(const ExportHeader& h) {
  json j = {{"type", "header"},
            {"format", kExportFormat},
            {"version", kExportVersion},
            {"org", h.org},
            {"entries", h.entries},
            {"head_seq", h.head_seq},
            {"head_hash", h.head_hash},
            {"exported_at", h.exported_at},
            {"hash_algorithm", kExportHashAlgorithm},
            {"canonicalization", kExportCanonicalization}};
  return DumpJson(j);
}

std::string DefinitionLine(const ExportDefinition& d) {
  // Canonical JSON written directly (the keys in byte order), as DumpJson would write it:
  // the sources are long, and a tree for each cost ~2% of exporting a district.
  std::string out;
  out.reserve(d.source.size() + d.workflow.size() + 160);
  audit_json::AppendLiteral(&out, "{\"sha256\":");
  AppendJsonString(d.sha256, &out);
  audit_json::AppendLiteral(&out, ",\"source\":");
  AppendJsonString(d.source, &out);
  audit_json::AppendLiteral(&out, ",\"type\":\"definition\",\"version\":");
  AppendJsonInt(d.version, &out);
  audit_json::AppendLiteral(&out, ",\"workflow\":");
  AppendJsonString(d.workflow, &out);
  out.push_back('}');
  return out;
}

Result<ExportHeader> ParseHeaderLine(std::string_view line) {
  static const std::set<std::string> kKeys = {
      "type",     "format",    "version",     "org",            "entries",
      "head_seq", "head_hash", "exported_at", "hash_algorithm", "canonicalization"};
  Result<json> parsed = ParseObjectLine(line, kKeys);
  auto bad = [](Msg why) { return Status::Invalid(Msg("the header: {why}", {{"why", std::move(why)}})); };
  if (!parsed.ok()) return bad(parsed.status().msg());
  const json& j = *parsed;
  std::string type, format, algorithm, canonicalization;
  std::int64_t version = 0;
  ExportHeader h;
  auto read = [&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(type, Text(j, "type"));
    DOCKET_ASSIGN_OR_RETURN(format, Text(j, "format"));
    DOCKET_ASSIGN_OR_RETURN(version, Integer(j, "version"));
    DOCKET_ASSIGN_OR_RETURN(h.org, Text(j, "org"));
    DOCKET_ASSIGN_OR_RETURN(h.entries, Integer(j, "entries"));
    DOCKET_ASSIGN_OR_RETURN(h.head_seq, Integer(j, "head_seq"));
    DOCKET_ASSIGN_OR_RETURN(h.head_hash, Text(j, "head_hash"));
    DOCKET_ASSIGN_OR_RETURN(h.exported_at, Text(j, "exported_at"));
    DOCKET_ASSIGN_OR_RETURN(algorithm, Text(j, "hash_algorithm"));
    DOCKET_ASSIGN_OR_RETURN(canonicalization, Text(j, "canonicalization"));
    return Status::Ok();
  };
  Status st = read();
  if (!st.ok()) return bad(st.msg());
  if (type != "header" || format != kExportFormat) {
    return bad(Msg("not a Docket audit export (type '{type}', format '{format}')", {{"type", type}, {"format", format}}));
  }
  if (version != kExportVersion) {
    return bad(Msg("format version {version} is not supported (this is {supported})",
                   {{"version", version}, {"supported", std::int64_t{kExportVersion}}}));
  }
  if (algorithm != kExportHashAlgorithm) {
    return bad(Msg("hash_algorithm '{algorithm}' is not sha256", {{"algorithm", algorithm}}));
  }
  if (canonicalization != kExportCanonicalization) {
    return bad(Msg("canonicalization '{canonicalization}' is not {expected}",
                   {{"canonicalization", canonicalization}, {"expected", kExportCanonicalization}}));
  }
  if (h.org.empty()) return bad(Msg("org is empty"));
  if (h.entries < 0) return bad(Msg("entries is negative"));
  if (h.head_seq != h.entries) {
    return bad(Msg("head_seq {head_seq} is not the entry count {entries} (a chain runs 1, 2, ... N)",
                   {{"head_seq", h.head_seq}, {"entries", h.entries}}));
  }
  if (!IsHexHash(h.head_hash)) return bad(Msg("head_hash is not 64 lower-case hex digits"));
  if (h.entries == 0 && h.head_hash != kZeroHash) return bad(Msg("an empty chain's head_hash is not the zero hash"));
  return h;
}

Result<ExportDefinition> ParseDefinitionLine(std::string_view line) {
  ExportDefinition d;
  // A line as DefinitionLine writes it is read directly; anything else through a JSON tree,
  // to say what is wrong with it.
  std::string type = "definition";
  if (!ScanCanonicalDefinitionLine(line, &d.sha256, &d.source, &d.version, &d.workflow)) {
    DOCKET_RETURN_IF_ERROR(ReadDefinitionTree(line, &type, &d));
  }
  if (type != "definition") return Status::Invalid(Msg("type is '{type}', not 'definition'", {{"type", type}}));
  auto bad = [&d](Msg why) {
    return Status::Invalid(Msg("definition '{workflow}' version {version}: {why}",
                               {{"workflow", d.workflow}, {"version", d.version}, {"why", std::move(why)}}));
  };
  if (!IsHexHash(d.sha256)) return bad(Msg("sha256 is not 64 lower-case hex digits"));
  if (HexDigest(Sha256(d.source)) != d.sha256) return bad(Msg("sha256 is not the SHA-256 of its source"));
  return d;
}

}  // namespace docket
