// Accounts (app/accounts.h) on every store: invitations and their expiry, password rules,
// sessions' idle and absolute expiry, tokens, a person removed from the organization file, and
// lock-outs in the chains.
#include <gmock/gmock.h>

#include <atomic>
#include <future>
#include <thread>

#include "app_fixture.h"
#include "audit/config_entries.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kPassword = "Lantern#2026";

// Invites `person` and sets kPassword.
void MakeAccount(Docket& docket, const std::string& person) {
  auto inv = docket.Invite(person);
  ASSERT_TRUE(inv.ok()) << inv.status().ToString();
  auto set = docket.AcceptInvitation(inv->token, kPassword);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
}

class AccountsTest : public AppTest {
 protected:
  void Account(const std::string& person) { MakeAccount(*docket_, person); }
};

TEST_P(AccountsTest, AnInvitationIsForAPersonOfTheDirectoryOnceAndExpires) {
  EXPECT_EQ(docket_->Invite("nobody").status().code(), Code::kNotFound);
  auto inv = docket_->Invite("li");
  ASSERT_TRUE(inv.ok()) << inv.status().ToString();
  EXPECT_EQ(inv->expires_at, "2026-03-05T09:00:00Z");
  clock_.Advance(std::chrono::hours(72));
  EXPECT_EQ(docket_->AcceptInvitation(inv->token, kPassword).status().code(), Code::kForbidden);
  auto again = docket_->Invite("li");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(docket_->AcceptInvitation("", kPassword).status().code(), Code::kForbidden);
  auto accepted = docket_->AcceptInvitation(again->token, kPassword);
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(*accepted, "li");
  EXPECT_EQ(docket_->AcceptInvitation(again->token, kPassword).status().code(), Code::kForbidden);
}

TEST_P(AccountsTest, APasswordHasTenCharactersOfTwoKindsWithoutThePersonsId) {
  const AccountPolicy policy;
  EXPECT_TRUE(CheckPasswordStrength("li", kPassword, policy).ok());
  EXPECT_TRUE(CheckPasswordStrength("li", "食堂改造工程2026年", policy).ok()) << "Chinese characters and digits: two kinds";
  EXPECT_THAT(CheckPasswordStrength("li", "kitchen", policy).ToString(), HasSubstr("10"));
  EXPECT_THAT(CheckPasswordStrength("li", "abcdefghijkl", policy).ToString(), HasSubstr("two kinds"));
  EXPECT_THAT(CheckPasswordStrength("chen", "chen-2026-pass", policy).ToString(), HasSubstr("chen"));
  EXPECT_FALSE(CheckPasswordStrength("li", std::string(2000, 'a') + "1", policy).ok());
}

TEST_P(AccountsTest, ASessionEndsWhenIdleAtItsAbsoluteEndAndAtSignOut) {
  Account("li");
  EXPECT_EQ(docket_->SignIn("li", "wrong-password-1", "127.0.0.1").status().code(), Code::kForbidden);
  auto in = docket_->SignIn("li", kPassword, "127.0.0.1");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->caller.person, "li");
  EXPECT_EQ(in->caller.via.rfind("session:", 0), 0u);
  // Used every hour: alive until the absolute end, 12 hours after sign-in.
  for (int h = 1; h < 12; ++h) {
    clock_.Advance(std::chrono::hours(1));
    ASSERT_TRUE(docket_->SessionCaller(in->session).ok()) << "hour " << h;
  }
  clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(docket_->SessionCaller(in->session).status().code(), Code::kForbidden);
  // Idle for two hours: ended.
  auto idle = docket_->SignIn("li", kPassword, "127.0.0.1");
  ASSERT_TRUE(idle.ok());
  clock_.Advance(std::chrono::minutes(119));
  ASSERT_TRUE(docket_->SessionCaller(idle->session).ok());
  clock_.Advance(std::chrono::minutes(121));
  EXPECT_EQ(docket_->SessionCaller(idle->session).status().code(), Code::kForbidden);
  // Sign-out everywhere ends both of two sessions.
  auto a = docket_->SignIn("li", kPassword, "127.0.0.1"), b = docket_->SignIn("li", kPassword, "127.0.0.2");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(docket_->SignOut(a->session, /*everywhere=*/true).ok());
  EXPECT_FALSE(docket_->SessionCaller(a->session).ok());
  EXPECT_FALSE(docket_->SessionCaller(b->session).ok());
}

