// A request's caller on PostgreSQL (store/pg_store.h, FreshOutside): the server reads the
// request's credential, then asks whether the person it names is still in the directory.
// The credential is always read from the database, with the directory's version in the
// same statement; the person comes from what the connection keeps while that version
// holds: one round trip per request, not two. A sign-out, a revoked token or a person
// removed by another server (or by plain SQL) is seen by the next request.
#include <gtest/gtest.h>

#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "store/pg_store.h"
#include "store_test_util.h"
#include "two_pg_stores.h"

namespace docket::testing {
namespace {

class PgCallerCacheTest : public TwoPgStoresTest {
 protected:
  void SetUp() override {
    TwoPgStoresTest::SetUp();
    if (Stopped()) return;
    ASSERT_TRUE(b_->UpsertOrg(Org{"school-a", std::nullopt, Labels("甲校", "School A"), "school", {}}).ok());
    ASSERT_TRUE(b_->UpsertPerson(Li({{"li", "school-a", "principal"}})).ok());
    ASSERT_TRUE(b_->PutCredential(Session("")).ok());
  }

  static Person Li(std::vector<RoleGrant> roles) { return Person{"li", Labels("李", "Li"), std::move(roles)}; }
  static Credential Session(const std::string& ended_at) {
    Credential c;
    c.kind = "session";
    c.key = std::string(64, 'a');
    c.person = "li";
    c.created_at = c.last_seen = "2026-03-01T09:00:00Z";
    c.expires_at = "2026-03-01T21:00:00Z";
    c.ended_at = ended_at;
    return c;
  }

  // What a request asks (AccountUseCases::SessionCaller): the session, then its person's
  // roles; "" when the session is unknown or ended, "-" when the person holds none.
  static std::string Caller(PgStore& store) {
    auto c = store.GetCredential("session", std::string(64, 'a'));
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    if (!c.ok() || !*c || !(*c)->ended_at.empty()) return "";
    auto p = store.GetPerson((*c)->person);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() && !p->roles.empty() ? p->roles.front().role : "-";
  }

};

TEST_F(PgCallerCacheTest, AWarmRequestReadsItsCallerInOneRoundTrip) {
  ASSERT_EQ(Caller(*a_), "principal");  // keeps li
  const std::int64_t before = a_->RoundTrips();
  EXPECT_EQ(Caller(*a_), "principal");
  EXPECT_EQ(a_->RoundTrips() - before, 1);
}

TEST_F(PgCallerCacheTest, APersonsRolesRemovedByAnotherServerAreSeenByTheNextRequest) {
  ASSERT_EQ(Caller(*a_), "principal");
  ASSERT_TRUE(b_->UpsertPerson(Li({})).ok());
  EXPECT_EQ(Caller(*a_), "-");
  ASSERT_TRUE(b_->UpsertPerson(Li({{"li", "school-a", "secretary"}})).ok());
  EXPECT_EQ(Caller(*a_), "secretary");
}

TEST_F(PgCallerCacheTest, ARoleChangedInPlainSqlIsSeenByTheNextRequest) {
  ASSERT_EQ(Caller(*a_), "principal");
  pqxx::connection raw(pg_->url());
  pqxx::work w(raw);
  w.exec("DELETE FROM person_roles WHERE person='li'");
  EXPECT_EQ(Caller(*a_), "principal");  // not committed yet
  w.commit();
  EXPECT_EQ(Caller(*a_), "-");
}

TEST_F(PgCallerCacheTest, ASignOutOnAnotherServerIsSeenByTheNextRequest) {
  ASSERT_EQ(Caller(*a_), "principal");
  ASSERT_TRUE(b_->PutCredential(Session("2026-03-01T10:00:00Z")).ok());
  EXPECT_EQ(Caller(*a_), "");
}

// The person kept is answered only right after the credential's statement read the
// version: asked alone outside a transaction, the person is read from the database.
TEST_F(PgCallerCacheTest, APersonAskedAloneOutsideATransactionIsReadFromTheDatabase) {
  ASSERT_EQ(Caller(*a_), "principal");
  ASSERT_TRUE(b_->UpsertPerson(Li({{"li", "school-a", "clerk"}})).ok());
  const std::int64_t before = a_->RoundTrips();
  auto p = a_->GetPerson("li");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->roles.size(), 1u);
  EXPECT_EQ(p->roles.front().role, "clerk");
  EXPECT_EQ(a_->RoundTrips() - before, 1);
}

}  // namespace
}  // namespace docket::testing
