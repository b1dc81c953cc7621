// {set: F, value: {sha256_of: G}}: the core asks the digest it is given (ItemFacts::digest,
// core/digest.h) for the hash of text field G as the transition leaves it, and knows no hash
// function of its own. A fake digest shows which text it was asked to hash.
#include <gtest/gtest.h>

#include <string>

#include "core/digest.h"
#include "core/transition.h"
#include "test_workflow.h"

namespace docket {
namespace {

using test::Person;
using test::PurchaseItem;

const TimePoint kNow = *ParseTime("2026-03-01T09:00:00Z");

// "digest(TEXT)" for TEXT: the test reads back what was hashed.
class FakeDigest final : public TextDigest {
 public:
  std::string Sha256Hex(std::string_view text) const override { return "digest(" + std::string(text) + ")"; }
};

// The purchase workflow whose comment on a review also records the digest of the note.
Definition WithNoteDigest() {
  Definition d = test::PurchaseWorkflow();
  d.fields.push_back(test::Field("note_sha256", FieldType::kText));
  for (TransitionDef& t : d.transitions) {
    if (t.name != "comment" || t.to != "review") continue;
    Effect e = test::SetComputed("note_sha256", Effect::Computed::kSha256Of);
    e.of = "note";
    t.effects.push_back(e);
  }
  return d;
}

class DigestEffectTest : public testing::Test {
 protected:
  Result<Outcome> Comment(const Item& item, FieldMap submitted, const TextDigest* digest) {
    ItemFacts facts;
    facts.digest = digest;
    return Apply(def_, item, Request{"comment", Person("carol", {"clerk"}), std::move(submitted), kNow}, facts);
  }

  const Definition def_ = WithNoteDigest();
  const FakeDigest digest_;
};

TEST_F(DigestEffectTest, HashesTheFieldAsTheActionLeavesIt) {
  Item item = PurchaseItem("review");
  item.fields["note"] = Value("old text");
  auto out = Comment(item, {{"note", Value("new text")}}, &digest_);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->item.fields.at("note_sha256"), Value("digest(new text)"));
  // The hash is one of the entry's changes, so the chain carries it.
  bool recorded = false;
  for (const FieldChange& c : out->record.changes) recorded = recorded || (c.field == "note_sha256" && c.after == Value("digest(new text)"));
  EXPECT_TRUE(recorded);
  // Unchanged by the action: the text already there is hashed.
  auto kept = Comment(item, {}, &digest_);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->item.fields.at("note_sha256"), Value("digest(old text)"));
}

TEST_F(DigestEffectTest, AFieldWithoutValueLeavesNoHash) {
  Item item = PurchaseItem("review");
  item.fields["note_sha256"] = Value("digest(stale)");
  auto out = Comment(item, {}, &digest_);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->item.fields.count("note_sha256"), 0u);
}

TEST_F(DigestEffectTest, WithoutADigestTheActionIsNotDecided) {
  Item item = PurchaseItem("review");
  auto out = Comment(item, {{"note", Value("text")}}, nullptr);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Code::kInternal);
  EXPECT_NE(out.status().msg().English().find("sha256_of: note"), std::string::npos) << out.status().ToString();
}

}  // namespace
}  // namespace docket
