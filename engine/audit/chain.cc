#include "audit/chain.h"

#include <type_traits>

#include "audit/canonical_json.h"
#include "audit/json_value.h"
#include "audit/sha256.h"

namespace docket {

const char* const kZeroHash = "0000000000000000000000000000000000000000000000000000000000000000";

std::string Sha256Hex(std::string_view data) { return HexDigest(Sha256(data)); }

nlohmann::json CanonicalObject(const AuditEntry& e) {
  // nlohmann::json's default object is a std::map: keys come out in byte order.
  nlohmann::json j = nlohmann::json::object();
  ForEachAuditField(e, [&j](std::string_view name, const auto& value) {
    if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::vector<FieldChange>>) {
      j[std::string(name)] = ChangesToJson(value);
    } else {
      if (name != "hash") j[std::string(name)] = value;
    }
  });
  return j;
}

std::string CanonicalJson(const AuditEntry& e) {
  std::string out;
  out.reserve(512);
  AppendCanonicalEntry(e, /*with_hash=*/false, &out);
  return out;
}

std::string EntryHash(const AuditEntry& e) {
  std::string scratch;
  scratch.reserve(1024);  // an entry's canonical text, in one allocation rather than doubling
  std::string out(64, '\0');
  EntryHashInto(e, &scratch, out.data());
  return out;
}

void EntryHashInto(const AuditEntry& entry, std::string* scratch, char* out) {
  scratch->clear();
  AppendCanonicalEntry(entry, /*with_hash=*/false, scratch);
  HexDigest(Sha256(*scratch), out);
}

void LinkEntry(AuditEntry& entry, std::int64_t head_seq, const std::string& head_hash) {
  entry.seq = head_seq + 1;
  entry.prev_hash = head_seq == 0 ? std::string(kZeroHash) : head_hash;
  entry.hash = EntryHash(entry);
}

bool LinksAfter(const AuditEntry& entry, std::int64_t head_seq, const std::string& head_hash) {
  return entry.seq == head_seq + 1 && entry.prev_hash == (head_seq == 0 ? std::string_view(kZeroHash) : head_hash);
}

Msg ChainLinkProblem(std::int64_t seq, std::string_view prev_hash, std::string_view previous_hash,
                     LinkWording wording) {
  const bool database = wording == LinkWording::kDatabase;
  if (seq == 1) {
    if (prev_hash == kZeroHash) return Msg();
    return database ? Msg("prev_hash of the first entry is not 64 zeros") : Msg("prev_hash of entry 1 is not the zero hash");
  }
  if (prev_hash == previous_hash) return Msg();
  return database ? Msg("prev_hash does not link to entry {seq}", {{"seq", seq - 1}})
                  : Msg("prev_hash is not the hash of entry {seq}", {{"seq", seq - 1}});
}

}  // namespace docket
