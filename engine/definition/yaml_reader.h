// YamlReader: the shared edge between yaml-cpp and the definition loaders (internal).
//
// It turns yaml-cpp nodes into checked C++ values and every problem into a Diagnostic with
// the file, line and column it came from, so that the loaders can keep going after an error
// and report all of them in one pass. No yaml-cpp exception escapes it: Load() converts
// syntax errors, and the accessors only touch nodes whose kind they have checked.
// Messages are Msg templates, so that they read in the reader's language; a `what` argument
// names the thing being read: a key path (Key("compare.field")) or a phrase
// (Msg("field '{field}'", ...)).
// Invariants: diagnostics are only appended, never removed; positions are 1-based, 0 when
// yaml-cpp does not know one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/definition.h"
#include "core/env.h"
#include "core/message.h"
#include "definition/diagnostic.h"

namespace docket::detail {

// Input larger than this is refused before it reaches the YAML parser.
inline constexpr std::size_t kMaxYamlBytes = kMaxTextFileBytes;

// The entries of one YAML mapping, in document order, with their key nodes for positions.
struct MapEntry {
  std::string key;
  YAML::Node key_node;
  YAML::Node value;
};

class MapView {
 public:
  const std::vector<MapEntry>& entries() const { return entries_; }
  // The entry for `key`, or nullptr when the mapping does not have it.
  const MapEntry* Find(std::string_view key) const;
  void Add(MapEntry e) { entries_.push_back(std::move(e)); }

 private:
  std::vector<MapEntry> entries_;
};

class YamlReader {
 public:
  YamlReader(std::string file, std::vector<Diagnostic>* diags)
      : file_(std::move(file)), diags_(diags) {}

  const std::string& file() const { return file_; }
  std::size_t error_count() const { return errors_; }

  void Error(SourcePos pos, Msg message);
  void Error(const YAML::Node& at, Msg message) { Error(Pos(at), std::move(message)); }
  static SourcePos Pos(const YAML::Node& n);

  // Parses `text` into a node tree. On oversize input, text that is not UTF-8 or holds a
  // NUL byte (at the first bad byte's line and column), or a syntax error it reports one
  // diagnostic and returns nullopt; and one per scalar that an escape made hold a NUL or
  // not UTF-8 (at the scalar).
  std::optional<YAML::Node> Load(std::string_view text);

  // A file's root: `text` loaded (Load), not empty — else `if_empty` is reported at its
  // start — and a mapping with keys from `allowed` (Map), into *root and the returned view;
  // nullopt after an error.
  std::optional<MapView> LoadRoot(std::string_view text, const Msg& what, const Msg& if_empty,
                                  std::initializer_list<const char*> allowed, YAML::Node* root);

  // Checks that `n` is a mapping with scalar, unique keys drawn from `allowed` (any key when
  // `allowed` is empty) and returns its entries; reports and skips every offending key.
  // Returns nullopt, after an error, when `n` is not a mapping.
  std::optional<MapView> Map(const YAML::Node& n, const Msg& what, std::initializer_list<const char*> allowed);

  // A non-empty scalar; nullopt after an error otherwise.
  std::optional<std::string> Text(const YAML::Node& n, const Msg& what);
  // A scalar matching [a-z][a-z0-9_-]* (at most 64 characters).
  std::optional<std::string> Identifier(const YAML::Node& n, const Msg& what);
  // A sequence of identifiers, without repeats; bad entries are reported and dropped.
  std::vector<std::string> IdentifierList(const YAML::Node& n, const Msg& what);
  std::optional<bool> Bool(const YAML::Node& n, const Msg& what);
  // A fraction "N/D" between 0 and 1 ("1/2" -> 1 of 2), with N > 0 when `strict`.
  std::optional<Threshold> Fraction(const YAML::Node& n, const Msg& what, bool strict);
  std::optional<std::int64_t> PositiveInteger(const YAML::Node& n, const Msg& what);
  // {zh: ..., en: ..., LANG: ...}, each optional; keys are language codes (ja, bo, ug-CN).
  Labels ReadLabels(const YAML::Node& n, const Msg& what);

 private:
  // The line and column of byte `offset` of the valid UTF-8 `text`.
  static SourcePos PlaceOf(std::string_view text, std::size_t offset);
  // Reports each scalar (key or value) holding a NUL or text that is not UTF-8; true if none.
  bool ScalarsAreText(const YAML::Node& root);

  std::string file_;
  std::vector<Diagnostic>* diags_;
  std::size_t errors_ = 0;
};

// A yaml-cpp parser message (YAML::Exception::msg) as a catalog template, so that it reads
// in the reader's language; a text it does not know stays in yaml-cpp's words
// (yaml_errors.cc).
Msg YamlErrorText(const std::string& text);

bool IsIdentifier(std::string_view s);
std::string JoinNames(std::initializer_list<const char*> names);
// `s` as a message shows it (a template quotes it: '{name}'): control characters as \xNN,
// at most 60 characters.
std::string Shown(std::string_view s);
// A key or a key path of the file ("compare.field"), the same in every language.
Msg Key(std::string path);
// `what` followed by a key path: "section 'a'" and "rows" give "section 'a'.rows".
Msg Path(const Msg& what, std::string_view key);
// The key `key` of the thing `what` names: "transition 'go': roles" (or a part of it:
// "section 'a': measure 'n'").
Msg KeyOf(const Msg& what, std::string_view key);
Msg KeyOf(const Msg& what, const Msg& part);
// "<what> labels".
Msg LabelsOf(const Msg& what);
// "<what> needs '<key>'".
Msg Needs(const Msg& what, std::string key);
// The n-th entry of the list `what` names: "state 'a' timers #2".
Msg Numbered(const Msg& what, std::size_t n);

}  // namespace docket::detail
