#include "core/catalog.h"

#include <string_view>
#include <unordered_map>

namespace docket {

// core/messages/zh/*.tsv, embedded by embed_catalog.cmake.
extern const char kCatalogZh[];

namespace {

struct Catalog {
  std::vector<std::pair<std::string, std::string>> entries;
  std::unordered_map<std::string, std::string> by_template;
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
    std::string en = UnescapeTemplate(line.substr(0, tab));
    std::string tr = UnescapeTemplate(line.substr(tab + 1));
    c.entries.emplace_back(en, tr);
    c.by_template.emplace(std::move(en), std::move(tr));
  }
  return c;
}

const Catalog& CatalogOf(Lang lang) {
  static const Catalog kZh = Parse(kCatalogZh);
  static const Catalog kNone;
  return lang == Lang::kZh ? kZh : kNone;
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

const std::string* Translate(Lang lang, const std::string& en_template) {
  const Catalog& c = CatalogOf(lang);
  auto it = c.by_template.find(en_template);
  return it == c.by_template.end() ? nullptr : &it->second;
}

std::string Text(const Msg& msg, Lang lang) { return msg.Render(lang, &Translate); }

const std::vector<std::pair<std::string, std::string>>& CatalogEntries(Lang lang) { return CatalogOf(lang).entries; }

}  // namespace docket
