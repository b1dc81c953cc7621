// Files attached to items (app/attachments.h; docs/GUIDE.md, "Attachments"), on every store:
// attached, listed and fetched byte for byte; recorded as an "$attach" entry that `audit
// verify` checks against the stored file; refused — with nothing stored and no entry — for a
// person without a role there, a reader of another school, a wrong type, a file too large
// and a bad name; and a changed byte in the SQLite file named by `audit verify`.
#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

#include "app/attachments.h"
#include "app_fixture.h"
#include "audit/attach_entry.h"
#include "audit/chain.h"

namespace docket::testing {
namespace {

// A PDF with a NUL byte in it (a TEXT column would cut it there).
std::string Pdf() { return std::string("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\n") + std::string(1, '\0') + "\nendobj\n%%EOF\n"; }
std::string Png() { return std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16); }

// `person` as a web session signs them in.
Caller SignedIn(const std::string& person) {
  Caller c;
  c.person = person;
  c.via = "session:0123456789abcdef";
  return c;
}

class AttachmentFixture : public AppFixture {
 protected:
  Result<AttachmentLink> Attach(std::int64_t item, const std::string& name, const std::string& bytes,
                                const std::string& actor = "liu") {
    return docket_->Attach({item, name, bytes, actor});
  }
  std::size_t ChainLength(const std::string& org) { return Chain(org).size(); }
};

using AttachmentTest = OnEachStore<AttachmentFixture>;

TEST_P(AttachmentTest, AFileIsAttachedListedAndFetchedByteForByteAndRecordedInTheChain) {
  const std::int64_t id = NewMatter();
  const std::size_t before = ChainLength("school-a");
  auto a = Attach(id, "C:\\scans\\签字页.pdf", Pdf());
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->name, "签字页.pdf");  // the folder is not kept
  EXPECT_EQ(a->type, "application/pdf");
  EXPECT_EQ(a->size, static_cast<std::int64_t>(Pdf().size()));
  EXPECT_EQ(a->hash, Sha256Hex(Pdf()));

  auto chain = Chain("school-a");
  ASSERT_EQ(chain.size(), before + 1);
  const AuditEntry& e = chain.back();
  EXPECT_EQ(e.seq, a->seq);
  EXPECT_EQ(e.action, "$attach");
  EXPECT_EQ(e.actor, "liu");
  EXPECT_EQ(e.role, "clerk");
  EXPECT_EQ(e.item_id, 0);
  auto fact = ReadAttachEntry(e);
  ASSERT_TRUE(fact.ok()) << fact.status().ToString();
  EXPECT_EQ(fact->item, id);
  EXPECT_EQ(fact->hash, a->hash);
  EXPECT_EQ(fact->name, "签字页.pdf");

  auto second = Attach(id, "photo.png", Png(), "wang");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  auto listed = docket_->Attachments(id);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].name, "签字页.pdf");
  EXPECT_EQ((*listed)[1].type, "image/png");
  EXPECT_EQ((*listed)[1].actor, "wang");
  auto fetched = docket_->AttachmentFile(id, a->hash);
  ASSERT_TRUE(fetched.ok()) << fetched.status().ToString();
  EXPECT_EQ(fetched->bytes, Pdf());

  // The item is unchanged: an attachment is not a step of its workflow; its history shows
  // the two files among its own entries, in the chain's order.
  EXPECT_EQ(docket_->GetItem(id)->version, 1);
  auto history = docket_->History(id);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].action, "create");
  EXPECT_EQ((*history)[1].action, "$attach");
  EXPECT_EQ((*history)[1].seq, a->seq);
  EXPECT_EQ((*history)[2].seq, second->seq);
  auto verified = docket_->Verify(std::nullopt);
  EXPECT_TRUE(verified.ok()) << verified.status().ToString();

  // The same bytes on another item are kept once and linked twice.
  const std::int64_t other = NewMatter();
  ASSERT_TRUE(Attach(other, "copy.pdf", Pdf()).ok());
  EXPECT_EQ(docket_->AttachmentFile(other, a->hash)->bytes, Pdf());
  // A file is fetched only through an item that has it.
  EXPECT_EQ(docket_->AttachmentFile(other, second->hash).status().code(), Code::kNotFound);
}

