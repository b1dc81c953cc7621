// ItemFilter's search and pages (store/item_store.h, item_search.h) the same on every store:
// SqliteStore, MemoryStore and PgStore (on a fresh database of the test run's cluster).
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/store_backends.h"
#include "store/memory_store.h"
#include "store/pg_store.h"
#include "support/pg_database.h"
#include "store_test_util.h"

namespace docket::testing {
namespace {

class ItemSearchTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    opener_ = std::make_unique<StoreOpener>(GetParam(), dir_.File("search.db"));
    auto s = opener_->Open();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  std::int64_t Add(FieldMap fields, const std::string& org = "school-a", const std::string& workflow = "task") {
    Item item;
    item.org = org;
    item.workflow = workflow;
    item.workflow_version = 1;
    item.state = "assigned";
    item.fields = std::move(fields);
    item.version = 1;
    item.created_at = item.updated_at = At(2);
    auto id = store_->InsertItem(item);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  // The ids the filter lists, in its order.
  std::vector<std::int64_t> Listed(const ItemFilter& filter) {
    auto items = store_->ListItems(filter);
    EXPECT_TRUE(items.ok()) << items.status().ToString();
    std::vector<std::int64_t> out;
    if (items.ok()) {
      for (const Item& i : *items) out.push_back(i.id);
    }
    return out;
  }

  std::vector<std::int64_t> Search(const std::string& text) {
    ItemFilter f;
    f.org = "school-a";
    f.text = text;
    return Listed(f);
  }

  TempDir dir_;
  std::unique_ptr<StoreOpener> opener_;  // before the store: dropped after it
  std::unique_ptr<Store> store_;
};

using Ids = std::vector<std::int64_t>;

TEST_P(ItemSearchTest, FindsLatinWithoutCaseAndChineseAsWritten) {
  const auto budget = Add({{"title", Value("Budget Review")}, {"due_date", Value("2026-03-20")}});
  const auto lab = Add({{"title", Value("实验室安全检查")}, {"summary", Value("化学实验室 Lab")}});
  const auto canteen = Add({{"subject", Value("食堂卫生")}, {"count", Value(std::int64_t{42})}});
  Add({{"title", Value("Budget elsewhere")}}, "school-b");

  EXPECT_EQ(Search("budget"), (Ids{budget}));
  EXPECT_EQ(Search("BUDGET rev"), (Ids{budget}));
  EXPECT_EQ(Search("实验室"), (Ids{lab}));
  EXPECT_EQ(Search("lab"), (Ids{lab}));         // in the summary, not the title
  EXPECT_EQ(Search("卫生"), (Ids{canteen}));    // the subject
  EXPECT_EQ(Search("2026-03"), (Ids{budget}));  // a date is a text
  EXPECT_EQ(Search("42"), Ids{});               // a number is not searched
  EXPECT_EQ(Search("title"), Ids{});            // the fields' names are not their values
  EXPECT_EQ(Search("预算"), Ids{});
  EXPECT_EQ(Search(""), (Ids{budget, lab, canteen}));  // no search
}

TEST_P(ItemSearchTest, PercentAndUnderscoreAreThemselves) {
  const auto percent = Add({{"title", Value("完成 100% 的检查")}});
  const auto underscore = Add({{"title", Value("file_name")}});
  const auto plain = Add({{"title", Value("filename 1000")}});
  const auto backslash = Add({{"title", Value(R"(C:\docs)")}});

  EXPECT_EQ(Search("%"), (Ids{percent}));
  EXPECT_EQ(Search("100%"), (Ids{percent}));
  EXPECT_EQ(Search("_"), (Ids{underscore}));
  EXPECT_EQ(Search("file_"), (Ids{underscore}));
  EXPECT_EQ(Search("file%name"), Ids{});
  EXPECT_EQ(Search("f_lename"), Ids{});
  EXPECT_EQ(Search(R"(\d)"), (Ids{backslash}));
  EXPECT_EQ(Search("'"), Ids{});
  EXPECT_EQ(Search("filename"), (Ids{plain}));
}

TEST_P(ItemSearchTest, APageIsNewestFirstBelowTheCursor) {
  Ids all;
  for (int i = 0; i < 7; ++i) all.push_back(Add({{"title", Value("任务 " + std::to_string(i))}}));
  ItemFilter f;
  f.org = "school-a";
  f.limit = 3;
  EXPECT_EQ(Listed(f), (Ids{all[6], all[5], all[4]}));
  f.after = all[4];
  EXPECT_EQ(Listed(f), (Ids{all[3], all[2], all[1]}));
  f.after = all[1];
  EXPECT_EQ(Listed(f), (Ids{all[0]}));
  f.after = all[0];
  EXPECT_EQ(Listed(f), Ids{});
  f.limit.reset();  // a cursor alone: everything below it, newest first
  f.after = all[3];
  EXPECT_EQ(Listed(f), (Ids{all[2], all[1], all[0]}));
  ItemFilter whole;  // no page: every item, in id order, as before
  whole.org = "school-a";
  EXPECT_EQ(Listed(whole), all);
}

TEST_P(ItemSearchTest, PagesCoverEveryItemOnceWhileItemsAreInserted) {
  Ids matching;
  for (int i = 0; i < 23; ++i) {
    const auto id = Add({{"title", Value(i % 2 == 0 ? "Meeting 会议 " + std::to_string(i) : "other " + std::to_string(i))}});
    if (i % 2 == 0) matching.push_back(id);
  }
  ItemFilter f;
  f.org = "school-a";
  f.text = "会议";
  f.limit = 4;
  Ids seen;
  for (int page = 0; page < 20; ++page) {
    const Ids got = Listed(f);
    // Items written between pages: newer than every cursor, never on a later page.
    Add({{"title", Value("Meeting 会议 new")}});
    Add({{"title", Value("other new")}});
    if (got.empty()) break;
    EXPECT_LE(got.size(), 4u);
    seen.insert(seen.end(), got.begin(), got.end());
    f.after = got.back();
  }
  EXPECT_TRUE(std::is_sorted(seen.rbegin(), seen.rend()));
  EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()).size(), seen.size()) << "an item twice";
  std::reverse(seen.begin(), seen.end());
  EXPECT_EQ(seen, matching);
}

