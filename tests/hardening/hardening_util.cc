#include "hardening_util.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <regex>

#include "app/embedded.h"

namespace docket::testing {

std::string DumpItemsAndAudit(const std::string& db_path) {
  return DumpTable(db_path, "items") + "--\n" + DumpTable(db_path, "audit");
}

std::string DumpTable(const std::string& db_path, const std::string& table) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  std::string out;
  {
    SQLite::Statement q(db, "SELECT * FROM " + table + (table == "audit" ? " ORDER BY org, seq" : " ORDER BY id"));
    while (q.executeStep()) {
      for (int i = 0; i < q.getColumnCount(); ++i) {
        out += q.getColumn(i).isNull() ? "NULL" : q.getColumn(i).getString();
        out += '|';
      }
      out += '\n';
    }
  }
  return out;
}

bool NamesEntry(const std::string& message, std::int64_t seq) {
  static const std::regex one(R"(\bentry (\d+)\b)");
  static const std::regex range(R"(\bentries (\d+) to (\d+)\b)");
  for (std::sregex_iterator it(message.begin(), message.end(), one), end; it != end; ++it) {
    if (std::stoll((*it)[1]) == seq) return true;
  }
  for (std::sregex_iterator it(message.begin(), message.end(), range), end; it != end; ++it) {
    if (std::stoll((*it)[1]) <= seq && seq <= std::stoll((*it)[2])) return true;
  }
  return false;
}

bool NamesItem(const std::string& message, std::int64_t id) {
  static const std::regex item(R"(\bitem #?(\d+)\b)");
  for (std::sregex_iterator it(message.begin(), message.end(), item), end; it != end; ++it) {
    if (std::stoll((*it)[1]) == id) return true;
  }
  return false;
}

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::atoi(v) : fallback;
}

std::unique_ptr<OpenDocket> OpenLoaded(const std::string& path, SqliteOptions options) {
  auto d = std::make_unique<OpenDocket>();
  auto s = SqliteStore::Open(path, options);
  if (!s.ok()) {
    d->status = s.status();
    return d;
  }
  d->store = std::move(s).value();
  d->docket = std::make_unique<Docket>(
      *d->store, d->clock, std::make_shared<spdlog::logger>("hardening", std::make_shared<spdlog::sinks::null_sink_st>()));
  if (auto m = d->docket->InitMode(/*simulation=*/true); !m.ok()) d->status = m.status();  // the clock is fixed
  auto org = d->docket->LoadOrgs(FindShipped("workflows/examples/org.yaml")->text, "org.yaml");
  if (!org.ok()) d->status = org.status();
  for (const auto& wf : ShippedWorkflows()) {
    auto r = d->docket->LoadWorkflow(wf.text, std::string(wf.path));
    if (!r.ok()) d->status = r.status();
  }
  return d;
}

}  // namespace docket::testing
