// One semester of school-a driven through the application (the same use cases as the CLI),
// for the report tests (ReportTest runs them on every store backend): the example district
// with the calendar, two meetings, four matters (one set apart as 三重一大 and adopted, one
// rejected, one deferred, a routine one adopted), a decision executed late and one overdue,
// two temporary actions (one explained), three weeks of secretary–principal communication,
// and the semester report opened by tick.
//   party-meeting 2026-03-10: wang, li, chen, gao, ma present (5 of 7)
//   office-meeting 2026-03-12: li, chen, tang present (3 of 3)
#pragma once

#include <string>

#include "report/doc.h"
#include "governance_fixture.h"

namespace docket::testing {

class ReportFixture : public GovernanceFixture {
 protected:
  void SetUp() override {
    GovernanceFixture::SetUp();
    const EmbeddedFile* calendar = FindShipped("workflows/examples/calendar.yaml");
    ASSERT_NE(calendar, nullptr);
    ASSERT_TRUE(docket_->LoadCalendar(calendar->text, "calendar.yaml").ok());
  }

  void At(const char* when) { clock_.Set(*ParseTime(when)); }

  std::int64_t Child(std::int64_t parent, std::size_t index = 0) {
    ItemFilter f;
    f.parent = parent;
    auto kids = docket_->ListItems(f);
    EXPECT_TRUE(kids.ok());
    return kids.ok() && kids->size() > index ? (*kids)[index].id : 0;
  }

