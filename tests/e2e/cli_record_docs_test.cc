// `docket decision doc` and `docket public doc` with the real binary on the example district
// (`docket demo`): decision #7 (the canteen renovation: adopted at the first Party meeting,
// two tasks, one late, reminded and escalated, evaluated and closed, published) and school-a's
// public page in both languages against golden files (tests/e2e/golden/decision-7-record.*,
// public-school-a.*; DOCKET_UPDATE_GOLDEN=1 rewrites them); a refused read and its record,
// bad input and its exit codes; the PDF through headless Chromium.
#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr int kInvalid = 2, kNotFound = 3, kForbidden = 4;

class RecordDocsTest : public DemoDocsTest {};

constexpr const char* kDecision = "7";  // the demo's canteen renovation

TEST_F(RecordDocsTest, TheRecordAndThePublicPageInBothLanguagesMatchTheirGoldenFiles) {
  for (const char* lang : {"zh", "en"}) {
    auto record = Doc({"--lang", lang, "decision", "doc", kDecision});
    ASSERT_EQ(record.exit_code, 0) << lang << ": " << record.err;
    ExpectGolden(std::string("decision-7-record.") + lang + ".html", record.out);
    auto pub = Doc({"--lang", lang, "public", "doc", "--org", "school-a"});
    ASSERT_EQ(pub.exit_code, 0) << lang << ": " << pub.err;
    ExpectGolden(std::string("public-school-a.") + lang + ".html", pub.out);
    for (const std::string* page : {&record.out, &pub.out}) {
      // Printable A4 with the CJK fonts of fonts-noto-cjk, a <main>, no script anywhere.
      EXPECT_THAT(*page, HasSubstr("@page { size: A4;"));
      EXPECT_THAT(*page, HasSubstr("\"Noto Serif CJK SC\", \"Noto Sans CJK SC\""));
      EXPECT_THAT(*page, HasSubstr("<body>\n<main>\n<h1>"));
      EXPECT_THAT(*page, Not(HasSubstr("<script")));
    }
  }
}

TEST_F(RecordDocsTest, WhatTheRecordShowsIsWhatTheRecordSays) {
  const std::string record = Doc({"decision", "doc", kDecision}).out;
  // The vote on the adopted topic, each task's reports with their evidence, the check, the
  // escalation of the late task to the supervisor and who was told.
  EXPECT_THAT(record, HasSubstr("<tr><td class=\"n\">1</td><td>李华</td><td>同意</td></tr>"));
  EXPECT_THAT(record, HasSubstr("<td>陈静</td><td>报告进度</td><td>60</td><td>采购合同 HT-2026-031</td>"));
  EXPECT_THAT(record, HasSubstr("<td>王明</td><td>核查办结</td>"));
  EXPECT_THAT(record, HasSubstr("<td>系统自动</td><td>提请上级督办</td><td></td><td></td><td>已通知：赵建国</td>"));
  // The decision's own steps: assigned (owners and due date), executed, evaluated.
  EXPECT_THAT(record, HasSubstr("<td>王明</td><td>分解督办</td><td>执行负责人：李华、陈静；完成期限：2026-05-31；公开：是</td>"));
  EXPECT_THAT(record, HasSubstr("<td>王明</td><td>评价办结</td><td>事后评价：一期按期完成，二期逾期9天，已督促整改</td>"));
  // A decision with no task says so; the public page of a school with nothing published too.
  EXPECT_THAT(Doc({"decision", "doc", "8"}).out, HasSubstr("本决定事项尚未分解督办事项。"));
  EXPECT_THAT(Doc({"public", "doc", "--org", "school-b"}).out, HasSubstr("暂无公开事项。"));
}