TEST_P(AccountsTest, APersonRemovedFromTheOrganizationFileCannotSignInNorUseASessionOrToken) {
  Account("chen");
  auto in = docket_->SignIn("chen", kPassword, "127.0.0.1");
  ASSERT_TRUE(in.ok());
  auto token = docket_->CreateToken("chen", "school-a", "act", 30);
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  ASSERT_TRUE(docket_->TokenCaller(token->token).ok());
  std::string text(FindShipped("workflows/examples/org.yaml")->text);
  const std::size_t from = text.find("  - id: chen\n");
  ASSERT_NE(from, std::string::npos);
  text.erase(from, text.find("  - id: ", from + 1) - from);
  auto loaded = docket_->LoadOrgs(text, "org.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(docket_->SessionCaller(in->session).status().code(), Code::kForbidden);
  EXPECT_EQ(docket_->TokenCaller(token->token).status().code(), Code::kForbidden);
  EXPECT_EQ(docket_->SignIn("chen", kPassword, "127.0.0.1").status().code(), Code::kForbidden);
}

TEST_P(AccountsTest, ATokenIsForAnOrganizationWhereThePersonHoldsARole) {
  EXPECT_EQ(docket_->CreateToken("li", "school-b", "read", 30).status().code(), Code::kForbidden);
  EXPECT_EQ(docket_->CreateToken("li", "school-a", "write", 30).status().code(), Code::kInvalid);
  EXPECT_EQ(docket_->CreateToken("li", "school-a", "read", 0).status().code(), Code::kInvalid);
  auto t = docket_->CreateToken("li", "school-a", "read", 1);
  ASSERT_TRUE(t.ok());
  auto caller = docket_->TokenCaller(t->token);
  ASSERT_TRUE(caller.ok());
  EXPECT_FALSE(caller->may_act);
  EXPECT_EQ(caller->org, "school-a");
  EXPECT_EQ(caller->via, "token:" + t->info.id);
  std::string forged = t->token;
  forged.back() = forged.back() == '0' ? '1' : '0';
  EXPECT_FALSE(docket_->TokenCaller(forged).ok());
  clock_.Advance(std::chrono::hours(24));
  EXPECT_FALSE(docket_->TokenCaller(t->token).ok());
}

TEST_P(AccountsTest, ALockOutIsAnEntryInTheChainsOnceNotEveryFailedAttempt) {
  Account("li");
  auto sign_ins = [&](std::string_view org) {
    std::vector<AuditEntry> out;
    for (const AuditEntry& e : Chain(std::string(org))) {
      if (e.action == "$sign-in") out.push_back(e);
    }
    return out;
  };
  const AccountPolicy policy;  // 5 of a person, 20 of an address, within 15 minutes
  for (int i = 1; i < policy.max_failures_per_person; ++i) {
    EXPECT_EQ(docket_->SignIn("li", "wrong-password-1", "10.0.0.7").status().code(), Code::kForbidden);
  }
  EXPECT_TRUE(sign_ins("school-a").empty()) << "a failure that locks no one out is not in the chain";
  EXPECT_EQ(docket_->SignIn("li", "wrong-password-1", "10.0.0.7").status().code(), Code::kForbidden);
  // In the chain of li's school (where li holds roles), not in another's.
  auto entries = sign_ins("school-a");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].outcome, "refused");
  EXPECT_EQ(entries[0].actor, "li");
  EXPECT_EQ(entries[0].item_id, 0);
  EXPECT_THAT(entries[0].reason, HasSubstr("5 failed sign-ins of 'li' within 15 minutes, the last from 10.0.0.7"));
  EXPECT_TRUE(sign_ins("district").empty());
  // Locked: refused, with no more entries; nor does the right password get in.
  EXPECT_EQ(docket_->SignIn("li", kPassword, "10.0.0.7").status().code(), Code::kRefused);
  EXPECT_EQ(sign_ins("school-a").size(), 1u);

  // An address trying many names, known or not: its lock-out is in the installation's chain.
  for (int i = 0; i < policy.max_failures_per_address + 3; ++i) {
    (void)docket_->SignIn("guess-" + std::to_string(i), "wrong-password-1", "10.0.0.9");
  }
  auto address = sign_ins(kInstallationChain);
  ASSERT_EQ(address.size(), 1u);
  EXPECT_EQ(address[0].actor, "");
  EXPECT_THAT(address[0].reason, HasSubstr("20 failed sign-ins from 10.0.0.9 within 15 minutes"));
  auto verified = docket_->Verify(std::nullopt);
  EXPECT_TRUE(verified.ok()) << verified.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(Stores, AccountsTest, StoreBackends(), BackendName());

