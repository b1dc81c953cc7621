// Many chains exported, and many files verified, in one call (audit/export_batch.h), and
// what makes that fast: scan connections and large buffers kept between files. A real
// SQLite file and real export files.
#include "audit/export_batch.h"
#include "store/audit_export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>

#include <fstream>

#include "audit/chain.h"
#include "audit/scratch_buffer.h"
#include "store_test_util.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class AuditExportBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrDie(dir_.File("docket.db"));
    const std::string source = "id: matter\nversion: 1\n";
    ASSERT_TRUE(store_->PutDefinition({"matter", 1, Sha256Hex(source), source, "2026-03-01T08:00:00Z"}).ok());
    for (const char* id : {"school-a", "school-b", "school-c"}) {
      Org org;
      org.id = id;
      ASSERT_TRUE(store_->UpsertOrg(org).ok());
      auto item = CreateItem(*store_, id, "matter", "draft", {{"title", Value(std::string("议题 ") + id)}}, "wang", At(1));
      ASSERT_TRUE(item.ok());
      ASSERT_TRUE(Act(*store_, *item, "submit", "submitted", {}, "li", At(2)).ok());
    }
  }

  ExportOptions Options(const std::string& org, const std::string& file) {
    ExportOptions o;
    o.org = org;
    o.path = dir_.File(file);
    o.exported_at = "2026-03-10T12:00:00Z";
    return o;
  }

  // Appends `n` acts to a new item of school-a in one transaction.
  void GrowSchoolA(int n) {
    ASSERT_TRUE(store_->Transact([&]() -> Status {
      auto id = CreateItem(*store_, "school-a", "matter", "draft", {{"n", Value(0)}}, "wang", At(3));
      if (!id.ok()) return id.status();
      for (int k = 1; k <= n; ++k) {
        DOCKET_RETURN_IF_ERROR(Act(*store_, *id, "count", "draft", {{"n", Value(k)}}, "wang", At(3, 10)));
      }
      return Status::Ok();
    }).ok());
  }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(AuditExportBatchTest, EachFileIsWhatExportAuditWritesAndResultsKeepTheirOrder) {
  GrowSchoolA(1500);  // long enough for the scan's own connection
  std::vector<ExportOptions> batch = {Options("school-c", "c.jsonl"), Options("school-a", "a.jsonl"),
                                      Options("school-b", "b.jsonl")};
  auto results = ExportAudits(*store_, batch, 2);
  ASSERT_EQ(results.size(), 3u);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    ASSERT_TRUE(results[i].ok()) << results[i].status().ToString();
    EXPECT_EQ(results[i]->header.org, batch[i].org);
    ExportOptions alone = batch[i];
    alone.path = dir_.File("alone-" + batch[i].org + ".jsonl");
    ASSERT_TRUE(ExportAudit(*store_, alone).ok());
    EXPECT_EQ(FileText(batch[i].path), FileText(alone.path)) << batch[i].org;
  }
  EXPECT_EQ(results[1]->header.entries, 2 + 1 + 1500);
}

TEST_F(AuditExportBatchTest, AFailedExportLeavesTheOthersWritten) {
  std::ofstream(dir_.File("b.jsonl")) << "already here";
  auto results = ExportAudits(*store_, {Options("school-a", "a.jsonl"), Options("school-b", "b.jsonl"),
                                        Options("no-such-school", "x.jsonl"), Options("school-c", "c.jsonl")});
  ASSERT_EQ(results.size(), 4u);
  EXPECT_TRUE(results[0].ok());
  ASSERT_FALSE(results[1].ok());
  EXPECT_EQ(results[1].status().code(), Code::kInvalid);
  EXPECT_EQ(FileText(dir_.File("b.jsonl")), "already here");
  ASSERT_FALSE(results[2].ok());
  EXPECT_EQ(results[2].status().code(), Code::kNotFound);
  EXPECT_TRUE(results[3].ok());
  EXPECT_TRUE(VerifyExportFile(dir_.File("c.jsonl")).ok());
}

