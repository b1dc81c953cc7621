// MemoryStore: accounts, credentials and sign-in attempts, as SqliteStore keeps them.
#include <algorithm>
#include <tuple>

#include "store/memory_store_internal.h"

namespace docket {

Result<std::optional<Account>> MemoryStore::GetAccount(const std::string& person) {
  std::lock_guard lock(db_->mu);
  auto it = db_->accounts.find(person);
  if (it == db_->accounts.end()) return std::optional<Account>();
  return std::optional<Account>(it->second);
}

Status MemoryStore::PutAccount(const Account& account) {
  return Transact([&] {
    db_->Set(db_->accounts, account.person, account);
    return Status::Ok();
  });
}

Status MemoryStore::PutCredential(const Credential& c) {
  return Transact([&] {
    db_->Set(db_->credentials, {c.kind, c.key}, c);
    return Status::Ok();
  });
}

Status MemoryStore::TouchCredential(const std::string& kind, const std::string& key, const std::string& seen) {
  return Transact([&]() -> Status {
    DOCKET_RETURN_IF_ERROR(Hook("touch_credential"));
    auto it = db_->credentials.find({kind, key});
    if (it == db_->credentials.end() || !it->second.ended_at.empty() || !(it->second.last_seen < seen)) return Status::Ok();
    Credential c = it->second;
    c.last_seen = seen;
    db_->Set(db_->credentials, {kind, key}, std::move(c));
    return Status::Ok();
  });
}

Result<std::optional<Credential>> MemoryStore::GetCredential(const std::string& kind, const std::string& key) {
  std::lock_guard lock(db_->mu);
  auto it = db_->credentials.find({kind, key});
  if (it == db_->credentials.end()) return std::optional<Credential>();
  return std::optional<Credential>(it->second);
}

Result<std::vector<Credential>> MemoryStore::ListCredentials(const std::string& kind, const std::string& person) {
  std::lock_guard lock(db_->mu);
  std::vector<Credential> out;
  for (const auto& [key, c] : db_->credentials) {
    if (c.kind == kind && (person.empty() || c.person == person)) out.push_back(c);
  }
  std::stable_sort(out.begin(), out.end(), [](const Credential& a, const Credential& b) {
    return std::tie(a.created_at, a.key) < std::tie(b.created_at, b.key);
  });
  return out;
}

Status MemoryStore::AddSignIn(const SignInAttempt& attempt) {
  return Transact([&] {
    MemoryDatabase& db = *db_;
    db.sign_ins.push_back(attempt);
    db.Undo([&db] { db.sign_ins.pop_back(); });
    return Status::Ok();
  });
}

Result<std::int64_t> MemoryStore::CountSignIns(const std::optional<std::string>& person,
                                               const std::optional<std::string>& address, const std::string& outcome,
                                               const std::string& since) {
  std::lock_guard lock(db_->mu);
  std::int64_t n = 0;
  for (const SignInAttempt& a : db_->sign_ins) {
    if (a.outcome != outcome || a.time < since) continue;
    if (person && a.person != *person) continue;
    if (address && a.address != *address) continue;
    ++n;
  }
  return n;
}

}  // namespace docket
