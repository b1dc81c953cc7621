// Tampering as a property: seeded random tamperings of a real database file — UPDATE any
// column of an audit entry or an item (its parent and times included) to a different value,
// DELETE an entry or an item, INSERT a forged entry, swap two entries' contents — each is
// detected by VerifyAudit as Code::kIntegrity, and the message names the first bad entry (its
// seq, or the range of missing entries that contains it) or the item.
//
// The other tables and files, and the tamperings that only a checkpoint held elsewhere or
// nothing catches, are the tamper matrix's (tests/e2e/cli_tamper_matrix_test.cc, docs/AUDIT.md
// "What verification proves"). So the generator never makes:
//   * deleting the last entry of a chain when it is a refusal or a configuration entry
//     (more generally: truncating a chain's tail and rolling its items back): a shorter chain
//     that replays to the stored items is an earlier state of the same history (a checkpoint
//     catches it);
//   * setting an item field to JSON null where it was absent: null and absent are one value;
//   * a forger who recomputes the SHA-256 of what they write: a forged entry is written here
//     with a copied or random hash (the matrix forges with correct hashes).
// DOCKET_TAMPER_CASES sets the number of cases (1,000 for the long run), DOCKET_TAMPER_SEED
// the seed.
#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "hardening_util.h"
#include "store/audit_verify.h"
#include "support/process.h"

namespace docket::testing {
namespace {

struct EntryRow {
  std::string org;
  std::int64_t seq = 0;
  std::int64_t item_id = 0;
  std::string outcome;
};
struct ItemRow {
  std::int64_t id = 0;
  std::string org;
  std::string state;
  std::string fields;
};

// What a tampering did and what the verifier's message must name.
struct Tampering {
  std::string what;
  std::vector<std::string> sql;
  std::optional<std::int64_t> seq;    // the first bad entry, when it is an entry
  std::vector<std::int64_t> items;    // or one of these items
};

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

class TamperPropertyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    BuildTemplate(dir_->File("template.db"));
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  // Several items in two schools, in most states, with refusals (one of a create) on the way.
  static void BuildTemplate(const std::string& path) {
    auto d = OpenLoaded(path);
    ASSERT_TRUE(d->status.ok()) << d->status.ToString();
    Docket& k = *d->docket;
    auto create = [&](const std::string& org, const std::string& who, const std::string& title,
                      const std::string& workflow = "matter") {
      FieldTexts fields{{"title", title}, {"category", "routine"}};
      if (workflow == "task") fields = {{"title", title}, {"owner", "li"}, {"due_date", "2026-06-30"}};
      auto r = k.CreateItem({workflow, org, std::nullopt, fields, who});
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      return r.ok() ? r->item.id : 0;
    };
    auto act = [&](std::int64_t id, const std::string& who, const std::string& action, FieldTexts f = {}) {
      (void)k.Act({id, action, std::move(f), std::nullopt, who});  // refusals are part of the history
      d->clock.Advance(std::chrono::seconds(60));
    };
    for (int round = 0; round < 2; ++round) {
      std::int64_t a = create("school-a", "wang", "设备" + std::to_string(round), "task");
      act(a, "liu", "acknowledge");  // refused: forbidden
      act(a, "li", "acknowledge");
      act(a, "li", "start");
      act(a, "chen", "report", {{"progress", "60"}, {"evidence", "照片,视频"}});
      act(a, "li", "complete");  // refused: progress
      act(a, "li", "report", {{"progress", "100"}});
      act(a, "li", "complete");
      act(a, "wang", "check");
      std::int64_t w = create("school-a", "wang", "撤回" + std::to_string(round));
      act(w, "liu", "withdraw");
      create("school-a", "li", "草稿" + std::to_string(round));
      (void)k.CreateItem({"matter", "school-a", std::nullopt, {{"title", "x"}, {"category", "routine"}}, "chen"});
      std::int64_t b = create("school-b", "zhou", "小学" + std::to_string(round));
      act(b, "zhou", "submit");
      act(b, "sun", round == 0 ? "presign_secretary" : "presign_principal");
      act(b, "wang", "withdraw");  // refused: another school's secretary
    }
    auto v = VerifyAudit(*d->store, std::nullopt);
    ASSERT_TRUE(v.ok()) << v.status().ToString();
  }