TEST_P(AttachmentTest, RefusalsStoreNothingAndHaveTheirOwnCodesAndWhoMayNotAttachIsRecorded) {
  const std::int64_t id = NewMatter();
  const std::size_t before = ChainLength("school-a");
  struct Case {
    std::string name, bytes, actor;
    Code code;
  };
  const std::vector<Case> cases = {
      {"x.html", "<!DOCTYPE html><script>alert(1)</script>", "liu", Code::kUnsupported},
      {"x.gif", "GIF89a\x01\x00", "liu", Code::kUnsupported},
      {"x.exe", std::string("MZ\x90\0", 4), "liu", Code::kUnsupported},
      {"empty.txt", "", "liu", Code::kInvalid},
      {"bad\nname.txt", "text", "liu", Code::kInvalid},
      {std::string("bad\xFF.txt"), "text", "liu", Code::kInvalid},
      {"../", "text", "liu", Code::kInvalid},
      {"x.pdf", Pdf(), "sun", Code::kForbidden},      // a school-b person: no role at school-a
      {"x.pdf", Pdf(), "nobody", Code::kNotFound},    // no such person
      {"x.pdf", Pdf(), "", Code::kInvalid},           // no one
  };
  for (const Case& c : cases) {
    auto r = Attach(id, c.name, c.bytes, c.actor);
    EXPECT_EQ(r.status().code(), c.code) << c.name << " by '" << c.actor << "': " << r.status().ToString();
  }
  docket_->attachment_policy().max_bytes = 10;
  auto big = Attach(id, "big.txt", "eleven byte");
  EXPECT_EQ(big.status().code(), Code::kTooLarge) << big.status().ToString();
  EXPECT_NE(big.status().message().find("at most 10 bytes"), std::string::npos) << big.status().message();
  EXPECT_EQ(Attach(1234567, "x.txt", "text").status().code(), Code::kNotFound);

  // Only the refusal of who may not attach is recorded, like a refused action: sun's.
  ASSERT_EQ(ChainLength("school-a"), before + 1);
  const AuditEntry refused = Chain("school-a").back();
  EXPECT_EQ(refused.action, "$attach");
  EXPECT_EQ(refused.outcome, "refused");
  EXPECT_EQ(refused.actor, "sun");
  EXPECT_EQ(refused.item_id, id);
  auto verified = docket_->Verify(std::nullopt);
  EXPECT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_TRUE(docket_->Attachments(id)->empty());
  EXPECT_TRUE(store_->ListOrgAttachments("")->empty());

  // Attaching the same file twice to one item is a conflict, with nothing written.
  docket_->attachment_policy().max_bytes = 1 << 20;
  ASSERT_TRUE(Attach(id, "a.txt", "the minutes, signed").ok());
  const std::size_t after_one = ChainLength("school-a");
  EXPECT_EQ(Attach(id, "b.txt", "the minutes, signed").status().code(), Code::kConflict);
  EXPECT_EQ(ChainLength("school-a"), after_one);
  EXPECT_EQ(docket_->Attachments(id)->size(), 1u);
}

TEST_P(AttachmentTest, OnlyReadersOfTheItemListAndFetchIt) {
  const std::int64_t id = NewMatter();
  auto a = Attach(id, "minutes.txt", "signed minutes\n");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  docket_->ActFor(SignedIn("sun"));  // school-b's secretary
  EXPECT_EQ(docket_->Attachments(id).status().code(), Code::kForbidden);
  EXPECT_EQ(docket_->AttachmentFile(id, a->hash).status().code(), Code::kForbidden);
  EXPECT_EQ(docket_->Attach({id, "x.txt", "more", "sun"}).status().code(), Code::kForbidden);
  docket_->ActFor(SignedIn("zhao"));  // the district's supervisor
  auto listed = docket_->Attachments(id);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(listed->size(), 1u);
  // Who holds a role above the school may attach too (an inspection's finding), recorded with it.
  auto by_district = docket_->Attach({id, "finding.txt", "inspected", "zhao"});
  ASSERT_TRUE(by_district.ok()) << by_district.status().ToString();
  EXPECT_EQ(Chain("school-a").back().role, "admin");  // zhao's first role there by name
  docket_->ActFor(std::nullopt);
  EXPECT_TRUE(docket_->Verify(std::nullopt).ok());
}

