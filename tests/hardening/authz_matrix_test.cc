// The authorization matrix, generated from the definitions: for every shipped workflow,
// every transition (and create) from each of its from-states, and every role that appears
// in the example organizations held three ways — alone in the item's organization, alone in
// another school, alone in the supervising organization — the action succeeds iff the role
// is one of the transition's roles (or roles_above, for the supervising organization).
// Every refusal is Forbidden, changes nothing and is in the audit log. A few spot checks
// pin the generated expectations to what the workflow says, and the CLI exits 4.
// Roles are checked before conditions, so an allowed role may still meet a condition these
// sample values cannot satisfy (a quorum of a body's members, a decision-matter list): such
// a cell must be refused by the condition (Refused), never Forbidden, and states reachable
// only through such conditions are left to the workflows' own tests.
#include <deque>
#include <set>

#include <nlohmann/json.hpp>

#include "app/embedded.h"
#include "cli_fixture.h"
#include "core/field.h"
#include "hardening_util.h"

namespace docket::testing {
namespace {

constexpr const char* kHome = "school-a";   // the items' organization
constexpr const char* kOther = "school-b";  // another school
constexpr const char* kAbove = "district";  // school-a's supervising organization

enum class Where { kHome, kOther, kAbove };
const char* WhereName(Where w) { return w == Where::kHome ? "in" : w == Where::kOther ? "out" : "above"; }
std::string PersonFor(Where w, const std::string& role) { return std::string(WhereName(w)) + "-" + role; }

// A value the field accepts, for the fields an action requires. Integers are 100 so that a
// progress condition (0..100, equals 100) holds.
std::string SampleText(const FieldDef& f) {
  switch (f.type == FieldType::kList ? f.element : f.type) {
    case FieldType::kInteger: return "100";
    case FieldType::kNumber: return "1.5";
    case FieldType::kMoney: return "100.00";
    case FieldType::kDate: return "2026-03-04";
    case FieldType::kDateTime: return "2026-03-04T09:00:00Z";
    case FieldType::kEnum: {
      // Prefer a value no condition singles out; for matter any value but large-spending.
      for (const auto& v : f.values) {
        if (v == "routine") return v;
      }
      return f.values.front();
    }
    case FieldType::kBool: return "true";
    case FieldType::kPerson: return "li";
    case FieldType::kItem: return "1";  // the first item made; conditions on it may refuse
    case FieldType::kBallot: return "li:" + f.values.front();
    default: return "样例";
  }
}

FieldTexts RequiredFields(const Definition& def, const TransitionDef& t) {
  FieldTexts out;
  for (const auto& name : t.required) out.emplace_back(name, SampleText(*def.FindField(name)));
  return out;
}

class AuthzMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    d_ = OpenLoaded(dir_.File("authz.db"));
    ASSERT_TRUE(d_->status.ok()) << d_->status.ToString();
    auto people = d_->docket->ListPeople();
    ASSERT_TRUE(people.ok());
    for (const auto& p : *people) {
      for (const auto& g : p.roles) roles_.insert(g.role);
    }
    ASSERT_GE(roles_.size(), 5u);
    // One person per role and place, holding that role only.
    std::string yaml = "organizations:\n";
    for (const char* org : {kAbove, kHome, kOther}) {
      auto o = d_->store->GetOrg(org);
      ASSERT_TRUE(o.ok());
      yaml += "  - {id: " + o->id + ", name: {en: '" + o->name.en + "'}, kind: " + o->kind + (o->parent ? ", parent: " + *o->parent : "") + "}\n";
    }
    yaml += "people:\n";
    for (const auto& role : roles_) {
      for (auto [w, org] : {std::pair{Where::kHome, kHome}, {Where::kOther, kOther}, {Where::kAbove, kAbove}}) {
        yaml += "  - {id: " + PersonFor(w, role) + ", name: {en: " + PersonFor(w, role) + "}, roles: [{org: " + org + ", role: " + role + "}]}\n";
      }
    }
    auto loaded = d_->docket->LoadOrgs(yaml, "matrix-people.yaml");
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString() << "\n" << yaml;
  }

