// ScanCanonicalEntryLine, the fast path of `audit verify --file`: it must take every line
// the writer writes (doubles and escaped names aside), read what a verifier needs as
// ParseEntryLine does, and
// take nothing that is not canonical — a line it accepts is checked by hashing it as it
// stands, so accepting a non-canonical one would let a reformatted entry through.
#include <gtest/gtest.h>

#include <string>

#include "audit/canonical_json.h"
#include "random_entries.h"

namespace docket {
namespace {

using testing::RandomEntries;

bool HasDouble(const Value& v) {
  if (v.is_list()) {
    for (const Value& x : v.as_list()) {
      if (HasDouble(x)) return true;
    }
    return false;
  }
  return std::holds_alternative<double>(v.storage());
}

bool IntFitsFastPath(const Value& v) {
  if (v.is_list()) {
    for (const Value& x : v.as_list()) {
      if (!IntFitsFastPath(x)) return false;
    }
    return true;
  }
  if (!v.is_int()) return true;
  const std::int64_t i = v.as_int();
  return i > -1000000000000000000 && i < 1000000000000000000;  // at most 18 digits
}

// Whether the fast path should take the writer's line for `e`.
bool FastPathTakes(const AuditEntry& e) {
  for (const FieldChange& c : e.changes) {
    if (HasDouble(c.before) || HasDouble(c.after) || !IntFitsFastPath(c.before) || !IntFitsFastPath(c.after)) {
      return false;
    }
    std::string name;
    AppendJsonString(c.field, &name);
    if (name.find('\\') != std::string::npos) return false;
  }
  return true;
}

TEST(AuditCanonicalScanTest, TakesEveryLineTheWriterWritesAndReadsItAsTheFullReader) {
  RandomEntries gen(424242, /*allow_invalid_utf8=*/false);
  gen.finite_only(true);
  int taken = 0;
  for (int i = 0; i < 20000; ++i) {
    const AuditEntry e = gen.Entry();
    std::string line;
    std::size_t writer_at = 0;
    AppendCanonicalEntry(e, /*with_hash=*/true, &line, &writer_at);
    AuditEntry full;  // the changes as written: sorted, a field named twice once
    ASSERT_TRUE(ParseEntryLine(line, &full).ok());
    AuditEntry fast;
    std::size_t at = 0;
    const bool took = ScanCanonicalEntryLine(line, &fast, &at);
    ASSERT_EQ(took, FastPathTakes(full)) << line;
    if (!took) continue;
    ++taken;
    EXPECT_EQ(at, writer_at);
    for (auto field : {&AuditEntry::org, &AuditEntry::workflow, &AuditEntry::prev_hash, &AuditEntry::hash}) {
      ASSERT_EQ(fast.*field, full.*field) << line;
    }
    for (auto field : {&AuditEntry::seq, &AuditEntry::item_id, &AuditEntry::item_version,
                       &AuditEntry::workflow_version}) {
      ASSERT_EQ(fast.*field, full.*field) << line;
    }
    // What is hashed: the line without its hash member is the canonical text.
    std::string without = line.substr(0, at) + line.substr(at + 74);
    std::string canonical;
    AppendCanonicalEntry(e, /*with_hash=*/false, &canonical);
    ASSERT_EQ(without, canonical);
  }
  EXPECT_GT(taken, 2000);  // random changes often hold a double
}

// Damage the writer never does: escapes it does not write, spaces, reordered or repeated
// keys, a double, an unsorted or repeated change, raw control bytes.
std::string Damage(std::string line, RandomEntries& gen) {
  auto replace_first = [&](const std::string& from, const std::string& to) {
    const std::size_t at = line.find(from);
    if (at != std::string::npos) line.replace(at, from.size(), to);
  };
  switch (gen.Int(0, 11)) {
    case 0: line.insert(gen.Int(0, static_cast<int>(line.size())), " "); break;
    case 1: replace_first("\\n", "\\u000a"); break;
    case 2: replace_first("/", "\\/"); break;
    case 3: replace_first("a", "\\u0061"); break;
    case 4: replace_first("\\u001f", "\\u001F"); break;
    case 5: replace_first("\"role\":", "\"rôle\":"); break;
    case 6: replace_first(",\"item_id\":", ",\"item_id\":0,\"item_id\":"); break;
    case 7: replace_first("\"changes\":{", "\"changes\":{\"zz\":[1.5,2],"); break;
    case 8: replace_first("\"changes\":{", "\"changes\":{\"~\":[1,2],\"a\":[1,2],"); break;
    case 9: replace_first(":[null,", ":[nul\x01l,"); break;
    case 10: replace_first("\\t", "\t"); break;
    default: replace_first("\"seq\":", "\"seq\":-0"); break;
  }
  return line;
}

TEST(AuditCanonicalScanTest, TakesNothingThatIsNotCanonical) {
  RandomEntries gen(99, /*allow_invalid_utf8=*/false);
  gen.finite_only(true);
  int refused = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string line;
    AppendCanonicalEntry(gen.Entry(), /*with_hash=*/true, &line);
    const std::string damaged = Damage(line, gen);
    AuditEntry fast;
    std::size_t at = 0;
    if (!ScanCanonicalEntryLine(damaged, &fast, &at)) {
      ++refused;
      continue;
    }
    // Taken: then it must be exactly the canonical line of what it says.
    AuditEntry full;
    ASSERT_TRUE(ParseEntryLine(damaged, &full).ok()) << damaged;
    std::string again;
    AppendCanonicalEntry(full, /*with_hash=*/true, &again);
    ASSERT_EQ(again, damaged) << "taken though not canonical";
  }
  EXPECT_GT(refused, 5000);
}

}  // namespace
}  // namespace docket
