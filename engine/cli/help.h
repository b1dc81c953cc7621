// `docket --help` in the reader's language. The descriptions of commands and options are
// catalog messages rendered when the commands are registered, so the language must be known
// before the command line is parsed: HelpLang reads it from the words themselves. CLI11's own
// words (Usage, OPTIONS, REQUIRED, the value types, the group headings) come from the catalog
// too, and the columns are aligned by display width (a Chinese character takes two columns).
#pragma once

#include <CLI/CLI.hpp>

#include "core/labels.h"

namespace docket::cli {

// The language `--lang` asks for among the words of the command line (`--lang en`,
// `--lang=en`, anywhere, the last one winning), `fallback` when none names zh or en.
Lang HelpLang(int argc, const char* const* argv, Lang fallback);

// Makes the help of `app` and of every command below it speak `lang`: CLI11's words, the
// group headings and the help flags. Call once every command is registered.
void LocalizeHelp(CLI::App& app, Lang lang);

}  // namespace docket::cli