  void SpawnedByHand(std::string_view shipped, std::int64_t version) {
    std::string text(shipped);
    for (auto [from, to] : {std::pair<std::string, std::string>{"\nversion: " + std::to_string(version) + "\n",
                                                                "\nversion: 99\n"},
                            {"roles: []", "roles: [secretary]"}}) {
      auto at = text.find(from);
      ASSERT_NE(at, std::string::npos) << from;
      text.replace(at, from.size(), to);
    }
    auto loaded = d_->docket->LoadWorkflow(text, "by-hand.yaml");
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  }

  // The transitions from the initial state to `state` (breadth first, no self-loops).
  std::vector<const TransitionDef*> PathTo(const Definition& def, const std::string& state) {
    std::map<std::string, std::vector<const TransitionDef*>> paths{{def.InitialState()->name, {}}};
    std::deque<std::string> todo{def.InitialState()->name};
    while (!todo.empty()) {
      std::string s = todo.front();
      todo.pop_front();
      if (s == state) return paths[s];
      for (const auto& t : def.transitions) {
        if (!t.AllowedFrom(s) || t.to == s || def.IsTerminal(s) || paths.count(t.to)) continue;
        paths[t.to] = paths[s];
        paths[t.to].push_back(&t);
        todo.push_back(t.to);
      }
    }
    ADD_FAILURE() << def.id << ": state " << state << " is unreachable";
    return {};
  }

  // A new item driven to `state` by people of the home organization who hold the roles; then
  // every self-loop on the way taken once, so that what they set (progress) is in place.
  // 0 when a condition the sample values cannot satisfy stands in the way.
  std::int64_t ItemIn(const Definition& def, const std::string& state) {
    // A workflow only spawned (no create roles) runs here on its by-hand variant (SpawnedByHand).
    const std::string creator = !def.create.roles.empty()       ? PersonFor(Where::kHome, def.create.roles.at(0))
                                : !def.create.roles_above.empty() ? PersonFor(Where::kAbove, def.create.roles_above.at(0))
                                                                  : PersonFor(Where::kHome, "secretary");
    auto created = d_->docket->CreateItem({def.id, kHome, std::nullopt, RequiredFields(def, def.create), creator});
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    if (!created.ok()) return 0;
    std::int64_t id = created->item.id;
    // Every state passed through gets its self-loops too (report's progress is what
    // complete, later on, checks).
    auto loops_at = [&](const std::string& s, std::vector<const TransitionDef*>* out) {
      for (const auto& t : def.transitions) {
        if (t.AllowedFrom(s) && t.to == s) out->push_back(&t);
      }
    };
    std::vector<const TransitionDef*> steps;
    std::string at = def.InitialState()->name;
    for (const TransitionDef* t : PathTo(def, state)) {
      loops_at(at, &steps);
      steps.push_back(t);
      at = t->to;
    }
    loops_at(state, &steps);
    for (const TransitionDef* t : steps) {
      // Someone who may take it: a holder of its first role here, or else above.
      std::string who = t->roles.empty() ? PersonFor(Where::kAbove, t->roles_above.at(0))
                                         : PersonFor(Where::kHome, t->roles.at(0));
      auto r = d_->docket->Act({id, t->name, RequiredFields(def, *t), std::nullopt, who});
      if (!r.ok() && t->when && r.status().code() == Code::kRefused) return 0;
      EXPECT_TRUE(r.ok()) << "driving item " << id << " to " << state << ": " << t->name << ": "
                          << r.status().ToString();
    }
    EXPECT_EQ(d_->docket->GetItem(id)->state, state);
    return id;
  }

  AuditEntry LastEntry() {
    AuditEntry last;
    EXPECT_TRUE(d_->store->ForEachAuditEntry(kHome, [&](const AuditEntry& e) {
      last = e;
      return Status::Ok();
    }).ok());
    return last;
  }

  static bool Allowed(const TransitionDef& t, Where w, const std::string& role) {
    auto has = [&](const std::vector<std::string>& xs) { return std::find(xs.begin(), xs.end(), role) != xs.end(); };
    return (w == Where::kHome && has(t.roles)) || (w == Where::kAbove && has(t.roles_above));
  }

