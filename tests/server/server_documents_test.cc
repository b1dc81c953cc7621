// GET /api/items/{id}/documents/{kind} on the real server: a meeting's documents and a
// decision's execution record for exactly those who may read the item (a refusal recorded
// like any refused read), 400 for a bad kind or an item of the wrong workflow, the print
// stylesheet linked so the CSP holds; GET /public/{org}, the published decisions for anyone.
#include "server_fixture.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ServerDocumentsTest : public ServerTest {
 protected:
  // A Party meeting of school-a, notified, with one topic on its agenda: its id.
  std::string Meeting() {
    auto planned = As("liu", {"item", "create", "meeting", "--org", "school-a", "--set", "title=第1次党委会", "--set",
                              "body=party-meeting", "--set", "scheduled_at=2026-03-10T09:00:00Z", "--set", "location=会议室<A>"});
    EXPECT_EQ(planned.exit_code, 0) << planned.err;
    std::string id = planned.out;
    while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
    EXPECT_EQ(As("liu", {"item", "act", id, "notify"}).exit_code, 0);
    return id;
  }
};

TEST_F(ServerDocumentsTest, AReaderOfTheMeetingGetsItsDocumentsAsPrintableHtml) {
  const std::string id = Meeting();
  ASSERT_GT(Start(), 0);
  const auto li = SignIn("li").session;
  auto r = Client().Get("/api/items/" + id + "/documents/notice", li);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_THAT(r->body, HasSubstr("<h1>关于召开第1次党委会的通知</h1>"));
  EXPECT_THAT(r->body, HasSubstr("会议室&lt;A&gt;"));
  // No inline style or script: the stylesheet is linked and the server's CSP stays as it is.
  EXPECT_THAT(r->body, HasSubstr("<link rel=\"stylesheet\" href=\"/documents/print.css\">"));
  EXPECT_THAT(r->body, Not(HasSubstr("<style")));
  EXPECT_THAT(r->body, Not(HasSubstr("<script")));
  EXPECT_EQ(r->get_header_value("Content-Security-Policy"), "default-src 'self'; frame-ancestors 'none'");
  auto css = Client().Get("/documents/print.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
  EXPECT_THAT(css->body, HasSubstr("@page { size: A4;"));
  // English by ?lang=en or by Accept-Language.
  auto en = Client().Get("/api/items/" + id + "/documents/signin?lang=en", li);
  ASSERT_TRUE(en);
  EXPECT_THAT(en->body, HasSubstr("<h1>Sign-in sheet of 第1次党委会</h1>"));
  httplib::Headers english = li;
  english.insert({"Accept-Language", "en"});
  auto agenda = Client().Get("/api/items/" + id + "/documents/agenda", english);
  ASSERT_TRUE(agenda);
  EXPECT_THAT(agenda->body, HasSubstr("<h1>Agenda of 第1次党委会</h1>"));
  // Not signed in: 401.
  auto none = Client().Get("/api/items/" + id + "/documents/minutes");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
}

TEST_F(ServerDocumentsTest, SomeoneWhoMayNotReadTheMeetingIs403AndTheRefusalIsRecorded) {
  const std::string id = Meeting();
  ASSERT_GT(Start(), 0);
  const auto sun = SignIn("sun").session;  // school-b's secretary
  const auto p = Problem(Client().Get("/api/items/" + id + "/documents/minutes", sun), 403);
  EXPECT_THAT(p.dump(), HasSubstr("school-a"));
  auto history = As("wang", {"--json", "item", "history", id});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const auto entries = nlohmann::json::parse(history.out);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back()["action"], "$read");
  EXPECT_EQ(entries.back()["actor"], "sun");
  EXPECT_EQ(entries.back()["outcome"], "refused");
}

