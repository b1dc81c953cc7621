// Portable proofs through the real `docket` binary: `audit export`, `audit verify --file`
// (offline, no database), `audit checkpoint`, `audit verify --against` (database and
// offline), the key that signs, and the Python verifier printed in docs/AUDIT.md.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "audit/canonical_json.h"
#include "audit/chain.h"
#include "cli_fixture.h"
#include "store/sqlite_store.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

class CliAuditProofTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    // school-a: entry 1 is the org load's configuration entry; then three matters, one
    // submitted, then two refused attempts (entries 6 and 7), which change no item: cutting
    // them off leaves the items as their log says.
    for (int i = 0; i < 3; ++i) NewMatter();
    ASSERT_EQ(As("liu", {"item", "act", "1", "submit"}).exit_code, 0);
    ASSERT_EQ(As("li", {"item", "act", "1", "submit"}).exit_code, 5);
    ASSERT_EQ(As("li", {"item", "act", "1", "submit"}).exit_code, 5);
    export_ = dir_.File("school-a.jsonl");
    checkpoint_ = dir_.File("school-a.checkpoint.json");
  }

  // Runs docket without --db, from a folder with no database.
  RunResult Offline(std::vector<std::string> args) {
    return RunProcess(DOCKET_BINARY, args, offline_.path());
  }

  std::string PublicKey() {
    auto r = Docket({"audit", "key"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Trimmed(r.out);
  }

  void MakeCheckpoint() {
    auto r = Docket({"audit", "checkpoint", "--org", "school-a", "--out", checkpoint_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  void ExportTo(const std::string& path) {
    auto r = Docket({"audit", "export", "--org", "school-a", "--out", path, "--force"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  // The Python verifier printed in docs/AUDIT.md, written to a file as printed.
  std::string PythonVerifier() {
    const std::string doc = FileText(SourcePath("docs/AUDIT.md"));
    const std::string marker = "```python\n# verify_export.py";
    const std::size_t start = doc.find(marker);
    EXPECT_NE(start, std::string::npos) << "docs/AUDIT.md lost its verify_export.py block";
    if (start == std::string::npos) return "";
    const std::size_t code = start + std::string("```python\n").size();
    const std::size_t end = doc.find("```", code);
    EXPECT_LE(std::count(doc.begin() + code, doc.begin() + end, '\n'), 40);
    const std::string script = dir_.File("verify_export.py");
    WriteFile(script, doc.substr(code, end - code));
    return script;
  }

  void DropAuditTriggers(SQLite::Database& db) {
    db.exec("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;");
  }

  std::string export_;
  std::string checkpoint_;
  TempDir offline_;
};

TEST_F(CliAuditProofTest, HappyPathExportCheckpointAndBothVerifications) {
  MakeCheckpoint();
  ExportTo(export_);
  // A key file beside the database, private.
  struct stat st {};
  ASSERT_EQ(::stat((db_ + ".key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  auto db = Docket({"audit", "verify", "--against", checkpoint_, "--json"});
  EXPECT_EQ(db.exit_code, 0) << db.err;
  auto j = nlohmann::json::parse(db.out);
  EXPECT_EQ(j["checkpoint_seq"], 7);

  // Offline: no --db, no database in the folder, and none created.
  auto file = Offline({"audit", "verify", "--file", export_, "--against", checkpoint_, "--key-pub", PublicKey(), "--lang", "en"});
  EXPECT_EQ(file.exit_code, 0) << file.err;
  EXPECT_THAT(file.out, HasSubstr("export verified: OK — school-a, 7 entries"));
  EXPECT_THAT(file.out, HasSubstr("extends the checkpoint"));
  EXPECT_FALSE(std::filesystem::exists(offline_.File("docket.db")));
  auto plain = Offline({"audit", "verify", "--file", export_});
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_TRUE(std::filesystem::is_empty(offline_.path()));

  // The log grows after the checkpoint: it still extends it.
  NewMatter();
  EXPECT_EQ(Docket({"audit", "verify", "--against", checkpoint_}).exit_code, 0);
  ExportTo(export_);
  EXPECT_EQ(Offline({"audit", "verify", "--file", export_, "--against", checkpoint_, "--key-pub", PublicKey()}).exit_code, 0);
}

TEST_F(CliAuditProofTest, ExportRefusesExistingFilesBadOrgsAndUnwritablePaths) {
  ExportTo(export_);
  auto exists = Docket({"audit", "export", "--org", "school-a", "--out", export_});
  EXPECT_EQ(exists.exit_code, 2);
  EXPECT_THAT(exists.err, HasSubstr("--force"));
  auto org = Docket({"audit", "export", "--org", "no-such-school", "--out", dir_.File("x.jsonl")});
  EXPECT_EQ(org.exit_code, 3);
  const std::string bad = dir_.File("no-folder/x.jsonl");
  auto path = Docket({"audit", "export", "--org", "school-a", "--out", bad});
  EXPECT_EQ(path.exit_code, 8);
  EXPECT_THAT(path.err, HasSubstr(bad));
  auto missing = Offline({"audit", "verify", "--file", offline_.File("none.jsonl")});
  EXPECT_EQ(missing.exit_code, 3);
}

TEST_F(CliAuditProofTest, TamperedExportFileIsNamedByLineAndEntry) {
  ExportTo(export_);
  auto lines = Lines(FileText(export_));
  lines[3].replace(lines[3].find("\"actor\":\"liu\""), 13, "\"actor\":\"wang\"");
  WriteFile(export_, Joined(lines));
  auto r = Offline({"--lang", "en", "audit", "verify", "--file", export_});
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_THAT(r.err, HasSubstr("line 4 (entry 3): hash does not match"));
  // In Chinese by default, naming the same line and entry.
  auto zh = Offline({"audit", "verify", "--file", export_});
  EXPECT_THAT(zh.err, HasSubstr("第 4 行（第 3 条记录）：哈希与记录内容不符"));
}

// The supervisor's way: every chain of the district, one file each, then all the files
// checked in one command; a tampered file fails alone, named, and the others still pass.
TEST_F(CliAuditProofTest, TreeExportWritesEveryOrganizationAndVerifyChecksManyFiles) {
  const std::string folder = dir_.File("district-exports");
  auto tree = Docket({"audit", "export", "--org", "district", "--tree", "--out", folder, "--json"});
  ASSERT_EQ(tree.exit_code, 0) << tree.err;
  auto j = nlohmann::json::parse(tree.out);
  std::vector<std::string> files;
  for (const auto& f : j["files"]) files.push_back(f["file"]);
  const std::vector<std::string> want = {folder + "/district.jsonl", folder + "/school-a.jsonl",
                                         folder + "/school-b.jsonl", folder + "/school-c.jsonl"};
  EXPECT_EQ(files, want);
  // school-a's file is the one `audit export --org school-a` writes (same clock).
  ExportTo(export_);
  EXPECT_EQ(FileText(folder + "/school-a.jsonl"), FileText(export_));

  std::vector<std::string> args = {"audit", "verify", "--lang", "en", "--file"};
  args.insert(args.end(), files.begin(), files.end());
  auto all = Offline(args);
  EXPECT_EQ(all.exit_code, 0) << all.err;
  const int school_a_entries = j["files"][1]["entries"];
  EXPECT_THAT(all.out, HasSubstr("OK  " + folder + "/school-a.jsonl: school-a, " + std::to_string(school_a_entries) +
                                 " entries"));
  EXPECT_THAT(all.out, HasSubstr("export files verified: OK — 4 files"));

  auto lines = Lines(FileText(files[2]));
  lines.pop_back();  // school-b's file loses its last line
  WriteFile(files[2], Joined(lines));
  auto one_bad = Offline(args);
  EXPECT_EQ(one_bad.exit_code, 7);
  EXPECT_THAT(one_bad.out, HasSubstr("FAILED  " + files[2]));
  EXPECT_THAT(one_bad.out, HasSubstr("OK  " + files[3]));
  EXPECT_THAT(one_bad.err, HasSubstr("1 of 4 export files failed"));
  EXPECT_THAT(one_bad.err, HasSubstr(files[2] + ", line"));

  // Again without --force: every file exists, each is refused, nothing is replaced.
  const std::string before = FileText(files[1]);
  auto again = Docket({"--lang", "en", "audit", "export", "--org", "district", "--tree", "--out", folder});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_THAT(again.err, HasSubstr("4 of 4 exports failed"));
  EXPECT_EQ(FileText(files[1]), before);
  // With --force the tampered file is written afresh and passes.
  ASSERT_EQ(Docket({"audit", "export", "--org", "district", "--tree", "--out", folder, "--force"}).exit_code, 0);
  EXPECT_EQ(Offline(args).exit_code, 0);
}

TEST_F(CliAuditProofTest, TreeExportAndManyFileVerifyRefuseBadArguments) {
  auto org = Docket({"audit", "export", "--org", "no-such-district", "--tree", "--out", dir_.File("t")});
  EXPECT_EQ(org.exit_code, 3);
  EXPECT_FALSE(std::filesystem::exists(dir_.File("t")));
  WriteFile(dir_.File("a-file"), "x");
  auto not_folder = Docket({"--lang", "en", "audit", "export", "--org", "district", "--tree", "--out", dir_.File("a-file")});
  EXPECT_EQ(not_folder.exit_code, 2);
  EXPECT_THAT(not_folder.err, HasSubstr("not a folder"));
  ExportTo(export_);
  MakeCheckpoint();
  auto against = Offline({"--lang", "en", "audit", "verify", "--file", export_, export_, "--against", checkpoint_});
  EXPECT_EQ(against.exit_code, 2);
  EXPECT_THAT(against.err, HasSubstr("--against checks one export file; 2 were given"));
  auto missing = Offline({"--lang", "en", "audit", "verify", "--file", export_, offline_.File("none.jsonl")});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_THAT(missing.err, HasSubstr("none.jsonl: no such file"));
  // A missing file listed first does not hide a tampered one: exit 7, not 3.
  std::string text = FileText(export_);
  text.replace(text.find("\"actor\":\"liu\""), 13, "\"actor\":\"wang\"");
  WriteFile(export_, text);
  auto both = Offline({"--lang", "en", "audit", "verify", "--file", offline_.File("none.jsonl"), export_});
  EXPECT_EQ(both.exit_code, 7);
  EXPECT_THAT(both.err, HasSubstr("2 of 2 export files failed"));
}

TEST_F(CliAuditProofTest, TruncationBelowTheCheckpointIsDetected) {
  MakeCheckpoint();  // at entry 7
  ExportTo(export_);
  {
    SQLite::Database db(db_, SQLite::OPEN_READWRITE);
    DropAuditTriggers(db);
    db.exec("DELETE FROM audit WHERE org = 'school-a' AND seq > 5");  // the two refusals
  }
  // The chain that is left is intact: only the checkpoint shows what is missing.
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
  auto r = Docket({"--lang", "en", "audit", "verify", "--against", checkpoint_});
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_THAT(r.err, HasSubstr("the log ends at entry 5, before the checkpoint's entry 7"));

  // The same with an export cut short and its header made to match: the file alone
  // verifies, against the checkpoint it does not.
  auto lines = Lines(FileText(export_));
  AuditEntry fifth;
  ASSERT_TRUE(ParseEntryLine(lines[5], &fifth).ok());
  std::string header = lines[0];
  header.replace(header.find("\"entries\":7"), 11, "\"entries\":5");
  header.replace(header.find("\"head_seq\":7"), 12, "\"head_seq\":5");
  header.replace(header.find("\"head_hash\":\"") + 13, 64, fifth.hash);
  std::vector<std::string> cut = {header, lines[1], lines[2], lines[3], lines[4], lines[5]};
  cut.insert(cut.end(), lines.begin() + 8, lines.end());
  WriteFile(export_, Joined(cut));
  EXPECT_EQ(Offline({"audit", "verify", "--file", export_}).exit_code, 0);
  auto off = Offline({"--lang", "en", "audit", "verify", "--file", export_, "--against", checkpoint_, "--key-pub", PublicKey()});
  EXPECT_EQ(off.exit_code, 7);
  EXPECT_THAT(off.err, HasSubstr("before the checkpoint's entry 7 (entries were cut off)"));
}

TEST_F(CliAuditProofTest, RewrittenHistoryBeforeTheCheckpointIsDetected) {
  MakeCheckpoint();
  // Rewrite entry 3 (who created matter 2, and in which role) and re-hash everything after
  // it: a chain that is consistent in itself and lawful by the rules.
  {
    auto store = SqliteStore::Open(db_);
    ASSERT_TRUE(store.ok());
    std::vector<AuditEntry> entries;
    ASSERT_TRUE((*store)->ScanAudit("school-a", 1, 100, [&](const AuditEntry& e) {
      entries.push_back(e);
      return Status::Ok();
    }).ok());
    entries[2].actor = "wang";  // the secretary, who may create a matter too: a lawful-looking history
    entries[2].role = "secretary";
    for (std::size_t i = 2; i < entries.size(); ++i) LinkEntry(entries[i], entries[i - 1].seq, entries[i - 1].hash);
    store->reset();
    SQLite::Database db(db_, SQLite::OPEN_READWRITE);
    DropAuditTriggers(db);
    SQLite::Statement q(db, "UPDATE audit SET actor = ?, role = ?, prev_hash = ?, hash = ? WHERE org = 'school-a' AND seq = ?");
    for (std::size_t i = 2; i < entries.size(); ++i) {
      q.reset();
      q.bind(1, entries[i].actor);
      q.bind(2, entries[i].role);
      q.bind(3, entries[i].prev_hash);
      q.bind(4, entries[i].hash);
      q.bind(5, entries[i].seq);
      q.exec();
    }
  }
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);  // consistent in itself
  auto r = Docket({"--lang", "en", "audit", "verify", "--against", checkpoint_});
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_THAT(r.err, HasSubstr("entry 7: hash"));
  EXPECT_THAT(r.err, HasSubstr("was rewritten"));
  ExportTo(export_);
  EXPECT_EQ(Offline({"audit", "verify", "--file", export_}).exit_code, 0);
  auto off = Offline({"--lang", "en", "audit", "verify", "--file", export_, "--against", checkpoint_, "--key-pub", PublicKey()});
  EXPECT_EQ(off.exit_code, 7);
  EXPECT_THAT(off.err, HasSubstr("was rewritten"));
}

// A chain that goes back in time — entry 6 (a refusal, which no rule judges) dated a day
// earlier and every entry from it re-hashed — is reported alike by `audit verify` on the
// database and by the offline verifier on its export (one check, audit/time_order.h).
TEST_F(CliAuditProofTest, AChainThatGoesBackInTimeIsFoundOnTheDatabaseAndInItsExport) {
  {
    auto store = SqliteStore::Open(db_);
    ASSERT_TRUE(store.ok());
    std::vector<AuditEntry> entries;
    ASSERT_TRUE((*store)->ScanAudit("school-a", 1, 100, [&](const AuditEntry& e) {
      entries.push_back(e);
      return Status::Ok();
    }).ok());
    ASSERT_EQ(entries.size(), 7u);
    entries[5].time = "2026-03-01T09:00:00Z";
    for (std::size_t i = 5; i < entries.size(); ++i) LinkEntry(entries[i], entries[i - 1].seq, entries[i - 1].hash);
    store->reset();
    SQLite::Database db(db_, SQLite::OPEN_READWRITE);
    DropAuditTriggers(db);
    SQLite::Statement q(db, "UPDATE audit SET time = ?, prev_hash = ?, hash = ? WHERE org = 'school-a' AND seq = ?");
    for (std::size_t i = 5; i < entries.size(); ++i) {
      q.reset();
      q.bind(1, entries[i].time);
      q.bind(2, entries[i].prev_hash);
      q.bind(3, entries[i].hash);
      q.bind(4, entries[i].seq);
      q.exec();
    }
  }
  const std::string why = "its time 2026-03-01T09:00:00Z is earlier than 2026-03-02T09:00:00Z of entry 5: the chain goes back in time";
  auto db = Docket({"--lang", "en", "audit", "verify"});
  EXPECT_EQ(db.exit_code, 7);
  EXPECT_THAT(db.err, HasSubstr("entry 6: " + why));
  ExportTo(export_);
  auto off = Offline({"--lang", "en", "audit", "verify", "--file", export_});
  EXPECT_EQ(off.exit_code, 7);
  EXPECT_THAT(off.err, HasSubstr("line 7 (entry 6): " + why));
  auto zh = Offline({"audit", "verify", "--file", export_});
  EXPECT_EQ(zh.exit_code, 7);
  EXPECT_TRUE(HasChinese(zh.err)) << zh.err;
}

TEST_F(CliAuditProofTest, CheckpointSignedByAnotherKeyIsRefusedUnlessThatKeyIsTrusted) {
  const std::string other_key = dir_.File("other.key");
  auto cp = Docket({"audit", "checkpoint", "--org", "school-a", "--key", other_key, "--out", checkpoint_});
  ASSERT_EQ(cp.exit_code, 0) << cp.err;
  PublicKey();  // makes this installation's own key
  auto r = Docket({"--lang", "en", "audit", "verify", "--against", checkpoint_});
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_THAT(r.err, HasSubstr("not by the trusted key"));
  auto other_pub = Docket({"audit", "key", "--key", other_key});
  ASSERT_EQ(other_pub.exit_code, 0);
  EXPECT_EQ(Docket({"audit", "verify", "--against", checkpoint_, "--key-pub", Trimmed(other_pub.out)}).exit_code, 0);
  // Offline, a checkpoint needs a key to be trusted against.
  ExportTo(export_);
  auto untrusted = Offline({"audit", "verify", "--file", export_, "--against", checkpoint_});
  EXPECT_EQ(untrusted.exit_code, 2);
  EXPECT_THAT(untrusted.err, HasSubstr("--key-pub"));
  auto wrong = Offline({"audit", "verify", "--file", export_, "--against", checkpoint_, "--key-pub", PublicKey()});
  EXPECT_EQ(wrong.exit_code, 7);
  // The trusted key may be given as a file, too.
  WriteFile(offline_.File("signer.pub"), other_pub.out);
  EXPECT_EQ(Offline({"audit", "verify", "--file", export_, "--against", checkpoint_, "--key-pub", offline_.File("signer.pub")}).exit_code, 0);
}

TEST_F(CliAuditProofTest, TamperedCheckpointIsRefused) {
  MakeCheckpoint();
  const std::string text = FileText(checkpoint_);
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"\"seq\":7", "\"seq\":6"}, {"\"org\":\"school-a\"", "\"org\":\"school-b\""},
           {"\"time\":\"2026", "\"time\":\"2025"}, {"{\"definitions\"", "{ \"definitions\""}}) {
    std::string bad = text;
    ASSERT_NE(bad.find(from), std::string::npos) << from;
    bad.replace(bad.find(from), from.size(), to);
    WriteFile(checkpoint_, bad);
    auto r = Docket({"audit", "verify", "--against", checkpoint_});
    EXPECT_EQ(r.exit_code, 7) << to << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr("checkpoint")) << to;
  }
  std::string flipped = text;
  flipped[flipped.find("\"signature\":\"") + 20] ^= 0x01;
  WriteFile(checkpoint_, flipped);
  auto r = Docket({"audit", "verify", "--against", checkpoint_});
  EXPECT_EQ(r.exit_code, 7);
  WriteFile(checkpoint_, text);
  EXPECT_EQ(Docket({"audit", "verify", "--against", checkpoint_}).exit_code, 0);
}

// The ~30-line Python verifier in docs/AUDIT.md, run as printed against a real export and
// checkpoint (Debian's python3 with python3-nacl; scripts/install-deps installs both).
TEST_F(CliAuditProofTest, DocumentedPythonVerifierAcceptsARealExportAndRefusesATamperedOne) {
  const std::string python = "/usr/bin/python3";
  // Not a skip: the README's commands install both, and a proof nobody ran is no proof.
  ASSERT_EQ(RunProcess(python, {"-c", "import nacl.signing"}).exit_code, 0)
      << "needs /usr/bin/python3 with python3-nacl: run scripts/install-deps";
  const std::string script = PythonVerifier();
  ASSERT_FALSE(script.empty());

  MakeCheckpoint();
  ExportTo(export_);
  auto ok = RunProcess(python, {script, export_, checkpoint_, PublicKey()});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("ok"));
  auto lines = Lines(FileText(export_));
  lines[2].replace(lines[2].find("\"actor\":\"liu\""), 13, "\"actor\":\"wang\"");
  WriteFile(export_, Joined(lines));
  auto bad = RunProcess(python, {script, export_});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_THAT(bad.err, HasSubstr("line 3"));
}

// The calendar load says what it recorded: one entry in each of the four organizations'
// chains the first time, nothing when loaded again unchanged.
TEST_F(CliAuditProofTest, CalendarLoadSaysHowManyConfigurationEntriesItRecorded) {
  const std::string calendar = SourcePath("workflows/examples/calendar.yaml");
  auto first = Docket({"calendar", "load", calendar, "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(nlohmann::json::parse(first.out)["audit_entries"], 4);
  auto again = Docket({"calendar", "load", calendar});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("已载入校历"));
  EXPECT_THAT(again.out, HasSubstr("（配置无变化）"));
  auto en = Docket({"--lang", "en", "calendar", "load", calendar});
  EXPECT_THAT(en.out, HasSubstr("loaded the calendar from " + calendar + " (no configuration change)"));
}

// A table or calendar loaded before any organization changes the configuration but has no
// chain to go into yet: the load says so (and each organization's first load records it).
TEST_F(CliAuditProofTest, ALoadBeforeAnyOrganizationSaysItChangedButRecordedNothingYet) {
  db_ = dir_.File("empty.db");
  ASSERT_EQ(Docket({"init", "--simulation"}).exit_code, 0);  // the tests fix the clock (--now)
  const std::string table = SourcePath("workflows/lists/decision-matters.yaml");
  auto en = Docket({"--lang", "en", "table", "load", table});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_THAT(en.out, HasSubstr("(configuration changed; no organization yet: each one's first load records it)"));
  auto again = Docket({"table", "load", table, "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out)["changed"], false);
  ASSERT_EQ(Docket({"workflow", "load", SourcePath("workflows/semester-report.yaml")}).exit_code, 0);
  auto calendar = Docket({"calendar", "load", SourcePath("workflows/examples/calendar.yaml")});
  ASSERT_EQ(calendar.exit_code, 0) << calendar.err;
  EXPECT_THAT(calendar.out, HasSubstr("（配置已变更；尚无组织，各组织首次载入时将其记入审计记录）"));
  auto orgs = Docket({"org", "load", SourcePath("workflows/examples/org.yaml"), "--json"});
  ASSERT_EQ(orgs.exit_code, 0) << orgs.err;
  const auto j = nlohmann::json::parse(orgs.out);
  EXPECT_EQ(j["changed"], true);
  // each organization: itself, the table, the calendar; and their registration in the
  // installation's chain
  EXPECT_EQ(j["audit_entries"], 4 * 3 + 1);
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

// Configuration loads through the binary: a reload that changes nothing says so and writes
// nothing; a change is one entry, in the export, checked by Docket and by the documented
// Python verifier, both of which find it changed.
TEST_F(CliAuditProofTest, ConfigurationEntriesAreExportedAndVerifiedAndTheirTamperingIsFound) {
  const std::string org_file = SourcePath("workflows/examples/org.yaml");
  auto again = Docket({"--lang", "en", "org", "load", org_file});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("(no configuration change)"));
  auto json = Docket({"org", "load", org_file, "--json"});
  EXPECT_EQ(nlohmann::json::parse(json.out)["audit_entries"], 0);

  const std::string changed = dir_.File("org.yaml");
  std::string text = FileText(org_file);
  text.replace(text.find("members: [li, chen, tang]"), 25, "members: [li, chen]");
  WriteFile(changed, text);
  auto load = Docket({"org", "load", changed});
  EXPECT_THAT(load.out, HasSubstr("（配置变更已记入 1 条审计记录）"));
  WriteFile(changed, text + "\n");  // the same configuration: nothing more to record
  load = Docket({"--lang", "en", "org", "load", changed});
  EXPECT_EQ(load.exit_code, 0) << load.err;
  EXPECT_THAT(load.out, HasSubstr("(no configuration change)"));
  auto table = Docket({"--lang", "en", "table", "load", SourcePath("workflows/lists/decision-matters.yaml")});
  EXPECT_THAT(table.out, HasSubstr("(configuration changes recorded in 4 audit entries)"));
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);

  // school-a: 1 the first load, 2-4 matters, 5 submit, 6-7 refusals, 8 the change, 9 the table.
  ExportTo(export_);
  auto lines = Lines(FileText(export_));
  ASSERT_GE(lines.size(), 10u);
  EXPECT_THAT(lines[8], HasSubstr(R"("changes":{"bodies.office-meeting.members":[["li","chen","tang"],["li","chen"]]})"));
  EXPECT_THAT(lines[8], HasSubstr(R"("reason":"loaded from org.yaml")"));
  EXPECT_THAT(lines[9], HasSubstr(R"("action":"config-table")"));
  EXPECT_EQ(Offline({"audit", "verify", "--file", export_}).exit_code, 0);
  const std::string python = "/usr/bin/python3";
  const std::string script = PythonVerifier();
  ASSERT_FALSE(script.empty());
  auto ok = RunProcess(python, {script, export_});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;

  // The first load's record, changed: zhao added to the office meeting from the start.
  lines[1].replace(lines[1].find(R"(["li","chen","tang"])"), 20, R"(["li","chen","tang","zhao"])");
  WriteFile(export_, Joined(lines));
  auto bad = Offline({"--lang", "en", "audit", "verify", "--file", export_});
  EXPECT_EQ(bad.exit_code, 7);
  EXPECT_THAT(bad.err, HasSubstr("line 2 (entry 1): hash does not match"));
  auto bad_py = RunProcess(python, {script, export_});
  EXPECT_NE(bad_py.exit_code, 0);
  EXPECT_THAT(bad_py.err, HasSubstr("line 2"));
}

}  // namespace
}  // namespace docket::testing
