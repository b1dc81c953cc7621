// What a page asks for instead of the whole district (issue 16, docs/BENCHMARKS.md §14): the
// matters of one meeting (GET /api/items?refers=meeting:ID, an item field in SQL), the people
// of one organization (GET /api/people?org=) and some organizations (GET /api/orgs?org=), on
// the demo's district (`docket demo`): school-a's meetings #1, #2 and #12 with matters #3
// (#1), #6 (#2), #4 and #5 (#12); people in school-a, school-b and school-c; zhao the
// district's administrator.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "server_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using Ids = std::vector<std::int64_t>;

class ServerDirectoryTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    const std::string demo = dir_.File("demo.db");
    auto made = RunProcess(DOCKET_BINARY, {"demo", "--db", demo}, dir_.path());
    ASSERT_EQ(made.exit_code, 0) << made.err;
    db_ = demo;
  }

  static nlohmann::json Ok(const httplib::Result& r) {
    EXPECT_TRUE(r);
    if (!r) return nlohmann::json::array();
    EXPECT_EQ(r->status, 200) << r->body;
    return r->status == 200 ? nlohmann::json::parse(r->body) : nlohmann::json::array();
  }
  static Ids IdsOf(const nlohmann::json& items) {
    Ids out;
    for (const auto& item : items) out.push_back(item["id"].get<std::int64_t>());
    return out;
  }
  static std::set<std::string> Names(const nlohmann::json& list) {
    std::set<std::string> out;
    for (const auto& x : list) out.insert(x["id"].get<std::string>());
    return out;
  }
};

TEST_F(ServerDirectoryTest, RefersListsExactlyTheMattersOfTheMeetingsNamed) {
  ASSERT_GT(Start(), 0);
  const auto li = SignIn("li").session;
  const std::string base = "/api/items?org=school-a&workflow=matter";
  // The matters of each meeting, as the page found them before: all of them, by their field.
  std::map<std::int64_t, Ids> by_meeting;
  for (const auto& m : Ok(Client().Get(base, li))) by_meeting[m["fields"]["meeting"].get<std::int64_t>()].push_back(m["id"]);
  ASSERT_EQ(by_meeting, (std::map<std::int64_t, Ids>{{1, {3}}, {2, {6}}, {12, {4, 5}}}));
  for (const auto& [meeting, matters] : by_meeting) {
    EXPECT_EQ(IdsOf(Ok(Client().Get(base + "&refers=meeting:" + std::to_string(meeting), li))), matters) << meeting;
  }
  EXPECT_EQ(IdsOf(Ok(Client().Get(base + "&refers=meeting:12,1", li))), (Ids{3, 4, 5}));  // in id order
  EXPECT_EQ(IdsOf(Ok(Client().Get(base + "&refers=meeting:999", li))), Ids{});
  EXPECT_EQ(IdsOf(Ok(Client().Get(base + "&refers=meeting:12&limit=1", li))), (Ids{5}));  // with a page: newest first
  // No matter's `title` names an item: a field that is not an item field matches nothing.
  EXPECT_EQ(IdsOf(Ok(Client().Get(base + "&refers=title:1", li))), Ids{});

  for (const std::string bad : {"meeting", "meeting:", ":12", "meeting:x", "meeting:0", "Meeting:12", "meeting:1,,2",
                                "me.eting:12"}) {
    auto r = Client().Get(base + "&refers=" + bad, li);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << bad << ": " << r->body;
    EXPECT_THAT(r->body, HasSubstr("refers")) << bad;
  }
  auto as_of = Client().Get(base + "&refers=meeting:1&as_of=2026-12-01", li);
  ASSERT_TRUE(as_of);
  EXPECT_EQ(as_of->status, 400) << as_of->body;
  // Another school's matters stay another school's: the org is still required and read-checked.
  auto other = Client().Get("/api/items?org=school-b&workflow=matter&refers=meeting:1", li);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403) << other->body;
}

TEST_F(ServerDirectoryTest, PeopleOfAnOrganizationAreThoseHoldingARoleThereOnly) {
  ASSERT_GT(Start(), 0);
  const auto zhao = SignIn("zhao").session;  // the district's administrator reads every school
  const auto school_b = Ok(Client().Get("/api/people?org=school-b", zhao));
  EXPECT_EQ(Names(school_b), (std::set<std::string>{"hu", "luo", "sun", "tian", "xie", "zhou"}));
  for (const auto& p : school_b) {
    for (const auto& role : p["roles"]) EXPECT_EQ(role["org"], "school-b") << p.dump();
  }
  // The whole directory holds them and the others.
  const auto all = Names(Ok(Client().Get("/api/people", zhao)));
  EXPECT_TRUE(all.count("li") && all.count("deng") && all.count("sun")) << all.size();

  const auto li = SignIn("li").session;  // school-a's principal
  const auto school_a = Ok(Client().Get("/api/people?org=school-a", li));
  EXPECT_TRUE(Names(school_a).count("li") && Names(school_a).count("liu")) << school_a.dump();
  EXPECT_EQ(Names(school_a).count("sun"), 0u);
  EXPECT_EQ(school_a.size(), 14u);  // cao chen feng gao he jiang li liu lu ma peng tang wang xu
  auto refused = Client().Get("/api/people?org=school-b", li);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403) << refused->body;
  EXPECT_THAT(refused->body, HasSubstr("school-b"));
}

TEST_F(ServerDirectoryTest, OrgsByIdAreThoseInTheOrderAsked) {
  ASSERT_GT(Start(), 0);
  const auto li = SignIn("li").session;
  const auto two = Ok(Client().Get("/api/orgs?org=school-c,school-a", li));
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0]["id"], "school-c");
  EXPECT_EQ(two[1]["id"], "school-a");
  EXPECT_FALSE(two[1]["bodies"].empty());
  EXPECT_EQ(Ok(Client().Get("/api/orgs?org=", li)).size(), 0u);
  EXPECT_GT(Ok(Client().Get("/api/orgs", li)).size(), 3u);
  auto none = Client().Get("/api/orgs?org=school-a,nowhere", li);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 404) << none->body;
  EXPECT_THAT(none->body, HasSubstr("nowhere"));
}

}  // namespace
}  // namespace docket::testing
