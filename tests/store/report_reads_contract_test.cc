// What reports read, the same on every store: a term's items by a date field, by the date
// of the item they reference (in the same org, of the named workflow) and by creation, with
// and without the field indexes; many items at once; the children of many items. Each
// backend's own reads (SQL on SQLite and PostgreSQL) must give what the Store defaults give
// over its plain reads. PgStore writes the workflow and field names into its SQL (so that
// its partial indexes match): names that are not ids are refused there, as on SQLite.
#include <gmock/gmock.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "app/store_backends.h"
#include "store/memory_store.h"
#include "store/pg_store.h"
#include "support/pg_database.h"
#include "store_test_util.h"

namespace docket::testing {
namespace {

using ::testing::ElementsAre;

std::vector<std::int64_t> IdsOf(const Result<std::vector<Item>>& items) {
  std::vector<std::int64_t> out;
  EXPECT_TRUE(items.ok()) << items.status().ToString();
  if (items.ok()) {
    for (const auto& i : *items) out.push_back(i.id);
  }
  return out;
}

class ReportReadsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    opener_ = std::make_unique<StoreOpener>(GetParam(), dir_.File("reads.db"));
    auto s = opener_->Open();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    // Meetings held 2026-03-05 and 2026-03-20, one never held, one in another org, one whose
    // date is a number, and an agenda (another workflow) dated in the term.
    m1_ = Make("a", "meeting", {{"held_at", "2026-03-05T09:00:00Z"}, {"body", "party"}}, 1);
    m2_ = Make("a", "meeting", {{"held_at", "2026-03-20T09:00:00Z"}, {"body", "office"}}, 2);
    m3_ = Make("a", "meeting", {{"body", "party"}}, 3);
    mb_ = Make("b", "meeting", {{"held_at", "2026-03-06T09:00:00Z"}}, 3);
    mn_ = Make("a", "meeting", {{"held_at", Value(std::int64_t{20260307})}}, 3);
    ag_ = Make("a", "agenda", {{"held_at", "2026-03-08T09:00:00Z"}}, 3);
    // Matters on those meetings: one on the other org's meeting, one on the agenda, one
    // whose reference is a string, one on an item that does not exist.
    x1_ = Make("a", "matter", {{"meeting", m1_}, {"title", "one"}}, 4);
    x2_ = Make("a", "matter", {{"meeting", m2_}, {"title", "two"}}, 4);
    x3_ = Make("a", "matter", {{"meeting", m3_}, {"title", "three"}}, 4);
    x4_ = Make("a", "matter", {{"meeting", mb_}, {"title", "four"}}, 4);
    x5_ = Make("a", "matter", {{"meeting", m1_}, {"title", "five"}}, 5);
    x6_ = Make("a", "matter", {{"meeting", ag_}}, 5);
    x7_ = Make("a", "matter", {{"meeting", std::to_string(m1_)}}, 5);
    x8_ = Make("a", "matter", {{"meeting", std::int64_t{999999}}}, 5);
    // Tasks due on dates, two below x1 and one below x2.
    t1_ = Make("a", "task", {{"due_date", "2026-03-10"}}, 1, x1_);
    t2_ = Make("a", "task", {{"due_date", "2026-03-31"}}, 2, x1_);
    t3_ = Make("a", "task", {{"due_date", ""}}, 2, x2_);
  }

