// ConfigFields: configuration as flat maps of named values, and their difference — the
// `changes` of configuration entries (docs/AUDIT.md, "Configuration entries").
#include "core/config_fields.h"

#include <gtest/gtest.h>

namespace docket {
namespace {

Value Texts(std::vector<std::string> texts) { return Value(List(texts.begin(), texts.end())); }

Org School() {
  Org org;
  org.id = "school-a";
  org.parent = "district";
  org.name = {"第一中学", "No. 1 Middle School"};
  org.kind = "school";
  org.attrs = {{"party_org", "committee"}, {"empty", ""}};
  org.bodies = {{"party-meeting", {"党委会", ""}, {"wang", "li", "xu"}, {}},
                {"office-meeting", {}, {"li", "tang"}, {"wang"}}};
  return org;
}

TEST(ConfigFieldsTest, AnOrganizationsRecordIsItsKeysWithoutEmptyValues) {
  const FieldMap expected = {
      {"attrs.party_org", Value("committee")},
      {"bodies", Texts({"party-meeting", "office-meeting"})},
      {"bodies.office-meeting.attendees", Texts({"wang"})},
      {"bodies.office-meeting.members", Texts({"li", "tang"})},
      {"bodies.party-meeting.members", Texts({"wang", "li", "xu"})},
      {"bodies.party-meeting.name.zh", Value("党委会")},
      {"id", Value("school-a")},
      {"kind", Value("school")},
      {"name.en", Value("No. 1 Middle School")},
      {"name.zh", Value("第一中学")},
      {"parent", Value("district")},
  };
  EXPECT_EQ(OrgConfigFields(School()), expected);
  EXPECT_EQ(OrgConfigFields(Org{"x", std::nullopt, {}, "", {}, {}}), (FieldMap{{"id", Value("x")}}));
}

TEST(ConfigFieldsTest, RolesAreThoseInTheOrganizationSortedWithoutRepeats) {
  Person wang{"wang", {}, {{"wang", "school-a", "secretary"}, {"wang", "school-b", "principal"},
                           {"wang", "school-a", "committee_member"}, {"wang", "school-a", "secretary"}}};
  FieldMap out;
  AddRoleFields("school-a", wang, &out);
  AddRoleFields("school-c", wang, &out);  // none there: no key
  EXPECT_EQ(out, (FieldMap{{"roles.wang", Texts({"committee_member", "secretary"})}}));
}

TEST(ConfigFieldsTest, ATableIsOneKeyPerEntry) {
  EXPECT_EQ(TableConfigFields("decision-matters", {{"routine", "office-meeting"}, {"major-decision", "party-meeting"}}),
            (FieldMap{{"tables.decision-matters.major-decision", Value("party-meeting")},
                      {"tables.decision-matters.routine", Value("office-meeting")}}));
}

TEST(ConfigFieldsTest, TheCalendarsSemestersHolidaysAndRules) {
  Calendar cal;
  cal.semesters = {{"2026-spring", *ParseDate("2026-02-23"), *ParseDate("2026-07-10"), {"春季", "Spring"}}};
  cal.holidays = {{*ParseDate("2026-05-01"), *ParseDate("2026-05-05"), {"劳动节", ""}}};
  cal.on_semester_end = {{"semester-report", "school", "semester"}};
  EXPECT_EQ(CalendarConfigFields(cal),
            (FieldMap{{"holidays", Value(List{Value(List{"2026-05-01", "2026-05-05", "劳动节", ""})})},
                      {"on_semester_end", Value(List{Value(List{"semester-report", "school", "semester"})})},
                      {"semesters", Texts({"2026-spring"})},
                      {"semesters.2026-spring.end", Value("2026-07-10")},
                      {"semesters.2026-spring.name.en", Value("Spring")},
                      {"semesters.2026-spring.name.zh", Value("春季")},
                      {"semesters.2026-spring.start", Value("2026-02-23")}}));
  EXPECT_EQ(CalendarConfigFields(Calendar{}), FieldMap{});
  for (const auto& [key, value] : CalendarConfigFields(cal)) EXPECT_TRUE(IsCalendarConfigKey(key)) << key;
  for (const char* key : {"semestersx", "tables.semesters.a", "name.zh", "holiday", "roles.li"}) {
    EXPECT_FALSE(IsCalendarConfigKey(key)) << key;
  }
}

std::string Show(const std::vector<FieldChange>& changes) {
  std::string out;
  for (const FieldChange& c : changes) {
    out += c.field + ":" + (c.before.is_null() ? "null" : c.before.ToText()) + ">" +
           (c.after.is_null() ? "null" : c.after.ToText()) + ";";
  }
  return out;
}

TEST(ConfigFieldsTest, TheDifferenceListsChangedAddedAndRemovedKeysInKeyOrder) {
  struct Case {
    FieldMap before, after;
    std::string changes;
  } cases[] = {
      {{}, {}, ""},
      {{{"a", Value("x")}}, {{"a", Value("x")}}, ""},
      {{}, {{"b", Value("1")}, {"a", Value("2")}}, "a:null>2;b:null>1;"},
      {{{"a", Value("x")}, {"c", Value("z")}}, {}, "a:x>null;c:z>null;"},
      {{{"a", Value("x")}, {"b", Value("y")}}, {{"b", Value("y2")}, {"c", Value("z")}}, "a:x>null;b:y>y2;c:null>z;"},
      {{{"m", Texts({"a", "b"})}}, {{"m", Texts({"b", "a"})}}, "m:a, b>b, a;"},  // order of members counts
      {{{"n", Value(40)}}, {{"n", Value(40.0)}}, "n:40>40;"},                     // an int is not a double
  };
  for (const Case& c : cases) EXPECT_EQ(Show(DiffConfigFields(c.before, c.after)), c.changes);
}

TEST(ConfigFieldsTest, AnOrganizationComparedWithItselfHasNoChanges) {
  Org changed = School();
  EXPECT_TRUE(DiffConfigFields(OrgConfigFields(School()), OrgConfigFields(changed)).empty());
  changed.bodies[0].members.pop_back();
  auto diff = DiffConfigFields(OrgConfigFields(School()), OrgConfigFields(changed));
  ASSERT_EQ(diff.size(), 1u);
  EXPECT_EQ(diff[0].field, "bodies.party-meeting.members");
  EXPECT_EQ(diff[0].after, Texts({"wang", "li"}));
}

}  // namespace
}  // namespace docket
