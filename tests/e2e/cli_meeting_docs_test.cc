// `docket meeting doc` with the real binary on the example district (`docket demo`): the four
// documents of the second Party meeting (#12: attendance with an absentee, two topics, a
// recusal, positions in speaking order, both adopted, the minutes signed with the signed text's
// SHA-256) in both languages
// against golden files (tests/e2e/golden/meeting-12-*.html; DOCKET_UPDATE_GOLDEN=1 rewrites
// them); a refused read, bad input and its exit codes; the PDF through headless Chromium.
#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "audit/chain.h"
#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr int kInvalid = 2, kNotFound = 3, kForbidden = 4;

class MeetingDocsTest : public DemoDocsTest {};

constexpr const char* kMeeting = "12";  // the demo's second Party organization meeting

TEST_F(MeetingDocsTest, TheFourDocumentsInBothLanguagesMatchTheirGoldenFiles) {
  for (const char* kind : {"notice", "agenda", "signin", "minutes"}) {
    for (const char* lang : {"zh", "en"}) {
      auto r = Doc({"--lang", lang, "meeting", "doc", kMeeting, "--kind", kind});
      ASSERT_EQ(r.exit_code, 0) << kind << " " << lang << ": " << r.err;
      ExpectGolden(std::string("meeting-12-") + kind + "." + lang + ".html", r.out);
      // Printable A4 with the CJK fonts of fonts-noto-cjk, no script anywhere.
      EXPECT_THAT(r.out, HasSubstr("@page { size: A4;"));
      EXPECT_THAT(r.out, HasSubstr("\"Noto Serif CJK SC\", \"Noto Sans CJK SC\""));
      EXPECT_THAT(r.out, Not(HasSubstr("<script")));
    }
  }
  // The first Party meeting's minutes: its two topics deferred there and adopted at #12 are
  // shown as they stood when it ended, with that meeting's positions.
  auto first = Doc({"meeting", "doc", "1", "--kind", "minutes"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ExpectGolden("meeting-1-minutes.zh.html", first.out);
}

TEST_F(MeetingDocsTest, WhatTheDocumentsShowIsWhatTheRecordSays) {
  const std::string minutes = Doc({"meeting", "doc", kMeeting, "--kind", "minutes"}).out;
  // The absentee and the reason, the recusal, the positions in the order stated, the outcomes.
  EXPECT_THAT(minutes, HasSubstr("<tr><th>缺席</th><td>徐文博（病假）</td></tr>"));
  EXPECT_THAT(minutes, HasSubstr("<tr><th>回避人员</th><td>高峰</td></tr>"));
  EXPECT_THAT(minutes, HasSubstr("<tr><td class=\"n\">2</td><td>高峰</td><td>回避</td></tr>"));
  EXPECT_THAT(minutes, HasSubstr("<tr><td class=\"n\">6</td><td>王明</td><td>同意</td></tr>"));
  EXPECT_THAT(minutes, HasSubstr("<tr><th>决定内容</th><td>任命陈静同志为教务处主任</td></tr>"));
  EXPECT_THAT(minutes, HasSubstr("<tr><th>签发人</th><td>王明</td></tr>"));
  // Signed under meeting v4: the SHA-256 of the text signed, as the signing entry records it.
  auto item = nlohmann::json::parse(Doc({"--json", "item", "show", kMeeting}).out);
  const std::string sha256 = item["fields"]["minutes_sha256"];
  EXPECT_EQ(sha256, Sha256Hex(item["fields"]["minutes"].get<std::string>()));
  EXPECT_THAT(minutes, HasSubstr("<tr><th>签发文本的 SHA-256 哈希</th><td><code>" + sha256 + "</code></td></tr>"));
  // The sign-in sheet: every member, a blank signature cell each, the absentee's reason.
  const std::string signin = Doc({"meeting", "doc", kMeeting, "--kind", "signin"}).out;
  EXPECT_THAT(signin, HasSubstr("<td>徐文博</td><td class=\"sign\"></td><td>缺席：病假</td>"));
  EXPECT_THAT(signin, HasSubstr("<td>王明</td><td class=\"sign\"></td><td></td>"));
  // At the first meeting the greening project was deferred, gao recused, chen disagreeing.
  const std::string first = Doc({"meeting", "doc", "1", "--kind", "minutes"}).out;
  EXPECT_THAT(first, HasSubstr("<h2>议题2：任命教务处主任</h2>"));
  EXPECT_THAT(first, HasSubstr("<tr><th>缓议原因</th><td>到会成员不足三分之二，下次会议再议</td></tr>"));
  EXPECT_THAT(first, HasSubstr("<tr><td class=\"n\">3</td><td>陈静</td><td>不同意</td></tr>"));
  EXPECT_THAT(first, Not(HasSubstr("同意实施校园绿化工程")));
  // The first meeting's sign-in sheet names the non-voting attendee the clerk recorded.
  EXPECT_THAT(Doc({"meeting", "doc", "1", "--kind", "signin"}).out, HasSubstr("<td>刘洋</td><td class=\"sign\"></td>"));
  // A meeting not yet held has a sign-in sheet with blank cells and no absentees yet.
  EXPECT_THAT(Doc({"meeting", "doc", "2", "--kind", "minutes"}).out, HasSubstr("草稿：本纪要尚未签发。"));
}

TEST_F(MeetingDocsTest, ToAFileWithOut) {
  auto r = Doc({"meeting", "doc", kMeeting, "--kind", "agenda", "--out", dir_->File("agenda.html")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("agenda.html"));
  EXPECT_EQ(FileText(dir_->File("agenda.html")), Doc({"meeting", "doc", kMeeting, "--kind", "agenda"}).out);
  // With --json, one JSON document holding the page.
  auto json = nlohmann::json::parse(Doc({"--json", "meeting", "doc", kMeeting, "--kind", "agenda"}).out);
  EXPECT_EQ(json["html"], FileText(dir_->File("agenda.html")));
  EXPECT_EQ(json["kind"], "agenda");
}

TEST_F(MeetingDocsTest, SomeoneWhoMayNotReadTheMeetingIsRefusedAndTheRefusalIsRecorded) {
  // sun holds roles in school-b only; the meeting is school-a's.
  auto r = Doc({"--as", "sun", "meeting", "doc", kMeeting, "--kind", "minutes"});
  EXPECT_EQ(r.exit_code, kForbidden) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("school-a"));
  auto history = Doc({"--as", "wang", "--json", "item", "history", kMeeting});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const auto entries = nlohmann::json::parse(history.out);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back()["action"], "$read");
  EXPECT_EQ(entries.back()["outcome"], "refused");
  EXPECT_EQ(entries.back()["actor"], "sun");
  // Someone of school-a reads it.
  EXPECT_EQ(Doc({"--as", "liu", "meeting", "doc", kMeeting, "--kind", "minutes"}).exit_code, 0);
}

TEST_F(MeetingDocsTest, BadInputIsAClearMessageAndItsExitCode) {
  auto kind = Doc({"meeting", "doc", kMeeting, "--kind", "memo"});
  EXPECT_EQ(kind.exit_code, kInvalid);
  EXPECT_THAT(kind.err, HasSubstr("“memo”"));
  EXPECT_THAT(kind.err, HasSubstr("signin"));
  auto en = Doc({"--lang", "en", "meeting", "doc", kMeeting, "--kind", "memo"});
  EXPECT_THAT(en.err, HasSubstr("unknown document kind 'memo': notice, agenda, signin or minutes"));
  // A matter is no meeting; an item that does not exist is not found.
  auto matter = Doc({"--lang", "en", "meeting", "doc", "3", "--kind", "minutes"});
  EXPECT_EQ(matter.exit_code, kInvalid);
  EXPECT_THAT(matter.err, HasSubstr("item #3 is a matter, not a meeting"));
  EXPECT_EQ(Doc({"meeting", "doc", "999", "--kind", "minutes"}).exit_code, kNotFound);
  EXPECT_EQ(Doc({"meeting", "doc", kMeeting, "--kind", "minutes", "--format", "pdf"}).exit_code, kInvalid);
  EXPECT_EQ(Doc({"meeting", "doc", kMeeting, "--kind", "minutes", "--format", "doc"}).exit_code, kInvalid);
  auto none = Doc({"--lang", "en", "meeting", "doc", kMeeting, "--kind", "minutes", "--format", "pdf", "--out",
                   dir_->File("x.pdf")},
                  {{"DOCKET_CHROMIUM", dir_->File("no-such-chromium")}});
  EXPECT_EQ(none.exit_code, kNotFound);
  EXPECT_THAT(none.err, HasSubstr("chromium is not installed"));
  EXPECT_FALSE(std::filesystem::exists(dir_->File("x.pdf")));
}

TEST_F(MeetingDocsTest, ThePdfPrintedByChromiumHoldsTheRecordsChineseText) {
  const bool ci = std::getenv("CI") != nullptr && std::string(std::getenv("CI")) == "true";
  if (!OnPath("chromium") || !OnPath("pdftotext")) {
    if (ci) FAIL() << "chromium and pdftotext (poppler-utils) are needed: scripts/install-deps";
    GTEST_SKIP() << "chromium or pdftotext is not installed (scripts/install-deps)";
  }
  const std::string pdf = dir_->File("minutes.pdf");
  auto r = Doc({"meeting", "doc", kMeeting, "--kind", "minutes", "--format", "pdf", "--out", pdf});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(FileText(pdf).rfind("%PDF-", 0), 0u);
  auto text = RunProcess("/bin/sh", {"-c", "pdftotext -enc UTF-8 '" + pdf + "' -"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const char* shown : {"2026年第2次党委会纪要", "任命教务处主任", "校园绿化工程", "回避人员", "徐文博", "病假",
                            "任命陈静同志为教务处主任", "签发文本的 SHA-256 哈希"}) {
    EXPECT_THAT(text.out, HasSubstr(shown)) << text.out;
  }
}

}  // namespace
}  // namespace docket::testing