INSTANTIATE_TEST_SUITE_P(Stores, AttachmentTest, StoreBackends(), BackendName());

// SQLite only: the file is changed behind the program's back.
class AttachmentTamperTest : public AttachmentFixture {};

TEST_F(AttachmentTamperTest, AChangedByteALinkWithoutEntryAndAMissingFileAreNamedByVerify) {
  const std::int64_t id = NewMatter();
  auto a = Attach(id, "签字页.pdf", Pdf());
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(docket_->Verify(std::nullopt).ok());
  {
    SQLite::Database db(dir_.File("app.db"), SQLite::OPEN_READWRITE);
    std::string changed = Pdf();
    changed[10] = 'X';
    SQLite::Statement q(db, "UPDATE attachment_bytes SET bytes=? WHERE hash=?");
    q.bind(1, changed.data(), static_cast<int>(changed.size()));
    q.bind(2, a->hash);
    ASSERT_EQ(q.exec(), 1);
  }
  Open({});
  auto v = docket_->Verify(std::nullopt);
  ASSERT_EQ(v.status().code(), Code::kIntegrity);
  const std::string why = v.status().message();
  EXPECT_NE(why.find("organization 'school-a', item " + std::to_string(id) + ", attached file '签字页.pdf'"), std::string::npos) << why;
  EXPECT_NE(why.find("no longer hash to " + a->hash), std::string::npos) << why;
  {
    SQLite::Database db(dir_.File("app.db"), SQLite::OPEN_READWRITE);
    SQLite::Statement rename(db, "UPDATE attachments SET name='other.pdf'");
    rename.exec();
  }
  Open({});
  v = docket_->Verify(std::nullopt);
  ASSERT_EQ(v.status().code(), Code::kIntegrity);
  EXPECT_NE(v.status().message().find("records '签字页.pdf'"), std::string::npos) << v.status().message();
  {
    SQLite::Database db(dir_.File("app.db"), SQLite::OPEN_READWRITE);
    db.exec("DELETE FROM attachments");
  }
  Open({});
  v = docket_->Verify(std::nullopt);
  ASSERT_EQ(v.status().code(), Code::kIntegrity);
  EXPECT_NE(v.status().message().find("but not stored (removed?)"), std::string::npos) << v.status().message();
}

TEST(AttachmentTypeTest, TheTypeIsFoundInTheBytesNotTheName) {
  EXPECT_EQ(*AttachmentType(Pdf()), "application/pdf");
  EXPECT_EQ(*AttachmentType(Png()), "image/png");
  EXPECT_EQ(*AttachmentType(std::string("\xFF\xD8\xFF\xE0", 4)), "image/jpeg");
  EXPECT_EQ(*AttachmentType(std::string("PK\x03\x04....[Content_Types].xml....word/document.xml")),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(*AttachmentType(std::string("PK\x03\x04....[Content_Types].xml....xl/workbook.xml")),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(*AttachmentType("会议纪要\n第一项"), "text/plain; charset=utf-8");
  auto zip = AttachmentType(std::string("PK\x03\x04 something else"));
  EXPECT_EQ(zip.status().code(), Code::kUnsupported);
  EXPECT_NE(zip.status().message().find("application/zip"), std::string::npos) << zip.status().message();
  EXPECT_EQ(AttachmentType("  <svg onload=x>").status().code(), Code::kUnsupported);
  EXPECT_EQ(AttachmentType(std::string("text\0with nul", 13)).status().code(), Code::kUnsupported);
}

TEST(AttachmentNameTest, FoldersAreDroppedAndBadNamesRefused) {
  EXPECT_EQ(*AttachmentName("/tmp/a/b.pdf"), "b.pdf");
  EXPECT_EQ(*AttachmentName("  会议记录.pdf "), "会议记录.pdf");
  EXPECT_EQ(AttachmentName("a\tb").status().code(), Code::kInvalid);
  EXPECT_EQ(AttachmentName("..").status().code(), Code::kInvalid);
  EXPECT_EQ(AttachmentName("dir/").status().code(), Code::kInvalid);
  EXPECT_EQ(AttachmentName(std::string(256, 'a')).status().code(), Code::kInvalid);
}

}  // namespace
}  // namespace docket::testing