  std::int64_t Make(const std::string& org, const std::string& wf, const FieldMap& fields, int day,
                    std::optional<std::int64_t> parent = {}) {
    auto id = CreateItem(*store_, org, wf, "drafted", fields, "p", At(day), parent);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  // The backend's read and the Store default give the same items, with the same fields.
  std::vector<std::int64_t> Both(const ItemRange& range) {
    auto own = store_->ListItemsInRange(range);
    auto plain = store_->Store::ListItemsInRange(range);
    EXPECT_EQ(IdsOf(own), IdsOf(plain));
    if (own.ok() && plain.ok() && own->size() == plain->size()) {
      for (std::size_t i = 0; i < own->size(); ++i) EXPECT_EQ((*own)[i].fields, (*plain)[i].fields);
    }
    return IdsOf(own);
  }

  void ExpectTheTermsItems() {
    ItemRange meetings{"a", "meeting", "held_at", "", "", "2026-03-01T00:00:00Z", "2026-03-15T00:00:00Z", std::nullopt, {}, {}};
    EXPECT_THAT(Both(meetings), ElementsAre(m1_));  // not the number, nor the other org's
    ItemRange matters{"a", "matter", "held_at", "meeting", "meeting", "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z",
                      std::nullopt, {}, {}};
    EXPECT_THAT(Both(matters), ElementsAre(x1_, x2_, x5_));  // not x3 .. x8
    matters.fields = {"title"};
    EXPECT_THAT(Both(matters), ElementsAre(x1_, x2_, x5_));
    matters.fields = {};
    matters.created_up_to = FormatTime(At(4, 12));
    EXPECT_THAT(Both(matters), ElementsAre(x1_, x2_));
    ItemRange any_ref{"a", "matter", "held_at", "meeting", "", "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z",
                      std::nullopt, {}, {}};
    // Any workflow, any org. Not on SQLite: there json_extract's text "13" (x7's reference,
    // a string) equals the integer id 13, where the default and the other stores see a
    // string; a read no report makes (a report's ref always names the referenced workflow).
    if (GetParam() != "sqlite") {
      EXPECT_THAT(Both(any_ref), ElementsAre(x1_, x2_, x4_, x5_, x6_));
    }
    ItemRange tasks{"a", "task", "due_date", "", "", "2026-03-01", "2026-03-31", std::nullopt, {}, {}};
    EXPECT_THAT(Both(tasks), ElementsAre(t1_));  // the end is exclusive; "" is no date
    ItemRange created{"a", "matter", "", "", "", FormatTime(At(4)), FormatTime(At(5)), std::nullopt, {}, {}};
    EXPECT_THAT(Both(created), ElementsAre(x1_, x2_, x3_, x4_));
  }

  TempDir dir_;
  std::unique_ptr<StoreOpener> opener_;  // before the store: dropped after it
  std::unique_ptr<Store> store_;
  std::int64_t m1_ = 0, m2_ = 0, m3_ = 0, mb_ = 0, mn_ = 0, ag_ = 0;
  std::int64_t x1_ = 0, x2_ = 0, x3_ = 0, x4_ = 0, x5_ = 0, x6_ = 0, x7_ = 0, x8_ = 0, t1_ = 0, t2_ = 0, t3_ = 0;
};

TEST_P(ReportReadsTest, ATermsItemsAreTheSameWithAndWithoutTheIndexes) {
  ExpectTheTermsItems();
  auto made = store_->EnsureFieldIndex("meeting", "held_at");
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  const bool indexes = *made;
  EXPECT_EQ(indexes, GetParam() != "memory");  // the memory store keeps none
  ASSERT_TRUE(store_->EnsureFieldIndex("matter", "meeting").ok());
  ASSERT_TRUE(store_->EnsureFieldIndex("task", "due_date").ok());
  EXPECT_EQ(*store_->EnsureFieldIndex("task", "due_date"), indexes);  // again: already there
  ExpectTheTermsItems();
  // The indexes follow later writes.
  const std::int64_t x9 = Make("a", "matter", {{"meeting", m2_}}, 6);
  ItemRange matters{"a", "matter", "held_at", "meeting", "meeting", "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z",
                    std::nullopt, {}, {}};
  EXPECT_THAT(Both(matters), ElementsAre(x1_, x2_, x5_, x9));
}

TEST_P(ReportReadsTest, NamesThatAreNotIdsAreRefused) {
  ItemRange bad{"a", "meeting", "held_at') OR 1=1 --", "", "", "0", "9", std::nullopt, {}, {}};
  EXPECT_EQ(store_->ListItemsInRange(bad).status().code(), Code::kInvalid);
  if (GetParam() != "memory") {  // the memory store makes no index, whatever the names
    EXPECT_EQ(store_->EnsureFieldIndex("meeting", "x'y").status().code(), Code::kInvalid);
  }
}

TEST_P(ReportReadsTest, ManyItemsAtOnceAreWhatTheyAreOneByOne) {
  auto own = store_->GetItems({t2_, x1_, 999999, m1_});
  auto plain = store_->Store::GetItems({t2_, x1_, 999999, m1_});
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  ASSERT_TRUE(plain.ok());
  std::vector<std::int64_t> ids = IdsOf(own);
  std::sort(ids.begin(), ids.end());
  EXPECT_THAT(ids, ElementsAre(m1_, x1_, t2_));  // the missing one left out
  for (const Item& item : *own) {
    auto alone = store_->GetItem(item.id);
    ASSERT_TRUE(alone.ok());
    EXPECT_EQ(item.fields, alone->fields);
    EXPECT_EQ(item.workflow, alone->workflow);
    EXPECT_EQ(item.parent, alone->parent);
  }
  EXPECT_EQ(plain->size(), own->size());
  EXPECT_TRUE(store_->GetItems({})->empty());
}

TEST_P(ReportReadsTest, TheChildrenOfManyItemsComeInTheirParentsOrder) {
  auto own = store_->ListItemsUnder({x2_, x3_, x1_});
  auto plain = store_->Store::ListItemsUnder({x2_, x3_, x1_});
  EXPECT_THAT(IdsOf(own), ElementsAre(t3_, t1_, t2_));
  EXPECT_EQ(IdsOf(own), IdsOf(plain));
  ASSERT_TRUE(own.ok());
  EXPECT_EQ((*own)[1].fields, (FieldMap{{"due_date", Value("2026-03-10")}}));
  EXPECT_EQ((*own)[1].parent, x1_);
  EXPECT_TRUE(store_->ListItemsUnder({})->empty());
}

// A range with states keeps the items in one of them (what the findings read): the same
// on every store as the default's filter, for one org and for many, with a projection too.
TEST_P(ReportReadsTest, ARangeWithStatesKeepsTheItemsInThem) {
  ASSERT_TRUE(Act(*store_, x2_, "adopt", "adopted", {}, "p", At(6)).ok());
  ASSERT_TRUE(Act(*store_, x5_, "reject", "rejected", {}, "p", At(6)).ok());
  ASSERT_TRUE(Act(*store_, x4_, "adopt", "adopted", {}, "p", At(6)).ok());
  ItemRange matters{"a", "matter", "held_at", "meeting", "meeting", "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z",
                    std::nullopt, {}, {}};
  EXPECT_THAT(Both(matters), ElementsAre(x1_, x2_, x5_));
  matters.states = {"adopted", "rejected"};
  EXPECT_THAT(Both(matters), ElementsAre(x2_, x5_));
  matters.states = {"adopted"};
  EXPECT_THAT(Both(matters), ElementsAre(x2_));
  matters.fields = {"title"};
  EXPECT_THAT(Both(matters), ElementsAre(x2_));
  matters.fields = {};
  matters.states = {"noted"};
  EXPECT_THAT(Both(matters), ElementsAre());
  ItemRange created{"a", "matter", "", "", "", FormatTime(At(4)), FormatTime(At(5)), std::nullopt, {}, {}};
  created.states = {"drafted"};
  EXPECT_THAT(Both(created), ElementsAre(x1_, x3_));
  // Many orgs at once: the store's read and the default's, org by org.
  ItemRange meetings{"", "matter", "", "", "", FormatTime(At(4)), FormatTime(At(6)), std::nullopt, {}, {}};
  meetings.states = {"adopted"};
  auto own = store_->ListItemsInRangeOf(meetings, {"a", "b"});
  auto plain = store_->Store::ListItemsInRangeOf(meetings, {"a", "b"});
  EXPECT_THAT(IdsOf(own), ElementsAre(x2_, x4_));
  EXPECT_EQ(IdsOf(own), IdsOf(plain));
  meetings.states = {"adopted') OR 1=1 --"};
  EXPECT_EQ(store_->ListItemsInRange(meetings).status().code(), Code::kInvalid);
  EXPECT_EQ(store_->ListItemsInRangeOf(meetings, {"a"}).status().code(), Code::kInvalid);
}

// The histories of many items at once are each item's history, entry for entry; an item
// without entries has an empty one.
TEST_P(ReportReadsTest, TheHistoriesOfManyItemsAreTheirHistoriesOneByOne) {
  ASSERT_TRUE(Act(*store_, x2_, "adopt", "adopted", {{"title", Value("two, adopted")}}, "p", At(6)).ok());
  ASSERT_TRUE(Act(*store_, x2_, "close", "closed", {}, "q", At(7)).ok());
  ASSERT_TRUE(Act(*store_, t1_, "start", "in_progress", {}, "p", At(7)).ok());
  auto many = store_->ItemHistories({x2_, 999999, t1_, m1_, x2_});
  ASSERT_TRUE(many.ok()) << many.status().ToString();
  EXPECT_EQ(many->size(), 4u);
  EXPECT_TRUE(many->at(999999).empty());
  for (std::int64_t id : {x2_, t1_, m1_}) {
    auto one = store_->ItemHistory(id);
    ASSERT_TRUE(one.ok());
    const std::vector<AuditEntry>& got = many->at(id);
    ASSERT_EQ(got.size(), one->size()) << id;
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].seq, (*one)[i].seq);
      EXPECT_EQ(got[i].hash, (*one)[i].hash);
      EXPECT_EQ(got[i].action, (*one)[i].action);
      EXPECT_EQ(got[i].changes.size(), (*one)[i].changes.size());
      EXPECT_EQ(got[i].to_state, (*one)[i].to_state);
    }
  }
  EXPECT_EQ(many->at(x2_).size(), 3u);
  EXPECT_TRUE(store_->ItemHistories({})->empty());
}

INSTANTIATE_TEST_SUITE_P(Stores, ReportReadsTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
