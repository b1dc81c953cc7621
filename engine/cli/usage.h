// What a person reads when the command line does not parse (CLI11's ParseError), as a Msg.
#pragma once

#include <CLI/CLI.hpp>

#include "core/message.h"

namespace docket::cli {

// `e`, raised while parsing `app`, said in the catalog's words: the option, value or command
// it is about, and for a missing or mistyped command the commands there are.
Msg UsageMessage(const CLI::App& app, const CLI::ParseError& e);

}  // namespace docket::cli