  // The semester up to the report's approval (2026-07-14); returns the report item's id.
  std::int64_t Semester() {
    At("2026-03-02T09:00:00Z");
    auto comm = docket_->CreateItem({"communication", "school-a", std::nullopt, {}, "wang"});
    EXPECT_TRUE(comm.ok()) << comm.status().ToString();
    At("2026-03-03T09:00:00Z");
    party_ = NewMeeting("party-meeting");
    office_ = NewMeeting("office-meeting");
    canteen_ = OnAgenda("large-spending", party_);
    plan_ = OnAgenda("major-project", party_);
    cadre_ = OnAgenda("cadre-appointment", party_);
    exams_ = NewMatter("routine");
    Ok(exams_, "schedule", {{"meeting", std::to_string(office_)}}, "liu");
    Ok(comm->item.id, "record", {{"topic", "食堂改造会前沟通"}}, "wang");
    At("2026-03-05T09:00:00Z");
    auto storm = docket_->CreateItem({"temporary-action", "school-a", std::nullopt,
                                      {{"title", "暴雨停课"}, {"reason", "暴雨红色预警"}, {"action_taken", "停课一天"}}, "li"});
    EXPECT_TRUE(storm.ok()) << storm.status().ToString();

    At("2026-03-10T09:00:00Z");
    const FieldTexts five{{"present", "wang,li,chen,gao,ma"}};
    Ok(party_, "hold", five, "liu");
    auto votes = [&](const char* v) {
      FieldTexts f = five;
      f.push_back({"votes", v});
      return f;
    };
    Ok(canteen_, "vote", votes("li:agree,chen:agree,gao:agree,ma:agree,wang:agree"), "liu");
    Ok(canteen_, "adopt", {{"decision", "同意改造食堂"}}, "wang");
    Ok(plan_, "vote", votes("li:disagree,chen:disagree,gao:disagree,ma:agree,wang:agree"), "liu");
    Ok(plan_, "reject", {}, "wang");
    Ok(cadre_, "defer", {{"defer_reason", "进一步考察"}}, "wang");
    Ok(storm->item.id, "explain", {{"meeting", std::to_string(party_)}, {"explanation", "就停课作出说明"}}, "li");
    Ok(comm->item.id, "record", {{"topic", "干部任免人选"}}, "li");
    At("2026-03-12T09:00:00Z");
    Ok(office_, "hold", {{"present", "li,chen,tang"}}, "liu");
    Ok(exams_, "vote", {{"present", "li,chen,tang"}, {"votes", "chen:agree,tang:agree,li:agree"}}, "liu");
    Ok(exams_, "adopt", {{"decision", "期中考试4月20日"}}, "li");

    At("2026-03-16T09:00:00Z");
    canteen_decision_ = Child(canteen_);
    exams_decision_ = Child(exams_);
    Ok(canteen_decision_, "assign", {{"owners", "li,chen"}, {"due_date", "2026-05-31"}}, "wang");
    Ok(exams_decision_, "assign", {{"owners", "tang"}, {"due_date", "2026-04-30"}}, "li");
    Ok(comm->item.id, "record", {{"topic", "执行分工"}}, "wang");
    const std::int64_t t_li = Child(canteen_decision_, 0), t_chen = Child(canteen_decision_, 1);
    for (auto [t, who] : {std::pair{t_li, "li"}, std::pair{t_chen, "chen"}}) {
      Ok(t, "acknowledge", {}, who);
      Ok(t, "start", {}, who);
    }
    At("2026-05-20T09:00:00Z");
    Ok(t_li, "report", {{"progress", "100"}}, "li");
    Ok(t_li, "complete", {}, "li");
    Ok(t_li, "check", {}, "wang");
    At("2026-06-10T09:00:00Z");
    Ok(t_chen, "report", {{"progress", "100"}}, "chen");
    Ok(t_chen, "complete", {}, "chen");
    Ok(t_chen, "check", {}, "gao");
    Ok(canteen_decision_, "complete", {}, "li");
    Ok(canteen_decision_, "evaluate", {{"evaluation", "二期逾期10天"}}, "wang");
    At("2026-06-20T09:00:00Z");
    auto fire = docket_->CreateItem({"temporary-action", "school-a", std::nullopt,
                                     {{"title", "消防疏散"}, {"reason", "火警"}, {"action_taken", "疏散师生"}}, "wang"});
    EXPECT_TRUE(fire.ok()) << fire.status().ToString();

    At("2026-07-11T09:00:00Z");
    EXPECT_TRUE(docket_->Tick().ok());
    ItemFilter reports;
    reports.org = "school-a";
    reports.workflow = "semester-report";
    auto opened = docket_->ListItems(reports);
    EXPECT_TRUE(opened.ok() && opened->size() == 1u);
    const std::int64_t report = opened.ok() && !opened->empty() ? opened->front().id : 0;
    At("2026-07-14T09:00:00Z");
    Ok(report, "approve", {{"summary", "本学期工作报告"}, {"approved_at_meeting", "2026-07-14"}}, "wang");
    return report;
  }

  static const ReportTable* TableOf(const ReportDoc& doc, const std::string& section, const std::string& table) {
    for (const auto& s : doc.sections) {
      if (s.id != section) continue;
      for (const auto& t : s.tables) {
        if (t.id == table) return &t;
      }
    }
    return nullptr;
  }
  // The text of the cell in column `column` of row `row` (negative: from the end), in `lang`.
  static std::string CellOf(const ReportTable* t, int row, const std::string& column, Lang lang = Lang::kEn) {
    if (t == nullptr) return "<no table>";
    const int r = row < 0 ? static_cast<int>(t->rows.size()) + row : row;
    if (r < 0 || r >= static_cast<int>(t->rows.size())) return "<no row>";
    for (std::size_t c = 0; c < t->columns.size(); ++c) {
      if (t->columns[c].id == column) return t->rows[r][c].Text(lang);
    }
    return "<no column " + column + ">";
  }

  std::int64_t party_ = 0, office_ = 0, canteen_ = 0, plan_ = 0, cadre_ = 0, exams_ = 0;
  std::int64_t canteen_decision_ = 0, exams_decision_ = 0;
};

using ReportTest = OnEachStore<ReportFixture>;

}  // namespace docket::testing