TEST_F(ServerDocumentsTest, ABadKindOrAnItemThatIsNoMeetingIs400) {
  const std::string id = Meeting();
  const std::string task = NewTask();
  ASSERT_GT(Start(), 0);
  httplib::Headers li = SignIn("li").session;
  li.insert({"Accept-Language", "en"});
  auto kind = Problem(Client().Get("/api/items/" + id + "/documents/memo", li), 400);
  EXPECT_EQ(kind["detail"], "unknown document kind 'memo': notice, agenda, signin, minutes (a meeting's) or record (a decision's)");
  auto lang = Problem(Client().Get("/api/items/" + id + "/documents/notice?lang=fr", li), 400);
  EXPECT_THAT(lang["detail"].get<std::string>(), HasSubstr("'fr'"));
  auto other = Problem(Client().Get("/api/items/" + task + "/documents/notice", li), 400);
  EXPECT_THAT(other["detail"].get<std::string>(), HasSubstr("not a meeting"));
  Problem(Client().Get("/api/items/999/documents/notice", li), 404);
}


TEST_F(ServerDocumentsTest, TheMinutesDraftIsForAReaderOfTheMeeting) {
  const std::string id = Meeting();
  const std::string task = NewTask();
  ASSERT_GT(Start(), 0);
  const auto li = SignIn("li").session;
  auto r = Client().Get("/api/meetings/" + id + "/minutes-draft", li);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  const auto draft = nlohmann::json::parse(r->body);
  EXPECT_EQ(draft["item"], std::stoll(id));
  EXPECT_EQ(draft["lang"], "zh");
  const std::string text = draft["text"];
  EXPECT_THAT(text, HasSubstr("第1次党委会纪要\n"));
  EXPECT_THAT(text, HasSubstr("会议地点：会议室<A>\n"));  // plain text: the page escapes it
  EXPECT_THAT(text, HasSubstr("出席情况：尚未登记出席情况。\n"));
  auto en = Client().Get("/api/meetings/" + id + "/minutes-draft?lang=en", li);
  ASSERT_TRUE(en);
  EXPECT_THAT(nlohmann::json::parse(en->body)["text"].get<std::string>(), HasSubstr("Minutes of 第1次党委会\n"));
  // Not signed in 401; school-b's secretary 403 (and the refused read recorded); no such
  // item 404; a task is no meeting 400.
  auto none = Client().Get("/api/meetings/" + id + "/minutes-draft");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  Problem(Client().Get("/api/meetings/" + id + "/minutes-draft", SignIn("sun").session), 403);
  auto history = nlohmann::json::parse(As("wang", {"--json", "item", "history", id}).out);
  EXPECT_EQ(history.back()["action"], "$read");
  EXPECT_EQ(history.back()["actor"], "sun");
  Problem(Client().Get("/api/meetings/999/minutes-draft", li), 404);
  auto other = Problem(Client().Get("/api/meetings/" + task + "/minutes-draft", li), 400);
  EXPECT_THAT(other["detail"].get<std::string>(), HasSubstr("#" + task));
}

