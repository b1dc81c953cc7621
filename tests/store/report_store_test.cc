// What reports read and keep in the store: the term's items by a date field, by the date of
// the item they reference, or by creation — read by SQL (with and without the field indexes)
// and by the Store defaults, which must agree; projections; when items became done;
// documents kept under their hash; report definitions by version.
#include <gmock/gmock.h>

#include "audit/chain.h"
#include "store_test_util.h"

namespace docket::testing {
namespace {

using ::testing::ElementsAre;

std::vector<std::int64_t> Ids(const Result<std::vector<Item>>& items) {
  std::vector<std::int64_t> out;
  EXPECT_TRUE(items.ok()) << items.status().ToString();
  if (items.ok()) {
    for (const auto& i : *items) out.push_back(i.id);
  }
  return out;
}

class ReportStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrDie(dir_.File("r.db"));
    ASSERT_NE(store_, nullptr);
    // Meetings held 2026-03-05 and 2026-03-20, one never held, one in another org.
    m1_ = Make("a", "meeting", {{"held_at", "2026-03-05T09:00:00Z"}, {"body", "party"}}, 1);
    m2_ = Make("a", "meeting", {{"held_at", "2026-03-20T09:00:00Z"}, {"body", "office"}}, 2);
    m3_ = Make("a", "meeting", {{"body", "party"}}, 3);
    mb_ = Make("b", "meeting", {{"held_at", "2026-03-06T09:00:00Z"}}, 3);
    // Matters on those meetings; one references the other org's meeting.
    x1_ = Make("a", "matter", {{"meeting", m1_}, {"title", "one"}}, 4);
    x2_ = Make("a", "matter", {{"meeting", m2_}, {"title", "two"}}, 4);
    x3_ = Make("a", "matter", {{"meeting", m3_}, {"title", "three"}}, 4);
    x4_ = Make("a", "matter", {{"meeting", mb_}, {"title", "four"}}, 4);
    x5_ = Make("a", "matter", {{"meeting", m1_}, {"title", "five"}}, 5);
    // Tasks due on dates.
    t1_ = Make("a", "task", {{"due_date", "2026-03-10"}}, 1);
    t2_ = Make("a", "task", {{"due_date", "2026-03-31"}}, 2);
  }

  std::int64_t Make(const std::string& org, const std::string& wf, const FieldMap& fields, int day) {
    auto id = CreateItem(*store_, org, wf, "drafted", fields, "p", At(day));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  // The SQL read and the Store default give the same items.
  std::vector<std::int64_t> Both(const ItemRange& range) {
    auto sql = Ids(store_->ListItemsInRange(range));
    auto plain = Ids(store_->Store::ListItemsInRange(range));
    EXPECT_EQ(sql, plain);
    return sql;
  }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
  std::int64_t m1_ = 0, m2_ = 0, m3_ = 0, mb_ = 0, x1_ = 0, x2_ = 0, x3_ = 0, x4_ = 0, x5_ = 0, t1_ = 0, t2_ = 0;
};

TEST_F(ReportStoreTest, ItemsInARangeByFieldByReferenceAndByCreation) {
  ItemRange meetings{"a", "meeting", "held_at", "", "", "2026-03-01T00:00:00Z", "2026-03-15T00:00:00Z", std::nullopt, {}, {}};
  EXPECT_THAT(Both(meetings), ElementsAre(m1_));
  ItemRange matters{"a", "matter", "held_at", "meeting", "meeting", "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z", std::nullopt, {}, {}};
  EXPECT_THAT(Both(matters), ElementsAre(x1_, x2_, x5_));  // not x3 (never held), not x4 (another org's)
  ItemRange tasks{"a", "task", "due_date", "", "", "2026-03-01", "2026-03-31", std::nullopt, {}, {}};
  EXPECT_THAT(Both(tasks), ElementsAre(t1_));  // the end is exclusive
  ItemRange created{"a", "matter", "", "", "", FormatTime(At(4)), FormatTime(At(5)), std::nullopt, {}, {}};
  EXPECT_THAT(Both(created), ElementsAre(x1_, x2_, x3_, x4_));
  created.created_up_to = FormatTime(At(4, 8));
  EXPECT_TRUE(Both(created).empty());

  // With the indexes the same items come back, read by index.
  ASSERT_TRUE(*store_->EnsureFieldIndex("meeting", "held_at"));
  ASSERT_TRUE(*store_->EnsureFieldIndex("matter", "meeting"));
  ASSERT_TRUE(*store_->EnsureFieldIndex("task", "due_date"));
  EXPECT_TRUE(*store_->EnsureFieldIndex("task", "due_date"));  // again: already there
  EXPECT_THAT(Both(meetings), ElementsAre(m1_));
  EXPECT_THAT(Both(matters), ElementsAre(x1_, x2_, x5_));
  EXPECT_THAT(Both(tasks), ElementsAre(t1_));
  // The index follows later writes.
  std::int64_t x6 = Make("a", "matter", {{"meeting", m2_}}, 6);
  EXPECT_THAT(Both(matters), ElementsAre(x1_, x2_, x5_, x6));
}

TEST_F(ReportStoreTest, AProjectionReadsOnlyTheFieldsNamed) {
  ItemRange meetings{"a", "meeting", "held_at", "", "", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", std::nullopt, {}, {}};
  meetings.fields = {"body", "absent"};
  auto items = store_->ListItemsInRange(meetings);
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].fields, (FieldMap{{"body", Value("party")}}));
  auto plain = store_->Store::ListItemsInRange(meetings);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ((*plain)[0].fields, (*items)[0].fields);
}

