#include <cstdio>
#include <iostream>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app/system_clock.h"
#include "app/time_zones.h"
#include "cli/cli.h"
#include "core/env.h"

namespace docket::cli {

std::shared_ptr<spdlog::logger> Context::logger() {
  if (!logger_) {
    logger_ = spdlog::stderr_color_st("docket");
    logger_->set_pattern("docket: %l: %v");
    logger_->set_level(g_.verbosity >= 2   ? spdlog::level::debug
                       : g_.verbosity == 1 ? spdlog::level::info
                                           : spdlog::level::warn);
  }
  return logger_;
}

Result<const Clock*> Context::clock() {
  if (!clock_) {
    if (g_.now.empty()) {
      clock_ = std::make_unique<SystemClock>();
    } else {
      DOCKET_ASSIGN_OR_RETURN(const TimeZone zone, DefaultTimeZone());
      auto t = ParseTimeIn(g_.now, zone);
      if (!t) {
        return Status::Invalid(Msg("--now: '{text}' is not an ISO 8601 time (e.g. 2026-03-01T17:00, Beijing time without an offset, or 2026-03-01T09:00:00Z)",
                                   {{"text", g_.now}}));
      }
      clock_ = std::make_unique<FixedClock>(*t);
    }
  }
  return clock_.get();
}

Result<std::unique_ptr<Docket>> Context::OpenDocket(const Clock& clock, bool create) {
  DocketOptions options;
  options.db = g_.db;
  options.synchronous = g_.synchronous;
  options.create = create;
  options.typed_clock = !g_.now.empty();
  options.local_command_line = true;
  options.reader = g_.as;
  return Docket::Open(options, clock, logger());
}

Result<Docket*> Context::docket(bool create) {
  if (!docket_) {
    DOCKET_ASSIGN_OR_RETURN(auto c, clock());
    DOCKET_ASSIGN_OR_RETURN(auto opened, OpenDocket(*c, create));
    docket_ = std::move(opened);
  }
  return docket_.get();
}

void Context::Emit(const std::string& text, const nlohmann::json& json) {
  if (g_.json) {
    std::cout << json.dump(2) << "\n";
  } else if (!text.empty()) {
    std::cout << text << (text.back() == '\n' ? "" : "\n");
  }
}

void SetRunner(CLI::App* sub, Runner* slot, Runner fn) {
  sub->callback([slot, fn = std::move(fn)] { *slot = fn; });
}

Result<std::string> ReadTextFile(const std::string& path) { return Env::Default().ReadFile(path, kMaxTextFileBytes); }

}  // namespace docket::cli
