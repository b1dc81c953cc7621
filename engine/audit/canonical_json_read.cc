// The reader of canonical_json.h: a fast path for compact JSON of the shapes the writer
// produces, and nlohmann::json for everything else (so odd input gets the reference
// result and message). The fast path gives up — returns false — at the first thing it does
// not handle; it never decides that input is wrong.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

#include "audit/canonical_json.h"
#include "audit/canonical_json_internal.h"
#include "audit/json_value.h"

namespace docket {

namespace {

constexpr int kFastListDepth = 8;  // deeper lists take the reference path

class FastReader {
 public:
  explicit FastReader(std::string_view text)
      : p_(reinterpret_cast<const unsigned char*>(text.data())), end_(p_ + text.size()) {}

  bool AtEnd() const { return p_ == end_; }
  bool Consume(char c) {
    if (p_ < end_ && *p_ == static_cast<unsigned char>(c)) {
      ++p_;
      return true;
    }
    return false;
  }
  bool Literal(const char* word) {
    for (const char* w = word; *w != '\0'; ++w) {
      if (!Consume(*w)) return false;
    }
    return true;
  }

  bool String(std::string* out) {
    if (!Consume('"')) return false;
    out->clear();
    const unsigned char* run = p_;
    while (true) {
      p_ = audit_json::SkipPlainAscii(p_, end_);
      if (p_ >= end_) return false;
      const unsigned char c = *p_;
      if (c == '"') {
        out->append(reinterpret_cast<const char*>(run), p_ - run);
        ++p_;
        return true;
      }
      if (c == '\\') {
        out->append(reinterpret_cast<const char*>(run), p_ - run);
        if (!Escape(out)) return false;
        run = p_;
      } else if (c >= 0x80) {
        std::size_t n = Utf8SequenceLength(p_, end_);
        if (n == 0) return false;
        p_ += n;
      } else {
        return false;  // a raw control character
      }
    }
  }

  // Consumes `literal` if the text continues with exactly it. (A literal of known length:
  // the compare is a few instructions, not a call.)
  template <std::size_t N>
  bool ConsumeLiteral(const char (&literal)[N]) {
    if (static_cast<std::size_t>(end_ - p_) < N - 1 || std::memcmp(p_, literal, N - 1) != 0) return false;
    p_ += N - 1;
    return true;
  }
  bool ConsumeLiteral(std::string_view literal) {
    if (static_cast<std::size_t>(end_ - p_) < literal.size() ||
        std::memcmp(p_, literal.data(), literal.size()) != 0) {
      return false;
    }
    p_ += literal.size();
    return true;
  }

