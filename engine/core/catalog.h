// The message catalog: each language's translations of the English templates of Msg
// (core/message.h), one folder per language in core/messages/, compiled into the program.
// English needs no file. A third language is a third folder and a Lang value; no schema
// changes.
//
// LANG/MODULE.tsv holds one entry a line: the English template, a tab, the translation; or,
// for a template in a context (Msg::In), the context, a tab, the template, a tab, the
// translation ("report<TAB>Progress<TAB>执行进度"). '#' starts a comment line, '\#' a line
// whose template starts with '#'. An entry is keyed on (context, template): the same
// English in two contexts has two entries, and a template in a context has none without it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/message.h"

namespace docket {

// The translation of `en_template` in `context` ("" for none) into `lang`, or nullptr when
// the catalog has none.
const std::string* Translate(Lang lang, const std::string& context, const std::string& en_template);

// `msg` in `lang`, through the catalog.
std::string Text(const Msg& msg, Lang lang);
// `msg` in the language of code `lang` ("zh", "en", or a code without a Lang yet: its
// labels' texts (Labels::more) and the catalog folder of that code, else English).
std::string Text(const Msg& msg, const std::string& lang);

// A template as a source or a catalog line writes it, read: \n, \t, \" and \\ are escapes.
std::string UnescapeTemplate(std::string_view s);

// One line of a catalog.
struct CatalogEntry {
  std::string context;  // "" for none
  std::string en;
  std::string translation;
};
// Every entry of `lang`'s catalog in file order (for the catalog's own tests).
const std::vector<CatalogEntry>& CatalogEntries(Lang lang);

}  // namespace docket
