// The supervisor's side of checkpoints (app/proofs.h, docs/AUDIT.md "Pinned keys"): a
// school's checkpoint is accepted only under the key pinned for the school, never going
// back, never another hash at an entry received before (that refusal is recorded in the
// school's chain); the pins and the checkpoints received live in the installation's chain
// and `audit verify` checks them.
#include <SQLiteCpp/SQLiteCpp.h>

#include <gmock/gmock.h>

#include "app_fixture.h"
#include "audit/checkpoint.h"
#include "audit/config_entries.h"
#include "audit/sha256.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;

class PinsFixture : public AppFixture {
 protected:
  // A checkpoint of `org`'s chain now, signed with the key file `key` (made when absent).
  std::string CheckpointNow(const std::string& org, const std::string& key) {
    auto cp = docket_->MakeCheckpoint(org, key);
    EXPECT_TRUE(cp.ok()) << cp.status().ToString();
    return cp.ok() ? CheckpointFileText(*cp) : "";
  }
  std::string PublicHex(const std::string& key) {
    auto hex = KeyFilePublicHex(key, /*create=*/true);
    EXPECT_TRUE(hex.ok()) << hex.status().ToString();
    return hex.ok() ? *hex : "";
  }
  void Pin(const std::string& org, const std::string& key) {
    auto pinned = docket_->PinKey(org, PublicHex(key));
    ASSERT_TRUE(pinned.ok()) << pinned.status().ToString();
  }
  // One more entry in school-a's chain.
  void Grow() {
    clock_.Advance(std::chrono::minutes(1));
    ASSERT_GT(NewMatter(), 0);
  }
  void ExpectVerifies() {
    auto v = docket_->Verify(std::nullopt);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
  }

  TempDir keys_;
  const std::string school_key_ = keys_.File("school-a.key");
  const std::string other_key_ = keys_.File("other.key");
};
using PinsTest = OnEachStore<PinsFixture>;

TEST_P(PinsTest, ACheckpointIsTakenOnlyUnderTheKeyPinnedForItsSchool) {
  const std::string text = CheckpointNow("school-a", school_key_);
  auto unpinned = docket_->ReceiveCheckpoint(text, "test");
  ASSERT_EQ(unpinned.status().code(), Code::kForbidden);
  EXPECT_THAT(unpinned.status().msg().English(), HasSubstr("no key is pinned for organization 'school-a'"));

  Pin("school-a", other_key_);
  auto wrong = docket_->ReceiveCheckpoint(text, "test");
  ASSERT_EQ(wrong.status().code(), Code::kForbidden);
  EXPECT_THAT(wrong.status().msg().English(), HasSubstr("school-a"));

  clock_.Advance(std::chrono::minutes(1));
  auto repinned = docket_->PinKey("school-a", PublicHex(school_key_));
  ASSERT_TRUE(repinned.ok()) << repinned.status().ToString();
  EXPECT_TRUE(repinned->changed);
  EXPECT_EQ(repinned->before, PublicHex(other_key_));
  auto taken = docket_->ReceiveCheckpoint(text, "test");
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_TRUE(taken->accepted_now);
  ASSERT_TRUE(taken->last);
  EXPECT_EQ(taken->last_hash, Sha256Hex(text));

  // The same again changes nothing; pinning the same key again neither.
  const auto installation = Chain(kInstallationChain).size();
  auto again = docket_->ReceiveCheckpoint(text, "test");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->accepted_now);
  auto same = docket_->PinKey("school-a", PublicHex(school_key_));
  ASSERT_TRUE(same.ok());
  EXPECT_FALSE(same->changed);
  EXPECT_EQ(Chain(kInstallationChain).size(), installation);

  // The installation's chain holds the pins and the checkpoint, by hash.
  const auto chain = Chain(kInstallationChain);
  const AuditEntry& last = chain.back();
  EXPECT_EQ(last.action, kConfigCheckpointAction);
  ASSERT_EQ(last.changes.size(), 1u);
  EXPECT_EQ(last.changes[0].field, "checkpoints.school-a");
  EXPECT_EQ(last.changes[0].after, Value(Sha256Hex(text)));

  auto pins = docket_->Pins();
  ASSERT_TRUE(pins.ok()) << pins.status().ToString();
  ASSERT_EQ(pins->size(), 1u);
  EXPECT_EQ((*pins)[0].org, "school-a");
  EXPECT_EQ((*pins)[0].public_key, PublicHex(school_key_));
  ASSERT_TRUE((*pins)[0].last);
  EXPECT_EQ((*pins)[0].last->seq, taken->last->seq);
  ExpectVerifies();
}

