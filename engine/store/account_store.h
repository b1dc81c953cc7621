// AccountStore: how people prove who they are — passwords, invitations, sessions, API
// tokens and the sign-in attempts (schemas/sql/012_accounts.sql). None of it is part of the
// audited record; secrets are stored only hashed (app/accounts.h decides what they are).
//
// Contract: every method returns Status/Result and never throws. Times are ISO UTC text
// ("2026-03-01T09:00:00Z"), compared as text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace docket {

struct Account {
  std::string person;
  std::string password_hash;  // Argon2id string
  std::string set_at;
};

// An invitation, a session or an API token.
struct Credential {
  std::string kind;  // "invitation", "session" or "token"
  std::string key;   // SHA-256 hex of the secret; a token's public id
  std::string person;
  std::string secret_hash;  // a token's secret, hashed
  std::string org;          // a token's organization
  std::string scope;        // a token's scope
  std::string created_by;
  std::string created_at;
  std::string expires_at;
  std::string last_seen;
  std::string ended_at;  // "" while it may be used
};

struct SignInAttempt {
  std::string time;
  std::string person;
  std::string address;
  std::string outcome;  // "ok", "failed", "locked"
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // The person's account; none before they set a password. PutAccount replaces it.
  virtual Result<std::optional<Account>> GetAccount(const std::string& person) = 0;
  virtual Status PutAccount(const Account& account) = 0;

  // PutCredential inserts or replaces the credential (kind, key).
  virtual Status PutCredential(const Credential& c) = 0;
  // Moves the credential's last_seen forward to `seen` when it is earlier and the credential
  // has not ended; changes nothing otherwise (never revives an ended one, never moves back).
  // Calls the fault hook at "touch_credential", inside the write.
  virtual Status TouchCredential(const std::string& kind, const std::string& key, const std::string& seen) = 0;
  virtual Result<std::optional<Credential>> GetCredential(const std::string& kind, const std::string& key) = 0;
  // The credentials of `kind` of `person` (every person's when ""), oldest first.
  virtual Result<std::vector<Credential>> ListCredentials(const std::string& kind, const std::string& person) = 0;

  virtual Status AddSignIn(const SignInAttempt& attempt) = 0;
  // Every attempt, oldest first: for a copy of a whole store (app/migrate.h).
  virtual Result<std::vector<SignInAttempt>> ListSignIns() = 0;
  // The attempts with `outcome` at or after `since` by `person` (when given) and from
  // `address` (when given).
  virtual Result<std::int64_t> CountSignIns(const std::optional<std::string>& person,
                                            const std::optional<std::string>& address, const std::string& outcome,
                                            const std::string& since) = 0;
};

}  // namespace docket
