// Export of an organization's chain and its offline verification: a real SQLite store, a
// real file, and every kind of tampering with the file found and named by line and entry.
#include "store/audit_export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <fstream>
#include <random>
#include <sstream>

#include "audit/canonical_json.h"
#include "audit/chain.h"
#include "audit/export_verify.h"
#include "audit/random_entries.h"
#include "audit/sha256.h"
#include "store_test_util.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

void WriteAll(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  EXPECT_EQ(start, text.size()) << "the export must end with a newline";
  return lines;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

DefinitionRecord Definition(const std::string& workflow, std::int64_t version, const std::string& source) {
  return {workflow, version, Sha256Hex(source), source, "2026-03-01T08:00:00Z"};
}

class AuditExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrDie(dir_.File("docket.db"));
    for (const char* id : {"school-a", "school-b"}) {
      Org org;
      org.id = id;
      ASSERT_TRUE(store_->UpsertOrg(org).ok());
    }
    ASSERT_TRUE(store_->PutDefinition(Definition("matter", 1, "id: matter\nversion: 1\n# 议题\n")).ok());
    ASSERT_TRUE(store_->PutDefinition(Definition("task", 1, "id: task\nversion: 1\n")).ok());
    // school-a: two items, a field cleared, a refusal, Chinese text and escapes.
    auto a = CreateItem(*store_, "school-a", "matter", "draft",
                        {{"title", Value("采购教学设备 \"引号\"\n换行")}, {"amount", Value("1200.00")}}, "wang", At(1));
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE(Act(*store_, *a, "submit", "submitted", {{"amount", Value("1300.00")}}, "li", At(2)).ok());
    ASSERT_TRUE(Refuse(*store_, *a, "approve", "zhao", "未达到法定人数: 3/7", At(3)).ok());
    auto t = CreateItem(*store_, "school-a", "task", "open", {{"seats", Value(40)}, {"share", Value(0.25)}}, "li", At(4));
    ASSERT_TRUE(t.ok());
    ASSERT_TRUE(Act(*store_, *a, "decide", "decided", {{"title", Value()}}, "wang", At(5)).ok());
    ASSERT_TRUE(Act(*store_, *t, "close", "closed", {}, "li", At(6)).ok());
    // school-b has its own chain, which must not leak into school-a's export.
    ASSERT_TRUE(CreateItem(*store_, "school-b", "matter", "draft", {{"title", Value("x")}}, "li", At(1)).ok());
    path_ = dir_.File("school-a.jsonl");
  }

  Result<ExportReport> Export(const std::string& org = "school-a", bool force = false) {
    ExportOptions o;
    o.org = org;
    o.path = path_;
    o.force = force;
    o.exported_at = "2026-03-10T12:00:00Z";
    return ExportAudit(*store_, o);
  }

  // Exports school-a and returns its lines (header, 6 entries, 2 definitions).
  std::vector<std::string> ExportedLines() {
    auto r = Export();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return SplitLines(FileText(path_));
  }

  // Writes `lines` back and verifies; returns the failure message ("" when it passed).
  std::string VerifyLines(const std::vector<std::string>& lines, ExportVerifyOptions opt = {}) {
    WriteAll(path_, JoinLines(lines));
    return VerifyMessage(opt);
  }
  std::string VerifyMessage(ExportVerifyOptions opt = {}) {
    auto r = VerifyExportFile(path_, opt);
    if (r.ok()) return "";
    EXPECT_EQ(r.status().code(), Code::kIntegrity) << r.status().ToString();
    return r.status().message();
  }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
  std::string path_;
};

TEST_F(AuditExportTest, ExportIsHeaderEntriesAndDefinitionsAndVerifies) {
  auto report = Export();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->header.entries, 6);
  auto head = store_->GetAuditHead("school-a");
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(report->header.head_seq, 6);
  EXPECT_EQ(report->header.head_hash, head->hash);
  ASSERT_EQ(report->definitions.size(), 2u);
  EXPECT_EQ(report->definitions[0].workflow, "matter");
  EXPECT_EQ(report->definitions[1].workflow, "task");

  std::vector<std::string> lines = SplitLines(FileText(path_));
  ASSERT_EQ(lines.size(), 1u + 6u + 2u);
  EXPECT_THAT(lines[0], HasSubstr("\"format\":\"docket-audit-export\""));
  EXPECT_THAT(lines[0], HasSubstr("\"exported_at\":\"2026-03-10T12:00:00Z\""));
  // Each entry line is the stored entry, exactly as hashed, plus its hash.
  std::int64_t seq = 0;
  ASSERT_TRUE(store_->ForEachAuditEntry("school-a", [&](const AuditEntry& e) {
    std::string expected;
    AppendCanonicalEntry(e, /*with_hash=*/true, &expected);
    EXPECT_EQ(lines[++seq], expected);
    return Status::Ok();
  }).ok());
  EXPECT_THAT(lines[7], HasSubstr("\"type\":\"definition\""));

  auto verified = VerifyExportFile(path_);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->header.org, "school-a");
  EXPECT_EQ(verified->lines, 9);
}