TEST_F(RecordDocsTest, ToAFileWithOutAndAsJson) {
  auto r = Doc({"decision", "doc", kDecision, "--out", dir_->File("record.html")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("record.html"));
  EXPECT_EQ(FileText(dir_->File("record.html")), Doc({"decision", "doc", kDecision}).out);
  auto json = nlohmann::json::parse(Doc({"--json", "decision", "doc", kDecision}).out);
  EXPECT_EQ(json["html"], FileText(dir_->File("record.html")));
  EXPECT_EQ(json["kind"], "record");
  EXPECT_EQ(json["item"], 7);
  auto pub = nlohmann::json::parse(Doc({"--json", "public", "doc", "--org", "school-a"}).out);
  EXPECT_EQ(pub["org"], "school-a");
  EXPECT_THAT(pub["html"].get<std::string>(), HasSubstr("党务校务公开"));
}

TEST_F(RecordDocsTest, SomeoneWhoMayNotReadTheDecisionIsRefusedAndTheRefusalIsRecorded) {
  // sun holds roles in school-b only; the decision is school-a's.
  auto r = Doc({"--as", "sun", "decision", "doc", kDecision});
  EXPECT_EQ(r.exit_code, kForbidden) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("school-a"));
  auto history = Doc({"--as", "wang", "--json", "item", "history", kDecision});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const auto entries = nlohmann::json::parse(history.out);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back()["action"], "$read");
  EXPECT_EQ(entries.back()["outcome"], "refused");
  EXPECT_EQ(entries.back()["actor"], "sun");
  // The principal of school-a reads it; the public page needs no one, and sun reads it too.
  EXPECT_EQ(Doc({"--as", "li", "decision", "doc", kDecision}).exit_code, 0);
  EXPECT_EQ(Doc({"--as", "sun", "public", "doc", "--org", "school-a"}).exit_code, 0);
}

TEST_F(RecordDocsTest, BadInputIsAClearMessageAndItsExitCode) {
  // A meeting is no decision; an item or an organization that does not exist is not found.
  auto meeting = Doc({"--lang", "en", "decision", "doc", "1"});
  EXPECT_EQ(meeting.exit_code, kInvalid);
  EXPECT_THAT(meeting.err, HasSubstr("item #1 is a meeting, not a decision"));
  auto zh = Doc({"decision", "doc", "1"});
  EXPECT_THAT(zh.err, HasSubstr("不是决定事项"));
  EXPECT_EQ(Doc({"decision", "doc", "999"}).exit_code, kNotFound);
  auto nowhere = Doc({"--lang", "en", "public", "doc", "--org", "nowhere"});
  EXPECT_EQ(nowhere.exit_code, kNotFound);
  EXPECT_THAT(nowhere.err, HasSubstr("nowhere"));
  EXPECT_EQ(Doc({"decision", "doc", kDecision, "--format", "pdf"}).exit_code, kInvalid);
  EXPECT_EQ(Doc({"public", "doc", "--org", "school-a", "--format", "pdf"}).exit_code, kInvalid);
  EXPECT_EQ(Doc({"decision", "doc", kDecision, "--format", "doc"}).exit_code, kInvalid);
  auto none = Doc({"--lang", "en", "decision", "doc", kDecision, "--format", "pdf", "--out", dir_->File("x.pdf")},
                  {{"DOCKET_CHROMIUM", dir_->File("no-such-chromium")}});
  EXPECT_EQ(none.exit_code, kNotFound);
  EXPECT_THAT(none.err, HasSubstr("chromium is not installed"));
  EXPECT_FALSE(std::filesystem::exists(dir_->File("x.pdf")));
}

TEST_F(RecordDocsTest, ThePdfPrintedByChromiumHoldsTheRecordsChineseText) {
  const bool ci = std::getenv("CI") != nullptr && std::string(std::getenv("CI")) == "true";
  if (!OnPath("chromium") || !OnPath("pdftotext")) {
    if (ci) FAIL() << "chromium and pdftotext (poppler-utils) are needed: scripts/install-deps";
    GTEST_SKIP() << "chromium or pdftotext is not installed (scripts/install-deps)";
  }
  const std::string pdf = dir_->File("record.pdf");
  auto r = Doc({"decision", "doc", kDecision, "--format", "pdf", "--out", pdf});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(FileText(pdf).rfind("%PDF-", 0), 0u);
  auto text = RunProcess("/bin/sh", {"-c", "pdftotext -enc UTF-8 '" + pdf + "' -"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const char* shown : {"决定事项执行情况记录", "同意改造食堂", "采购合同", "二期验收报告", "陈静", "赵建国"}) {
    EXPECT_THAT(text.out, HasSubstr(shown)) << text.out;
  }
}

}  // namespace
}  // namespace docket::testing
