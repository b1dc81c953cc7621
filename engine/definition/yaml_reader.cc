#include "definition/yaml_reader.h"

#include <regex>

#include <cstdio>
#include <exception>
#include <map>
#include <set>

#include "core/utf8.h"

namespace docket::detail {

const MapEntry* MapView::Find(std::string_view key) const {
  for (const auto& e : entries_) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 64 || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string JoinNames(std::initializer_list<const char*> names) {
  std::string out;
  for (const char* n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::string Shown(std::string_view s) {
  constexpr std::size_t kMax = 60;
  std::string out;
  for (std::size_t i = 0; i < s.size() && i < kMax; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (s.size() > kMax) out += "...";
  return out;
}

Msg Key(std::string path) { return Msg::Literal(std::move(path)); }

Msg Path(const Msg& what, std::string_view key) { return Msg::Join({what, Msg::Literal(std::string(key))}, "."); }

Msg KeyOf(const Msg& what, std::string_view key) { return KeyOf(what, Msg::Literal(std::string(key))); }

Msg KeyOf(const Msg& what, const Msg& part) { return Msg("{what}: {key}", {{"what", what}, {"key", part}}); }

Msg LabelsOf(const Msg& what) { return Msg("{what} labels", {{"what", what}}); }

Msg Needs(const Msg& what, std::string key) { return Msg("{what} needs '{key}'", {{"what", what}, {"key", std::move(key)}}); }

Msg Numbered(const Msg& what, std::size_t n) { return Msg("{what} #{n}", {{"what", what}, {"n", n}}); }

void YamlReader::Error(SourcePos pos, Msg message) {
  ++errors_;
  diags_->push_back(Diagnostic::Make(file_, pos, Diagnostic::Severity::kError, std::move(message)));
}

SourcePos YamlReader::Pos(const YAML::Node& n) {
  if (!n.IsDefined()) return {};
  YAML::Mark m = n.Mark();
  if (m.line < 0 || m.column < 0) return {};
  return {m.line + 1, m.column + 1};
}

std::optional<MapView> YamlReader::LoadRoot(std::string_view text, const Msg& what, const Msg& if_empty,
                                            std::initializer_list<const char*> allowed,
                                            YAML::Node* root) {
  auto loaded = Load(text);
  if (!loaded) return std::nullopt;
  if (loaded->IsNull()) {
    Error(SourcePos{}, if_empty);
    return std::nullopt;
  }
  *root = *loaded;
  return Map(*root, what, allowed);
}

std::optional<YAML::Node> YamlReader::Load(std::string_view text) {
  if (text.size() > kMaxYamlBytes) {
    Error(SourcePos{}, Msg("input is {size} bytes; the limit is {limit} bytes (1 MiB)",
                           {{"size", text.size()}, {"limit", kMaxYamlBytes}}));
    return std::nullopt;
  }
  // Checked on the bytes, comments included: what is stored is the text as given.
  if (auto bad = FirstInvalidUtf8(text)) {
    Error(SourcePos{static_cast<int>(bad->line), static_cast<int>(bad->column)},
          NotUtf8(static_cast<unsigned char>(text[bad->offset])));
    return std::nullopt;
  }
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    // yaml-cpp reads NUL as the end of the stream; say so instead of parsing half a file.
    Error(PlaceOf(text, nul), Msg("input contains NUL bytes; a YAML file must be text"));
    return std::nullopt;
  }
  std::optional<YAML::Node> root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    SourcePos pos;
    if (e.mark.line >= 0 && e.mark.column >= 0) pos = {e.mark.line + 1, e.mark.column + 1};
    Error(pos, Msg("YAML syntax error: {error}", {{"error", YamlErrorText(e.msg)}}));
  } catch (const std::exception& e) {
    Error(SourcePos{}, Msg("cannot read YAML: {error}", {{"error", e.what()}}));
  }
  if (root && !ScalarsAreText(*root)) return std::nullopt;
  return root;
}

SourcePos YamlReader::PlaceOf(std::string_view text, std::size_t offset) {
  // The text before `offset` is valid UTF-8 (Load checked it): count its characters.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  SourcePos pos{1, 1};
  for (std::size_t i = 0; i < offset; ++i) {
    if (p[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((p[i] & 0xC0) != 0x80) {
      ++pos.column;
    }
  }
  return pos;
}

bool YamlReader::ScalarsAreText(const YAML::Node& root) {
  // An escape ("\0", "\x00", "\ud800") can put into a scalar what the bytes of the file
  // may not hold. Each node once: an alias repeats its anchor's node (and its mark), and
  // "a billion laughs" must not cost a billion visits.
  // A mapping and its first key share a mark: the kind is part of a node's identity.
  std::set<std::pair<int, int>> seen;
  std::vector<YAML::Node> todo{root};
  const std::size_t before = errors_;
  while (!todo.empty()) {
    YAML::Node n = todo.back();
    todo.pop_back();
    if (!seen.emplace(n.Mark().pos, static_cast<int>(n.Type())).second) continue;
    if (n.IsScalar()) {
      const std::string& s = n.Scalar();
      if (s.find('\0') != std::string::npos) {
        Error(n, Msg("a value holds a NUL character (written as an escape); text may not contain it"));
      } else if (auto bad = FirstInvalidUtf8(s)) {
        Error(n, NotUtf8(static_cast<unsigned char>(s[bad->offset])));
      }
    } else if (n.IsSequence()) {
      for (const auto& e : n) todo.push_back(e);
    } else if (n.IsMap()) {
      for (const auto& kv : n) {
        todo.push_back(kv.first);
        todo.push_back(kv.second);
      }
    }
  }
  return errors_ == before;
}

std::optional<MapView> YamlReader::Map(const YAML::Node& n, const Msg& what,
                                       std::initializer_list<const char*> allowed) {
  if (!n.IsMap()) {
    Error(n, Msg("{what} must be a mapping of keys to values", {{"what", what}}));
    return std::nullopt;
  }
  MapView view;
  std::map<std::string, SourcePos> seen;
  for (const auto& kv : n) {
    YAML::Node k = kv.first;
    if (!k.IsScalar()) {
      Error(k, Msg("a key in {what} must be a plain name", {{"what", what}}));
      continue;
    }
    std::string key = k.Scalar();
    auto [pos, inserted] = seen.emplace(key, Pos(k));
    if (!inserted) {
      Error(k, Msg("duplicate key '{key}' in {what} (first at line {line})",
                   {{"key", Shown(key)}, {"what", what}, {"line", pos->second.line}}));
      continue;
    }
    bool known = allowed.size() == 0;
    for (const char* a : allowed) known = known || key == a;
    if (!known) {
      Error(k, Msg("unknown key '{key}' in {what}; allowed keys: {allowed}",
                   {{"key", Shown(key)}, {"what", what}, {"allowed", JoinNames(allowed)}}));
      continue;
    }
    view.Add(MapEntry{key, k, kv.second});
  }
  return view;
}

std::optional<std::string> YamlReader::Text(const YAML::Node& n, const Msg& what) {
  if (!n.IsScalar() || n.Scalar().empty()) {
    Error(n, Msg("{what} must be a non-empty text", {{"what", what}}));
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<std::string> YamlReader::Identifier(const YAML::Node& n, const Msg& what) {
  auto s = Text(n, what);
  if (!s) return std::nullopt;
  if (!IsIdentifier(*s)) {
    Error(n, Msg("{what} '{name}' is not a valid name: use lower-case letters, digits, '_' and '-', starting with a letter (at most 64 characters)",
                 {{"what", what}, {"name", Shown(*s)}}));
    return std::nullopt;
  }
  return s;
}

std::vector<std::string> YamlReader::IdentifierList(const YAML::Node& n, const Msg& what) {
  std::vector<std::string> out;
  if (!n.IsSequence()) {
    Error(n, Msg("{what} must be a list, e.g. [a, b]", {{"what", what}}));
    return out;
  }
  const Msg entry = Msg("an entry of {what}", {{"what", what}});
  for (const auto& e : n) {
    auto id = Identifier(e, entry);
    if (!id) continue;
    bool dup = false;
    for (const auto& o : out) dup = dup || o == *id;
    if (dup) {
      Error(e, Msg("'{name}' appears twice in {what}", {{"name", Shown(*id)}, {"what", what}}));
      continue;
    }
    out.push_back(*id);
  }
  return out;
}

std::optional<Threshold> YamlReader::Fraction(const YAML::Node& n, const Msg& what, bool strict) {
  std::string text = n.IsScalar() ? n.Scalar() : "";
  auto slash = text.find('/');
  auto digits = [](const std::string& x) {
    return !x.empty() && x.size() <= 4 && x.find_first_not_of("0123456789") == std::string::npos;
  };
  if (slash != std::string::npos && digits(text.substr(0, slash)) && digits(text.substr(slash + 1))) {
    Threshold t{std::stoll(text.substr(0, slash)), std::stoll(text.substr(slash + 1)), strict};
    if (t.den > 0 && t.num <= t.den && (t.num > 0 || !strict)) return t;
  }
  Error(n, Msg("{what} must be a fraction N/D between 0 and 1, e.g. \"1/2\" or \"2/3\"", {{"what", what}}));
  return std::nullopt;
}

std::optional<bool> YamlReader::Bool(const YAML::Node& n, const Msg& what) {
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    if (s == "true") return true;
    if (s == "false") return false;
  }
  Error(n, Msg("{what} must be true or false", {{"what", what}}));
  return std::nullopt;
}

std::optional<std::int64_t> YamlReader::PositiveInteger(const YAML::Node& n, const Msg& what) {
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    bool digits = !s.empty() && s.size() <= 18 && s[0] != '0';
    for (char c : s) digits = digits && c >= '0' && c <= '9';
    if (digits) return std::stoll(s);
  }
  Error(n, Msg("{what} must be a positive whole number", {{"what", what}}));
  return std::nullopt;
}

Labels YamlReader::ReadLabels(const YAML::Node& n, const Msg& what) {
  Labels out;
  auto m = Map(n, what, {});  // keys are language codes: zh, en, or another (kept in `more`)
  if (!m) return out;
  static const std::regex kLanguage("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  for (const auto& e : m->entries()) {
    if (!std::regex_match(e.key, kLanguage)) {
      Error(e.key_node, Msg("unknown key '{key}' in {what}; the keys are language codes: zh, en, or another such as ja or bo",
                            {{"key", Shown(e.key)}, {"what", what}}));
      continue;
    }
    if (!e.value.IsScalar()) {
      Error(e.value, Msg("{what} must be a text", {{"what", Path(what, e.key)}}));
      continue;
    }
    if (e.key == "zh") {
      out.zh = e.value.Scalar();
    } else if (e.key == "en") {
      out.en = e.value.Scalar();
    } else {
      out.more[e.key] = e.value.Scalar();
    }
  }
  return out;
}

}  // namespace docket::detail
