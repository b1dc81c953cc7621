// Signed checkpoints and the installation key: the key file is private and stable, a
// checkpoint survives its own round trip, and every single-byte change to one is refused.
#include "audit/checkpoint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "audit/chain.h"
#include "support/temp_dir.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

Checkpoint Example() {
  Checkpoint cp;
  cp.org = "school-a";
  cp.seq = 57;
  cp.head_hash = Sha256Hex("head");
  cp.time = "2026-03-10T12:00:00Z";
  cp.definitions = {{"matter", 1, Sha256Hex("m1"), ""}, {"matter", 2, Sha256Hex("m2"), ""},
                    {"task", 1, Sha256Hex("t1"), ""}};
  return cp;
}

TEST(CheckpointKeyTest, MadeOnFirstUsePrivateAndStable) {
  TempDir dir;
  const std::string path = dir.File("docket.db.key");
  EXPECT_EQ(LoadSigningKey(path, /*create=*/false).status().code(), Code::kNotFound);
  auto first = LoadSigningKey(path, /*create=*/true);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = LoadSigningKey(path, /*create=*/true);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->public_hex(), first->public_hex());
  EXPECT_EQ(first->public_hex().size(), 64u);
  auto other = LoadSigningKey(dir.File("other.key"), /*create=*/true);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->public_hex(), first->public_hex());
}

TEST(CheckpointKeyTest, RefusesAKeyOthersMayReadOrThatIsNotAKey) {
  TempDir dir;
  const std::string path = dir.File("k");
  ASSERT_TRUE(LoadSigningKey(path, true).ok());
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto open = LoadSigningKey(path, false);
  EXPECT_EQ(open.status().code(), Code::kInvalid);
  EXPECT_THAT(open.status().message(), HasSubstr("chmod 600"));
  const std::string junk = dir.File("junk");
  std::ofstream(junk) << "not a key\n";
  ASSERT_EQ(::chmod(junk.c_str(), 0600), 0);
  EXPECT_EQ(LoadSigningKey(junk, false).status().code(), Code::kInvalid);
}

TEST(CheckpointKeyTest, ASealedKeyNeedsItsPassphraseToSignButNotToShowItsPublicKey) {
  TempDir dir;
  const std::string path = dir.File("k");
  auto plain = LoadSigningKey(path, /*create=*/true);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(SealKeyFile(path, "short").code(), Code::kInvalid);  // under 8 characters
  ASSERT_TRUE(SealKeyFile(path, "correct horse battery").ok());
  const std::string text = FileText(path);
  EXPECT_EQ(text.rfind("docket-key-v1 " + plain->public_hex() + " argon2id ", 0), 0u) << text;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // The same key, with the passphrase only.
  auto opened = LoadSigningKey(path, false, "correct horse battery");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->public_hex(), plain->public_hex());
  EXPECT_EQ(opened->secret, plain->secret);
  auto none = LoadSigningKey(path, false);
  ASSERT_EQ(none.status().code(), Code::kInvalid);
  EXPECT_THAT(none.status().message(), HasSubstr("--key-passphrase-file"));
  auto wrong = LoadSigningKey(path, false, "incorrect horse battery");
  ASSERT_EQ(wrong.status().code(), Code::kInvalid);
  EXPECT_THAT(wrong.status().message(), HasSubstr("wrong passphrase"));
  auto pub = KeyFilePublic(path);
  ASSERT_TRUE(pub.ok()) << pub.status().ToString();
  EXPECT_EQ(*pub, plain->public_hex());
  EXPECT_EQ(SealKeyFile(path, "correct horse battery").code(), Code::kInvalid);  // sealed already
  // A sealed line changed anywhere is refused, never opened as another key.
  for (std::size_t at : {text.find(" argon2id ") + 2, text.size() - 10, text.size() / 2}) {
    std::string changed = text;
    changed[at] = changed[at] == '0' ? '1' : '0';
    const std::string bad = dir.File("bad");
    std::filesystem::remove(bad);
    std::ofstream(bad) << changed;
    ASSERT_EQ(::chmod(bad.c_str(), 0600), 0);
    EXPECT_EQ(LoadSigningKey(bad, false, "correct horse battery").status().code(), Code::kInvalid) << at;
  }
  // Made sealed from the start when a passphrase is given.
  const std::string fresh = dir.File("fresh");
  auto made = LoadSigningKey(fresh, /*create=*/true, "another passphrase");
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(FileText(fresh).rfind("docket-key-v1 ", 0), 0u);
  EXPECT_EQ(LoadSigningKey(fresh, false).status().code(), Code::kInvalid);
}

