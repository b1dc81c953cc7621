// A fresh PostgreSQL database for one test, on the cluster the test run started
// (scripts/pg-cluster, the pg_cluster fixture in tests/CMakeLists.txt), dropped when the
// test ends.
#pragma once

#include <string>

namespace docket::testing {

// The file the run's cluster writes its URL to (defined in the generated paths.cc, which
// keeps the absolute paths out of the tests' objects).
const char* PgUrlFile();

// The cluster's URL (its `postgres` database), or "" when the run has no cluster
// (PostgreSQL is not installed).
std::string PgServerUrl();

// Whether PostgreSQL 15 is installed here (its initdb): the suites over StoreBackends()
// then have a "postgresql" instance (and, under CI=true, also when it is not: they fail).
bool PgInstalled();

// Whether the tests on PostgreSQL run: true with a cluster. Without one, false: a test
// then skips, or fails under CI=true (CI must run them).
bool PgAvailable();

class PgTestDatabase {
 public:
  // CREATE DATABASE with a name unique to this process and instance; url() is "" when
  // there is no cluster or it failed (the reason in error()).
  PgTestDatabase();
  ~PgTestDatabase();  // DROP DATABASE ... WITH (FORCE)
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;

  const std::string& url() const { return url_; }
  const std::string& error() const { return error_; }

 private:
  std::string name_;
  std::string url_;
  std::string error_;
};

}  // namespace docket::testing

// In a test on PostgreSQL: skips it without a cluster (fails it under CI=true).
#define DOCKET_REQUIRE_PG()                                                             \
  do {                                                                                  \
    if (!::docket::testing::PgAvailable()) {                                            \
      if (::docket::testing::PgRequired()) FAIL() << "no PostgreSQL cluster (CI=true)"; \
      GTEST_SKIP() << "no PostgreSQL cluster (install postgresql-15)";                  \
    }                                                                                   \
  } while (0)

namespace docket::testing {
bool PgRequired();  // CI=true
}
