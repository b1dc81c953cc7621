#include "support/pg_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>


namespace docket::testing {

std::string PgServerUrl() {
  std::ifstream in(PgUrlFile());
  std::string url;
  std::getline(in, url);
  return url;
}

bool PgInstalled() { return ::access("/usr/lib/postgresql/15/bin/initdb", X_OK) == 0; }

bool PgAvailable() { return !PgServerUrl().empty(); }

bool PgRequired() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

PgTestDatabase::PgTestDatabase() {
  static std::atomic<int> counter{0};
  const std::string server = PgServerUrl();
  if (server.empty()) {
    error_ = "no cluster";
    return;
  }
  name_ = "docket_t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  try {
    pqxx::connection c(server);
    pqxx::nontransaction tx(c);
    tx.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    tx.exec("CREATE DATABASE " + name_);
  } catch (const std::exception& e) {
    error_ = e.what();
    return;
  }
  // The server's URL ends in /postgres: the same server, this database.
  url_ = server.substr(0, server.rfind('/') + 1) + name_;
}

PgTestDatabase::~PgTestDatabase() {
  if (url_.empty()) return;
  try {
    pqxx::connection c(PgServerUrl());
    pqxx::nontransaction tx(c);
    tx.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The cluster is removed after the run anyway.
  }
}

}  // namespace docket::testing
