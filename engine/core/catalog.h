// The message catalog: each language's translations of the English templates of Msg
// (core/message.h), one folder per language in core/messages/ (LANG/MODULE.tsv: the English template,
// a tab, the translation; '#' starts a comment line, '\#' a line whose template starts with
// '#'), compiled into the program. English
// needs no file. A third language is a third file and a Lang value; no schema changes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/message.h"

namespace docket {

// The translation of `en_template` into `lang`, or nullptr when the catalog has none.
const std::string* Translate(Lang lang, const std::string& en_template);

// `msg` in `lang`, through the catalog.
std::string Text(const Msg& msg, Lang lang);

// A template as a source or a catalog line writes it, read: \n, \t, \" and \\ are escapes.
std::string UnescapeTemplate(std::string_view s);

// Every entry of `lang`'s catalog in file order (for the catalog's own tests).
const std::vector<std::pair<std::string, std::string>>& CatalogEntries(Lang lang);

}  // namespace docket
