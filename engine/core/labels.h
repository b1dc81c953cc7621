// The languages a person reads Docket in, and the labels definitions give their names in.
#pragma once

#include <map>
#include <string>
#include <utility>

namespace docket {

enum class Lang { kZh, kEn };

// "zh" or "en".
const char* LangCode(Lang lang);

struct Labels {
  Labels() = default;
  Labels(std::string zh_text, std::string en_text = {}) : zh(std::move(zh_text)), en(std::move(en_text)) {}  // NOLINT

  std::string zh;
  std::string en;
  // Texts in other languages, by language code: a definition may carry them before Docket
  // has a Lang for them (a third language is a Lang value and a catalog folder, no schema).
  std::map<std::string, std::string> more;
  // The label in `lang`, falling back to the other language, then to `fallback`.
  const std::string& Get(Lang lang, const std::string& fallback) const;
};

}  // namespace docket
