#include "core/catalog.h"

#include <string_view>
#include <unordered_map>

namespace docket {

// core/messages/zh/*.tsv, embedded by embed_catalog.cmake.
extern const char kCatalogZh[];

namespace {

// The key of an entry: the template, after its context and gettext's separator (EOT) when
// it has one.
std::string Key(const std::string& context, const std::string& en) {
  return context.empty() ? en : context + '\x04' + en;
}

struct Catalog {
  std::vector<CatalogEntry> entries;
  std::unordered_map<std::string, std::string> by_key;
};

Catalog Parse(std::string_view text) {
  Catalog c;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;  // the catalog test rejects such a line
    CatalogEntry e;
    std::string_view rest = line.substr(tab + 1);
    if (std::size_t second = rest.find('\t'); second != std::string_view::npos) {
      e.context = std::string(line.substr(0, tab));
      line = rest;
      tab = second;
    }
    e.en = UnescapeTemplate(line.substr(0, tab));
    e.translation = UnescapeTemplate(line.substr(tab + 1));
    c.by_key.emplace(Key(e.context, e.en), e.translation);
    c.entries.push_back(std::move(e));
  }
  return c;
}

const Catalog& CatalogOf(const std::string& lang) {
  static const Catalog kZh = Parse(kCatalogZh);
  static const Catalog kNone;
  return lang == LangCode(Lang::kZh) ? kZh : kNone;
}

const std::string* TranslateCode(const std::string& lang, const std::string& context, const std::string& en) {
  const Catalog& c = CatalogOf(lang);
  auto it = c.by_key.find(Key(context, en));
  return it == c.by_key.end() ? nullptr : &it->second;
}

}  // namespace

std::string UnescapeTemplate(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
  }
  return out;
}

const std::string* Translate(Lang lang, const std::string& context, const std::string& en_template) {
  return TranslateCode(LangCode(lang), context, en_template);
}

std::string Text(const Msg& msg, Lang lang) { return msg.Render(lang, &TranslateCode); }

std::string Text(const Msg& msg, const std::string& lang) { return msg.Render(lang, &TranslateCode); }

const std::vector<CatalogEntry>& CatalogEntries(Lang lang) { return CatalogOf(LangCode(lang)).entries; }

}  // namespace docket