TEST_P(ItemSearchTest, APageOfNoItemIsRefused) {
  Add({{"title", Value("t")}});
  ItemFilter f;
  f.limit = 0;
  auto items = store_->ListItems(f);
  ASSERT_FALSE(items.ok());
  EXPECT_EQ(items.status().code(), Code::kInvalid);
}

// ItemFilter::refers: the items whose item field names one of the ids, compared as the
// number stored (a text "7" is not item 7), with the other filters and pages.
TEST_P(ItemSearchTest, RefersListsTheItemsWhoseFieldNamesOneOfTheIds) {
  const std::int64_t a = Add({{"meeting", Value(std::int64_t{7})}, {"title", Value("a")}}, "school-a", "matter");
  const std::int64_t b = Add({{"meeting", Value(std::int64_t{8})}}, "school-a", "matter");
  const std::int64_t c = Add({{"meeting", Value(std::int64_t{7})}}, "school-a", "matter");
  Add({{"meeting", Value("7")}}, "school-a", "matter");  // a text, not an item's id
  Add({{"title", Value("7")}}, "school-a", "matter");
  const std::int64_t e = Add({{"meeting", Value(std::int64_t{7})}}, "school-b", "matter");
  Add({{"meeting", Value(std::int64_t{7})}}, "school-a", "decision");
  ItemFilter f;
  f.org = "school-a";
  f.workflow = "matter";
  f.refers = ItemFilter::FieldRefs{"meeting", {7}};
  EXPECT_EQ(Listed(f), (Ids{a, c}));
  f.refers->ids = {8, 7};
  EXPECT_EQ(Listed(f), (Ids{a, b, c}));
  f.refers->ids = {9};
  EXPECT_EQ(Listed(f), Ids{});
  f.refers->ids = {};
  EXPECT_EQ(Listed(f), Ids{});
  f.refers->ids = {7};
  f.limit = 1;
  EXPECT_EQ(Listed(f), (Ids{c}));
  f.limit.reset();
  f.text = "A";
  EXPECT_EQ(Listed(f), (Ids{a}));
  ItemFilter everywhere;
  everywhere.workflow = "matter";
  everywhere.refers = ItemFilter::FieldRefs{"meeting", {7}};
  EXPECT_EQ(Listed(everywhere), (Ids{a, c, e}));
  everywhere.refers->field = "title";
  EXPECT_EQ(Listed(everywhere), Ids{});
  everywhere.refers->field = "meeting') OR 1=1 --";
  auto bad = store_->ListItems(everywhere);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalid);
}

INSTANTIATE_TEST_SUITE_P(Stores, ItemSearchTest, StoreBackends(), BackendName());

}  // namespace
}  // namespace docket::testing
