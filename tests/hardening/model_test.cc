// The model-based test of issue 13: random sequences of actions, by random people of an
// organization file of the test's own (tests/hardening/model_data/org.yaml), through the
// application layer on a real SQLite file; after every accepted step an independent checker
// (model_checker.h) reads the whole record and checks the rules R1–R15 that can be read off
// it. A violation fails the test with its rule, its item and the shortest sequence found
// that reaches it (model_shrink.h), printed step by step.
//
// A third test runs sequences with `audit verify` (the rules replayed) as the probe.
// CTest runs a fixed seed for a few seconds. Longer: DOCKET_MODEL_SECONDS (search budget),
// DOCKET_MODEL_SEED, DOCKET_MODEL_STEPS (steps per sequence); DOCKET_MODEL_ALL_RULES=1 runs
// the checks of kKnownOpen too.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>

#include "hardening_util.h"
#include "model_checker.h"
#include "model_generator.h"
#include "model_shrink.h"
#include "support/temp_dir.h"

namespace docket::testing::model {
namespace {

// Checks of rules the engine is known not to hold yet (issue 13): off unless
// DOCKET_MODEL_ALL_RULES=1. Take an id out of here when its fix lands.
const std::set<std::string> kKnownOpen = {
    // "R12-late-task" (`item create task --parent` gave an executed decision a new open
    // task), found by this test, is closed: tests/app/attendance_test.cc.
};

using Clock = std::chrono::steady_clock;

struct Budget {
  int seed = EnvInt("DOCKET_MODEL_SEED", 13);
  int seconds = EnvInt("DOCKET_MODEL_SECONDS", 10);
  int steps = EnvInt("DOCKET_MODEL_STEPS", 150);
  int max_replays = EnvInt("DOCKET_MODEL_REPLAYS", 300);
};

std::set<std::string> OffRules() {
  return EnvInt("DOCKET_MODEL_ALL_RULES", 0) != 0 ? std::set<std::string>{} : kKnownOpen;
}

struct Failure {
  Violation violation;
  int sequence = 0;
  int original_steps = 0;
  std::vector<std::string> transcript;  // the shrunk sequence, replayed
};

struct Stats {
  int sequences = 0, steps = 0, accepted = 0, replays = 0;
  std::map<std::string, int> reached;  // item states reached: "matter:adopted"
};

// Runs sequences until the budget is spent; every rule that breaks is shrunk once and then
// left out, so one run reports every hole it finds.
std::vector<Failure> Explore(const std::string& template_db, const TempDir& dir, const Probe& probe,
                             std::set<std::string> off, const Budget& budget, double seconds, Stats* stats) {
  std::vector<Failure> failures;
  auto until = Clock::now() + std::chrono::milliseconds(static_cast<int>(seconds * 1000));
  for (int s = 0; Clock::now() < until; ++s) {
    Generator gen(static_cast<std::uint64_t>(budget.seed) * 1000003u + static_cast<std::uint64_t>(s));
    auto run = Run::Start(template_db, dir.File("seq.db"));
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    if (!run.ok()) break;
    Record last = (*run)->Read().value();
    std::vector<Step> steps;
    ++stats->sequences;
    for (int i = 0; i < budget.steps && Clock::now() < until; ++i) {
      steps.push_back(gen.Next(last, **run, i));
      Taken t = TakeStep(**run, &last, steps.back(), probe, off);
      std::erase_if(t.violations, [&](const Violation& v) { return off.count(v.rule) > 0; });
      ++stats->steps;
      if (t.status.ok() && !t.skipped) ++stats->accepted;
      if (t.violations.empty()) continue;
      const Violation& v = t.violations.front();
      int replays = 0;
      auto shrunk = Shrink(template_db, dir.File("shrink.db"), steps, probe, off, v.rule, budget.max_replays, &replays);
      stats->replays += replays;
      Replay again = ReplaySteps(template_db, dir.File("shrink.db"), shrunk, probe, off, v.rule);
      failures.push_back({again.violation.value_or(v), s, static_cast<int>(steps.size()), again.transcript});
      off.insert(v.rule);
      break;
    }
    for (const Item& i : last.items) ++stats->reached[i.workflow + ":" + i.state];
  }
  return failures;
}

std::string Report(const Failure& f) {
  std::string out = "rule " + f.violation.rule + " broken: " + f.violation.what + "\n  item " +
                    std::to_string(f.violation.item) + "; sequence " + std::to_string(f.sequence) + ", shrunk from " +
                    std::to_string(f.original_steps) + " to " + std::to_string(f.transcript.size()) + " steps:\n";
  for (const auto& line : f.transcript) out += "    " + line + "\n";
  return out;
}

void Print(const char* name, const Stats& st, double seconds) {
  std::printf("model%s: %d sequences, %d steps, %d accepted in %.1f s (%.0f steps/s); %d shrink replays\n", name,
              st.sequences, st.steps, st.accepted, seconds, st.steps / std::max(seconds, 0.001), st.replays);
  std::string states;
  for (const auto& [k, n] : st.reached) states += " " + k + "=" + std::to_string(n);
  std::printf("model%s: items by state at the sequences' ends:%s\n", name, states.c_str());
}

class ModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    template_ = dir_.File("template.db");
    Status st = MakeTemplate(template_);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  TempDir dir_;
  std::string template_;
  Budget budget_;
};

TEST_F(ModelTest, NoSequenceReachesAnOutcomeTheRulesForbid) {
  std::set<std::string> off = OffRules();
  Probe probe = [&](model::Run&, const Record& r) { return Check(r, off); };
  Stats st;
  auto start = Clock::now();
  auto failures = Explore(template_, dir_, probe, off, budget_, budget_.seconds, &st);
  Print("", st, std::chrono::duration<double>(Clock::now() - start).count());
  std::string off_text;
  for (const auto& id : off) off_text += " " + id;
  std::printf("model: seed %d; checks off (kKnownOpen):%s\n", budget_.seed, off_text.empty() ? " none" : off_text.c_str());
  for (const auto& f : failures) ADD_FAILURE() << Report(f);
  EXPECT_GT(st.accepted, 0);
}

// `findings` and the checker, on the same records: for each rule both state, an item the
// one flags the other flags too. The pairs, and the states the finding's check covers:
struct Pair {
  const char* workflow;
  const char* check;               // the workflow's check (`checks:` in its YAML)
  std::set<std::string> rules;     // the checker's ids that state it
  std::set<std::string> states;    // empty: every state
};
const std::vector<Pair> kPairs = {
    {"matter", "decided_by_right_body", {"R1-body"}, {"adopted", "rejected"}},
    {"matter", "pre_meeting_communication", {"R8-signoff"}, {"on_agenda", "deferred", "adopted", "rejected", "noted"}},
    {"matter", "quorum", {"R2-quorum"}, {"adopted", "rejected"}},
    {"matter", "quorum_two_thirds", {"R3"}, {"adopted", "rejected"}},
    {"matter", "majority", {"R4"}, {"adopted"}},
    {"matter", "secretary_last", {"R5"}, {"adopted", "rejected"}},
    {"matter", "recused_did_not_vote", {"R6-ballot"}, {}},
    {"matter", "recused_did_not_act", {"R6-acted"}, {}},
    {"meeting", "held_with_quorum", {"R2-meeting", "R13"}, {}},
    {"decision", "closed_with_open_tasks", {"R12", "R12-late-task"}, {"executed", "closed"}},
    {"matter", "topic_absence_explained", {"R2-reason"}, {"adopted", "rejected"}},
};

std::vector<Violation> Disagreements(Run& run, const Record& r) {
  std::set<std::pair<std::string, std::int64_t>> ours, theirs;
  for (const auto& v : Check(r, {})) ours.insert({v.rule, v.item});
  auto findings = run.docket().Findings(kDistrict);
  if (!findings.ok()) return {{"findings", 0, findings.status().ToString()}};
  // An item that names another organization's item is R1-org's alone: the checker leaves
  // its other rules to that, findings do not.
  std::set<std::int64_t> elsewhere;
  for (const auto& v : ours) {
    if (v.first == "R1-org") elsewhere.insert(v.second);
  }
  std::vector<Violation> out;
  for (const Pair& p : kPairs) {
    // Quorum of a topic with no attendance of its own: the checker counts the meeting's, as
    // issue 13 says a topic's attendance defaults to; findings count none. Not compared.
    bool own_attendance = p.check != std::string("quorum") && p.check != std::string("quorum_two_thirds");
    for (const Item& i : r.items) {
      if (i.workflow != p.workflow || (!p.states.empty() && !p.states.count(i.state)) || elsewhere.count(i.id)) continue;
      if (!own_attendance && !i.fields.count("present")) continue;
      bool checker = std::any_of(p.rules.begin(), p.rules.end(), [&](const auto& id) { return ours.count({id, i.id}) > 0; });
      bool finding = std::any_of(findings->begin(), findings->end(), [&](const Finding& f) {
        return f.item == i.id && f.check == p.check;
      });
      if (checker != finding) {
        out.push_back({std::string("findings-vs-") + *p.rules.begin(), i.id,
                       i.workflow + " " + std::to_string(i.id) + " (" + i.state + "): " +
                           (checker ? "the checker flags it, findings do not (" : "findings flag it, the checker does not (") +
                           p.check + ")"});
      }
    }
  }
  return out;
}

TEST_F(ModelTest, FindingsAgreeWithTheChecker) {
  Stats st;
  auto start = Clock::now();
  double seconds = std::max(2.0, budget_.seconds / 2.0);
  // Refusals are not compared: every check is off for the refusal check.
  std::set<std::string> off(CheckIds().begin(), CheckIds().end());
  Budget budget = budget_;
  budget.max_replays = std::min(budget.max_replays, 80);  // each replay asks for findings at every step
  auto failures = Explore(template_, dir_, Disagreements, off, budget, seconds, &st);
  Print("/findings", st, std::chrono::duration<double>(Clock::now() - start).count());
  for (const auto& f : failures) ADD_FAILURE() << Report(f);
}

// Every history the random sequences make is a lawful one: `audit verify` — the chain, the
// items, the configuration and every accepted entry judged again by the rules
// (audit/rule_replay.h) — passes after every step.
TEST_F(ModelTest, EveryHistoryVerifiesByTheRules) {
  Stats st;
  auto start = Clock::now();
  double seconds = std::max(2.0, budget_.seconds / 3.0);
  std::set<std::string> off(CheckIds().begin(), CheckIds().end());
  Budget budget = budget_;
  budget.max_replays = std::min(budget.max_replays, 80);
  Probe verify = [](model::Run& run, const Record&) -> std::vector<Violation> {
    auto v = run.docket().Verify(std::nullopt);
    if (v.ok()) return {};
    return {{"verify", 0, v.status().ToString()}};
  };
  auto failures = Explore(template_, dir_, verify, off, budget, seconds, &st);
  Print("/verify", st, std::chrono::duration<double>(Clock::now() - start).count());
  for (const auto& f : failures) ADD_FAILURE() << Report(f);
  EXPECT_GT(st.accepted, 0);
}

}  // namespace
}  // namespace docket::testing::model