TEST_F(ServerDocumentsTest, TheRecordAndThePublicPageEscapeEveryTextFromTheRecord) {
  // A decision standing alone (no topic adopted it: no vote to show), published, whose texts
  // are markup.
  AllowLoneDecisions();
  const std::string tricky = "<script>alert(\"x\")</script> & 'y'";
  const std::string escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;";
  auto made = As("wang", {"item", "create", "decision", "--org", "school-a", "--set", "title=" + tricky, "--set",
                          "content=" + tricky, "--set", "category=routine", "--set", "public=true"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::string id = made.out;
  while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
  ASSERT_GT(Start(), 0);
  auto record = Client().Get("/api/items/" + id + "/documents/record", SignIn("li").session);
  ASSERT_TRUE(record);
  ASSERT_EQ(record->status, 200) << record->body;
  auto pub = Client().Get("/public/school-a");
  ASSERT_TRUE(pub);
  ASSERT_EQ(pub->status, 200) << pub->body;
  for (const std::string* page : {&record->body, &pub->body}) {
    EXPECT_THAT(*page, HasSubstr(escaped));
    EXPECT_THAT(*page, Not(HasSubstr("<script")));
    EXPECT_THAT(*page, Not(HasSubstr("'y'")));
  }
  EXPECT_THAT(record->body, HasSubstr("<tr><th>决定内容</th><td>" + escaped + "</td></tr>"));
  EXPECT_THAT(record->body, HasSubstr("未记录表决情况：本决定事项不是由会议议题表决通过产生的。"));
  EXPECT_THAT(record->body, HasSubstr("本决定事项尚未分解督办事项。"));
  EXPECT_THAT(pub->body, HasSubstr("<h2>" + escaped + "</h2>"));
}

// GET /api/items/{id}/documents/record and GET /public/{org} on the demo's district
// (`docket demo`): decision #7 is the canteen renovation adopted at the first Party meeting,
// split into tasks #9 (li, on time) and #10 (chen, late, reminded and escalated), evaluated
// and closed, and published; decision #8 (the office meeting's exams) has no task and is not.
class ServerRecordDocsTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    const std::string demo = dir_.File("demo.db");
    auto made = RunProcess(DOCKET_BINARY, {"demo", "--db", demo}, dir_.path());
    ASSERT_EQ(made.exit_code, 0) << made.err;
    db_ = demo;
  }
  static constexpr const char* kDecision = "7";
};

