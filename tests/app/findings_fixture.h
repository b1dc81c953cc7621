// The fixture of the findings tests (findings_test.cc, findings_scope_test.cc): the
// governance fixture with items written into the store as a bad import would, and readers
// of the findings.
#pragma once

#include <algorithm>

#include "core/field.h"
#include "governance_fixture.h"
#include "store/pg_store.h"

namespace docket::testing {

class FindingsTest : public GovernanceTest {
 protected:
  // An item written into the store as an import would: no audit entry, no engine rules.
  std::int64_t Import(const std::string& workflow, const std::string& state, const FieldTexts& fields,
                      std::optional<std::int64_t> parent = std::nullopt, const std::string& org = "school-a") {
    auto def = docket_->GetDefinition(workflow, std::nullopt);
    EXPECT_TRUE(def.ok()) << def.status().ToString();
    if (!def.ok()) return 0;
    Item item;
    item.org = org;
    item.workflow = workflow;
    item.workflow_version = (*def)->version;
    item.state = state;
    item.parent = parent;
    item.version = 1;
    item.created_at = item.updated_at = clock_.Now();
    for (const auto& [name, text] : fields) {
      const FieldDef* f = (*def)->FindField(name);
      EXPECT_NE(f, nullptr) << name;
      if (f == nullptr) return 0;
      auto v = ParseFieldText(*f, text);
      EXPECT_TRUE(v.ok()) << v.status().ToString();
      if (v.ok()) item.fields[name] = *v;
    }
    auto id = store_->InsertItem(item);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  // A field changed in the store after the fact (an edit outside the engine).
  void Patch(std::int64_t id, const std::string& field, const std::string& text) {
    auto item = store_->GetItem(id);
    ASSERT_TRUE(item.ok());
    auto def = docket_->GetDefinition(item->workflow, item->workflow_version);
    ASSERT_TRUE(def.ok());
    auto v = ParseFieldText(*(*def)->FindField(field), text);
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    Item changed = *item;
    changed.fields[field] = *v;
    changed.version = item->version + 1;
    ASSERT_TRUE(store_->UpdateItem(changed, item->version).ok());
  }

  std::int64_t HeldMeeting(const std::string& body, const std::string& present) {
    std::int64_t m = NewMeeting(body);
    Ok(m, "hold", {{"present", present}}, "liu");
    return m;
  }

  // A matter adopted through the engine at a Party meeting of its own: every rule kept.
  std::int64_t AdoptedMatter(const std::string& category) {
    std::int64_t party = NewMeeting("party-meeting");
    std::int64_t m = OnAgenda(category, party);
    Ok(party, "hold", {{"present", "wang,li,chen,gao,ma"}}, "liu");
    Ok(m, "vote", {{"present", "wang,li,chen,gao,ma"}, {"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"}},
       "liu");
    Ok(m, "adopt", {{"decision", "同意"}}, "wang");
    return m;
  }

  // The fields of an adopted major matter as an import would bring them, before `meeting`.
  FieldTexts DecidedMatter(const std::string& category, std::int64_t meeting) {
    return {{"title", "导入的议题"},
            {"category", category},
            {"meeting", std::to_string(meeting)},
            {"presigned_secretary", "wang"},
            {"presigned_principal", "li"},
            {"present", "wang,li,chen,gao,ma"},
            {"votes", "li:agree,chen:agree,gao:agree,ma:agree,wang:agree"},
            {"decision", "同意"}};
  }
  FieldTexts With(FieldTexts fields, const std::string& name, const std::string& text) {
    for (auto& [n, t] : fields) {
      if (n == name) {
        t = text;
        return fields;
      }
    }
    fields.push_back({name, text});
    return fields;
  }

  std::vector<Finding> Findings(const std::string& org = "district", std::optional<std::string> term = std::nullopt,
                                std::optional<TimePoint> as_of = std::nullopt) {
    auto r = docket_->Findings(org, term, as_of);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<Finding>{};
  }
  // The checks that found something about `item`, in order ("" entries for none).
  static std::vector<std::string> ChecksOn(const std::vector<Finding>& fs, std::int64_t item) {
    std::vector<std::string> out;
    for (const auto& f : fs) {
      if (f.item == item) out.push_back(f.rule + " " + f.check);
    }
    return out;
  }
  static const Finding* Find(const std::vector<Finding>& fs, std::int64_t item, const std::string& check) {
    for (const auto& f : fs) {
      if (f.item == item && f.check == check) return &f;
    }
    return nullptr;
  }
  static std::string Evidence(const Finding& f, const std::string& field) {
    for (const auto& [k, v] : f.evidence) {
      if (k == field) return v;
    }
    return "(none)";
  }
  void LoadCalendar() {
    Status st = docket_->LoadCalendar(FindShipped("workflows/examples/calendar.yaml")->text, "calendar.yaml");
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  static TimePoint At(const char* iso) { return *ParseTime(iso); }

  using Strings = std::vector<std::string>;
};

}  // namespace docket::testing
