// The entry's one field table (audit/entry.h) and what is derived from it: the declaration
// order, the SQL column list, the canonical key order, and the writers that spell the keys
// out by hand, which must write the table's keys in its order.
#include "audit/entry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "audit/canonical_json.h"
#include "audit/chain.h"

namespace docket::testing {
namespace {

std::vector<std::string> DeclarationOrder() {
  AuditEntry e;
  std::vector<std::string> names;
  ForEachAuditField(e, [&](std::string_view name, auto&) { names.emplace_back(name); });
  return names;
}

std::vector<std::string> KeyOrder(bool with_hash) {
  std::vector<std::string> names;
  for (const AuditFieldKey& k : kAuditKeys) {
    if (with_hash || k.name != "hash") names.emplace_back(k.name);
  }
  return names;
}

AuditEntry Sample() {
  AuditEntry e;
  e.org = "school-a";
  e.seq = 7;
  e.time = "2026-03-01T09:00:00Z";
  e.actor = "wang";
  e.role = "secretary";
  e.action = "submit";
  e.outcome = "ok";
  e.item_id = 3;
  e.workflow = "matter";
  e.workflow_version = 2;
  e.from_state = "draft";
  e.to_state = "submitted";
  e.changes = {{"title", Value(), Value("x")}};
  e.item_version = 4;
  e.prev_hash = std::string(64, 'a');
  e.hash = std::string(64, 'b');
  return e;
}

// The keys of a JSON object text in the order they appear.
std::vector<std::string> KeysAsWritten(const std::string& text) {
  std::vector<std::string> keys;
  const nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(text);
  for (const auto& [k, v] : parsed.items()) keys.push_back(k);
  return keys;
}

TEST(AuditEntryTableTest, SeventeenFieldsInTheColumnOrder) {
  const std::vector<std::string> names = DeclarationOrder();
  ASSERT_EQ(names.size(), kAuditFieldCount);
  EXPECT_EQ(names.size(), 17u);
  std::string columns;
  for (const std::string& n : names) columns += (columns.empty() ? "" : ", ") + n;
  EXPECT_EQ(columns, kAuditColumns);
}

TEST(AuditEntryTableTest, KeysAreTheFieldsInByteOrder) {
  std::vector<std::string> sorted = DeclarationOrder();
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(KeyOrder(true), sorted);
  for (std::size_t i = 0; i < kAuditKeys.size(); ++i) EXPECT_EQ(AuditKeyIndex(kAuditKeys[i].name), i);
  EXPECT_EQ(AuditKeyIndex("nope"), kAuditFieldCount);
}

TEST(AuditEntryTableTest, KeysPointAtTheirMembers) {
  const AuditEntry e = Sample();
  const nlohmann::json reference = CanonicalObject(e);
  for (const AuditFieldKey& k : kAuditKeys) {
    SCOPED_TRACE(std::string(k.name));
    if (k.text != nullptr) {
      EXPECT_EQ(k.name == "hash" ? nlohmann::json(e.hash) : reference.at(std::string(k.name)), e.*k.text);
    } else if (k.number != nullptr) {
      EXPECT_EQ(reference.at(std::string(k.name)), e.*k.number);
    } else {
      EXPECT_EQ(k.name, "changes");
    }
  }
}

TEST(AuditEntryTableTest, HandWrittenWritersFollowTheTable) {
  const AuditEntry e = Sample();
  std::string with_hash;
  AppendCanonicalEntry(e, /*with_hash=*/true, &with_hash);
  EXPECT_EQ(KeysAsWritten(with_hash), KeyOrder(true));
  EXPECT_EQ(KeysAsWritten(CanonicalJson(e)), KeyOrder(false));
  // The reference object has the same keys (nlohmann keeps them in byte order).
  std::vector<std::string> reference;
  const nlohmann::json object = CanonicalObject(e);
  for (const auto& [k, v] : object.items()) reference.push_back(k);
  EXPECT_EQ(reference, KeyOrder(false));
  // The scanner reads back what the writer wrote.
  AuditEntry scanned;
  std::size_t hash_at = 0;
  ASSERT_TRUE(ScanCanonicalEntryLine(with_hash, &scanned, &hash_at));
  EXPECT_EQ(scanned.hash, e.hash);
  EXPECT_EQ(scanned.seq, e.seq);
  EXPECT_EQ(scanned.workflow_version, e.workflow_version);
  EXPECT_EQ(with_hash.substr(0, hash_at) + with_hash.substr(hash_at + 74), CanonicalJson(e));
}

}  // namespace
}  // namespace docket::testing