TEST(CheckpointKeyTest, PublicKeyFromHexOrFile) {
  TempDir dir;
  auto key = LoadSigningKey(dir.File("k"), true);
  ASSERT_TRUE(key.ok());
  auto hex = ParsePublicKey(key->public_hex());
  ASSERT_TRUE(hex.ok());
  EXPECT_EQ(*hex, key->public_hex());
  std::ofstream(dir.File("pub")) << key->public_hex() << "\n";
  auto from_file = ParsePublicKey(dir.File("pub"));
  ASSERT_TRUE(from_file.ok()) << from_file.status().ToString();
  EXPECT_EQ(*from_file, key->public_hex());
  EXPECT_EQ(ParsePublicKey("abc").status().code(), Code::kInvalid);
}

TEST(CheckpointTest, SignedCheckpointRoundTrips) {
  TempDir dir;
  auto key = LoadSigningKey(dir.File("k"), true);
  ASSERT_TRUE(key.ok());
  Checkpoint cp = Example();
  SignCheckpoint(&cp, *key);
  EXPECT_EQ(cp.public_key, key->public_hex());
  const std::string text = CheckpointText(cp);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.find('\n'), text.size() - 1);
  auto back = ParseCheckpoint(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->seq, 57);
  EXPECT_EQ(back->head_hash, cp.head_hash);
  ASSERT_EQ(back->definitions.size(), 3u);
  EXPECT_EQ(back->definitions[2].workflow, "task");
  EXPECT_TRUE(CheckCheckpointSigner(*back, key->public_hex()).ok());
  // The signed message is the canonical object without the signature.
  EXPECT_EQ(CheckpointMessage(cp).find("signature"), std::string::npos);
  EXPECT_TRUE(VerifySignatureHex(cp.public_key, cp.signature, CheckpointMessage(cp)));
}

TEST(CheckpointTest, EverySingleByteChangeIsRefused) {
  TempDir dir;
  auto key = LoadSigningKey(dir.File("k"), true);
  ASSERT_TRUE(key.ok());
  Checkpoint cp = Example();
  SignCheckpoint(&cp, *key);
  const std::string text = CheckpointText(cp);
  int refused = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    for (unsigned char flip : {0x01, 0x20, 0x80}) {
      std::string bad = text;
      bad[i] = static_cast<char>(bad[i] ^ flip);
      auto r = ParseCheckpoint(bad);
      ASSERT_FALSE(r.ok()) << "byte " << i << " ^ " << int(flip) << " accepted";
      EXPECT_EQ(r.status().code(), Code::kIntegrity);
      ++refused;
    }
  }
  for (std::size_t i = 0; i <= text.size(); ++i) {
    EXPECT_FALSE(ParseCheckpoint(text.substr(0, i) + " " + text.substr(i)).ok()) << "space at " << i;
    if (i < text.size()) {
      EXPECT_FALSE(ParseCheckpoint(text.substr(0, i) + text.substr(i + 1)).ok()) << "cut " << i;
    }
  }
  EXPECT_EQ(refused, static_cast<int>(text.size()) * 3);
}

TEST(CheckpointTest, ForgedOrReSignedCheckpointsAreRefused) {
  TempDir dir;
  auto key = LoadSigningKey(dir.File("k"), true);
  auto forger = LoadSigningKey(dir.File("forger"), true);
  ASSERT_TRUE(key.ok() && forger.ok());
  Checkpoint cp = Example();
  SignCheckpoint(&cp, *key);
  // The fields changed, the old signature kept: the signature does not verify.
  Checkpoint moved = cp;
  moved.seq = 40;
  auto r = ParseCheckpoint(CheckpointText(moved));
  EXPECT_EQ(r.status().code(), Code::kIntegrity);
  EXPECT_THAT(r.status().message(), HasSubstr("signature does not verify"));
  // The same, signed by another key: intact, but not by the trusted signer.
  SignCheckpoint(&moved, *forger);
  auto resigned = ParseCheckpoint(CheckpointText(moved));
  ASSERT_TRUE(resigned.ok());
  Status signer = CheckCheckpointSigner(*resigned, key->public_hex());
  EXPECT_EQ(signer.code(), Code::kIntegrity);
  EXPECT_THAT(signer.message(), HasSubstr("not by the trusted key"));
  // A forger's key with the trusted key's name on it.
  moved.public_key = key->public_hex();
  EXPECT_FALSE(ParseCheckpoint(CheckpointText(moved)).ok());
}

}  // namespace
}  // namespace docket::testing