  // Checks one refusal: Forbidden, recorded as the newest entry, nothing else changed.
  void ExpectRefused(const Status& st, const std::string& person, const std::string& action, std::int64_t item,
                     std::int64_t entries_before, const std::string& cell) {
    EXPECT_EQ(st.code(), Code::kForbidden) << cell << ": " << st.ToString();
    EXPECT_THAT(st.message(), ::testing::HasSubstr(person)) << cell;
    AuditEntry e = LastEntry();
    EXPECT_EQ(e.seq, entries_before + 1) << cell << ": the refusal is not in the audit log";
    EXPECT_EQ(e.outcome, "refused") << cell;
    EXPECT_EQ(e.actor, person) << cell;
    EXPECT_EQ(e.action, action) << cell;
    EXPECT_EQ(e.item_id, item) << cell;
    EXPECT_THAT(e.reason, ::testing::StartsWith("{\"code\":\"forbidden\"")) << cell << ": " << e.reason;
  }

  TempDir dir_;
  std::unique_ptr<OpenDocket> d_;
  std::set<std::string> roles_;
  int allowed_ = 0, refused_ = 0, conditioned_ = 0, unreachable_ = 0;
};

TEST_F(AuthzMatrixTest, OnlyTheAllowedCombinationsSucceedAndEveryRefusalIsAudited) {
  std::vector<Where> places{Where::kHome, Where::kOther, Where::kAbove};
  for (const auto& wf : ShippedWorkflows()) {
    auto report = d_->docket->LoadWorkflow(wf.text, std::string(wf.path));  // already loaded: names it
    ASSERT_TRUE(report.ok()) << wf.path << ": " << report.status().ToString();
    auto def_r = d_->docket->GetDefinition(report->workflow, std::nullopt);
    ASSERT_TRUE(def_r.ok()) << wf.path << ": " << def_r.status().ToString();
    const Definition& def = **def_r;

    // Create.
    for (const auto& role : roles_) {
      for (Where w : places) {
        std::string person = PersonFor(w, role);
        std::string cell = def.id + " create by " + person;
        std::int64_t before = LastEntry().seq;
        auto r = d_->docket->CreateItem({def.id, kHome, std::nullopt, RequiredFields(def, def.create), person});
        if (Allowed(def.create, w, role)) {
          ++allowed_;
          EXPECT_TRUE(r.ok()) << cell << ": " << r.status().ToString();
        } else {
          ++refused_;
          ASSERT_FALSE(r.ok()) << cell << " was allowed";
          ExpectRefused(r.status(), person, "create", 0, before, cell);
        }
      }
    }

    // Items no one may create (spawned by another item's action) are made for the transitions
    // below through a newer version of the same text whose create the secretary may take.
    if (def.create.roles.empty() && def.create.roles_above.empty()) SpawnedByHand(wf.text, def.version);

    // Every transition from every state it may start from.
    for (const auto& t : def.transitions) {
      std::vector<std::string> froms;
      for (const auto& s : def.states) {
        if (t.AllowedFrom(s.name)) froms.push_back(s.name);
      }
      for (const auto& from : froms) {
        std::int64_t shared = ItemIn(def, from);  // refusals change nothing: one item serves them all
        if (shared == 0) {
          ++unreachable_;
          continue;
        }
        for (const auto& role : roles_) {
          for (Where w : places) {
            std::string person = PersonFor(w, role);
            std::string cell = def.id + " " + t.name + " from " + from + " by " + person;
            bool allowed = Allowed(t, w, role);
            std::int64_t id = allowed ? ItemIn(def, from) : shared;
            Item before_item = d_->docket->GetItem(id).value();
            std::int64_t before = LastEntry().seq;
            auto r = d_->docket->Act({id, t.name, RequiredFields(def, t), std::nullopt, person});
            if (allowed && !r.ok() && t.when && r.status().code() == Code::kRefused) {
              ++conditioned_;  // authorized; refused by the transition's condition
              EXPECT_THAT(r.status().message(), ::testing::StartsWith("action '" + t.name + "' refused: ")) << cell;
            } else if (allowed) {
              ++allowed_;
              ASSERT_TRUE(r.ok()) << cell << ": " << r.status().ToString();
              EXPECT_EQ(r->item.state, t.to) << cell;
              EXPECT_EQ(r->item.version, before_item.version + 1) << cell;
            } else {
              ++refused_;
              ASSERT_FALSE(r.ok()) << cell << " was allowed";
              ExpectRefused(r.status(), person, t.name, id, before, cell);
              Item after = d_->docket->GetItem(id).value();
              EXPECT_EQ(after.version, before_item.version) << cell;
              EXPECT_EQ(after.state, before_item.state) << cell;
              EXPECT_EQ(after.fields, before_item.fields) << cell;
            }
          }
        }
      }
    }
  }
  auto v = d_->docket->Verify(std::nullopt);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_GT(allowed_, 10);
  EXPECT_GT(refused_, 100);
  std::printf("authz: %zu roles x 3 places; %d allowed, %d refused (all audited); %d allowed but refused by a "
              "condition; %d from-states not reachable with sample values\n",
              roles_.size(), allowed_, refused_, conditioned_, unreachable_);
}