TEST_F(AuditExportBatchTest, VerifyExportFilesGivesEachFileItsOwnVerdict) {
  auto exported = ExportAudits(*store_, {Options("school-a", "a.jsonl"), Options("school-b", "b.jsonl")});
  for (const auto& r : exported) ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::string text = FileText(dir_.File("b.jsonl"));
  text.replace(text.find("\"actor\":\"li\""), 12, "\"actor\":\"lu\"");
  std::ofstream(dir_.File("b.jsonl"), std::ios::trunc) << text;
  auto verdicts = VerifyExportFiles({dir_.File("a.jsonl"), dir_.File("b.jsonl"), dir_.File("none.jsonl")}, {}, 3);
  ASSERT_EQ(verdicts.size(), 3u);
  ASSERT_TRUE(verdicts[0].ok()) << verdicts[0].status().ToString();
  EXPECT_EQ(verdicts[0]->header.org, "school-a");
  ASSERT_FALSE(verdicts[1].ok());
  EXPECT_EQ(verdicts[1].status().code(), Code::kIntegrity);
  EXPECT_THAT(verdicts[1].status().message(), HasSubstr("b.jsonl, line 3 (entry 2): hash does not match"));
  ASSERT_FALSE(verdicts[2].ok());
  EXPECT_EQ(verdicts[2].status().code(), Code::kNotFound);
}

// A scan connection kept from an earlier scan sees what was committed since.
TEST_F(AuditExportBatchTest, AKeptScanConnectionSeesLaterCommits) {
  GrowSchoolA(1500);
  auto first = ExportAudit(*store_, Options("school-a", "a1.jsonl"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const std::int64_t opened = store_->ScanConnectionsOpened();
  EXPECT_GE(opened, 1);  // the long scan had a connection of its own
  GrowSchoolA(10);
  auto second = ExportAudit(*store_, Options("school-a", "a2.jsonl"));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->header.entries, first->header.entries + 11);
  EXPECT_EQ(store_->ScanConnectionsOpened(), opened);  // the kept one, not a new one
  auto head = store_->GetAuditHead("school-a");
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(second->header.head_hash, head->hash);
  EXPECT_TRUE(VerifyExportFile(dir_.File("a2.jsonl")).ok());
}

TEST(ScratchBufferTest, ABufferGivenBackIsHandedOutAgainEmptyAndOnlyUpToItsLimits) {
  // Larger than any buffer the other tests of this process leave in the pool, so it is the
  // only kept one that fits a request this large.
  constexpr std::size_t kBig = std::size_t{24} << 20;
  const char* kept = nullptr;
  {
    ScratchBuffer a(kBig);
    a.str().assign(1000, 'x');
    kept = a.str().data();
  }
  {
    ScratchBuffer b(kBig);
    EXPECT_TRUE(b.str().empty());
    EXPECT_GE(b.str().capacity(), kBig);
    EXPECT_EQ(b.str().data(), kept);  // the same memory: no new pages
  }
  {
    // Room to write into: the same memory, and given back and taken again, not zeroed.
    ScratchBuffer b(kBig);
    char* room = b.Bytes(5000);
    EXPECT_EQ(room, kept);
    std::memset(room, 'y', 5000);
  }
  {
    ScratchBuffer b(kBig);
    char* room = b.Bytes(4000);
    EXPECT_EQ(room, kept);
    EXPECT_EQ(room[3999], 'y');
  }
  const char* huge = nullptr;
  {
    ScratchBuffer c(ScratchBuffer::kMaxKeptBytes + 1);
    huge = c.str().data();
  }
  ScratchBuffer d;
  EXPECT_NE(d.str().data(), huge);  // too big to keep
  EXPECT_LE(d.str().capacity(), ScratchBuffer::kMaxKeptBytes);
}

}  // namespace
}  // namespace docket::testing