// The server's workers each hold a Docket on the same SQLite file. When a session's requests
// arrive together after a quiet minute, the first refreshes its last_seen and the others,
// which read the row before that write, do not write too (each would be a commit).
class SessionUseTest : public AppFixture {};

TEST_F(SessionUseTest, WorkersThatSeeAStaleLastSeenTogetherRefreshItOnce) {
  MakeAccount(*docket_, "li");
  auto in = docket_->SignIn("li", kPassword, "127.0.0.1");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  clock_.Advance(std::chrono::minutes(2));

  std::atomic<int> touches{0};
  std::promise<void> second_done;
  std::shared_future<void> done = second_done.get_future().share();
  SqliteOptions first;  // writes, and waits inside its write until the second worker has answered
  first.fault_hook = [&](const char* at) {
    if (std::string_view(at) == "touch_credential") {
      ++touches;
      done.wait_for(std::chrono::seconds(3));
    }
    return Status::Ok();
  };
  Open(first);
  SqliteOptions second;
  second.fault_hook = [&](const char* at) {
    if (std::string_view(at) == "touch_credential") ++touches;
    return Status::Ok();
  };
  auto other_store = opener_->Open(second);
  ASSERT_TRUE(other_store.ok()) << other_store.status().ToString();
  Docket other(**other_store, clock_, std::make_shared<spdlog::logger>("other", std::make_shared<spdlog::sinks::null_sink_st>()));

  Result<Caller> by_first = Status::Internal("not run");
  std::thread worker([&] { by_first = docket_->SessionCaller(in->session); });
  for (int i = 0; i < 500 && touches.load() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(touches.load(), 1) << "the first worker is writing";
  auto by_second = other.SessionCaller(in->session);
  second_done.set_value();
  worker.join();
  ASSERT_TRUE(by_first.ok()) << by_first.status().ToString();
  ASSERT_TRUE(by_second.ok()) << by_second.status().ToString();
  EXPECT_EQ(touches.load(), 1) << "the second worker wrote the same refresh again";
  auto kept = (*other_store)->ListCredentials("session", "li");
  ASSERT_TRUE(kept.ok() && kept->size() == 1);
  EXPECT_EQ(kept->front().last_seen, "2026-03-02T09:02:00Z");
  // A minute later it is refreshed again, once.
  clock_.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(other.SessionCaller(in->session).ok());
  ASSERT_TRUE(docket_->SessionCaller(in->session).ok());
  EXPECT_EQ(touches.load(), 2);
}

}  // namespace
}  // namespace docket::testing