TEST_P(PinsTest, ACheckpointThatGoesBackOrSignsAnotherHashIsAConflictAndTheRewriteIsRecorded) {
  Pin("school-a", school_key_);
  const std::string first = CheckpointNow("school-a", school_key_);
  ASSERT_TRUE(docket_->ReceiveCheckpoint(first, "test").ok());
  Grow();
  const std::string second = CheckpointNow("school-a", school_key_);
  auto later = docket_->ReceiveCheckpoint(second, "test");
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  ASSERT_TRUE(later->accepted_now);

  auto back = docket_->ReceiveCheckpoint(first, "test");
  ASSERT_EQ(back.status().code(), Code::kConflict);
  EXPECT_THAT(back.status().msg().English(), HasSubstr("a chain only grows"));

  // The same entry signed with another head, by the school's own key: a rewritten history.
  auto cp = ParseCheckpoint(second);
  ASSERT_TRUE(cp.ok());
  Checkpoint forged = *cp;
  forged.head_hash = std::string(64, 'a');
  auto key = LoadSigningKey(school_key_, /*create=*/false);
  ASSERT_TRUE(key.ok());
  SignCheckpoint(&forged, *key);
  const auto school_before = Chain("school-a").size();
  clock_.Advance(std::chrono::minutes(1));
  auto rewritten = docket_->ReceiveCheckpoint(CheckpointText(forged), "test");
  ASSERT_EQ(rewritten.status().code(), Code::kConflict);
  EXPECT_THAT(rewritten.status().msg().English(), HasSubstr("was rewritten"));
  const auto school = Chain("school-a");
  ASSERT_EQ(school.size(), school_before + 1);
  EXPECT_EQ(school.back().action, "$checkpoint");
  EXPECT_EQ(school.back().outcome, "refused");
  EXPECT_THAT(school.back().reason, HasSubstr(Sha256Hex(CheckpointText(forged))));

  // What was accepted stays the later one.
  auto pins = docket_->Pins();
  ASSERT_TRUE(pins.ok());
  ASSERT_EQ(pins->size(), 1u);
  EXPECT_EQ((*pins)[0].last_hash, Sha256Hex(second));
  ExpectVerifies();
}

TEST_P(PinsTest, BadKeysCheckpointsAndOrganizationsAreRefusedAndChangeNothing) {
  const auto installation = Chain(kInstallationChain).size();
  EXPECT_EQ(docket_->PinKey("school-a", "not-a-key").status().code(), Code::kInvalid);
  EXPECT_EQ(docket_->PinKey("school-z", PublicHex(school_key_)).status().code(), Code::kNotFound);
  auto garbage = docket_->ReceiveCheckpoint("{\"format\": \"nothing\"}\n", "test");
  ASSERT_EQ(garbage.status().code(), Code::kInvalid);
  EXPECT_THAT(garbage.status().msg().English(), HasSubstr("not a signed checkpoint"));

  // Signed, but of an organization this installation does not know.
  auto cp = ParseCheckpoint(CheckpointNow("school-a", school_key_));
  ASSERT_TRUE(cp.ok());
  Checkpoint elsewhere = *cp;
  elsewhere.org = "school-z";
  auto key = LoadSigningKey(school_key_, /*create=*/false);
  ASSERT_TRUE(key.ok());
  SignCheckpoint(&elsewhere, *key);
  EXPECT_EQ(docket_->ReceiveCheckpoint(CheckpointText(elsewhere), "test").status().code(), Code::kNotFound);
  // A signature that does not verify.
  Checkpoint broken = *cp;
  broken.seq += 1;
  EXPECT_EQ(docket_->ReceiveCheckpoint(CheckpointText(broken), "test").status().code(), Code::kInvalid);
  EXPECT_EQ(Chain(kInstallationChain).size(), installation);
  auto pins = docket_->Pins();
  ASSERT_TRUE(pins.ok());
  EXPECT_TRUE(pins->empty());
}

INSTANTIATE_TEST_SUITE_P(Stores, PinsTest, StoreBackends(), BackendName());

// A received checkpoint removed from the database, or a pin changed outside the chain, is
// found by `audit verify`.
class PinsSqliteTest : public PinsFixture {};

TEST_F(PinsSqliteTest, AReceivedCheckpointMissingFromTheDatabaseFailsVerification) {
  Pin("school-a", school_key_);
  const std::string text = CheckpointNow("school-a", school_key_);
  ASSERT_TRUE(docket_->ReceiveCheckpoint(text, "test").ok());
  ExpectVerifies();
  {
    SQLite::Database db(dir_.File("app.db"), SQLite::OPEN_READWRITE);
    SQLite::Statement del(db, "DELETE FROM documents WHERE hash = ?");
    del.bind(1, Sha256Hex(text));
    ASSERT_EQ(del.exec(), 1);
  }
  Open({});
  auto v = docket_->Verify(std::nullopt);
  ASSERT_EQ(v.status().code(), Code::kIntegrity);
  EXPECT_THAT(v.status().msg().English(), HasSubstr("is missing from the database"));
}

}  // namespace
}  // namespace docket::testing
