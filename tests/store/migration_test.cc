// Migrations over a database written by an earlier Docket: what it stored reads the same
// after SqliteStore::Open brings its schema up to date.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store_test_util.h"

namespace docket {
namespace {

using testing::OpenOrDie;
using testing::TempDir;

// A database as a Docket that knew migrations up to `last` left it.
void MakeDatabaseUpTo(const std::string& path, int last) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  for (const Migration& m : Migrations()) {
    if (m.number > last) break;
    db.exec(m.sql);
    SQLite::Statement ins(db, "INSERT INTO schema_migrations VALUES (?, ?, '2026-03-01T00:00:00Z')");
    ins.bind(1, m.number);
    ins.bind(2, m.name);
    ins.exec();
  }
}

class MigrationTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string path_ = dir_.File("old.db");
};

TEST_F(MigrationTest, NotificationsStoredInTwoColumnsKeepTheirMessage) {
  MakeDatabaseUpTo(path_, 7);
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec(
        "INSERT INTO notifications(person, org, item_id, time, kind, firing, message_zh, message_en, read) VALUES "
        "('chen', 'school-a', 4, '2026-03-09T00:00:00Z', 'notify', 'item:4:v1:deadline:0', "
        "'督办事项 #4 将于 2026-03-11 到期', 'Task #4 is due at 2026-03-11', 0), "
        "('chen', 'school-a', 5, '2026-03-10T00:00:00Z', 'escalate', 'item:5:v1:deadline:1', '仅有中文', '', 1)");
  }
  auto store = OpenOrDie(path_);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->AppliedMigrations()->back(), Migrations().back().number);

  auto inbox = store->Inbox("chen", false);
  ASSERT_TRUE(inbox.ok()) << inbox.status().ToString();
  ASSERT_EQ(inbox->size(), 2u);
  const Notification& due = (*inbox)[0];
  EXPECT_EQ(due.item_id, 4);
  EXPECT_EQ(due.kind, "notify");
  EXPECT_EQ(due.firing, "item:4:v1:deadline:0");
  EXPECT_EQ(due.message.zh, "督办事项 #4 将于 2026-03-11 到期");
  EXPECT_EQ(due.message.en, "Task #4 is due at 2026-03-11");
  EXPECT_TRUE(due.message.more.empty());
  EXPECT_FALSE(due.read);
  EXPECT_EQ((*inbox)[1].message.Get(Lang::kEn, ""), "仅有中文");
  EXPECT_TRUE((*inbox)[1].read);
  EXPECT_EQ(store->Inbox("chen", true)->size(), 1u);

  // New ones go on after them, in the one column.
  ASSERT_TRUE(store->AddNotification({0, "chen", "school-a", 6, "t", "notify", "k", Labels{"新", "new"}, false}).ok());
  inbox = store->Inbox("chen", false);
  ASSERT_EQ(inbox->size(), 3u);
  EXPECT_EQ((*inbox)[2].id, 3);
  EXPECT_EQ((*inbox)[2].message.en, "new");
  SQLite::Database db(path_, SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM pragma_table_info('notifications') WHERE name LIKE 'message_%'").getInt(), 0);
}

TEST_F(MigrationTest, AMessageThatIsNotLabelsIsAnIntegrityError) {
  auto store = OpenOrDie(path_);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->AddNotification({0, "chen", "school-a", 1, "t", "notify", "k", Labels{"到期", "due"}, false}).ok());
  for (const char* stored : {"not json", "[\"到期\"]", "{\"zh\": 1}"}) {
    {
      SQLite::Database db(path_, SQLite::OPEN_READWRITE);
      SQLite::Statement q(db, "UPDATE notifications SET message=?");
      q.bind(1, stored);
      q.exec();
    }
    auto inbox = store->Inbox("chen", false);
    EXPECT_EQ(inbox.status().code(), Code::kIntegrity) << stored;
    EXPECT_NE(inbox.status().message().find("notification 1"), std::string::npos) << inbox.status().message();
  }
}

}  // namespace
}  // namespace docket
