// SqliteStore: accounts, credentials and sign-in attempts (schemas/sql/012_accounts.sql).
#include <SQLiteCpp/SQLiteCpp.h>

#include "store/sqlite_store_internal.h"

namespace docket {
namespace {

constexpr const char* kCredentialSelect =
    "SELECT kind, key, person, secret_hash, org, scope, created_by, created_at, expires_at, last_seen, ended_at "
    "FROM credentials ";

Credential ReadCredential(SQLite::Statement& q) {
  Credential c;
  std::string* fields[] = {&c.kind,  &c.key,        &c.person,     &c.secret_hash, &c.org,     &c.scope,
                           &c.created_by, &c.created_at, &c.expires_at, &c.last_seen, &c.ended_at};
  for (int i = 0; i < 11; ++i) *fields[i] = q.getColumn(i).getString();
  return c;
}

}  // namespace

Result<std::optional<Account>> SqliteStore::GetAccount(const std::string& person) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the account of '{person}'", {{"person", person}}), [&]() -> Result<std::optional<Account>> {
    Lease q(*this, "SELECT person, password_hash, set_at FROM accounts WHERE person=?");
    q->bind(1, person);
    if (!q->executeStep()) return std::optional<Account>();
    return std::optional<Account>(Account{q->getColumn(0).getString(), q->getColumn(1).getString(), q->getColumn(2).getString()});
  });
}

Status SqliteStore::PutAccount(const Account& account) {
  std::lock_guard lock(mu_);
  return Transact([&] {
    return Guard(Msg("store the account of '{person}'", {{"person", account.person}}), [&]() -> Status {
      Lease q(*this, "INSERT OR REPLACE INTO accounts(person, password_hash, set_at) VALUES (?, ?, ?)");
      q->bind(1, account.person);
      q->bind(2, account.password_hash);
      q->bind(3, account.set_at);
      q->exec();
      return Status::Ok();
    });
  });
}

Status SqliteStore::PutCredential(const Credential& c) {
  std::lock_guard lock(mu_);
  return Transact([&] {
    return Guard(Msg("store a {kind} of '{person}'", {{"kind", c.kind}, {"person", c.person}}), [&]() -> Status {
      Lease q(*this,
              "INSERT OR REPLACE INTO credentials(kind, key, person, secret_hash, org, scope, created_by, created_at, "
              "expires_at, last_seen, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      const std::string* fields[] = {&c.kind,       &c.key,        &c.person,     &c.secret_hash, &c.org,     &c.scope,
                                     &c.created_by, &c.created_at, &c.expires_at, &c.last_seen,   &c.ended_at};
      for (int i = 0; i < 11; ++i) q->bind(i + 1, *fields[i]);
      q->exec();
      return Status::Ok();
    });
  });
}

Status SqliteStore::TouchCredential(const std::string& kind, const std::string& key, const std::string& seen) {
  std::lock_guard lock(mu_);
  return Transact([&] {
    return Guard(Msg("note the use of a {kind}", {{"kind", kind}}), [&]() -> Status {
      DOCKET_RETURN_IF_ERROR(Hook("touch_credential"));
      Lease q(*this, "UPDATE credentials SET last_seen=? WHERE kind=? AND key=? AND ended_at='' AND last_seen<?");
      q->bind(1, seen);
      q->bind(2, kind);
      q->bind(3, key);
      q->bind(4, seen);
      q->exec();
      return Status::Ok();
    });
  });
}

Result<std::optional<Credential>> SqliteStore::GetCredential(const std::string& kind, const std::string& key) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read a {kind}", {{"kind", kind}}), [&]() -> Result<std::optional<Credential>> {
    Lease q(*this, std::string(kCredentialSelect) + "WHERE kind=? AND key=?");
    q->bind(1, kind);
    q->bind(2, key);
    if (!q->executeStep()) return std::optional<Credential>();
    return std::optional<Credential>(ReadCredential(*q));
  });
}

Result<std::vector<Credential>> SqliteStore::ListCredentials(const std::string& kind, const std::string& person) {
  std::lock_guard lock(mu_);
  return Guard(Msg("list the {kind}s", {{"kind", kind}}), [&]() -> Result<std::vector<Credential>> {
    Lease q(*this, std::string(kCredentialSelect) + "WHERE kind=? AND (?='' OR person=?) ORDER BY created_at, key");
    q->bind(1, kind);
    q->bind(2, person);
    q->bind(3, person);
    std::vector<Credential> out;
    while (q->executeStep()) out.push_back(ReadCredential(*q));
    return out;
  });
}

Status SqliteStore::AddSignIn(const SignInAttempt& a) {
  std::lock_guard lock(mu_);
  return Transact([&] {
    return Guard(Msg("record a sign-in of '{person}'", {{"person", a.person}}), [&]() -> Status {
      Lease q(*this, "INSERT INTO sign_ins(time, person, address, outcome) VALUES (?, ?, ?, ?)");
      q->bind(1, a.time);
      q->bind(2, a.person);
      q->bind(3, a.address);
      q->bind(4, a.outcome);
      q->exec();
      return Status::Ok();
    });
  });
}

Result<std::int64_t> SqliteStore::CountSignIns(const std::optional<std::string>& person,
                                               const std::optional<std::string>& address, const std::string& outcome,
                                               const std::string& since) {
  std::lock_guard lock(mu_);
  return Guard(Msg("count sign-in attempts"), [&]() -> Result<std::int64_t> {
    std::string sql = "SELECT count(*) FROM sign_ins WHERE outcome=? AND time>=?";
    if (person) sql += " AND person=?";
    if (address) sql += " AND address=?";
    Lease q(*this, sql);
    int n = 1;
    q->bind(n++, outcome);
    q->bind(n++, since);
    if (person) q->bind(n++, *person);
    if (address) q->bind(n++, *address);
    q->executeStep();
    return static_cast<std::int64_t>(q->getColumn(0).getInt64());
  });
}

}  // namespace docket
