// The tamper matrix: every table and file the installation keeps, tampered with as an
// insider with the database file would, and what catches it — `audit verify`, only `audit
// verify --against` a checkpoint held elsewhere (made before the tampering, its public key
// held with it), or neither. Each kind states its expected outcome and the test asserts it;
// docs/AUDIT.md "What verification proves" gives the same matrix as a table, and
// TheDocumentedMatrixIsTheTestedOne compares the two so that they cannot drift.
//
// One database is made with the real binary (TamperMatrixTest::SetUpTestSuite); each kind
// works on a fresh copy of it. Random edits, deletions, insertions and swaps of entries and
// items are the property test's (tests/hardening/tamper_property_test.cc).
#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <regex>

#include "audit/chain.h"
#include "cli_fixture.h"
#include "forge.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

enum class Caught { kVerify, kCheckpoint, kNeither };

std::string Name(Caught c) {
  switch (c) {
    case Caught::kVerify: return "verify";
    case Caught::kCheckpoint: return "checkpoint";
    default: return "neither";
  }
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

class TamperMatrixTest : public CliTest {
 public:
  struct Kind {
    std::string id;
    Caught expected;
    std::function<void(TamperMatrixTest&)> tamper;
  };
  static std::vector<Kind> Kinds();

 protected:

  void SetUp() override {}  // each kind starts from the template's copy (Reset)

  // The template: school-a holds a decision with its task (a parent), a lone task, the
  // firings and notifications of a `tick`, and ends on a refusal; school-b holds a matter.
  // A checkpoint of school-a's head is then held elsewhere with the installation's public key.
  void BuildTemplate() {
    CliTest::SetUp();
    AllowLoneDecisions();
    auto r = As("wang", {"item", "create", "decision", "--org", "school-a", "--set", "title=食堂改造", "--set",
                         "category=major-project", "--set", "content=暑期完工"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string decision = Trim(r.out);
    r = As("wang", {"item", "act", decision, "assign", "--set", "owners=li", "--set", "due_date=2026-04-30"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    lone_ = NewTask();
    r = As("zhou", {"item", "create", "matter", "--org", "school-b", "--set", "title=t", "--set", "category=routine"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    now_ = "2026-05-20T09:00:00Z";
    r = As("zhao", {"tick"});  // the district's administrator
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(As("liu", {"item", "act", lone_, "acknowledge"}).exit_code, 0);  // refused: liu is the clerk
    SQLite::Database db(db_, SQLite::OPEN_READONLY);
    ASSERT_EQ(db.execAndGet("SELECT outcome FROM audit WHERE org = 'school-a' ORDER BY seq DESC LIMIT 1").getString(),
              "refused");
    ASSERT_GT(db.execAndGet("SELECT count(*) FROM notifications").getInt(), 0);
    ASSERT_GT(db.execAndGet("SELECT count(*) FROM timer_firings").getInt(), 0);
    ASSERT_GT(db.execAndGet("SELECT count(*) FROM items WHERE parent IS NOT NULL").getInt(), 0);
    ASSERT_EQ(Docket({"audit", "verify"}).exit_code, 0);
    std::filesystem::create_directories(dir_.File("elsewhere"));
    checkpoint_ = dir_.File("elsewhere/school-a.checkpoint.json");
    r = Docket({"audit", "checkpoint", "--org", "school-a", "--out", checkpoint_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = Docket({"audit", "key"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    public_key_ = Trim(r.out);
    template_ = dir_.File("template.db");
    std::filesystem::rename(db_, template_);
    std::filesystem::rename(db_ + ".key", template_ + ".key");
  }

  // A fresh copy of the template (and the installation's key beside it) as db_.
  void Reset() {
    db_ = dir_.File("case.db");
    for (const char* suffix : {"", ".key", "-wal", "-shm"}) std::filesystem::remove(db_ + suffix);
    std::filesystem::copy_file(template_, db_);
    std::filesystem::copy_file(template_ + ".key", db_ + ".key");
  }

  void Sql(const std::string& sql) {
    SQLite::Database db(db_, SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;");
    db.exec(sql);
  }
  std::string Value(const std::string& sql) {
    SQLite::Database db(db_, SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getString();
  }

  RunResult Against(const std::string& checkpoint) {
    return Docket({"--lang", "en", "audit", "verify", "--against", checkpoint, "--key-pub", public_key_});
  }

  Caught Outcome() {
    auto v = Docket({"--lang", "en", "audit", "verify"});
    if (v.exit_code != 0) {
      EXPECT_EQ(v.exit_code, 7) << v.err;
      return Caught::kVerify;
    }
    auto a = Against(checkpoint_);
    if (a.exit_code != 0) {
      EXPECT_EQ(a.exit_code, 7) << a.err;
      return Caught::kCheckpoint;
    }
    return Caught::kNeither;
  }

  // Appends, with the hashes the engine would write (the store's append), an "ok" entry of
  // `actor` as `role` taking `action` on the lone task to `to`, and moves the task there.
  void Forge(const std::string& actor, const std::string& role, const std::string& action, const std::string& to,
             std::vector<FieldChange> changes = {}) {
    ForgeAppend(db_, {std::stoll(lone_), now_, actor, role, action, to, std::move(changes)});
  }

  static std::string lone_, checkpoint_, public_key_, template_;
};

std::string TamperMatrixTest::lone_, TamperMatrixTest::checkpoint_, TamperMatrixTest::public_key_,
    TamperMatrixTest::template_;

std::vector<TamperMatrixTest::Kind> TamperMatrixTest::Kinds() {
  using T = TamperMatrixTest;
  const std::string a_last = "(SELECT max(seq) FROM audit WHERE org = 'school-a')";
  const std::string inst_last = "(SELECT max(seq) FROM audit WHERE org = '$installation')";
  return {
      {"entry-edited", Caught::kVerify,
       [](T& t) { t.Sql("UPDATE audit SET actor = 'liu' WHERE org = 'school-a' AND seq = 3"); }},
      {"entry-deleted", Caught::kVerify, [](T& t) { t.Sql("DELETE FROM audit WHERE org = 'school-a' AND seq = 3"); }},
      {"item-state", Caught::kVerify,
       [](T& t) { t.Sql("UPDATE items SET state = 'completed' WHERE id = " + lone_); }},
      {"item-fields", Caught::kVerify,
       [](T& t) { t.Sql("UPDATE items SET fields = json_set(fields, '$.owner', 'liu') WHERE id = " + lone_); }},
      {"item-parent", Caught::kVerify,
       [](T& t) { t.Sql("UPDATE items SET parent = NULL WHERE parent IS NOT NULL"); }},
      {"item-created-at", Caught::kVerify,
       [](T& t) { t.Sql("UPDATE items SET created_at = '2025-01-01T00:00:00Z' WHERE id = " + lone_); }},
      {"item-updated-at", Caught::kVerify,
       [](T& t) { t.Sql("UPDATE items SET updated_at = '2027-01-01T00:00:00Z' WHERE id = " + lone_); }},
      {"item-removed", Caught::kVerify, [](T& t) { t.Sql("DELETE FROM items WHERE id = " + lone_); }},
      {"definition-text", Caught::kVerify,
       [](T& t) { t.Sql("UPDATE definitions SET source = source || '#' WHERE workflow = 'task'"); }},
      {"definition-text-and-hash", Caught::kVerify,
       [](T& t) {
         const std::string source = t.Value("SELECT source FROM definitions WHERE workflow = 'task'") + "#";
         SQLite::Database db(t.db_, SQLite::OPEN_READWRITE);
         SQLite::Statement q(db, "UPDATE definitions SET source = ?, content_hash = ? WHERE workflow = 'task'");
         q.bind(1, source);
         q.bind(2, Sha256Hex(source));
         q.exec();
       }},
      {"definition-added", Caught::kVerify,
       [](T& t) {
         t.Sql("INSERT INTO definitions SELECT workflow, 7, content_hash, source, loaded_at FROM definitions "
               "WHERE workflow = 'task' AND version = 3");
       }},
      {"installation-entry-edited", Caught::kVerify,
       [](T& t) { t.Sql("UPDATE audit SET actor = 'forger' WHERE org = '$installation' AND seq = 1"); }},
      {"installation-chain-removed", Caught::kVerify,
       [](T& t) { t.Sql("DELETE FROM audit WHERE org = '$installation'"); }},
      {"installation-tail-cut", Caught::kVerify,
       [inst_last](T& t) { t.Sql("DELETE FROM audit WHERE org = '$installation' AND seq = " + inst_last); }},
      {"org-record", Caught::kVerify,
       [](T& t) { t.Sql("UPDATE orgs SET parent = NULL WHERE id = 'school-a'"); }},
      {"person-role", Caught::kVerify,
       [](T& t) { t.Sql("INSERT INTO person_roles VALUES ('liu', 'school-a', 'secretary')"); }},
      {"person-name", Caught::kNeither,
       [](T& t) { t.Sql("UPDATE people SET name_zh = '假名' WHERE id = 'liu'"); }},
      {"settings-mode", Caught::kNeither,
       [](T& t) { t.Sql("UPDATE settings SET value = 'real' WHERE key = 'mode'"); }},
      {"timer-firings", Caught::kVerify, [](T& t) { t.Sql("DELETE FROM timer_firings"); }},
      {"notification-removed", Caught::kVerify,
       [](T& t) { t.Sql("DELETE FROM notifications WHERE id = (SELECT min(id) FROM notifications)"); }},
      {"notification-read", Caught::kNeither, [](T& t) { t.Sql("UPDATE notifications SET read = 1"); }},
      {"chain-removed", Caught::kVerify,
       [](T& t) { t.Sql("DELETE FROM audit WHERE org = 'school-b'; DELETE FROM items WHERE org = 'school-b'"); }},
      {"organization-removed", Caught::kVerify,
       [](T& t) {
         t.Sql("DELETE FROM audit WHERE org = 'school-b'; DELETE FROM items WHERE org = 'school-b'; "
               "DELETE FROM bodies WHERE org = 'school-b'; DELETE FROM person_roles WHERE org = 'school-b'; "
               "DELETE FROM orgs WHERE id = 'school-b'");
       }},
      {"chain-tail-cut", Caught::kCheckpoint,
       [a_last](T& t) { t.Sql("DELETE FROM audit WHERE org = 'school-a' AND seq = " + a_last); }},
      {"forged-lawful-append", Caught::kNeither,
       [](T& t) { t.Forge("li", "principal", "acknowledge", "acknowledged"); }},
      {"forged-unlawful-append", Caught::kVerify,
       [](T& t) { t.Forge("liu", "principal", "acknowledge", "acknowledged"); }},
      {"tick-run-by-removed", Caught::kVerify,
       [](T& t) {
         const std::string seq = t.Value("SELECT min(seq) FROM audit WHERE org = 'school-a' AND actor = 'system'");
         t.Sql("UPDATE audit SET changes = json_remove(changes, '$.\"$run_by\"') WHERE org = 'school-a' AND seq = " + seq);
         ASSERT_EQ(t.Value("SELECT instr(changes, '$run_by') FROM audit WHERE org = 'school-a' AND seq = " + seq), "0");
         Rehash(t.db_, "school-a", std::stoll(seq));
       }},
      {"chain-rewritten", Caught::kCheckpoint,
       [](T& t) {
         // The lone task's title rewritten in its creation entry and in the item, every
         // entry from there re-hashed, and a new checkpoint signed with the installation's key.
         const std::string seq = t.Value("SELECT seq FROM audit WHERE org = 'school-a' AND action = 'create' AND "
                                         "item_id = " + lone_);
         t.Sql("UPDATE audit SET changes = replace(changes, '食堂改造', '操场改造') WHERE org = 'school-a' AND seq = " +
               seq + "; UPDATE items SET fields = json_set(fields, '$.title', '操场改造') WHERE id = " + lone_);
         Rehash(t.db_, "school-a", std::stoll(seq));
         const std::string resigned = t.dir_.File("resigned.checkpoint.json");
         std::filesystem::remove(resigned);
         auto cp = t.Docket({"audit", "checkpoint", "--org", "school-a", "--out", resigned});
         ASSERT_EQ(cp.exit_code, 0) << cp.err;
         auto ok = t.Against(resigned);
         EXPECT_EQ(ok.exit_code, 0) << "a checkpoint re-signed with the key beside the database proves nothing: "
                                    << ok.err;
       }},
  };
}

TEST_F(TamperMatrixTest, EachKindIsCaughtWhereTheMatrixSays) {
  BuildTemplate();
  ASSERT_FALSE(HasFailure());
  for (const Kind& kind : Kinds()) {
    SCOPED_TRACE(kind.id);
    Reset();
    kind.tamper(*this);
    EXPECT_EQ(Name(Outcome()), Name(kind.expected));
  }
}

// docs/AUDIT.md's table under "What verification proves": one row per kind, its id in
// backquotes in the first column, the outcome in the third ("`audit verify`", "checkpoint
// only", "neither"), a reason in the fourth for every outcome but `audit verify`.
TEST(TamperMatrixDocTest, TheDocumentedMatrixIsTheTestedOne) {
  const std::string doc = FileText(SourcePath("docs/AUDIT.md"));
  const auto start = doc.find("\n## What verification proves\n");
  ASSERT_NE(start, std::string::npos);
  const auto end = doc.find("\n## ", start + 1);
  const std::string section = doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
  std::map<std::string, std::string> documented;
  const std::regex row(R"(\n\| `([a-z-]+)` \|[^|\n]*\|([^|\n]*)\|([^|\n]*)\|)");
  auto trim = [](std::string s) {
    s.erase(0, s.find_first_not_of(' '));
    return s.substr(0, s.find_last_not_of(' ') + 1);
  };
  for (auto it = std::sregex_iterator(section.begin(), section.end(), row); it != std::sregex_iterator(); ++it) {
    const std::string id = (*it)[1], caught = trim((*it)[2]), why = trim((*it)[3]);
    const std::string outcome = caught == "`audit verify`" ? "verify"
                                : caught == "checkpoint only" ? "checkpoint"
                                : caught == "neither"         ? "neither"
                                                              : "unknown: " + caught;
    EXPECT_TRUE(documented.emplace(id, outcome).second) << id << " twice";
    if (outcome != "verify") {
      EXPECT_GT(why.size(), 10u) << id << ": no reason given";
    }
  }
  std::map<std::string, std::string> tested;
  for (const auto& kind : TamperMatrixTest::Kinds()) {
    tested.emplace(kind.id, Name(kind.expected));
  }
  EXPECT_EQ(documented, tested);
}

}  // namespace
}  // namespace docket::testing