// The generated expectations agree with what matter.yaml says in words.
TEST_F(AuthzMatrixTest, SpotChecks) {
  const Definition& def = **d_->docket->GetDefinition("matter", std::nullopt);
  auto t = [&](const char* name) { return *std::find_if(def.transitions.begin(), def.transitions.end(),
                                                        [&](const TransitionDef& x) { return x.name == name; }); };
  EXPECT_TRUE(Allowed(t("presign_secretary"), Where::kHome, "secretary"));
  EXPECT_FALSE(Allowed(t("presign_secretary"), Where::kHome, "principal"));
  EXPECT_FALSE(Allowed(t("presign_secretary"), Where::kAbove, "supervisor"));
  EXPECT_FALSE(Allowed(t("presign_secretary"), Where::kOther, "secretary"));
  EXPECT_TRUE(Allowed(t("adopt"), Where::kHome, "principal"));
  EXPECT_FALSE(Allowed(t("adopt"), Where::kHome, "vice_principal"));
  EXPECT_TRUE(Allowed(t("vote"), Where::kHome, "clerk"));
  EXPECT_FALSE(Allowed(t("vote"), Where::kHome, "principal"));
  EXPECT_FALSE(Allowed(t("submit"), Where::kHome, "committee_member"));
  EXPECT_TRUE(Allowed(def.create, Where::kHome, "clerk"));
}

// Through the real binary: refusals exit 4 and are in the item's history.
class AuthzCliTest : public CliTest {};

TEST_F(AuthzCliTest, RefusalsExitFourAndAreInTheHistory) {
  std::string id = NewMatter();
  ASSERT_EQ(As("liu", {"item", "act", id, "submit"}).exit_code, 0);
  struct Case {
    const char* who;
    const char* action;
  } cases[] = {{"chen", "presign_secretary"}, {"li", "presign_secretary"}, {"zhao", "presign_secretary"},
               {"sun", "presign_secretary"}, {"liu", "presign_principal"}};
  for (const auto& c : cases) {
    auto r = As(c.who, {"item", "act", id, c.action});
    EXPECT_EQ(r.exit_code, 4) << c.who << " " << c.action << ": " << r.err;
    EXPECT_THAT(r.err, ::testing::HasSubstr(c.who));
  }
  auto history = nlohmann::json::parse(Docket({"--json", "item", "history", id}).out);
  ASSERT_EQ(history.size(), 2u + std::size(cases));
  for (size_t i = 0; i < std::size(cases); ++i) {
    EXPECT_EQ(history[2 + i]["outcome"], "refused");
    EXPECT_EQ(history[2 + i]["actor"], cases[i].who);
  }
  EXPECT_EQ(Docket({"audit", "verify"}).exit_code, 0);
}

}  // namespace
}  // namespace docket::testing
