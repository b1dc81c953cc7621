// The fast canonical writer and reader (audit/canonical_json.h) and the fast SHA-256
// (audit/sha256.h) against their references: nlohmann::json's dump and parse, and
// libsodium, on many random entries — unicode, escapes, invalid UTF-8, odd doubles.
#include "audit/canonical_json.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <random>

#include "audit/chain.h"
#include "audit/export_format.h"
#include "audit/json_value.h"
#include "audit/sha256.h"
#include "random_entries.h"

namespace docket {
namespace {

using testing::RandomEntries;

TEST(AuditJsonTest, WriterMatchesNlohmannOnRandomEntries) {
  RandomEntries gen(20261123, /*allow_invalid_utf8=*/true);
  for (int i = 0; i < 20000; ++i) {
    AuditEntry e = gen.Entry();
    ASSERT_EQ(CanonicalJson(e), DumpJson(CanonicalObject(e))) << "entry " << i;
  }
}

TEST(AuditJsonTest, WriterMatchesNlohmannOnEveryEscapeAndSingleCodePoints) {
  for (int c = 0; c < 0x80; ++c) {
    std::string s(1, static_cast<char>(c));
    std::string fast;
    AppendJsonString(s, &fast);
    EXPECT_EQ(fast, DumpJson(nlohmann::json(s))) << "byte " << c;
  }
  for (const char* s : {"\u00e9", "\u2028", "\U0001F600", "\xef\xbf\xbf", "\xed\x9f\xbf", "\xee\x80\x80",
                        "ab\xff" "cd", "\xe6\x9d", "x\xc3", "\xf0\x9f\x98", "\xc0\xaf"}) {
    std::string fast;
    AppendJsonString(s, &fast);
    EXPECT_EQ(fast, DumpJson(nlohmann::json(std::string(s)))) << s;
  }
}

// A byte that needs care at every place of texts of 1 to 40 bytes: the writer and the reader
// look at sixteen bytes at a time, then at the last ones in a padded block.
TEST(AuditJsonTest, ASpecialByteAtEveryPlaceIsWrittenAndReadAsNlohmannDoes) {
  for (std::size_t n = 1; n <= 40; ++n) {
    for (std::size_t at = 0; at < n; ++at) {
      for (const char* special : {"\"", "\\", "\n", "\x1f", "\x7f", "\xc3\xa9", "\xff"}) {
        std::string s(n, 'a');
        s.replace(at, 1, special);
        std::string fast;
        AppendJsonString(s, &fast);
        ASSERT_EQ(fast, DumpJson(nlohmann::json(s))) << n << " bytes, at " << at;
        if (std::strcmp(special, "\xff") == 0) continue;  // written as U+FFFD: reads back as that
        const std::vector<FieldChange> changes{{s, Value(), Value(s)}};
        std::string text;
        AppendChangesJson(changes, &text);
        std::vector<FieldChange> read;
        ASSERT_TRUE(ParseChangesText(text, &read).ok()) << text;
        ASSERT_EQ(read.size(), 1u);
        EXPECT_EQ(read[0].field, s) << n << " bytes, at " << at;
        EXPECT_TRUE(read[0].after == Value(s)) << n << " bytes, at " << at;
      }
    }
  }
}

TEST(AuditJsonTest, EntryLinesReadBackToTheSameEntry) {
  RandomEntries gen(7, /*allow_invalid_utf8=*/false);
  gen.finite_only(true);
  for (int i = 0; i < 20000; ++i) {
    AuditEntry e = gen.Entry();
    std::string line;
    AppendCanonicalEntry(e, /*with_hash=*/true, &line);
    AuditEntry back;
    Status st = ParseEntryLine(line, &back);
    ASSERT_TRUE(st.ok()) << st.ToString() << "\n" << line;
    std::string again;
    AppendCanonicalEntry(back, /*with_hash=*/true, &again);
    ASSERT_EQ(again, line);
    EXPECT_EQ(back.hash, e.hash);
    EXPECT_EQ(EntryHash(back), EntryHash(e));
  }
}

TEST(AuditJsonTest, ChangesReaderAgreesWithNlohmannOnValidAndBrokenText) {
  RandomEntries gen(11, /*allow_invalid_utf8=*/false);
  gen.finite_only(true);
  int fast_shapes = 0;
  for (int i = 0; i < 20000; ++i) {
    AuditEntry e = gen.Entry();
    std::string text;
    AppendChangesJson(e.changes, &text);
    // Damage some: spaces, a cut, a flipped byte, escapes the writer never writes.
    switch (gen.Int(0, 6)) {
      case 0: text.insert(gen.Int(0, static_cast<int>(text.size())), " "); break;
      case 1: text.resize(gen.Int(0, static_cast<int>(text.size()))); break;
      case 2: if (!text.empty()) text[gen.Int(0, static_cast<int>(text.size()) - 1)] ^= 0x20; break;
      case 3: text = R"({"a\u00e9\ud83d\ude00":[null,"\u4e2d\/"],"b":[-0,1E2]})"; break;
      default: ++fast_shapes; break;
    }
    std::vector<FieldChange> fast;
    Status fast_st = ParseChangesText(text, &fast);
    Result<nlohmann::json> j = ParseJson(text, "changes");
    Result<std::vector<FieldChange>> ref = j.ok() ? ChangesFromJson(*j) : Result<std::vector<FieldChange>>(j.status());
    ASSERT_EQ(fast_st.ok(), ref.ok()) << text;
    if (!ref.ok()) {
      EXPECT_EQ(fast_st.message(), ref.status().message());
      continue;
    }
    ASSERT_EQ(fast.size(), ref->size()) << text;
    for (std::size_t k = 0; k < fast.size(); ++k) {
      EXPECT_EQ(fast[k].field, (*ref)[k].field) << text;
      EXPECT_TRUE(fast[k].before == (*ref)[k].before) << text;
      EXPECT_TRUE(fast[k].after == (*ref)[k].after) << text;
    }
  }
  EXPECT_GT(fast_shapes, 5000);
}

TEST(AuditJsonTest, EntryLineErrorsNameTheKey) {
  AuditEntry e;
  std::string line;
  AppendCanonicalEntry(e, /*with_hash=*/true, &line);
  AuditEntry out;
  EXPECT_TRUE(ParseEntryLine(line, &out).ok());
  std::string bad = line;
  bad.replace(bad.find("\"seq\":0"), 7, "\"seq\":\"0\"");
  EXPECT_EQ(ParseEntryLine(bad, &out).message(), "key 'seq' is not a 64-bit integer");
  bad = line;
  bad.replace(bad.find("\"role\":\"\","), 10, "");
  EXPECT_EQ(ParseEntryLine(bad, &out).message(), "key 'role' is missing");
  bad = line;
  bad.insert(1, "\"extra\":1,");
  EXPECT_EQ(ParseEntryLine(bad, &out).message(), "unknown key 'extra'");
  EXPECT_FALSE(ParseEntryLine("\x01\x02garbage", &out).ok());
}

TEST(AuditJsonTest, DefinitionLinesAreTheReferenceDumpAndScanBack) {
  RandomEntries gen(99, /*allow_invalid_utf8=*/false);
  for (int i = 0; i < 500; ++i) {
    const ExportDefinition d{gen.Text(), gen.Int(0, 1 << 30), gen.Text(), gen.Text() + "\n" + gen.Text()};
    const std::string line = DefinitionLine(d);
    const nlohmann::json j = {{"type", "definition"}, {"workflow", d.workflow}, {"version", d.version},
                              {"sha256", d.sha256},   {"source", d.source}};
    ASSERT_EQ(line, DumpJson(j));
    std::string sha256, source, workflow;
    std::int64_t version = -1;
    ASSERT_TRUE(ScanCanonicalDefinitionLine(line, &sha256, &source, &version, &workflow)) << line;
    EXPECT_EQ(sha256, d.sha256);
    EXPECT_EQ(source, d.source);
    EXPECT_EQ(version, d.version);
    EXPECT_EQ(workflow, d.workflow);
  }
  std::string a, b, c;
  std::int64_t v = 0;
  const std::string good = R"({"sha256":"x","source":"y","type":"definition","version":1,"workflow":"w"})";
  EXPECT_TRUE(ScanCanonicalDefinitionLine(good, &a, &b, &v, &c));
  for (const char* bad : {R"({"source":"y","sha256":"x","type":"definition","version":1,"workflow":"w"})",
                          R"({"sha256":"x","source":"y","type":"definition","version":01,"workflow":"w"})",
                          R"({"sha256":"x", "source":"y","type":"definition","version":1,"workflow":"w"})",
                          R"({"sha256":"x","source":"y","type":"header","version":1,"workflow":"w"})",
                          R"({"sha256":"x","source":"\u0079","type":"definition","version":1,"workflow":"w"})",
                          R"({"sha256":"x","source":"y","type":"definition","version":1,"workflow":"w"}x)"}) {
    EXPECT_FALSE(ScanCanonicalDefinitionLine(bad, &a, &b, &v, &c)) << bad;
  }
}

TEST(AuditJsonTest, FastSha256MatchesLibsodium) {
  std::mt19937 rng(5);
  for (std::size_t n = 0; n < 1500; ++n) {
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    ASSERT_EQ(Sha256(s), Sha256Portable(s)) << "length " << n;
  }
  EXPECT_EQ(HexDigest(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // In two pieces, split anywhere (across blocks and inside them), as in one.
  for (std::size_t n : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 119u, 120u, 128u, 200u, 424u}) {
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    for (std::size_t cut = 0; cut <= n; ++cut) {
      ASSERT_EQ(Sha256(std::string_view(s).substr(0, cut), std::string_view(s).substr(cut)), Sha256Portable(s))
          << "length " << n << ", cut at " << cut;
    }
  }

  // Two messages at once, of every pair of lengths around the block and padding edges, each
  // in two pieces cut somewhere, as each alone.
  const std::vector<std::size_t> lengths = {0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 300, 451, 1000};
  for (std::size_t nx : lengths) {
    for (std::size_t ny : lengths) {
      std::string x(nx, '\0'), y(ny, '\0');
      for (char& c : x) c = static_cast<char>(rng());
      for (char& c : y) c = static_cast<char>(rng());
      const std::size_t cx = rng() % (nx + 1), cy = rng() % (ny + 1);
      const std::string_view vx(x), vy(y);
      Sha256Digest dx{}, dy{};
      Sha256Two({vx.substr(0, cx), vx.substr(cx)}, {vy.substr(0, cy), vy.substr(cy)}, &dx, &dy);
      ASSERT_EQ(dx, Sha256Portable(x)) << "lengths " << nx << " and " << ny << ", first cut at " << cx;
      ASSERT_EQ(dy, Sha256Portable(y)) << "lengths " << nx << " and " << ny << ", second cut at " << cy;
    }
  }

  Sha256Digest back;
  const Sha256Digest abc = Sha256("abc");
  ASSERT_TRUE(ParseHexDigest(HexDigest(abc), &back));
  EXPECT_EQ(back, abc);
  std::string upper = HexDigest(abc);
  upper[0] = 'B';
  EXPECT_FALSE(ParseHexDigest(upper, &back));
  EXPECT_FALSE(ParseHexDigest(HexDigest(abc).substr(1), &back));
  EXPECT_FALSE(ParseHexDigest(std::string(64, 'g'), &back));
  EXPECT_TRUE(IsHexOf(abc, HexDigest(abc)));
  EXPECT_FALSE(IsHexOf(abc, upper));
  EXPECT_FALSE(IsHexOf(abc, HexDigest(abc).substr(1)));
  EXPECT_FALSE(IsHexOf(Sha256("abd"), HexDigest(abc)));
  RecordProperty("sha_instructions", Sha256UsesCpuInstructions() ? "yes" : "no");
}

}  // namespace
}  // namespace docket
