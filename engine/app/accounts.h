// Accounts: how a person of the organization files proves who they are to the server
// (docs/IDENTITY.md).
//
// An administrator invites a person (a one-time link with a random token, kept only as its
// SHA-256, valid for AccountPolicy::invitation_valid); the person sets a password (Argon2id,
// libsodium crypto_pwhash_str; at least min_password_length characters of two kinds, not
// their id). Signing in gives a session: a random id, kept hashed, ending after
// session_idle without a request or session_absolute after sign-in, and at sign-out;
// signing out everywhere ends all of the person's sessions. Failed sign-ins are recorded
// (the store's sign_ins); after max_failures_per_person failures of one person, or
// max_failures_per_address from one address, within failure_window, sign-in is refused
// until the window has passed, and the refusal is recorded too; the failure that locks a
// person or an address out is also a refused entry "$sign-in" in the chains (app/lockouts.h). API tokens ("dkt_ID_SECRET")
// are a person's, for one organization, read-only or acting, expiring and revocable.
//
// A person who no longer holds any role (removed from the organization file) cannot sign in,
// and their sessions and tokens stop working; their history stays. No password, token or
// session id is ever logged or stored in the clear.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "core/status.h"

namespace docket {

class AppContext;

struct AccountPolicy {
  std::chrono::hours invitation_valid{72};
  std::chrono::minutes session_idle{120};
  std::chrono::hours session_absolute{12};
  int max_failures_per_person = 5;
  int max_failures_per_address = 20;
  std::chrono::minutes failure_window{15};
  std::size_t min_password_length = 10;
};

// Who a request comes from, and how that was established.
struct Caller {
  std::string person;
  std::string via;       // "session:ID" or "token:ID" (core/item.h kViaField)
  std::string csrf;      // a session's CSRF token, to be sent back on every change; "" for a token
  bool may_act = true;   // false for a read-only token
  std::string org;       // a token's one organization; "" for a session
};

struct IssuedInvitation {
  std::string person;
  std::string token;       // the secret: shown once, never stored
  std::string expires_at;  // ISO UTC
};

struct SignedIn {
  std::string session;  // the secret session id for the cookie: never stored
  Caller caller;
  std::string expires_at;
};

struct TokenInfo {
  std::string id;
  std::string person;
  std::string org;
  std::string scope;  // "read" or "act"
  std::string created_by;
  std::string created_at;
  std::string expires_at;
  std::string revoked_at;  // "" while usable
};

struct IssuedToken {
  TokenInfo info;
  std::string token;  // "dkt_ID_SECRET": shown once, never stored
};

struct AccountInfo {
  std::string person;
  bool has_password = false;
  std::string password_set_at;
  int open_invitations = 0;
  int sessions = 0;  // not ended and not expired
};

class AccountUseCases {
 public:
  explicit AccountUseCases(AppContext& ctx);

  AccountPolicy policy;

  // An invitation for `person`, issued by `admin` (AppContext::Administrator: an
  // administrator of every organization where the person holds a role, or the local owner).
  // NotFound for a person not in the directory, Invalid for one without a role.
  Result<IssuedInvitation> Invite(const std::string& person, const std::string& admin);
  // Sets the invited person's password and uses the invitation up. Forbidden for an unknown,
  // used or expired invitation; Invalid (naming the rule) for a weak password.
  Result<std::string> AcceptInvitation(const std::string& token, const std::string& password);
  // Forbidden ("the person or the password is wrong", the same for both) or Refused while
  // locked out; a new session otherwise. `address`: the client's, for throttling.
  Result<SignedIn> SignIn(const std::string& person, const std::string& password, const std::string& address);
  // The caller of a session id; Forbidden when it is unknown, ended or expired, or its person
  // was removed. Marks the session used now (idle expiry).
  Result<Caller> SessionCaller(const std::string& session);
  // Ends the session; with `everywhere`, every session of its person. Forbidden as above.
  Status SignOut(const std::string& session, bool everywhere);

  // A token for `person` in `org` with scope "read" or "act", valid `days` (1..366), issued by
  // `issuer`: the person themselves (signed in) or an administrator.
  Result<IssuedToken> CreateToken(const std::string& person, const std::string& org, const std::string& scope,
                                  int days, const std::string& issuer);
  // The tokens of `person` (everyone's when ""), for that person or an administrator (`by`).
  Result<std::vector<TokenInfo>> ListTokens(const std::string& person, const std::string& by);
  // Revokes token `id`; by its person or an administrator. NotFound for an unknown id.
  Status RevokeToken(const std::string& id, const std::string& by);
  // The caller of a bearer token; Forbidden when unknown, wrong, revoked or expired.
  Result<Caller> TokenCaller(const std::string& token);

  // Every person of the directory with what they have to sign in; for an administrator (`by`).
  Result<std::vector<AccountInfo>> ListAccounts(const std::string& by);

 private:
  // Ok for an administrator of every organization where `person` holds a role (or above
  // it), or the local owner; and for `person` themselves when `self`.
  Status MayManage(const std::string& person, const std::string& by, bool self = true);
  Result<bool> StillInDirectory(const std::string& person);
  AppContext& ctx_;
};

// Whether `password` is strong enough for `person` under `policy`: Ok, or Invalid naming the rule.
Status CheckPasswordStrength(const std::string& person, const std::string& password, const AccountPolicy& policy);

}  // namespace docket