TEST_F(AuditExportTest, ScanAuditReadsWhatForEachAuditEntryReads) {
  std::vector<std::string> slow, fast;
  ASSERT_TRUE(store_->ForEachAuditEntry("school-a", [&](const AuditEntry& e) {
    std::string s;
    AppendCanonicalEntry(e, true, &s);
    slow.push_back(s);
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->ScanAudit("school-a", 2, 5, [&](const AuditEntry& e) {
    std::string s;
    AppendCanonicalEntry(e, true, &s);
    fast.push_back(s);
    return Status::Ok();
  }).ok());
  ASSERT_EQ(fast.size(), 4u);
  EXPECT_EQ(std::vector<std::string>(slow.begin() + 1, slow.begin() + 5), fast);
  // The defaults of any Store give the same.
  Store& base = *store_;
  auto head = base.Store::GetAuditHead("school-a");
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->seq, 6);
  // The export lines, written straight from the rows and by the default, are those lines.
  for (bool by_default : {false, true}) {
    std::string text;
    std::vector<std::int64_t> seqs;
    auto each = [&](const AuditLineInfo& info) {
      seqs.push_back(info.seq);
      EXPECT_EQ(info.workflow, info.seq == 4 || info.seq == 6 ? "task" : "matter");
      EXPECT_EQ(info.workflow_version, 1);
      return Status::Ok();
    };
    Status st = by_default ? base.Store::ScanAuditLines("school-a", 1, 6, &text, each)
                           : store_->ScanAuditLines("school-a", 1, 6, &text, each);
    ASSERT_TRUE(st.ok()) << st.ToString();
    EXPECT_EQ(text, JoinLines(slow)) << (by_default ? "default" : "sqlite");
    EXPECT_EQ(seqs, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));
  }
}

// The export lines written straight from the rows are what AppendCanonicalEntry writes for
// the entries read back, whatever the texts hold — escapes, controls, Chinese, text that
// is not UTF-8 — and for rows too long for the line buffer (32 KiB).
TEST_F(AuditExportTest, ExportLinesMatchTheWriterOnRandomAndLongRows) {
  RandomEntries gen(20261203, /*allow_invalid_utf8=*/true);
  const int n = 300;
  {
    SQLite::Database db(dir_.File("docket.db"), SQLite::OPEN_READWRITE);
    SQLite::Statement insert(db,
                             "INSERT INTO audit (org, seq, time, actor, role, action, outcome, item_id, workflow, "
                             "workflow_version, from_state, to_state, changes, item_version, reason, prev_hash, "
                             "hash) VALUES ('random', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (int seq = 1; seq <= n; ++seq) {
      AuditEntry e = gen.Entry();
      if (seq == 7) e.reason = std::string(40 << 10, 'x');                            // a long text
      if (seq == 8) e.changes = {{"notes", Value(std::string(40 << 10, 'y')), Value()}};  // long changes
      if (seq == 9) e.actor = std::string(4 << 10, '\x01');   // escaped: six times its length, in the buffer
      if (seq == 10) e.actor = std::string(6 << 10, '\x01');  // the same, too long for it
      // The changes as the store keeps them: canonical text (written, read back and written
      // again, so that names which were not UTF-8 are in the order of what they became).
      std::string changes;
      AppendChangesJson(e.changes, &changes);
      ASSERT_TRUE(ParseChangesText(changes, &e.changes).ok());
      changes.clear();
      AppendChangesJson(e.changes, &changes);
      int col = 1;
      insert.bind(col++, seq);
      for (const std::string* text : {&e.time, &e.actor, &e.role, &e.action, &e.outcome}) insert.bind(col++, *text);
      insert.bind(col++, e.item_id);
      insert.bind(col++, e.workflow);
      insert.bind(col++, e.workflow_version);
      insert.bind(col++, e.from_state);
      insert.bind(col++, e.to_state);
      insert.bind(col++, changes);
      insert.bind(col++, e.item_version);
      for (const std::string* text : {&e.reason, &e.prev_hash, &e.hash}) insert.bind(col++, *text);
      insert.exec();
      insert.reset();
    }
  }
  std::string want;
  ASSERT_TRUE(store_->ScanAudit("random", 1, n, [&](const AuditEntry& e) {
    AppendCanonicalEntry(e, /*with_hash=*/true, &want);
    want.push_back('\n');
    return Status::Ok();
  }).ok());
  std::string got;
  ASSERT_TRUE(store_->ScanAuditLines("random", 1, n, &got, [](const AuditLineInfo&) { return Status::Ok(); }).ok());
  const std::vector<std::string> got_lines = SplitLines(got), want_lines = SplitLines(want);
  ASSERT_EQ(got_lines.size(), static_cast<std::size_t>(n));
  ASSERT_EQ(want_lines.size(), static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k) ASSERT_EQ(got_lines[k], want_lines[k]) << "entry " << k + 1;
  EXPECT_NE(got.find(std::string(40 << 10, 'x')), std::string::npos);
}