  void SetUp() override {
    SQLite::Database db(dir_->File("template.db"), SQLite::OPEN_READONLY);
    SQLite::Statement e(db, "SELECT org, seq, item_id, outcome FROM audit ORDER BY org, seq");
    while (e.executeStep()) {
      entries_.push_back({e.getColumn(0).getString(), e.getColumn(1).getInt64(), e.getColumn(2).getInt64(),
                          e.getColumn(3).getString()});
      last_[entries_.back().org] = entries_.back().seq;
    }
    SQLite::Statement i(db, "SELECT id, org, state, fields FROM items ORDER BY id");
    while (i.executeStep()) {
      items_.push_back({i.getColumn(0).getInt64(), i.getColumn(1).getString(), i.getColumn(2).getString(),
                        i.getColumn(3).getString()});
    }
  }

  template <typename T>
  const T& Pick(const std::vector<T>& xs) { return xs[rng_() % xs.size()]; }
  // One of `choices` that differs from `old`.
  std::string Other(std::vector<std::string> choices, const std::string& old) {
    std::erase(choices, old);
    return Pick(choices);
  }
  std::string RandomHash() {
    static const char* hex = "0123456789abcdef";
    std::string h;
    for (int i = 0; i < 64; ++i) h += hex[rng_() % 16];
    return h;
  }
  bool EntryExists(const std::string& org, std::int64_t seq) const {
    for (const auto& e : entries_) {
      if (e.org == org && e.seq == seq) return true;
    }
    return false;
  }
  std::string Where(const EntryRow& e) const {
    return " WHERE org = " + Quote(e.org) + " AND seq = " + std::to_string(e.seq);
  }

