// PgStore: accounts, credentials and sign-in attempts.
#include "store/pg_store_internal.h"

namespace docket {
namespace {

constexpr const char* kCredentialSelect =
    "SELECT kind, key, person, secret_hash, org, scope, created_by, created_at, expires_at, last_seen, ended_at "
    "FROM credentials ";
// kCredentialSelect's columns of the credentials row `c`, then the directory's version: one
// row, whether or not the credential exists.
constexpr const char* kCredentialWithVersion =
    "SELECT c.kind, c.key, c.person, c.secret_hash, c.org, c.scope, c.created_by, c.created_at, c.expires_at, "
    "c.last_seen, c.ended_at, d.version FROM directory_version d "
    "LEFT JOIN credentials c ON c.kind=$1 AND c.key=$2 WHERE d.id = 1";

Credential ReadCredential(const pqxx::row& r) {
  Credential c;
  std::string* fields[] = {&c.kind,       &c.key,        &c.person,     &c.secret_hash, &c.org,     &c.scope,
                           &c.created_by, &c.created_at, &c.expires_at, &c.last_seen,   &c.ended_at};
  for (int i = 0; i < 11; ++i) *fields[i] = Text(r[i]);
  return c;
}

}  // namespace

Result<std::optional<Account>> PgStore::GetAccount(const std::string& person) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read the account of '{person}'", {{"person", person}}), [&]() -> Result<std::optional<Account>> {
    const pqxx::result r = Exec("SELECT person, password_hash, set_at FROM accounts WHERE person=$1", person);
    if (r.empty()) return std::optional<Account>();
    return std::optional<Account>(Account{Text(r[0][0]), Text(r[0][1]), Text(r[0][2])});
  });
}

Status PgStore::PutAccount(const Account& account) {
  return InTransaction([&] {
    return Guard(Msg("store the account of '{person}'", {{"person", account.person}}), [&]() -> Status {
      Exec("INSERT INTO accounts(person, password_hash, set_at) VALUES ($1,$2,$3) ON CONFLICT (person) DO UPDATE SET "
           "password_hash=excluded.password_hash, set_at=excluded.set_at",
           account.person, account.password_hash, account.set_at);
      return Status::Ok();
    });
  });
}

Status PgStore::PutCredential(const Credential& c) {
  return InTransaction([&] {
    return Guard(Msg("store a {kind} of '{person}'", {{"kind", c.kind}, {"person", c.person}}), [&]() -> Status {
      Exec("INSERT INTO credentials(kind, key, person, secret_hash, org, scope, created_by, created_at, expires_at, "
           "last_seen, ended_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (kind, key) DO UPDATE SET "
           "person=excluded.person, secret_hash=excluded.secret_hash, org=excluded.org, scope=excluded.scope, "
           "created_by=excluded.created_by, created_at=excluded.created_at, expires_at=excluded.expires_at, "
           "last_seen=excluded.last_seen, ended_at=excluded.ended_at",
           c.kind, c.key, c.person, c.secret_hash, c.org, c.scope, c.created_by, c.created_at, c.expires_at, c.last_seen,
           c.ended_at);
      return Status::Ok();
    });
  });
}

Status PgStore::TouchCredential(const std::string& kind, const std::string& key, const std::string& seen) {
  return InTransaction([&] {
    return Guard(Msg("note the use of a {kind}", {{"kind", kind}}), [&]() -> Status {
      DOCKET_RETURN_IF_ERROR(Hook("touch_credential"));
      Exec("UPDATE credentials SET last_seen=$1 WHERE kind=$2 AND key=$3 AND ended_at='' AND last_seen<$1", seen, kind, key);
      return Status::Ok();
    });
  });
}

Result<std::optional<Credential>> PgStore::GetCredential(const std::string& kind, const std::string& key) {
  std::lock_guard lock(mu_);
  return Guard(Msg("read a {kind}", {{"kind", kind}}), [&]() -> Result<std::optional<Credential>> {
    if (depth_ == 0 && versioned_) {
      // A request's credential, read with the directory's version in the same snapshot: the
      // person it names, asked next (whether they are still in the directory), is answered
      // from what this connection keeps while that version holds (pg_store.h, FreshOutside).
      const pqxx::result r = Prepared("docket_credential", kCredentialWithVersion, kind, key);
      if (!r.empty()) SawDirectoryVersion(r[0][11].is_null() ? -1 : Int(r[0][11]));
      if (r.empty() || r[0][0].is_null()) return std::optional<Credential>();
      return std::optional<Credential>(ReadCredential(r[0]));
    }
    const pqxx::result r = Exec(std::string(kCredentialSelect) + "WHERE kind=$1 AND key=$2", kind, key);
    if (r.empty()) return std::optional<Credential>();
    return std::optional<Credential>(ReadCredential(r[0]));
  });
}

Result<std::vector<Credential>> PgStore::ListCredentials(const std::string& kind, const std::string& person) {
  std::lock_guard lock(mu_);
  return Guard(Msg("list the {kind}s", {{"kind", kind}}), [&]() -> Result<std::vector<Credential>> {
    std::vector<Credential> out;
    for (const auto& r : Exec(std::string(kCredentialSelect) +
                                  "WHERE kind=$1 AND ($2='' OR person=$2) ORDER BY created_at COLLATE \"C\", key COLLATE \"C\"",
                              kind, person)) {
      out.push_back(ReadCredential(r));
    }
    return out;
  });
}

Status PgStore::AddSignIn(const SignInAttempt& a) {
  return InTransaction([&] {
    return Guard(Msg("record a sign-in of '{person}'", {{"person", a.person}}), [&]() -> Status {
      Exec("INSERT INTO sign_ins(time, person, address, outcome) VALUES ($1,$2,$3,$4)", a.time, a.person, a.address,
           a.outcome);
      return Status::Ok();
    });
  });
}

Result<std::int64_t> PgStore::CountSignIns(const std::optional<std::string>& person,
                                           const std::optional<std::string>& address, const std::string& outcome,
                                           const std::string& since) {
  std::lock_guard lock(mu_);
  return Guard(Msg("count sign-in attempts"), [&]() -> Result<std::int64_t> {
    return Exec("SELECT count(*) FROM sign_ins WHERE outcome=$1 AND time>=$2 AND ($3::text IS NULL OR person=$3) "
                "AND ($4::text IS NULL OR address=$4)",
                outcome, since, NullableText(person), NullableText(address))[0][0]
        .as<std::int64_t>();
  });
}

}  // namespace docket