// The export carries the stored bytes: a changes text rewritten in the database to the same
// JSON in another form is not put back in canonical form, so verification of the file shows
// it — on the entry it is in.
TEST_F(AuditExportTest, AStoredChangesTextNotInCanonicalFormShowsInTheExport) {
  {
    SQLite::Database db(dir_.File("docket.db"), SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS audit_no_update");
    db.exec("UPDATE audit SET changes = '{ \"amount\": [\"1200.00\", \"1300.00\"] }' "
            "WHERE org='school-a' AND seq=2");
  }
  ASSERT_TRUE(Export().ok());
  EXPECT_EQ(VerifyMessage(), path_ + ", line 3 (entry 2): not in canonical form (docs/AUDIT.md)");
}

TEST_F(AuditExportTest, RefusesToOverwriteUnlessForcedAndNamesBadPaths) {
  ASSERT_TRUE(Export().ok());
  auto again = Export();
  EXPECT_EQ(again.status().code(), Code::kInvalid);
  EXPECT_THAT(again.status().message(), HasSubstr("--force"));
  EXPECT_TRUE(Export("school-a", /*force=*/true).ok());
  EXPECT_EQ(Export("no-such-school").status().code(), Code::kNotFound);
  path_ = dir_.File("missing-folder/x.jsonl");
  auto bad = Export();
  EXPECT_EQ(bad.status().code(), Code::kStorage);
  EXPECT_THAT(bad.status().message(), HasSubstr(path_));
  // Nothing is left behind beside the files.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    files += entry.path().filename().string().find(".tmp-") != std::string::npos;
  }
  EXPECT_EQ(files, 0);
}

