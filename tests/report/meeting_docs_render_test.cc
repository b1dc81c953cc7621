// A meeting's documents rendered from a record made by hand (engine/report/meeting_docs.h):
// every text from the record escaped in every kind, the stylesheet inline or linked.
#include <gmock/gmock.h>

#include "report/meeting_docs.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kTricky = "<script>alert(\"x\")</script> & 'y'";
constexpr const char* kEscaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;";

MeetingRecord Tricky() {
  MeetingRecord m;
  m.id = 7;
  m.version = 3;
  m.org = "school-a";
  m.org_name = {kTricky, kTricky};
  m.title = kTricky;
  m.body = {kTricky, kTricky};
  m.state = "held";
  m.state_label = {kTricky, kTricky};
  m.scheduled_at = "2026-04-14 17:00";
  m.location = kTricky;
  m.agenda = kTricky;
  m.attendance_taken = true;
  m.held_at = "2026-04-14 17:00";
  const DocPerson p{"p", {kTricky, kTricky}};
  m.members = {p};
  m.present = {};
  m.absent = {DocAbsence{p, kTricky}, DocAbsence{std::nullopt, kTricky}};
  m.attendees = {p};
  m.minutes = kTricky;
  m.signed_by = p;
  m.signed_at = "2026-04-15 09:00";
  m.generated_on = "2026-07-20";
  DocTopic t;
  t.id = 8;
  t.title = kTricky;
  t.category = {kTricky, kTricky};
  t.amount = "1.00";
  t.proposer = p;
  t.state = "adopted";
  t.state_label = {kTricky, kTricky};
  t.recused = {p};
  t.attendance_note = kTricky;
  t.positions = {DocPosition{p, "agree", {kTricky, kTricky}}};
  t.tally = {{Labels{kTricky, kTricky}, 1}};
  t.decision = kTricky;
  m.topics = {t};
  return m;
}

TEST(MeetingDocsRender, EveryTextFromTheRecordIsEscapedInEveryKindAndLanguage) {
  const MeetingRecord m = Tricky();
  for (MeetingDocKind kind : {MeetingDocKind::kNotice, MeetingDocKind::kAgenda, MeetingDocKind::kSignIn, MeetingDocKind::kMinutes}) {
    for (Lang lang : {Lang::kZh, Lang::kEn}) {
      const std::string html = RenderMeetingDoc(m, kind, lang);
      EXPECT_THAT(html, Not(HasSubstr("<script"))) << MeetingDocKindName(kind);
      EXPECT_THAT(html, HasSubstr(kEscaped)) << MeetingDocKindName(kind);
      EXPECT_THAT(html, HasSubstr(lang == Lang::kZh ? "<html lang=\"zh-CN\">" : "<html lang=\"en\">"));
    }
  }
}

TEST(MeetingDocsRender, TheStylesheetIsInlineOrLinked) {
  const MeetingRecord m = Tricky();
  const std::string inline_style = RenderMeetingDoc(m, MeetingDocKind::kNotice, Lang::kZh);
  EXPECT_THAT(inline_style, HasSubstr("<style>\n" + MeetingDocStylesheet() + "</style>"));
  const std::string linked = RenderMeetingDoc(m, MeetingDocKind::kNotice, Lang::kZh, DocStyle{"/documents/print.css"});
  EXPECT_THAT(linked, HasSubstr("<link rel=\"stylesheet\" href=\"/documents/print.css\">"));
  EXPECT_THAT(linked, Not(HasSubstr("<style")));
  EXPECT_THAT(MeetingDocStylesheet(), HasSubstr("@page { size: A4;"));
}

TEST(MeetingDocsRender, KindsByTheirWords) {
  for (const char* word : {"notice", "agenda", "signin", "minutes"}) {
    auto k = ParseMeetingDocKind(word);
    ASSERT_TRUE(k.ok()) << word;
    EXPECT_STREQ(MeetingDocKindName(*k), word);
  }
  auto bad = ParseMeetingDocKind("memo");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalid);
}

}  // namespace
}  // namespace docket::testing
