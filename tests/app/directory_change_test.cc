// A change of the directory made through another store on the same data (another process,
// another server) is what the next action is judged by, on every backend: the stores keep
// the actor and the organizations between actions (SqliteStore's ReadCache, PgStore's
// DirectoryCache) only while nobody else has changed them.
#include "app_fixture.h"
#include "store_backends.h"

namespace docket::testing {
namespace {

class DirectoryChangeTest : public OnEachStore<AppFixture> {
 protected:
  Result<ActResult> CreateAs(const std::string& actor) {
    return docket_->CreateItem({"matter", "school-a", std::nullopt, {{"title", "t"}, {"category", "routine"}}, actor});
  }
};

TEST_P(DirectoryChangeTest, ARoleTakenAwayElsewhereRefusesTheNextAction) {
  ASSERT_TRUE(CreateAs("liu").ok());  // liu is school-a's clerk: the store now keeps her
  auto other = opener_->Open();
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  Person liu = *(*other)->GetPerson("liu");
  liu.roles = {{"liu", "school-b", "clerk"}};
  ASSERT_TRUE((*other)->UpsertPerson(liu).ok());

  auto refused = CreateAs("liu");
  ASSERT_FALSE(refused.ok()) << "judged with the role liu no longer holds";
  EXPECT_EQ(refused.status().code(), Code::kForbidden) << refused.status().ToString();

  liu.roles = {{"liu", "school-a", "clerk"}};
  ASSERT_TRUE((*other)->UpsertPerson(liu).ok());
  EXPECT_TRUE(CreateAs("liu").ok());
}

INSTANTIATE_TEST_SUITE_P(Stores, DirectoryChangeTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