TEST_F(AuditExportTest, AStoredChainWithAGapIsNotExported) {
  {
    SQLite::Database db(dir_.File("docket.db"), SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS audit_no_delete");
    db.exec("DELETE FROM audit WHERE org='school-a' AND seq=3");
  }
  auto r = Export();
  EXPECT_EQ(r.status().code(), Code::kIntegrity);
  EXPECT_THAT(r.status().message(), HasSubstr("entry 3"));
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(AuditExportTest, EditedFieldIsNamedByLineAndEntry) {
  auto lines = ExportedLines();
  lines[3].replace(lines[3].find("\"actor\":\"zhao\""), 14, "\"actor\":\"chen\"");
  EXPECT_EQ(VerifyLines(lines), path_ + ", line 4 (entry 3): hash does not match the entry's content (the entry was changed)");
}

TEST_F(AuditExportTest, EditedEntryWithItsHashRecomputedBreaksTheNextLink) {
  auto lines = ExportedLines();
  AuditEntry e;
  ASSERT_TRUE(ParseEntryLine(lines[3], &e).ok());
  e.actor = "chen";
  e.hash = EntryHash(e);
  lines[3].clear();
  AppendCanonicalEntry(e, true, &lines[3]);
  EXPECT_EQ(VerifyLines(lines), path_ + ", line 5 (entry 4): prev_hash is not the hash of entry 3");
}

TEST_F(AuditExportTest, DeletedInsertedAndSwappedLinesAreNamed) {
  auto lines = ExportedLines();
  auto deleted = lines;
  deleted.erase(deleted.begin() + 3);
  EXPECT_THAT(VerifyLines(deleted), HasSubstr("line 4 (entry 3): holds entry 4 (an entry is missing"));
  auto inserted = lines;
  inserted.insert(inserted.begin() + 3, lines[2]);
  EXPECT_THAT(VerifyLines(inserted), HasSubstr("line 4 (entry 3): holds entry 2"));
  auto swapped = lines;
  std::swap(swapped[2], swapped[3]);
  EXPECT_THAT(VerifyLines(swapped), HasSubstr("line 3 (entry 2): holds entry 3"));
  auto foreign = lines;  // an entry of the right number from another chain
  AuditEntry e;
  ASSERT_TRUE(ParseEntryLine(lines[1], &e).ok());
  e.org = "school-b";
  e.hash = EntryHash(e);
  foreign[1].clear();
  AppendCanonicalEntry(e, true, &foreign[1]);
  EXPECT_THAT(VerifyLines(foreign), HasSubstr("line 2 (entry 1): org is 'school-b' but the header says 'school-a'"));
}

TEST_F(AuditExportTest, TruncatedTailIsNamed) {
  auto lines = ExportedLines();
  auto cut = std::vector<std::string>(lines.begin(), lines.begin() + 4);  // header + 3 entries
  EXPECT_EQ(VerifyLines(cut), path_ + ", line 5: the file ends after 3 of the 6 entries the header lists (cut off?)");
  auto no_definitions = std::vector<std::string>(lines.begin(), lines.begin() + 7);
  EXPECT_THAT(VerifyLines(no_definitions), HasSubstr("which no definition line lists"));
  // Cut inside a line: the last line has no newline.
  std::string text = JoinLines(lines);
  WriteAll(path_, text.substr(0, text.size() - 20));
  EXPECT_THAT(VerifyMessage(), HasSubstr("line 9: the file ends inside this line"));
  WriteAll(path_, "");
  EXPECT_EQ(VerifyMessage(), path_ + ", line 1: the file is empty (no header)");
}

TEST_F(AuditExportTest, AlteredHeaderIsNamed) {
  auto lines = ExportedLines();
  auto fewer = lines;
  fewer[0].replace(fewer[0].find("\"entries\":6"), 11, "\"entries\":5");
  fewer[0].replace(fewer[0].find("\"head_seq\":6"), 12, "\"head_seq\":5");
  EXPECT_THAT(VerifyLines(fewer), HasSubstr("line 6 (entry 5): its hash is not the header's head_hash"));
  auto other_head = lines;
  std::size_t at = other_head[0].find("\"head_hash\":\"") + 13;
  other_head[0][at] = other_head[0][at] == 'a' ? 'b' : 'a';
  EXPECT_THAT(VerifyLines(other_head), HasSubstr("line 7 (entry 6): its hash is not the header's head_hash"));
  auto other_org = lines;
  other_org[0].replace(other_org[0].find("\"org\":\"school-a\""), 16, "\"org\":\"school-b\"");
  EXPECT_THAT(VerifyLines(other_org), HasSubstr("line 2 (entry 1): org is 'school-a' but the header says 'school-b'"));
  auto newer = lines;
  newer[0].replace(newer[0].find("\"version\":1"), 11, "\"version\":2");
  EXPECT_THAT(VerifyLines(newer), HasSubstr("line 1: the header: format version 2 is not supported"));
  auto spaced = lines;
  spaced[0].insert(1, " ");
  EXPECT_THAT(VerifyLines(spaced), HasSubstr("line 1: the header: the line is not in canonical form"));
}

TEST_F(AuditExportTest, ChangedDefinitionHashOrSourceIsNamed) {
  auto lines = ExportedLines();
  auto hash = lines;
  std::size_t at = hash[7].find("\"sha256\":\"") + 10;
  hash[7][at] = hash[7][at] == '0' ? '1' : '0';
  EXPECT_EQ(VerifyLines(hash), path_ + ", line 8: definition 'matter' version 1: sha256 is not the SHA-256 of its source");
  auto source = lines;
  source[8].replace(source[8].find("id: task"), 8, "id: tusk");
  EXPECT_THAT(VerifyLines(source), HasSubstr("line 9: definition 'task' version 1: sha256 is not the SHA-256"));
  auto malformed = lines;
  malformed[7].replace(malformed[7].find("\"sha256\":\"") + 10, 64, std::string(64, 'Z'));
  EXPECT_THAT(VerifyLines(malformed), HasSubstr("line 8: definition 'matter' version 1: sha256 is not 64 lower-case hex"));
  auto extra = lines;
  extra.push_back(DefinitionLine({"zzz", 1, Sha256Hex("x"), "x"}));
  EXPECT_THAT(VerifyLines(extra), HasSubstr("line 10: definition 'zzz' version 1 is named by no entry"));
  auto repeated = lines;
  repeated.push_back(lines[8]);
  EXPECT_THAT(VerifyLines(repeated), HasSubstr("line 10: definition 'task' version 1 is repeated or out of order"));
}

TEST_F(AuditExportTest, GarbageBinaryAndReformattedLinesAreNamed) {
  auto lines = ExportedLines();
  auto garbage = lines;
  garbage[3] = std::string("\x00\x01\xff\xfe binary \x7f", 14);
  EXPECT_THAT(VerifyLines(garbage), HasSubstr("line 4 (entry 3): not an audit entry: the line is not valid JSON"));
  auto text = lines;
  text[2] = "hello";
  EXPECT_THAT(VerifyLines(text), HasSubstr("line 3 (entry 2): not an audit entry"));
  auto empty = lines;
  empty[5] = "";
  EXPECT_THAT(VerifyLines(empty), HasSubstr("line 6 (entry 5): not an audit entry"));
  auto spaced = lines;
  spaced[2].insert(spaced[2].find(",\"actor\""), " ");
  EXPECT_EQ(VerifyLines(spaced), path_ + ", line 3 (entry 2): not in canonical form (docs/AUDIT.md)");
  auto crlf = lines;
  crlf[4] += "\r";
  EXPECT_THAT(VerifyLines(crlf), HasSubstr("line 5 (entry 4): not in canonical form"));
  auto extra_entry = lines;
  extra_entry.insert(extra_entry.begin() + 7, lines[6]);
  EXPECT_THAT(VerifyLines(extra_entry), HasSubstr("line 8: an audit entry after entry 6"));
}

TEST_F(AuditExportTest, MissingFileIsNotFound) {
  auto r = VerifyExportFile(dir_.File("nothing.jsonl"));
  EXPECT_EQ(r.status().code(), Code::kNotFound);
}

// A longer chain read in tiny blocks on several threads gives the same verdict, at the
// same line, as one thread reading it whole — for the intact file and for tamperings
// anywhere in it (blocks and thread ranges split the entries at many places).
TEST_F(AuditExportTest, ThreadsAndBlocksFindTheSameFirstProblem) {
  auto id = CreateItem(*store_, "school-a", "matter", "draft", {{"n", Value(0)}}, "wang", At(7));
  ASSERT_TRUE(id.ok());
  for (int k = 1; k <= 400; ++k) {
    ASSERT_TRUE(Act(*store_, *id, "count", "draft", {{"n", Value(k)}}, "wang", At(7, 10)).ok());
  }
  auto lines = ExportedLines();
  ASSERT_EQ(lines.size(), 1u + 407u + 2u);
  ExportVerifyOptions one;
  one.threads = 1;
  ExportVerifyOptions many;
  many.threads = 3;
  many.block_bytes = 1000;
  EXPECT_EQ(VerifyLines(lines, many), "");
  auto want = VerifyExportFile(path_, ExportVerifyOptions{200, 3, 777});
  ASSERT_TRUE(want.ok());
  AuditEntry e200;
  ASSERT_TRUE(ParseEntryLine(lines[200], &e200).ok());
  EXPECT_EQ(want->hash_at_want_seq, e200.hash);

  std::mt19937 rng(42);
  for (int round = 0; round < 60; ++round) {
    auto bad = lines;
    const std::size_t at = 1 + rng() % 407;
    switch (round % 4) {
      case 0: bad[at][20 + rng() % 40] ^= 0x01; break;
      case 1: bad.erase(bad.begin() + at); break;
      case 2: std::swap(bad[at], bad[at + 1]); break;
      case 3: bad.insert(bad.begin() + at, bad[at]); break;
    }
    const std::string single = VerifyLines(bad, one);
    ASSERT_NE(single, "") << "round " << round;
    EXPECT_EQ(VerifyLines(bad, many), single) << "round " << round;
  }
}

}  // namespace
}  // namespace docket::testing