  std::optional<Tampering> UpdateEntry() {
    const EntryRow& e = Pick(entries_);
    static const std::vector<std::string> kColumns = {
        "org", "seq", "time", "actor", "role", "action", "outcome", "item_id", "workflow", "workflow_version",
        "from_state", "to_state", "changes", "item_version", "reason", "prev_hash", "hash"};
    const std::string col = Pick(kColumns);
    SQLite::Database db(dir_->File("template.db"), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT " + col + " FROM audit" + Where(e));
    q.executeStep();
    const std::string old = q.getColumn(0).getString();
    std::string value;
    if (col == "org") {
      std::string org = Other({"district", "school-a", "school-b", "nowhere"}, e.org);
      if (EntryExists(org, e.seq)) return std::nullopt;  // the key is taken
      value = Quote(org);
    } else if (col == "seq") {
      value = std::to_string(last_[e.org] + 1 + static_cast<std::int64_t>(rng_() % 3));
    } else if (col == "item_id" || col == "workflow_version" || col == "item_version") {
      value = std::to_string(std::stoll(old) + Pick(std::vector<std::int64_t>{-1, 1, 2, 100}));
    } else if (col == "changes") {
      value = Quote(Other({"{}", "{\"title\":[null,\"forged\"]}", "not json", "{\"progress\":[60,100]}"}, old));
    } else if (col == "prev_hash" || col == "hash") {
      value = Quote(RandomHash());
    } else {
      value = Quote(Other({old + "x", "", "wang", "li", "ok", "refused", "adopted", "closed", "matter",
                           "2026-03-02T09:00:00Z", "secretary"},
                          old));
    }
    return Tampering{"UPDATE audit SET " + col + " = " + value + Where(e),
                     {"UPDATE audit SET " + col + " = " + value + Where(e)},
                     e.seq,
                     {e.item_id}};
  }

  std::optional<Tampering> UpdateItem() {
    const ItemRow& it = Pick(items_);
    static const std::vector<std::string> kColumns = {"org",     "workflow", "workflow_version", "state",
                                                      "fields",  "version",  "id",               "parent",
                                                      "created_at", "updated_at"};
    const std::string col = Pick(kColumns);
    std::string value;
    std::int64_t new_id = it.id;
    if (col == "org") {
      value = Quote(Other({"district", "school-a", "school-b", "nowhere"}, it.org));
    } else if (col == "workflow") {
      value = Quote("matter-forged");
    } else if (col == "workflow_version" || col == "version") {
      value = col + " + " + std::to_string(Pick(std::vector<int>{-1, 1, 5}));
    } else if (col == "state") {
      value = Quote(Other({"drafted", "submitted", "on_agenda", "in_progress", "completed", "closed", "rejected",
                           "withdrawn"},
                          it.state));
    } else if (col == "parent") {
      // Another item of the same school as the parent (none of the template's items has one).
      std::vector<std::string> others;
      for (const ItemRow& o : items_) {
        if (o.org == it.org && o.id != it.id) others.push_back(std::to_string(o.id));
      }
      value = Pick(others);
    } else if (col == "created_at" || col == "updated_at") {
      value = Quote(Pick(std::vector<std::string>{"2020-01-01T00:00:00Z", "2030-06-01T08:00:00Z"}));
    } else if (col == "id") {
      new_id = items_.back().id + 1 + static_cast<std::int64_t>(rng_() % 5);
      value = std::to_string(new_id);
    } else {
      // Remove a field it holds, change one, add one it lacks, or break the JSON.
      switch (rng_() % 4) {
        case 0: value = "json_remove(fields, '$.title')"; break;
        case 1: value = "json_set(fields, '$.category', 'major-decision')"; break;
        case 2:
          value = it.fields.find("\"public\"") == std::string::npos ? "json_set(fields, '$.public', json('true'))"
                                                                     : "json_remove(fields, '$.public')";
          break;
        default: value = "'{\"title\": '"; break;
      }
    }
    std::string sql = "UPDATE items SET " + col + " = " + value + " WHERE id = " + std::to_string(it.id);
    return Tampering{sql, {sql}, std::nullopt, {it.id, new_id}};
  }

  std::optional<Tampering> DeleteEntry() {
    const EntryRow& e = Pick(entries_);
    // Undetectable, see the top: a trailing refusal or configuration entry (no item).
    if (e.seq == last_[e.org] && (e.outcome == "refused" || e.item_id == 0)) return std::nullopt;
    std::string sql = "DELETE FROM audit" + Where(e);
    return Tampering{sql, {sql}, e.seq, {e.item_id}};
  }

  std::optional<Tampering> DeleteItem() {
    const ItemRow& it = Pick(items_);
    std::string sql = "DELETE FROM items WHERE id = " + std::to_string(it.id);
    return Tampering{sql, {sql}, std::nullopt, {it.id}};
  }

  std::optional<Tampering> InsertEntry() {
    const EntryRow& model = Pick(entries_);
    const std::string org = Pick(std::vector<std::string>{"district", "school-a", "school-b", "nowhere"});
    const std::int64_t seq = (last_.count(org) ? last_[org] : 0) + 1 + static_cast<std::int64_t>(rng_() % 2);
    // A careful forger links to the real head; the hash is copied or made up, not recomputed.
    std::string prev = rng_() % 2 == 0 ? "(SELECT hash FROM audit WHERE org = " + Quote(org) +
                                             " ORDER BY seq DESC LIMIT 1)"
                                       : Quote(RandomHash());
    std::string prev_or_zero = "coalesce(" + prev + ", '" + std::string(64, '0') + "')";
    std::string hash = rng_() % 2 == 0 ? "hash" : Quote(RandomHash());
    std::string sql =
        "INSERT INTO audit SELECT " + Quote(org) + ", " + std::to_string(seq) +
        ", time, actor, role, action, outcome, item_id, workflow, workflow_version, from_state, to_state, "
        "changes, item_version, reason, " + prev_or_zero + ", " + hash + " FROM audit" + Where(model);
    return Tampering{sql, {sql}, seq, {}};
  }

  std::optional<Tampering> SwapEntries() {
    const EntryRow& a = Pick(entries_);
    const EntryRow& b = Pick(entries_);
    if (a.org != b.org || a.seq == b.seq) return std::nullopt;
    const std::string cols[] = {"time", "actor", "role", "action", "outcome", "item_id", "workflow",
                                "workflow_version", "from_state", "to_state", "changes", "item_version",
                                "reason", "prev_hash", "hash"};
    std::string set_a, set_b;
    for (const auto& c : cols) {
      set_a += (set_a.empty() ? "" : ", ") + c + " = (SELECT " + c + " FROM swap WHERE k = 'b')";
      set_b += (set_b.empty() ? "" : ", ") + c + " = (SELECT " + c + " FROM swap WHERE k = 'a')";
    }
    return Tampering{"swap the contents of " + a.org + " entries " + std::to_string(a.seq) + " and " +
                         std::to_string(b.seq),
                     {"CREATE TEMP TABLE swap AS SELECT 'a' AS k, * FROM audit" + Where(a) +
                          " UNION ALL SELECT 'b', * FROM audit" + Where(b),
                      "UPDATE audit SET " + set_a + Where(a), "UPDATE audit SET " + set_b + Where(b)},
                     std::min(a.seq, b.seq),
                     {}};
  }

  Tampering Next() {
    for (;;) {
      std::optional<Tampering> t;
      switch (rng_() % 6) {
        case 0: t = UpdateEntry(); break;
        case 1: t = UpdateItem(); break;
        case 2: t = DeleteEntry(); break;
        case 3: t = DeleteItem(); break;
        case 4: t = InsertEntry(); break;
        default: t = SwapEntries(); break;
      }
      if (t) return *t;
    }
  }

  static TempDir* dir_;
  std::mt19937 rng_{static_cast<unsigned>(EnvInt("DOCKET_TAMPER_SEED", 5))};
  std::vector<EntryRow> entries_;
  std::vector<ItemRow> items_;
  std::map<std::string, std::int64_t> last_;
};

TempDir* TamperPropertyTest::dir_ = nullptr;

TEST_F(TamperPropertyTest, EveryRandomTamperingIsDetectedAndNamed) {
  const int cases = EnvInt("DOCKET_TAMPER_CASES", 200);
  ASSERT_GT(entries_.size(), 30u);
  const std::string path = dir_->File("case.db");
  int applied = 0;
  std::map<std::string, int> kinds;
  for (int n = 0; n < cases; ++n) {
    Tampering t = Next();
    std::filesystem::copy_file(dir_->File("template.db"), path, std::filesystem::copy_options::overwrite_existing);
    try {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      db.exec("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;");
      // SQLite evaluates the report indexes' expressions (json_extract of an item's fields)
      // on every write, and so refuses fields that are not JSON: a tamperer who wants to
      // write such text drops them first, and so does this test.
      std::vector<std::string> indexes;
      SQLite::Statement q(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'items_by_%'");
      while (q.executeStep()) indexes.push_back(q.getColumn(0).getString());
      q.reset();
      for (const std::string& index : indexes) db.exec("DROP INDEX \"" + index + "\"");
      for (const auto& sql : t.sql) db.exec(sql);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "case " << n << ": " << t.what << ": " << e.what();
      continue;
    }
    ++applied;
    ++kinds[t.what.substr(0, t.what.find(' '))];
    auto store = SqliteStore::Open(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto v = VerifyAudit(**store, std::nullopt);
    ASSERT_FALSE(v.ok()) << "case " << n << " not detected: " << t.what;
    EXPECT_EQ(v.status().code(), Code::kIntegrity) << "case " << n << ": " << t.what << ": " << v.status().ToString();
    bool named = t.seq && NamesEntry(v.status().message(), *t.seq);
    for (std::int64_t id : t.items) named = named || (id != 0 && NamesItem(v.status().message(), id));
    EXPECT_TRUE(named) << "case " << n << ": " << t.what << "\n  message: " << v.status().message();
  }
  EXPECT_EQ(applied, cases);
  std::printf("tamper: %d cases detected (", applied);
  for (const auto& [k, c] : kinds) std::printf(" %s:%d", k.c_str(), c);
  std::printf(" )\n");
}

}  // namespace
}  // namespace docket::testing
