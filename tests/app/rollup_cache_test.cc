// The roll-up kept per school (app/rollup_cache.h): the joined document is the one derived
// afresh; a school whose chain moved is derived again before the next roll-up shows it, and
// only that school; a part older than the stated age is derived again; a configuration load
// derives the whole; the cache stays within its bound. On every store backend.
#include <memory>

#include "app/rollup_cache.h"
#include "report_fixture.h"

namespace docket::testing {
namespace {

class RollupCacheFixture : public ReportFixture {
 protected:
  // The roll-up through `cache`, and derived afresh (no cache) at the same moment.
  Result<ReportDoc> Kept() { return docket_->Rollup("semester", "district", "2026-spring"); }
  std::string Fresh(const std::string& generated_at) {
    docket_->UseRollups(nullptr);
    auto doc = docket_->Rollup("semester", "district", "2026-spring");
    docket_->UseRollups(cache_);
    EXPECT_TRUE(doc.ok()) << doc.status().ToString();
    if (!doc.ok()) return "";
    doc->generated_at = generated_at;
    return CanonicalReport(*doc);
  }
  void Use(RollupCache::Limits limits = {}) {
    cache_ = std::make_shared<RollupCache>(limits);
    docket_->UseRollups(cache_);
  }
  std::string StatusOf(const ReportDoc& doc, int row) { return CellOf(TableOf(doc, "orgs", "orgs"), row, "status"); }

  std::shared_ptr<RollupCache> cache_;
};
using RollupCacheTest = OnEachStore<RollupCacheFixture>;

TEST_P(RollupCacheTest, TheJoinedRollupIsTheOneDerivedAfresh) {
  const std::int64_t report = Semester();
  At("2026-07-15T09:00:00Z");
  ASSERT_TRUE(Act(report, "submit", {}, "wang").ok());
  At("2026-08-12T09:00:00Z");
  Use();
  auto first = Kept();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = Kept();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(cache_->stats().whole, 1u);
  EXPECT_EQ(cache_->stats().joined, 0u);  // nothing moved: the whole's own document again
  EXPECT_EQ(cache_->stats().schools, 0u);
  EXPECT_EQ(cache_->stats().parts, 3u);
  EXPECT_EQ(second->generated_at, "2026-08-12T17:00:00+08:00");
  EXPECT_EQ(CanonicalReport(*first), Fresh(first->generated_at));
  EXPECT_EQ(CanonicalReport(*second), Fresh(second->generated_at));
  EXPECT_EQ(StatusOf(*second, 0), "Submitted");
  EXPECT_EQ(StatusOf(*second, 1), "Late");
}

TEST_P(RollupCacheTest, AnActInOneSchoolShowsInTheNextRollupAndOnlyThatSchoolIsDerivedAgain) {
  const std::int64_t report = Semester();
  At("2026-07-15T09:00:00Z");
  Use();
  auto before = docket_->RollupKept("semester", "district", "2026-spring");
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(StatusOf(*before->doc, 0), "Draft");
  ASSERT_TRUE(Act(report, "submit", {}, "wang").ok());  // school-a's chain moves
  auto after_kept = docket_->RollupKept("semester", "district", "2026-spring");
  ASSERT_TRUE(after_kept.ok()) << after_kept.status().ToString();
  EXPECT_NE(after_kept->version, before->version);
  auto after = std::optional<ReportDoc>(*after_kept->doc);
  EXPECT_EQ(StatusOf(*after, 0), "Submitted");
  EXPECT_EQ(cache_->stats().whole, 1u);
  EXPECT_EQ(cache_->stats().schools, 1u);
  EXPECT_EQ(CanonicalReport(*after), Fresh(after->generated_at));
  // Nothing moved: the document joined last, the same version, nothing derived or joined.
  auto a = docket_->RollupKept("semester", "district", "2026-spring");
  auto b = docket_->RollupKept("semester", "district", "2026-spring");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_FALSE(a->version.empty());
  EXPECT_EQ(a->version, b->version);
  EXPECT_EQ(a->doc.get(), b->doc.get());
  EXPECT_EQ(cache_->stats().schools, 1u);
  EXPECT_EQ(cache_->stats().joined, 1u);
  // A move gives a new version; with no cache, none.
  auto c = docket_->RollupKept("semester", "school-b", "2026-spring");
  ASSERT_TRUE(c.ok());
  EXPECT_NE(c->version, a->version);
  docket_->UseRollups(nullptr);
  auto none = docket_->RollupKept("semester", "district", "2026-spring");
  docket_->UseRollups(cache_);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->version.empty());  // derived for the call alone
}

TEST_P(RollupCacheTest, APartOlderThanTheStatedAgeIsDerivedAgainAndTheDocumentSaysItsMoment) {
  Semester();
  At("2026-08-10T23:00:00Z");
  Use(RollupCache::Limits{20000, 256, std::chrono::seconds(60)});
  ASSERT_TRUE(Kept().ok());
  At("2026-08-10T23:00:59Z");
  auto joined = Kept();
  ASSERT_TRUE(joined.ok());
  EXPECT_EQ(joined->generated_at, "2026-08-11T07:00:00+08:00");  // as of its parts' moment, on the district's clock
  EXPECT_EQ(cache_->stats().schools, 0u);
  // Past the deadline (2026-08-10 end of day, Beijing time, has passed long ago at 23:00Z:
  // the moment moved on by a minute, every part is derived again at the new moment.
  At("2026-08-10T23:01:00Z");
  auto later = Kept();
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->generated_at, "2026-08-11T07:01:00+08:00");
  EXPECT_EQ(cache_->stats().schools, 3u);
  EXPECT_EQ(CanonicalReport(*later), Fresh(later->generated_at));
}

TEST_P(RollupCacheTest, ASchoolAddedByAnOrganizationLoadIsShownAtOnce) {
  Semester();
  At("2026-07-15T09:00:00Z");
  Use();
  ASSERT_TRUE(Kept().ok());
  const std::string more = R"(organizations:
  - id: school-d
    parent: district
    name: {zh: 示例区第四中学, en: Example District No. 4 Middle School}
    kind: school
)";
  auto loaded = docket_->LoadOrgs(more, "more.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto again = Kept();
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  const ReportTable* orgs = TableOf(*again, "orgs", "orgs");
  ASSERT_NE(orgs, nullptr);
  ASSERT_EQ(orgs->rows.size(), 5u);  // four schools and the total
  EXPECT_EQ(orgs->rows[3][0].value, Value("school-d"));
  EXPECT_EQ(cache_->stats().whole, 2u);
  EXPECT_EQ(CanonicalReport(*again), Fresh(again->generated_at));
}

TEST_P(RollupCacheTest, TheCacheKeepsWithinItsBoundAndStillAnswersRight) {
  const std::int64_t report = Semester();
  At("2026-07-15T09:00:00Z");
  Use(RollupCache::Limits{2, 1, std::chrono::seconds(60)});
  for (int i = 0; i < 3; ++i) {
    auto doc = Kept();
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    EXPECT_LE(cache_->stats().parts, 2u);
    EXPECT_EQ(CanonicalReport(*doc), Fresh(doc->generated_at));
  }
  ASSERT_TRUE(Act(report, "submit", {}, "wang").ok());
  auto doc = Kept();
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(StatusOf(*doc, 0), "Submitted");
}

INSTANTIATE_TEST_SUITE_P(Stores, RollupCacheTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
