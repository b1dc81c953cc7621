// The audit chain's hash and canonical form, against known answers (docs/AUDIT.md).
#include "audit/chain.h"

#include <gtest/gtest.h>

namespace docket {
namespace {

// The example entry of docs/AUDIT.md.
AuditEntry ExampleEntry() {
  AuditEntry e;
  e.org = "school-a";
  e.seq = 1;
  e.time = "2026-03-01T09:00:00Z";
  e.actor = "wang.li";
  e.role = "secretary";
  e.action = "create";
  e.outcome = "ok";
  e.item_id = 1;
  e.workflow = "matter";
  e.workflow_version = 1;
  e.from_state = "";
  e.to_state = "draft";
  e.changes = {{"title", Value(), Value("采购教学设备")},
               {"amount", Value(), Value("1200.00")},
               {"attendees", Value(), Value(List{Value("wang.li"), Value("zhao.min")})},
               {"urgent", Value(), Value(true)},
               {"seats", Value(), Value(40)}};
  e.item_version = 1;
  e.reason = "";
  e.prev_hash = kZeroHash;
  return e;
}

TEST(AuditChainTest, Sha256KnownAnswers) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(AuditChainTest, ZeroHashIs64Zeros) { EXPECT_EQ(std::string(kZeroHash), std::string(64, '0')); }

TEST(AuditChainTest, CanonicalJsonMatchesTheDocumentedExample) {
  AuditEntry e = ExampleEntry();
  // Produced independently by Python's json.dumps(sort_keys=True, separators=(',',':'),
  // ensure_ascii=False); see docs/AUDIT.md.
  const std::string expected =
      R"({"action":"create","actor":"wang.li","changes":{"amount":[null,"1200.00"],)"
      R"("attendees":[null,["wang.li","zhao.min"]],"seats":[null,40],)"
      R"("title":[null,"采购教学设备"],"urgent":[null,true]},"from_state":"","item_id":1,)"
      R"("item_version":1,"org":"school-a","outcome":"ok","prev_hash":")" +
      std::string(64, '0') +
      R"(","reason":"","role":"secretary","seq":1,"time":"2026-03-01T09:00:00Z",)"
      R"("to_state":"draft","workflow":"matter","workflow_version":1})";
  EXPECT_EQ(CanonicalJson(e), expected);
  EXPECT_EQ(EntryHash(e), "1d9ae55078c9ca818fea2eafa2b9cd0d0f1da7b6ebeb9770ac04e0fdb049ef90");
}

TEST(AuditChainTest, HashIgnoresTheHashFieldAndCoversEveryOther) {
  AuditEntry e = ExampleEntry();
  const std::string h = EntryHash(e);
  e.hash = "anything";
  EXPECT_EQ(EntryHash(e), h);
  auto differs = [&](auto mutate) {
    AuditEntry m = ExampleEntry();
    mutate(m);
    return EntryHash(m) != h;
  };
  EXPECT_TRUE(differs([](AuditEntry& m) { m.org = "school-b"; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.seq = 2; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.time = "2026-03-01T09:00:01Z"; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.actor = "x"; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.role = "x"; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.action = "x"; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.outcome = "refused"; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.item_id = 2; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.workflow = "x"; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.workflow_version = 2; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.from_state = "x"; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.to_state = "x"; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.changes[0].after = Value("采购"); }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.changes.pop_back(); }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.item_version = 2; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.reason = "x"; }));
  EXPECT_TRUE(differs([](AuditEntry& m) { m.prev_hash = std::string(64, '1'); }));
  // An integer and the same number as text are different content.
  EXPECT_TRUE(differs([](AuditEntry& m) { m.changes[4].after = Value("40"); }));
}

TEST(AuditChainTest, LinkEntryChainsFromTheZeroHash) {
  AuditEntry first = ExampleEntry();
  first.prev_hash.clear();
  LinkEntry(first, 0, "");
  EXPECT_EQ(first.seq, 1);
  EXPECT_EQ(first.prev_hash, kZeroHash);
  EXPECT_EQ(first.hash, EntryHash(first));

  AuditEntry second = ExampleEntry();
  LinkEntry(second, first.seq, first.hash);
  EXPECT_EQ(second.seq, 2);
  EXPECT_EQ(second.prev_hash, first.hash);
  EXPECT_EQ(second.hash, EntryHash(second));
}

}  // namespace
}  // namespace docket