TEST_F(ReportStoreTest, NamesAreIdsBecauseTheyAreWrittenIntoTheSql) {
  ItemRange bad{"a", "meeting", "held_at') OR 1=1 --", "", "", "0", "9", std::nullopt, {}, {}};
  EXPECT_EQ(store_->ListItemsInRange(bad).status().code(), Code::kInvalid);
  EXPECT_EQ(store_->EnsureFieldIndex("meeting", "x\"y").status().code(), Code::kInvalid);
}

TEST_F(ReportStoreTest, WhenItemsLastBecameDone) {
  ASSERT_TRUE(Act(*store_, t1_, "complete", "completed", {}, "p", At(9)).ok());
  ASSERT_TRUE(Act(*store_, t1_, "rework", "in_progress", {}, "q", At(11)).ok());
  ASSERT_TRUE(Act(*store_, t1_, "complete", "completed", {}, "p", At(12)).ok());
  ASSERT_TRUE(Act(*store_, t1_, "check", "closed", {}, "q", At(13)).ok());  // done to done: not a new entry
  ASSERT_TRUE(Refuse(*store_, t2_, "complete", "p", "refused", At(14)).ok());
  const std::vector<std::string> done{"completed", "closed"};
  auto sql = store_->EnteredStates({t1_, t2_, 999}, done);
  ASSERT_TRUE(sql.ok()) << sql.status().ToString();
  EXPECT_EQ(*sql, (std::map<std::int64_t, std::string>{{t1_, FormatTime(At(12))}}));
  auto plain = store_->Store::EnteredStates({t1_, t2_, 999}, done);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, *sql);
  EXPECT_TRUE(store_->EnteredStates({}, done)->empty());
}

TEST_F(ReportStoreTest, DocumentsAreKeptUnderTheirHash) {
  const std::string text = "{\"report\":\"semester\"}";
  const std::string hash = Sha256Hex(text);
  EXPECT_EQ(store_->PutDocument(std::string(64, '0'), text, "t").code(), Code::kInvalid);
  ASSERT_TRUE(store_->PutDocument(hash, text, "t").ok());
  ASSERT_TRUE(store_->PutDocument(hash, text, "later").ok());  // the first copy stays
  EXPECT_EQ(**store_->GetDocument(hash), text);
  EXPECT_FALSE(store_->GetDocument(std::string(64, 'f'))->has_value());
}

TEST_F(ReportStoreTest, ReportDefinitionsKeepEveryVersion) {
  EXPECT_FALSE(store_->GetReportDefinition("semester")->has_value());
  DefinitionRecord v1{"semester", 1, "", "report: semester\nversion: 1\n", "t"};
  EXPECT_TRUE(*store_->PutReportDefinition(v1));
  EXPECT_FALSE(*store_->PutReportDefinition(v1));  // same content: nothing new
  DefinitionRecord changed = v1;
  changed.source += "# changed\n";
  EXPECT_EQ(store_->PutReportDefinition(changed).status().code(), Code::kConflict);
  DefinitionRecord v2{"semester", 2, "", "report: semester\nversion: 2\n", "t"};
  EXPECT_TRUE(*store_->PutReportDefinition(v2));
  auto latest = store_->GetReportDefinition("semester");
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->version, 2);
  EXPECT_EQ((*latest)->content_hash, Sha256Hex(v2.source));
}

}  // namespace
}  // namespace docket::testing