  // An integer in canonical form (no sign on 0, no leading zeros, at most 18 digits).
  bool Integer(std::int64_t* out) {
    const bool negative = Consume('-');
    const unsigned char* start = p_;
    std::int64_t v = 0;
    while (p_ < end_ && IsDigit(*p_)) {
      if (p_ - start < 18) v = v * 10 + (*p_ - '0');  // more digits are refused below
      ++p_;
    }
    const std::ptrdiff_t digits = p_ - start;
    if (digits == 0 || digits > 18 || (digits > 1 && *start == '0') || (negative && v == 0)) return false;
    if (p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
    *out = negative ? -v : v;
    return true;
  }

  bool ValueAt(Value* out, int depth) {
    if (p_ >= end_) return false;
    switch (*p_) {
      case 'n':
        *out = Value();
        return Literal("null");
      case 't':
        *out = Value(true);
        return Literal("true");
      case 'f':
        *out = Value(false);
        return Literal("false");
      case '"': {
        std::string s;
        if (!String(&s)) return false;
        *out = Value(std::move(s));
        return true;
      }
      case '[': {
        if (depth >= kFastListDepth) return false;
        ++p_;
        List list;
        if (!Consume(']')) {
          do {
            list.emplace_back();
            if (!ValueAt(&list.back(), depth + 1)) return false;
          } while (Consume(','));
          if (!Consume(']')) return false;
        }
        *out = Value(std::move(list));
        return true;
      }
      default:
        return Number(out);
    }
  }

  // What ValueAt accepts, read over without building the value.
  bool SkipValueAt(int depth) {
    if (p_ >= end_) return false;
    switch (*p_) {
      case 'n':
        return Literal("null");
      case 't':
        return Literal("true");
      case 'f':
        return Literal("false");
      case '"':
        return String(&skipped_text_);
      case '[':
        if (depth >= kFastListDepth) return false;
        ++p_;
        if (!Consume(']')) {
          do {
            if (!SkipValueAt(depth + 1)) return false;
          } while (Consume(','));
          if (!Consume(']')) return false;
        }
        return true;
      default:
        return Number(&skipped_number_);
    }
  }

  // Fields, building only the values of the names in `only`.
  bool FieldsOnly(const std::vector<std::string>& only, FieldMap* out) {
    out->clear();
    if (!Consume('{')) return false;
    if (Consume('}')) return true;
    std::string name, last;
    bool first = true;
    do {
      if (!String(&name) || !Consume(':')) return false;
      if (!first && !(last < name)) return false;
      first = false;
      if (std::find(only.begin(), only.end(), name) == only.end()) {
        if (!SkipValueAt(0)) return false;
        last.swap(name);
        continue;
      }
      Value v;
      if (!ValueAt(&v, 0)) return false;
      last = name;
      out->emplace_hint(out->end(), std::move(name), std::move(v));
    } while (Consume(','));
    return Consume('}');
  }

  // {"field":[before,after],...} with names strictly ascending (so no name twice), into
  // `out`, reusing its elements.
  bool Changes(std::vector<FieldChange>* out) {
    if (!Consume('{')) return false;
    std::size_t n = 0;
    if (!Consume('}')) {
      do {
        if (n == out->size()) out->emplace_back();
        FieldChange& c = (*out)[n];
        if (!String(&c.field) || !Consume(':') || !Consume('[') || !ValueAt(&c.before, 1) ||
            !Consume(',') || !ValueAt(&c.after, 1) || !Consume(']')) {
          return false;
        }
        if (n > 0 && !((*out)[n - 1].field < c.field)) return false;
        ++n;
      } while (Consume(','));
      if (!Consume('}')) return false;
    }
    out->resize(n);
    return true;
  }

  // An item's fields object {"name":value,...} with names strictly ascending (so no name
  // twice), into `out` (cleared first).
  bool Fields(FieldMap* out) {
    out->clear();
    if (!Consume('{')) return false;
    if (Consume('}')) return true;
    std::string name;
    do {
      if (!String(&name) || !Consume(':')) return false;
      if (!out->empty() && !(out->rbegin()->first < name)) return false;
      Value v;
      if (!ValueAt(&v, 0)) return false;
      out->emplace_hint(out->end(), std::move(name), std::move(v));
    } while (Consume(','));
    return Consume('}');
  }

  // A string exactly as AppendJsonString writes one — valid UTF-8, and only the escapes it
  // uses (\" \\ \b \f \n \r \t, \u00xx for the other controls) — into `out` when given;
  // false for anything else, canonical JSON or not.
  bool CanonicalString(std::string* out) {
    if (!Consume('"')) return false;
    if (out != nullptr) out->clear();
    const unsigned char* run = p_;
    while (true) {
      p_ = audit_json::SkipPlainAscii(p_, end_);
      if (p_ >= end_) return false;
      const unsigned char c = *p_;
      if (c == '"' || c == '\\') {
        if (out != nullptr) out->append(reinterpret_cast<const char*>(run), p_ - run);
        if (c == '"') {
          ++p_;
          return true;
        }
        if (!IsCanonicalEscape()) return false;
        if (out != nullptr) {
          if (!Escape(out)) return false;
        } else {
          p_ += p_[1] == 'u' ? 6 : 2;
        }
        run = p_;
      } else if (c >= 0x80) {
        const std::size_t n = Utf8SequenceLength(p_, end_);
        if (n == 0) return false;
        p_ += n;
      } else {
        return false;  // a raw control character
      }
    }
  }

  // A value as AppendJsonValue writes it, skipped; doubles (whose canonical digits only
  // the writer knows) are not taken.
  bool SkipCanonicalValue(int depth) {
    if (p_ >= end_) return false;
    switch (*p_) {
      case 'n': return Literal("null");
      case 't': return Literal("true");
      case 'f': return Literal("false");
      case '"': return CanonicalString(nullptr);
      case '[':
        if (depth >= kFastListDepth) return false;
        ++p_;
        if (Consume(']')) return true;
        do {
          if (!SkipCanonicalValue(depth + 1)) return false;
        } while (Consume(','));
        return Consume(']');
      default: {
        std::int64_t v;
        return Integer(&v);
      }
    }
  }

  // A changes object as AppendChangesJson writes it (names strictly ascending), skipped.
  bool SkipCanonicalChanges() {
    if (!Consume('{')) return false;
    if (Consume('}')) return true;
    std::string_view last;
    bool first = true;
    do {
      const unsigned char* name = p_ + 1;
      if (!CanonicalString(nullptr)) return false;
      const std::string_view raw(reinterpret_cast<const char*>(name), p_ - 1 - name);
      // Escaped names compare differently raw than decoded: leave them to the full reader.
      if (raw.find('\\') != std::string_view::npos || (!first && !(last < raw))) return false;
      last = raw;
      first = false;
      if (!Consume(':') || !Consume('[') || !SkipCanonicalValue(1) || !Consume(',') || !SkipCanonicalValue(1) ||
          !Consume(']')) {
        return false;
      }
    } while (Consume(','));
    return Consume('}');
  }

  std::size_t Offset(std::string_view text) const {
    return static_cast<std::size_t>(reinterpret_cast<const char*>(p_) - text.data());
  }

 private:
  // At a backslash: whether the escape is one AppendJsonString writes.
  bool IsCanonicalEscape() const {
    if (end_ - p_ < 2) return false;
    switch (p_[1]) {
      case '"': case '\\': case 'b': case 'f': case 'n': case 'r': case 't': return true;
      case 'u': break;
      default: return false;
    }
    if (end_ - p_ < 6 || p_[2] != '0' || p_[3] != '0' || (p_[4] != '0' && p_[4] != '1')) return false;
    const unsigned char h = p_[5];
    const bool hex = (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f');
    const unsigned v = (p_[4] - '0') * 16 + (h <= '9' ? h - '0' : h - 'a' + 10);
    return hex && v != '\b' && v != '\f' && v != '\n' && v != '\r' && v != '\t';
  }

  bool Escape(std::string* out) {
    ++p_;  // the backslash
    if (p_ >= end_) return false;
    const unsigned char e = *p_++;
    switch (e) {
      case '"': out->push_back('"'); return true;
      case '\\': out->push_back('\\'); return true;
      case '/': out->push_back('/'); return true;
      case 'b': out->push_back('\b'); return true;
      case 'f': out->push_back('\f'); return true;
      case 'n': out->push_back('\n'); return true;
      case 'r': out->push_back('\r'); return true;
      case 't': out->push_back('\t'); return true;
      case 'u': break;
      default: return false;
    }
    if (end_ - p_ < 4) return false;
    unsigned cp = 0;
    for (int i = 0; i < 4; ++i) {
      const unsigned char h = *p_++;
      cp <<= 4;
      if (h >= '0' && h <= '9') cp |= h - '0';
      else if (h >= 'a' && h <= 'f') cp |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') cp |= h - 'A' + 10;
      else return false;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;  // surrogate pairs: reference path
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    return true;
  }

  static bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
  bool Digits() {
    if (p_ >= end_ || !IsDigit(*p_)) return false;
    while (p_ < end_ && IsDigit(*p_)) ++p_;
    return true;
  }

  // A JSON number: an int64 when it has no fraction or exponent (at most 18 digits here;
  // longer ones, and "-0", take the reference path), a double otherwise.
  bool Number(Value* out) {
    const unsigned char* start = p_;
    const bool negative = Consume('-');
    if (p_ >= end_) return false;
    if (*p_ == '0') {
      ++p_;
    } else if (!Digits()) {
      return false;
    }
    const unsigned char* int_end = p_;
    bool is_double = false;
    if (Consume('.')) {
      is_double = true;
      if (!Digits()) return false;
    }
    if (Consume('e') || Consume('E')) {
      is_double = true;
      if (!Consume('+')) Consume('-');
      if (!Digits()) return false;
    }
    const char* first = reinterpret_cast<const char*>(start);
    const char* last = reinterpret_cast<const char*>(p_);
    if (!is_double) {
      const std::size_t digits = static_cast<std::size_t>(int_end - start) - (negative ? 1 : 0);
      if (digits > 18 || (negative && start[1] == '0')) return false;
      std::int64_t v = 0;
      auto res = std::from_chars(first, last, v);
      if (res.ec != std::errc() || res.ptr != last) return false;
      *out = Value(v);
      return true;
    }
    double d = 0;
    auto res = std::from_chars(first, last, d);
    if (res.ec != std::errc() || res.ptr != last) return false;
    *out = Value(d);
    return true;
  }

  const unsigned char* p_;
  const unsigned char* end_;
  std::string skipped_text_;  // SkipValueAt's scratch
  Value skipped_number_;
};

// The keys of an entry line, in canonical order, and where each goes: the field table's.
constexpr const auto& kEntryKeys = kAuditKeys;
constexpr int kEntryKeyCount = static_cast<int>(kAuditFieldCount);
// Each key as it appears in a canonical line: "name":
const std::vector<std::string> kEntryKeyLiterals = [] {
  std::vector<std::string> out;
  for (const AuditFieldKey& k : kEntryKeys) out.push_back("\"" + std::string(k.name) + "\":");
  return out;
}();

int FindEntryKey(const std::string& key, int expected) {
  if (expected < kEntryKeyCount && key == kEntryKeys[expected].name) return expected;
  for (int k = 0; k < kEntryKeyCount; ++k) {
    if (key == kEntryKeys[k].name) return k;
  }
  return -1;
}

bool ParseEntryLineFast(std::string_view line, AuditEntry* e) {
  FastReader r(line);
  if (!r.Consume('{')) return false;
  std::uint32_t seen = 0;
  std::string key;
  int expected = 0;
  do {
    // Canonical lines have the keys in this order: match the next one's bytes directly.
    int k = -1;
    if (expected < kEntryKeyCount && r.ConsumeLiteral(kEntryKeyLiterals[expected])) {
      k = expected;
    } else {
      if (!r.String(&key) || !r.Consume(':')) return false;
      k = FindEntryKey(key, expected);
    }
    if (k < 0 || (seen & (1u << k)) != 0) return false;
    seen |= 1u << k;
    expected = k + 1;
    const AuditFieldKey& spec = kEntryKeys[k];
    bool ok = spec.text ? r.String(&(e->*spec.text))
              : spec.number ? r.Integer(&(e->*spec.number))
                            : r.Changes(&e->changes);
    if (!ok) return false;
  } while (r.Consume(','));
  return r.Consume('}') && r.AtEnd() && seen == (1u << kEntryKeyCount) - 1;
}

}  // namespace

bool ScanCanonicalEntryLine(std::string_view line, AuditEntry* e, std::size_t* hash_at) {
  // The keys of kAuditKeys in order, each name a literal checked against the table
  // (CanonicalKey): written out, not a loop over the table, so that each name's compare is
  // inlined (a call to memcmp per member was ~4% of the district's export and
  // verification). The texts a verifier reads are kept; the others are checked, not kept.
  FastReader r(line);
  auto keep = [&r](const auto& name, std::string* out) { return r.ConsumeLiteral(name) && r.CanonicalString(out); };
  auto skip = [&r](const auto& name) { return r.ConsumeLiteral(name) && r.CanonicalString(nullptr); };
  auto number = [&r](const auto& name, std::int64_t* out) { return r.ConsumeLiteral(name) && r.Integer(out); };
  static_assert(kAuditFieldCount == 17, "a field was added or removed: scan its key below");
  if (!skip(CanonicalKey<0>("{\"action\":")) || !skip(CanonicalKey<1>(",\"actor\":")) ||
      !r.ConsumeLiteral(CanonicalKey<2>(",\"changes\":")) || !r.SkipCanonicalChanges() ||
      !skip(CanonicalKey<3>(",\"from_state\":"))) {
    return false;
  }
  *hash_at = r.Offset(line);  // the comma before "hash"
  return keep(CanonicalKey<4>(",\"hash\":"), &e->hash) && number(CanonicalKey<5>(",\"item_id\":"), &e->item_id) &&
         number(CanonicalKey<6>(",\"item_version\":"), &e->item_version) &&
         keep(CanonicalKey<7>(",\"org\":"), &e->org) && skip(CanonicalKey<8>(",\"outcome\":")) &&
         keep(CanonicalKey<9>(",\"prev_hash\":"), &e->prev_hash) && skip(CanonicalKey<10>(",\"reason\":")) &&
         skip(CanonicalKey<11>(",\"role\":")) && number(CanonicalKey<12>(",\"seq\":"), &e->seq) &&
         skip(CanonicalKey<13>(",\"time\":")) && skip(CanonicalKey<14>(",\"to_state\":")) &&
         keep(CanonicalKey<15>(",\"workflow\":"), &e->workflow) &&
         number(CanonicalKey<16>(",\"workflow_version\":"), &e->workflow_version) && r.Consume('}') && r.AtEnd();
}

bool ScanCanonicalDefinitionLine(std::string_view line, std::string* sha256, std::string* source,
                                 std::int64_t* version, std::string* workflow) {
  FastReader r(line);
  return r.ConsumeLiteral("{\"sha256\":") && r.CanonicalString(sha256) && r.ConsumeLiteral(",\"source\":") &&
         r.CanonicalString(source) && r.ConsumeLiteral(",\"type\":\"definition\",\"version\":") &&
         r.Integer(version) && r.ConsumeLiteral(",\"workflow\":") && r.CanonicalString(workflow) &&
         r.Consume('}') && r.AtEnd();
}

namespace {

Status ParseEntryLineSlow(std::string_view line, AuditEntry* e) {
  DOCKET_ASSIGN_OR_RETURN(nlohmann::json parsed, ParseJson(std::string(line), Msg("the line")));
  const nlohmann::json& j = parsed;
  if (!j.is_object()) return Status::Invalid(Msg("the line is not a JSON object"));
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (FindEntryKey(it.key(), 0) < 0) return Status::Invalid(Msg("unknown key '{key}'", {{"key", it.key()}}));
  }
  for (const AuditFieldKey& spec : kEntryKeys) {
    const std::string name(spec.name);
    auto it = j.find(name);
    if (it == j.end()) return Status::Invalid(Msg("key '{key}' is missing", {{"key", name}}));
    if (spec.text) {
      if (!it->is_string()) return Status::Invalid(Msg("key '{key}' is not a string", {{"key", name}}));
      e->*spec.text = it->get<std::string>();
    } else if (spec.number) {
      Result<Value> v = ValueFromJson(*it);
      if (!it->is_number_integer() || !v.ok() || !v->is_int()) {
        return Status::Invalid(Msg("key '{key}' is not a 64-bit integer", {{"key", name}}));
      }
      e->*spec.number = v->as_int();
    } else {
      Result<std::vector<FieldChange>> changes = ChangesFromJson(*it);
      if (!changes.ok()) return Status::Invalid(Msg("key 'changes': {why}", {{"why", changes.status().msg()}}));
      e->changes = std::move(changes).value();
    }
  }
  return Status::Ok();
}

}  // namespace

Status ParseChangesText(std::string_view text, std::vector<FieldChange>* out) {
  FastReader r(text);
  if (r.Changes(out) && r.AtEnd()) return Status::Ok();
  DOCKET_ASSIGN_OR_RETURN(nlohmann::json j, ParseJson(std::string(text), Msg("changes")));
  DOCKET_ASSIGN_OR_RETURN(std::vector<FieldChange> changes, ChangesFromJson(j));
  *out = std::move(changes);
  return Status::Ok();
}

bool ParseFieldsFast(std::string_view text, FieldMap* out) {
  FastReader r(text);
  return r.Fields(out) && r.AtEnd();
}

bool ParseFieldsFastOnly(std::string_view text, const std::vector<std::string>& only, FieldMap* out) {
  FastReader r(text);
  return r.FieldsOnly(only, out) && r.AtEnd();
}

Status ParseEntryLine(std::string_view line, AuditEntry* e) {
  if (ParseEntryLineFast(line, e)) return Status::Ok();
  return ParseEntryLineSlow(line, e);
}

}  // namespace docket
