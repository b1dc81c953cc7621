// Fast canonical JSON for the audit chain (and an item's stored fields): written straight
// into a reusable buffer, read straight out of text, with no JSON tree in between.
//
// The writer produces exactly the bytes that nlohmann::json's compact dump (DumpJson of
// CanonicalObject, docs/AUDIT.md "Canonical serialization") produces for the same entry —
// existing chains must keep verifying — but without building a tree: ~10x less work per
// entry. tests/store/audit_export_test.cc compares the two on many random entries.
//
// The reader accepts any JSON; the common shapes (what the writer writes) take a fast path,
// and everything else (whitespace, \u escapes of surrogates, huge numbers, duplicate or
// unsorted keys, deep nesting, errors) falls back to nlohmann::json so that results and
// error messages are those of ParseJson + ChangesFromJson.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "audit/entry.h"
#include "core/status.h"
#include "core/transition.h"
#include "core/value.h"

namespace docket {

// Appends `s` as a JSON string: UTF-8 unescaped, `"` `\` and controls escaped. Text that is
// not valid UTF-8 is written as DumpJson would (each bad sequence as U+FFFD).
void AppendJsonString(std::string_view s, std::string* out);
// Appends `v` as a JSON number.
void AppendJsonInt(std::int64_t v, std::string* out);
// Appends `v` as canonical JSON (non-finite doubles as null, like ValueToJson).
void AppendJsonValue(const Value& v, std::string* out);
// Appends the changes object {"field":[before,after],...}, keys in byte order; a field named
// twice keeps its last change (as ChangesToJson does).
void AppendChangesJson(const std::vector<FieldChange>& changes, std::string* out);
// `fields` as a JSON object, names in byte order: the bytes DumpJson(FieldsToJson(fields))
// gives, written without building JSON (how an item's fields are stored).
void AppendFieldsJson(const FieldMap& fields, std::string* out);
// Appends the canonical text of `e` (every field but `hash`), or, with `with_hash`, the
// same object with "hash" in its sorted place: the form of an entry line in an export.
// `hash_at`, when given, receives the offset in *out where `,"hash":"..."` goes (or went).
void AppendCanonicalEntry(const AuditEntry& e, bool with_hash, std::string* out,
                          std::size_t* hash_at = nullptr);

// Parses a stored changes object into `out` (cleared first), exactly as
// ChangesFromJson(ParseJson(text)) would: same result, same Invalid message.
Status ParseChangesText(std::string_view text, std::vector<FieldChange>* out);

// Reads an item's stored fields (compact JSON, names in ascending order, as the store writes
// them) into `out` exactly as FieldsFromJson(ParseJson(text)) would, and returns true; false
// for anything else — whitespace, unsorted names, unusual escapes or numbers, errors — which
// the caller reads with ParseJson and FieldsFromJson (and their messages). `out` is then
// unspecified.
bool ParseFieldsFast(std::string_view text, FieldMap* out);
// ParseFieldsFast keeping only the fields named in `only` (every other value is checked as
// it would be read, but not built): what a count that needs a few fields reads.
bool ParseFieldsFastOnly(std::string_view text, const std::vector<std::string>& only, FieldMap* out);

// Parses one export entry line (the canonical object with "hash") into `e`. Invalid with
// what is wrong ("key 'seq' is not an integer", "unknown key 'x'", "not JSON: ...") when
// it is not such an object. Does not check the hash or that the line is canonical.
Status ParseEntryLine(std::string_view line, AuditEntry* e);

// True when `line` is an entry line exactly as AppendCanonicalEntry writes one with its hash
// — keys in canonical order, strings escaped only as AppendJsonString escapes, integers in
// canonical form, changes names ascending — with no double in the changes (their digits
// are the writer's to decide). Then what a verifier reads — seq, org, prev_hash, hash,
// workflow, workflow_version, item_id, item_version — is read into `e` (its other members
// are left as they were) and *hash_at is the offset of `,"hash":"`, so the hashed text is
// the line without those 74 bytes. False says nothing about the line: read it with
// ParseEntryLine and compare it with AppendCanonicalEntry.
bool ScanCanonicalEntryLine(std::string_view line, AuditEntry* e, std::size_t* hash_at);

// True when `line` is an export's definition line exactly as DefinitionLine writes one —
// {"sha256":S,"source":S,"type":"definition","version":N,"workflow":S}, strings escaped
// only as AppendJsonString escapes, N in canonical form — and then reads the three strings
// and N. False says nothing about the line: read it in full to say what is wrong.
bool ScanCanonicalDefinitionLine(std::string_view line, std::string* sha256, std::string* source,
                                 std::int64_t* version, std::string* workflow);

}  // namespace docket