TEST_F(ServerRecordDocsTest, ADecisionsRecordShowsTheVoteAndEveryTaskFromTheRecord) {
  ASSERT_GT(Start(), 0);
  const auto li = SignIn("li").session;
  auto r = Client().Get(std::string("/api/items/") + kDecision + "/documents/record", li);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  const std::string& page = r->body;
  EXPECT_THAT(page, HasSubstr("<html lang=\"zh-CN\">"));
  EXPECT_THAT(page, HasSubstr("<main>\n<h1>食堂改造（大额资金）决定事项执行情况记录</h1>"));
  EXPECT_THAT(page, HasSubstr("<p class=\"issuer\">示例区第一中学　"));
  // The decision as recorded: its content, the meeting that made it, owners, due date, evaluation.
  EXPECT_THAT(page, HasSubstr("<tr><th>决定内容</th><td>同意改造食堂，分两期实施，暑期前完成第一期</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>决定会议</th><td>2026年第1次党委会（2026年3月10日 17:00）</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>执行负责人</th><td>李华、陈静</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>完成期限</th><td>2026年5月31日</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>当前状态</th><td>已办结</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>事后评价</th><td>一期按期完成，二期逾期9天，已督促整改</td></tr>"));
  // The vote on the topic that made it: five positions in the order stated, the tally.
  EXPECT_THAT(page, HasSubstr("<tr><th>议题</th><td>#3 食堂改造（大额资金）</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>表态统计</th><td>同意 5 人</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><td class=\"n\">5</td><td>王明</td><td>同意</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>决定宣布人</th><td>王明</td></tr>"));
  // Each task: owner, the progress reports with their evidence, completion, the check, the
  // reminders and the escalation the engine sent.
  EXPECT_THAT(page, HasSubstr("共 2 项，已办结 2 项。"));
  EXPECT_THAT(page, HasSubstr("<h3>督办事项1：食堂改造（大额资金）</h3>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>责任人</th><td>陈静</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<td>李华</td><td>报告进度</td><td>100</td><td>一期验收报告 YS-2026-07</td>"));
  EXPECT_THAT(page, HasSubstr("<td>陈静</td><td>报告进度</td><td>60</td><td>采购合同 HT-2026-031</td>"));
  EXPECT_THAT(page, HasSubstr("<td>陈静</td><td>报告进度</td><td>100</td><td>二期验收报告 YS-2026-11</td>"));
  EXPECT_THAT(page, HasSubstr("<td>高峰</td><td>核查办结</td>"));
  EXPECT_THAT(page, HasSubstr("<td>系统自动</td><td>提请上级督办</td>"));
  EXPECT_THAT(page, HasSubstr("<td>系统自动</td><td>发送提醒</td>"));
  // No inline style or script: the stylesheet is linked and the CSP stays as it is.
  EXPECT_THAT(page, HasSubstr("<link rel=\"stylesheet\" href=\"/documents/print.css\">"));
  EXPECT_THAT(page, Not(HasSubstr("<style")));
  EXPECT_THAT(page, Not(HasSubstr("<script")));
  EXPECT_EQ(r->get_header_value("Content-Security-Policy"), "default-src 'self'; frame-ancestors 'none'");
  // English by ?lang=en and by Accept-Language.
  auto en = Client().Get(std::string("/api/items/") + kDecision + "/documents/record?lang=en", li);
  ASSERT_TRUE(en);
  EXPECT_THAT(en->body, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(en->body, HasSubstr("<h1>Decision and execution record: 食堂改造（大额资金）</h1>"));
  EXPECT_THAT(en->body, HasSubstr("<tr><th>Owners</th><td>Li Hua, Chen Jing</td></tr>"));
  EXPECT_THAT(en->body, HasSubstr("<td>Chen Jing</td><td>Report progress</td><td>60</td><td>采购合同 HT-2026-031</td>"));
  httplib::Headers english = li;
  english.insert({"Accept-Language", "en"});
  auto accepted = Client().Get(std::string("/api/items/") + kDecision + "/documents/record", english);
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->body, en->body);
  // A decision with no task yet says so.
  auto none = Client().Get("/api/items/8/documents/record", li);
  ASSERT_TRUE(none);
  ASSERT_EQ(none->status, 200) << none->body;
  EXPECT_THAT(none->body, HasSubstr("本决定事项尚未分解督办事项。"));
  EXPECT_THAT(none->body, HasSubstr("<tr><th>决定会议</th><td>第3次校长办公会（2026年3月12日 17:00）</td></tr>"));
  // Not signed in: 401.
  auto anonymous = Client().Get(std::string("/api/items/") + kDecision + "/documents/record");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

TEST_F(ServerRecordDocsTest, SomeoneWhoMayNotReadTheDecisionIs403AndTheRefusalIsRecorded) {
  ASSERT_GT(Start(), 0);
  const auto sun = SignIn("sun").session;  // school-b's secretary
  const auto p = Problem(Client().Get(std::string("/api/items/") + kDecision + "/documents/record", sun), 403);
  EXPECT_THAT(p.dump(), HasSubstr("school-a"));
  EXPECT_THAT(p.dump(), Not(HasSubstr("食堂")));
  auto history = RunProcess(DOCKET_BINARY, {"--db", db_, "--as", "wang", "--json", "item", "history", kDecision}, dir_.path());
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const auto entries = nlohmann::json::parse(history.out);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back()["action"], "$read");
  EXPECT_EQ(entries.back()["actor"], "sun");
  EXPECT_EQ(entries.back()["outcome"], "refused");
}

TEST_F(ServerRecordDocsTest, AnItemOfTheWrongWorkflowIs400AndNoSuchItem404) {
  ASSERT_GT(Start(), 0);
  httplib::Headers li = SignIn("li").session;
  li.insert({"Accept-Language", "en"});
  // Meeting #1 has no execution record; decision #7 has no minutes.
  auto meeting = Problem(Client().Get("/api/items/1/documents/record", li), 400);
  EXPECT_EQ(meeting["detail"], "item #1 is a meeting, not a decision: the execution record is made for decisions");
  auto decision = Problem(Client().Get(std::string("/api/items/") + kDecision + "/documents/minutes", li), 400);
  EXPECT_THAT(decision["detail"].get<std::string>(), HasSubstr("not a meeting"));
  auto kind = Problem(Client().Get(std::string("/api/items/") + kDecision + "/documents/memo", li), 400);
  EXPECT_EQ(kind["detail"], "unknown document kind 'memo': notice, agenda, signin, minutes (a meeting's) or record (a decision's)");
  Problem(Client().Get("/api/items/999/documents/record", li), 404);
}

