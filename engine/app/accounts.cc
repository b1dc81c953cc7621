// Accounts (accounts.h): invitations, passwords, sessions and API tokens over the store's
// AccountStore, with the secrets made by libsodium and kept as SHA-256 or Argon2id.
#include "app/accounts.h"

#include <mutex>
#include <semaphore>
#include <unordered_map>

#include <sodium.h>

#include "app/app_context.h"
#include "app/lockouts.h"
#include "audit/sha256.h"
#include "core/clock.h"
#include "core/item.h"

namespace docket {
namespace {

constexpr const char* kInvitation = "invitation";
constexpr const char* kSession = "session";
constexpr const char* kToken = "token";
constexpr const char* kTokenPrefix = "dkt_";
constexpr std::size_t kMaxSecretBytes = 1024;

// Argon2id takes 64 MiB per hash (crypto_pwhash_MEMLIMIT_INTERACTIVE): at most this many at once.
std::counting_semaphore<4> hashing(4);

std::string RandomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string HashHex(const std::string& secret) { return HexDigest(Sha256(secret)); }

bool SameHex(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Whether this process refreshes the session `key`'s last_seen at `now`: at most once a
// minute per session across all the server's workers (each its own Docket), so that when a
// page's requests arrive together after a quiet minute one of them writes, not every one.
bool ClaimRefresh(const std::string& key, TimePoint now) {
  static std::mutex mu;
  static std::unordered_map<std::string, TimePoint> claimed;
  constexpr auto kEvery = std::chrono::minutes(1);
  std::lock_guard lock(mu);
  if (claimed.size() >= 4096) std::erase_if(claimed, [&](const auto& c) { return c.second + kEvery <= now; });
  auto [it, fresh] = claimed.try_emplace(key, now);
  if (!fresh) {
    if (it->second <= now && now - it->second < kEvery) return false;
    it->second = now;
  }
  return true;
}

struct Hashing {
  Hashing() { hashing.acquire(); }
  ~Hashing() { hashing.release(); }
};

Result<std::string> HashPassword(const std::string& password) {
  if (sodium_init() < 0) return Status::Internal(Msg("libsodium could not be initialised"));
  char out[crypto_pwhash_STRBYTES];
  Hashing slot;
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status::Storage(Msg("not enough memory to hash a password"));
  }
  return std::string(out);
}

bool PasswordMatches(const std::string& stored, const std::string& password) {
  Hashing slot;
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

// A stored hash that matches no password, verified when the person has no account so that
// an unknown person takes as long as a wrong password.
const std::string& DecoyHash() {
  static const std::string decoy = [] {
    Result<std::string> hashed = HashPassword(RandomHex(32));
    return hashed.ok() ? *hashed : std::string();
  }();
  return decoy;
}

Status WrongSignIn() { return Status::Forbidden(Msg("the person or the password is wrong")); }
Status NotSignedIn() { return Status::Forbidden(Msg("not signed in, or the session has ended: sign in again")); }

std::string ViaOfSession(const std::string& key) { return kViaSession + key.substr(0, 16); }
std::string CsrfOf(const std::string& session) { return HashHex("csrf:" + session); }

TokenInfo InfoOf(const Credential& c) {
  return {c.key, c.person, c.org, c.scope, c.created_by, c.created_at, c.expires_at, c.ended_at};
}

std::size_t CodePoints(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

Status CheckPasswordStrength(const std::string& person, const std::string& password, const AccountPolicy& policy) {
  if (password.size() > kMaxSecretBytes) {
    return Status::Invalid(Msg("the password is longer than {max} bytes", {{"max", std::to_string(kMaxSecretBytes)}}));
  }
  if (CodePoints(password) < policy.min_password_length) {
    return Status::Invalid(Msg("the password needs at least {min} characters", {{"min", std::to_string(policy.min_password_length)}}));
  }
  bool letter = false, digit = false, other = false;
  for (unsigned char c : password) {
    if (std::isalpha(c)) {
      letter = true;
    } else if (std::isdigit(c)) {
      digit = true;
    } else {
      other = true;
    }
  }
  if (int(letter) + int(digit) + int(other) < 2) {
    return Status::Invalid(Msg("the password needs at least two kinds of character (letters, digits, others)"));
  }
  if (!person.empty() && password.find(person) != std::string::npos) {
    return Status::Invalid(Msg("the password must not contain the person's id '{person}'", {{"person", person}}));
  }
  return Status::Ok();
}

AccountUseCases::AccountUseCases(AppContext& ctx) : ctx_(ctx) {}

Result<bool> AccountUseCases::StillInDirectory(const std::string& person) {
  Result<Person> found = ctx_.store.GetPerson(person);
  if (!found.ok()) {
    if (found.status().code() == Code::kNotFound) return false;
    return found.status();
  }
  return !found->roles.empty();
}

Status AccountUseCases::MayManage(const std::string& person, const std::string& by, bool self) {
  if (self && !by.empty() && by == person) return Status::Ok();
  // On every database, a simulation too: whoever signs in to a served simulation must not
  // let themselves in as anyone else.
  DOCKET_ASSIGN_OR_RETURN(std::string admin, ctx_.Administrator(by, /*even_simulation=*/true));
  DOCKET_ASSIGN_OR_RETURN(Person found, ctx_.store.GetPerson(person));
  AppContext::AdminScope scope;
  for (const RoleGrant& g : found.roles) scope.orgs.push_back(g.org);
  return ctx_.CheckAdminScope(admin, scope, /*even_simulation=*/true);
}

Result<IssuedInvitation> AccountUseCases::Invite(const std::string& person, const std::string& admin) {
  Result<Person> found = ctx_.store.GetPerson(person);
  if (!found.ok()) {
    if (found.status().code() != Code::kNotFound) return found.status();
    return Status::NotFound(Msg("no person '{person}' in the directory: load the organization file that names them first",
                                {{"person", person}}));
  }
  if (found->roles.empty()) {
    return Status::Invalid(Msg("'{person}' holds no role in any organization and cannot be invited", {{"person", person}}));
  }
  DOCKET_RETURN_IF_ERROR(MayManage(person, admin, /*self=*/false));  // never one's own
  const TimePoint now = ctx_.clock.Now();
  IssuedInvitation out{person, RandomHex(32), FormatTime(now + policy.invitation_valid)};
  Credential c;
  c.kind = kInvitation;
  c.key = HashHex(out.token);
  c.person = person;
  c.created_by = admin.empty() ? ctx_.local_owner : admin;
  c.created_at = FormatTime(now);
  c.expires_at = out.expires_at;
  DOCKET_RETURN_IF_ERROR(ctx_.store.PutCredential(c));
  ctx_.log->info("invitation for '{}' issued by '{}'", person, c.created_by);
  return out;
}

Result<std::string> AccountUseCases::AcceptInvitation(const std::string& token, const std::string& password) {
  const Status unknown = Status::Forbidden(Msg("this invitation is unknown, used or expired: ask an administrator for a new one"));
  if (token.empty() || token.size() > kMaxSecretBytes) return unknown;
  DOCKET_ASSIGN_OR_RETURN(std::optional<Credential> invitation, ctx_.store.GetCredential(kInvitation, HashHex(token)));
  const std::string now = FormatTime(ctx_.clock.Now());
  if (!invitation || !invitation->ended_at.empty() || invitation->expires_at <= now) return unknown;
  DOCKET_RETURN_IF_ERROR(CheckPasswordStrength(invitation->person, password, policy));
  DOCKET_ASSIGN_OR_RETURN(bool present, StillInDirectory(invitation->person));
  if (!present) return unknown;
  DOCKET_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));  // outside the write lock
  DOCKET_RETURN_IF_ERROR(ctx_.store.Transact([&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(std::optional<Credential> again, ctx_.store.GetCredential(kInvitation, invitation->key));
    if (!again || !again->ended_at.empty()) return unknown;  // used by a concurrent request
    again->ended_at = now;
    DOCKET_RETURN_IF_ERROR(ctx_.store.PutCredential(*again));
    return ctx_.store.PutAccount({again->person, hash, now});
  }));
  ctx_.log->info("password set for '{}'", invitation->person);
  return invitation->person;
}

Result<SignedIn> AccountUseCases::SignIn(const std::string& person, const std::string& password,
                                         const std::string& address) {
  if (person.empty() || person.size() > kMaxSecretBytes || password.size() > kMaxSecretBytes) return WrongSignIn();
  const TimePoint now = ctx_.clock.Now();
  const std::string since = FormatTime(now - policy.failure_window);
  DOCKET_ASSIGN_OR_RETURN(std::int64_t by_person, ctx_.store.CountSignIns(person, std::nullopt, "failed", since));
  DOCKET_ASSIGN_OR_RETURN(std::int64_t by_address, ctx_.store.CountSignIns(std::nullopt, address, "failed", since));
  if (by_person >= policy.max_failures_per_person || by_address >= policy.max_failures_per_address) {
    DOCKET_RETURN_IF_ERROR(ctx_.store.AddSignIn({FormatTime(now), person, address, "locked"}));
    ctx_.log->warn("sign-in of '{}' from {} refused: locked out", person, address);
    return Status::Refused(Msg("too many failed sign-ins for '{person}' or from this address: try again in {minutes} minutes",
                               {{"person", person}, {"minutes", std::to_string(policy.failure_window.count())}}));
  }
  DOCKET_ASSIGN_OR_RETURN(std::optional<Account> account, ctx_.store.GetAccount(person));
  DOCKET_ASSIGN_OR_RETURN(bool present, StillInDirectory(person));
  const bool matches = PasswordMatches(account ? account->password_hash : DecoyHash(), password);
  if (!account || !present || !matches) {
    // The failure that locks the person or the address out is in the chains too (lockouts.h).
    DOCKET_RETURN_IF_ERROR(ctx_.store.Transact([&]() -> Status {
      DOCKET_RETURN_IF_ERROR(ctx_.store.AddSignIn({FormatTime(now), person, address, "failed"}));
      const std::int64_t minutes = policy.failure_window.count();
      if (present && by_person + 1 == policy.max_failures_per_person) {
        DOCKET_RETURN_IF_ERROR(RecordPersonLockOut(ctx_, person, address, policy.max_failures_per_person, minutes));
      }
      if (by_address + 1 == policy.max_failures_per_address) {
        DOCKET_RETURN_IF_ERROR(RecordAddressLockOut(ctx_, address, policy.max_failures_per_address, minutes));
      }
      return Status::Ok();
    }));
    ctx_.log->warn("sign-in of '{}' from {} failed", person, address);
    return WrongSignIn();
  }
  SignedIn out;
  out.session = RandomHex(32);
  Credential c;
  c.kind = kSession;
  c.key = HashHex(out.session);
  c.person = person;
  c.created_by = address;
  c.created_at = FormatTime(now);
  c.expires_at = FormatTime(now + policy.session_absolute);
  c.last_seen = c.created_at;
  DOCKET_RETURN_IF_ERROR(ctx_.store.Transact([&]() -> Status {
    DOCKET_RETURN_IF_ERROR(ctx_.store.AddSignIn({FormatTime(now), person, address, "ok"}));
    return ctx_.store.PutCredential(c);
  }));
  out.caller = {person, ViaOfSession(c.key), CsrfOf(out.session), true, ""};
  out.expires_at = c.expires_at;
  ctx_.log->info("'{}' signed in from {}", person, address);
  return out;
}

Result<Caller> AccountUseCases::SessionCaller(const std::string& session) {
  if (session.size() != 64) return NotSignedIn();
  DOCKET_ASSIGN_OR_RETURN(std::optional<Credential> c, ctx_.store.GetCredential(kSession, HashHex(session)));
  const TimePoint now = ctx_.clock.Now();
  const std::string now_text = FormatTime(now);
  if (!c || !c->ended_at.empty() || c->expires_at <= now_text) return NotSignedIn();
  const std::optional<TimePoint> seen = ParseTime(c->last_seen);
  if (!seen || *seen + policy.session_idle <= now) return NotSignedIn();
  DOCKET_ASSIGN_OR_RETURN(bool present, StillInDirectory(c->person));
  if (!present) return NotSignedIn();
  // One write a minute at most, not one per request; only forward, never onto an ended one.
  if (now - *seen >= std::chrono::minutes(1) && ClaimRefresh(c->key, now)) {
    DOCKET_RETURN_IF_ERROR(ctx_.store.TouchCredential(kSession, c->key, now_text));
  }
  return Caller{c->person, ViaOfSession(c->key), CsrfOf(session), true, ""};
}

Status AccountUseCases::SignOut(const std::string& session, bool everywhere) {
  DOCKET_ASSIGN_OR_RETURN(Caller caller, SessionCaller(session));
  const std::string now = FormatTime(ctx_.clock.Now());
  const std::string key = HashHex(session);
  return ctx_.store.Transact([&]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(std::vector<Credential> sessions, ctx_.store.ListCredentials(kSession, caller.person));
    for (Credential& c : sessions) {
      if (!c.ended_at.empty() || (!everywhere && c.key != key)) continue;
      c.ended_at = now;
      DOCKET_RETURN_IF_ERROR(ctx_.store.PutCredential(c));
    }
    return Status::Ok();
  });
}

Result<IssuedToken> AccountUseCases::CreateToken(const std::string& person, const std::string& org,
                                                 const std::string& scope, int days, const std::string& issuer) {
  if (scope != "read" && scope != "act") {
    return Status::Invalid(Msg("a token's scope is 'read' or 'act', not '{scope}'", {{"scope", scope}}));
  }
  if (days < 1 || days > 366) {
    return Status::Invalid(Msg("a token is valid for 1 to 366 days, not {days}", {{"days", std::to_string(days)}}));
  }
  DOCKET_RETURN_IF_ERROR(MayManage(person, issuer));
  DOCKET_RETURN_IF_ERROR(ctx_.ResolveActor(person, org).status());
  const TimePoint now = ctx_.clock.Now();
  IssuedToken out;
  const std::string secret = RandomHex(32);
  Credential c;
  c.kind = kToken;
  c.key = RandomHex(8);
  c.person = person;
  c.secret_hash = HashHex(secret);
  c.org = org;
  c.scope = scope;
  c.created_by = issuer.empty() ? ctx_.local_owner : issuer;
  c.created_at = FormatTime(now);
  c.expires_at = FormatTime(now + std::chrono::hours(24) * days);
  DOCKET_RETURN_IF_ERROR(ctx_.store.PutCredential(c));
  out.info = InfoOf(c);
  out.token = kTokenPrefix + c.key + "_" + secret;
  ctx_.log->info("token {} for '{}' in '{}' ({}) issued by '{}'", c.key, person, org, scope, c.created_by);
  return out;
}

Result<std::vector<TokenInfo>> AccountUseCases::ListTokens(const std::string& person, const std::string& by) {
  if (person.empty()) {
    DOCKET_RETURN_IF_ERROR(ctx_.Administrator(by, /*even_simulation=*/true).status());
  } else {
    DOCKET_RETURN_IF_ERROR(MayManage(person, by));
  }
  DOCKET_ASSIGN_OR_RETURN(std::vector<Credential> all, ctx_.store.ListCredentials(kToken, person));
  std::vector<TokenInfo> out;
  for (const Credential& c : all) out.push_back(InfoOf(c));
  return out;
}

Status AccountUseCases::RevokeToken(const std::string& id, const std::string& by) {
  DOCKET_ASSIGN_OR_RETURN(std::optional<Credential> c, ctx_.store.GetCredential(kToken, id));
  if (!c) return Status::NotFound(Msg("no API token '{id}'", {{"id", id}}));
  DOCKET_RETURN_IF_ERROR(MayManage(c->person, by));
  if (!c->ended_at.empty()) return Status::Ok();
  c->ended_at = FormatTime(ctx_.clock.Now());
  DOCKET_RETURN_IF_ERROR(ctx_.store.PutCredential(*c));
  ctx_.log->info("token {} of '{}' revoked by '{}'", id, c->person, by.empty() ? ctx_.local_owner : by);
  return Status::Ok();
}

Result<Caller> AccountUseCases::TokenCaller(const std::string& token) {
  const Status refused = Status::Forbidden(Msg("the API token is unknown, revoked or expired"));
  const std::string prefix = kTokenPrefix;
  // dkt_ + 16 hex + _ + 64 hex
  if (token.size() != prefix.size() + 16 + 1 + 64 || token.rfind(prefix, 0) != 0 || token[prefix.size() + 16] != '_') {
    return refused;
  }
  const std::string id = token.substr(prefix.size(), 16);
  DOCKET_ASSIGN_OR_RETURN(std::optional<Credential> c, ctx_.store.GetCredential(kToken, id));
  if (!c || !SameHex(c->secret_hash, HashHex(token.substr(prefix.size() + 17)))) return refused;
  if (!c->ended_at.empty() || c->expires_at <= FormatTime(ctx_.clock.Now())) return refused;
  DOCKET_ASSIGN_OR_RETURN(bool present, StillInDirectory(c->person));
  if (!present) return refused;
  return Caller{c->person, kViaToken + c->key, "", c->scope == "act", c->org};
}

Result<std::vector<AccountInfo>> AccountUseCases::ListAccounts(const std::string& by) {
  DOCKET_RETURN_IF_ERROR(ctx_.Administrator(by, /*even_simulation=*/true).status());
  DOCKET_ASSIGN_OR_RETURN(std::vector<Person> people, ctx_.store.ListPeople());
  const std::string now = FormatTime(ctx_.clock.Now());
  std::vector<AccountInfo> out;
  for (const Person& p : people) {
    AccountInfo info;
    info.person = p.id;
    DOCKET_ASSIGN_OR_RETURN(std::optional<Account> account, ctx_.store.GetAccount(p.id));
    if (account) {
      info.has_password = true;
      info.password_set_at = account->set_at;
    }
    DOCKET_ASSIGN_OR_RETURN(std::vector<Credential> invitations, ctx_.store.ListCredentials(kInvitation, p.id));
    for (const Credential& c : invitations) info.open_invitations += c.ended_at.empty() && c.expires_at > now;
    DOCKET_ASSIGN_OR_RETURN(std::vector<Credential> sessions, ctx_.store.ListCredentials(kSession, p.id));
    for (const Credential& c : sessions) info.sessions += c.ended_at.empty() && c.expires_at > now;
    out.push_back(info);
  }
  return out;
}

}  // namespace docket
