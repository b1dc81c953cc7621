// The minutes of a meeting drafted from its record and signed with the signed text's hash in
// the chain (issue 16), with the real binary on the example district (`docket demo`, whose
// second Party meeting #12 has an absentee, two topics, a recusal and signed minutes):
// `meeting minutes-draft`, the hash the signing entry records, that the minutes cannot be
// drafted again once signed, and `audit verify` naming the signing entry when the text it
// signed is changed in the database — even by someone who rewrites the chain's hashes — on the
// database and on the chain's export file offline.
#include <SQLiteCpp/SQLiteCpp.h>

#include <nlohmann/json.hpp>

#include "audit/chain.h"
#include "cli_fixture.h"
#include "forge.h"
#include "support/paths.h"

namespace docket::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr int kInvalid = 2, kNotFound = 3, kForbidden = 4, kIntegrity = 7;
constexpr const char* kMeeting = "12";  // the demo's second Party organization meeting

class MinutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("demo.db");
    auto r = RunProcess(DOCKET_BINARY, {"demo", "--db", db_}, dir_.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  RunResult Docket(std::vector<std::string> args) {
    std::vector<std::string> full{"--db", db_, "--now", "2026-07-20T09:00:00Z"};
    full.insert(full.end(), args.begin(), args.end());
    return RunProcess(DOCKET_BINARY, full, dir_.path());
  }

  // The seq of meeting #12's entry for `action` in school-a's chain.
  std::int64_t SeqOf(const std::string& action) {
    SQLite::Database db(db_, SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT seq FROM audit WHERE org = 'school-a' AND item_id = ? AND action = ? AND outcome = 'ok'");
    q.bind(1, static_cast<std::int64_t>(std::stoll(kMeeting)));
    q.bind(2, action);
    EXPECT_TRUE(q.executeStep()) << action;
    return q.getColumn(0).getInt64();
  }

  void Sql(const std::string& sql) {
    SQLite::Database db(db_, SQLite::OPEN_READWRITE);
    db.exec(sql);
  }

  TempDir dir_;
  std::string db_;
};

TEST_F(MinutesTest, TheDraftIsMadeFromTheRecord) {
  auto zh = Docket({"meeting", "minutes-draft", kMeeting});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  // The meeting, who was absent and why, each topic with its recusal, positions in the order
  // stated and outcome: the words of the 会议纪要 document, as plain text.
  for (const char* shown : {"2026年第2次党委会纪要\n", "会议名称：2026年第2次党委会\n", "缺席：徐文博（病假）\n",
                            "议题1：", "  回避人员：高峰\n", "    2. 高峰：回避\n", "    6. 王明：同意\n",
                            "  决定内容：任命陈静同志为教务处主任\n"}) {
    EXPECT_THAT(zh.out, HasSubstr(shown)) << zh.out;
  }
  EXPECT_THAT(zh.out, Not(HasSubstr("<"))) << "plain text, no markup";
  auto en = Docket({"--lang", "en", "meeting", "minutes-draft", kMeeting});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_THAT(en.out, HasSubstr("Absent: "));
  EXPECT_THAT(en.out, HasSubstr("Topic 1: "));
  auto json = nlohmann::json::parse(Docket({"--json", "meeting", "minutes-draft", kMeeting}).out);
  EXPECT_EQ(json["item"], 12);
  EXPECT_EQ(json["lang"], "zh");
  EXPECT_EQ(json["text"].get<std::string>(), zh.out);
}

TEST_F(MinutesTest, TheDraftIsReadAsTheMeetingIs) {
  auto refused = Docket({"--as", "sun", "meeting", "minutes-draft", kMeeting});  // school-b only
  EXPECT_EQ(refused.exit_code, kForbidden) << refused.out << refused.err;
  EXPECT_EQ(refused.out, "");
  EXPECT_EQ(Docket({"meeting", "minutes-draft", "999"}).exit_code, kNotFound);
  auto matter = Docket({"--lang", "en", "meeting", "minutes-draft", "3"});
  EXPECT_EQ(matter.exit_code, kInvalid);
  EXPECT_THAT(matter.err, HasSubstr("item #3 is a matter, not a meeting"));
}

TEST_F(MinutesTest, SigningRecordsTheHashOfTheTextSigned) {
  auto item = nlohmann::json::parse(Docket({"--json", "item", "show", kMeeting}).out);
  const std::string minutes = item["fields"]["minutes"];
  ASSERT_FALSE(minutes.empty());
  EXPECT_EQ(item["fields"]["minutes_sha256"], Sha256Hex(minutes));
  auto history = nlohmann::json::parse(Docket({"--json", "item", "history", kMeeting}).out);
  bool signed_entry = false;
  for (const auto& e : history) {
    if (e["action"] != "sign_minutes" || e["outcome"] != "ok") continue;
    signed_entry = true;
    EXPECT_EQ(e["changes"]["minutes_sha256"][1], Sha256Hex(minutes)) << e.dump();
  }
  EXPECT_TRUE(signed_entry) << history.dump();
  // Once signed the minutes are not drafted again: the text signed is the record's.
  auto again = Docket({"--as", "liu", "item", "act", kMeeting, "draft_minutes", "--set", "minutes=另一份记录"});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(Docket({"--json", "item", "show", kMeeting}).out)["fields"]["minutes"], minutes);
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

TEST_F(MinutesTest, AuditVerifyNamesTheSigningEntryWhenTheSignedTextIsChanged) {
  const std::int64_t draft = SeqOf("draft_minutes"), sign = SeqOf("sign_minutes");
  ASSERT_LT(draft, sign);
  ASSERT_EQ(Docket({"audit", "verify"}).exit_code, 0);
  // The text changed in the item and in the drafting entry, and every hash from there on
  // recomputed as a forger holding the file would: the links hold, the rules do not.
  Sql("DROP TRIGGER IF EXISTS audit_no_update");
  Sql("UPDATE items SET fields = replace(fields, '审议干部任免', '审议人事安排') WHERE id = " + std::string(kMeeting));
  Sql("UPDATE audit SET changes = replace(changes, '审议干部任免', '审议人事安排') WHERE org = 'school-a' AND seq = " +
      std::to_string(draft));
  Rehash(db_, "school-a", draft);
  auto verify = Docket({"--lang", "en", "audit", "verify"});
  EXPECT_EQ(verify.exit_code, kIntegrity) << verify.out << verify.err;
  EXPECT_THAT(verify.err, HasSubstr("organization 'school-a', entry " + std::to_string(sign) +
                                    ": the rules do not allow it: action 'sign_minutes' sets field 'minutes_sha256' to"));
  auto zh = Docket({"audit", "verify"});
  EXPECT_EQ(zh.exit_code, kIntegrity);
  EXPECT_TRUE(HasChinese(zh.err)) << zh.err;
  // Offline, the chain's export file is judged the same way.
  const std::string file = dir_.File("school-a.jsonl");
  auto ex = Docket({"audit", "export", "--org", "school-a", "--out", file});
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  auto off = RunProcess(DOCKET_BINARY, {"--lang", "en", "audit", "verify", "--file", file}, dir_.path());
  EXPECT_EQ(off.exit_code, kIntegrity) << off.out << off.err;
  EXPECT_THAT(off.err, HasSubstr("(entry " + std::to_string(sign) +
                                 "): the rules do not allow it: action 'sign_minutes' sets field 'minutes_sha256' to"));
}

TEST_F(MinutesTest, AuditVerifyNamesTheMeetingWhenOnlyItsStoredTextIsChanged) {
  Sql("UPDATE items SET fields = replace(fields, '审议干部任免', '审议人事安排') WHERE id = " + std::string(kMeeting));
  auto verify = Docket({"--lang", "en", "audit", "verify"});
  EXPECT_EQ(verify.exit_code, kIntegrity) << verify.out << verify.err;
  EXPECT_THAT(verify.err, HasSubstr("organization 'school-a', item 12: field 'minutes' is \"审议人事安排")) << verify.err;
}

}  // namespace
}  // namespace docket::testing