TEST_F(ServerRecordDocsTest, ThePublicPageShowsWhatIsPublishedToAnyoneWithoutSignIn) {
  ASSERT_GT(Start(), 0);
  auto r = Client().Get("/public/school-a");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r->get_header_value("Content-Security-Policy"), "default-src 'self'; frame-ancestors 'none'");
  const std::string& page = r->body;
  // Well-formed and accessible: the language, one <main>, the headings in order.
  EXPECT_THAT(page, HasSubstr("<html lang=\"zh-CN\">"));
  EXPECT_THAT(page, HasSubstr("<main>\n<h1>示例区第一中学党务校务公开</h1>"));
  EXPECT_THAT(page, HasSubstr("</main>\n<footer>"));
  EXPECT_THAT(page, Not(HasSubstr("<h3")));
  EXPECT_THAT(page, HasSubstr("<link rel=\"stylesheet\" href=\"/documents/print.css\">"));
  EXPECT_THAT(page, Not(HasSubstr("<script")));
  EXPECT_THAT(page, Not(HasSubstr("<style")));
  // The published decision with its published fields by their labels, and nothing else.
  EXPECT_THAT(page, HasSubstr("共公开 1 项"));
  EXPECT_THAT(page, HasSubstr("<h2>食堂改造（大额资金）</h2>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>类别</th><td>大额资金使用</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>决定内容</th><td>同意改造食堂，分两期实施，暑期前完成第一期</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>完成期限</th><td>2026年5月31日</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>当前状态</th><td>已办结</td></tr>"));
  EXPECT_THAT(page, HasSubstr("<tr><th>登记日期</th><td>2026年3月10日</td></tr>"));
  EXPECT_THAT(page, Not(HasSubstr("期中考试安排在4月20日至22日")));  // decision #8: not published
  EXPECT_THAT(page, Not(HasSubstr("一期按期完成")));  // the evaluation: not a published field
  EXPECT_THAT(page, Not(HasSubstr("李华")));            // nor the owners
  // English by ?lang=en and by Accept-Language.
  auto en = Client().Get("/public/school-a?lang=en");
  ASSERT_TRUE(en);
  EXPECT_THAT(en->body, HasSubstr("<h1>Example District No. 1 Middle School: Party and school affairs made public</h1>"));
  EXPECT_THAT(en->body, HasSubstr("<tr><th>Category</th><td>Large-sum spending</td></tr>"));
  auto accepted = Client().Get("/public/school-a", {{"Accept-Language", "en"}});
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->body, en->body);
  // Each language links the other, named in its own (the page has no other switch).
  EXPECT_THAT(page, HasSubstr("<p class=\"lang\"><a href=\"?lang=en\" hreflang=\"en\" lang=\"en\">English</a></p>"));
  EXPECT_THAT(page, Not(HasSubstr("?lang=zh")));
  EXPECT_THAT(en->body, HasSubstr("<p class=\"lang\"><a href=\"?lang=zh\" hreflang=\"zh\" lang=\"zh-CN\">中文</a></p>"));
  EXPECT_THAT(en->body, Not(HasSubstr("?lang=en")));
  // A school with nothing published says so; an unknown organization is a 404 problem.
  auto empty = Client().Get("/public/school-b");
  ASSERT_TRUE(empty);
  ASSERT_EQ(empty->status, 200);
  EXPECT_THAT(empty->body, HasSubstr("<h1>示例区实验小学党务校务公开</h1>"));
  EXPECT_THAT(empty->body, HasSubstr("暂无公开事项。"));
  const auto missing = Problem(Client().Get("/public/nowhere", {{"Accept-Language", "en"}}), 404);
  EXPECT_THAT(missing["detail"].get<std::string>(), HasSubstr("nowhere"));
  Problem(Client().Get("/public/school-a?lang=fr"), 400);
}

}  // namespace
}  // namespace docket::testing
