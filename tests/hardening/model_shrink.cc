#include "model_shrink.h"

#include <algorithm>

namespace docket::testing::model {
namespace {

std::optional<std::int64_t> SubmittedMeeting(const Run& run, const Step& step) {
  for (const auto& [k, v] : step.fields) {
    if (k != "meeting" || v.size() < 2 || v[0] != '@') continue;
    size_t dot = v.find('.');
    return run.Resolve({std::stoi(v.substr(1, dot - 1)), std::stoi(v.substr(dot + 1))});
  }
  return std::nullopt;
}

}  // namespace

Taken TakeStep(Run& run, Record* last, const Step& step, const Probe& probe, const std::set<std::string>& off) {
  Taken out;
  std::optional<std::int64_t> item = step.create ? std::nullopt : run.Resolve(step.item);
  std::optional<std::int64_t> meeting = SubmittedMeeting(run, step);
  auto status = run.Apply(step);
  if (!status) {
    out.skipped = true;
    return out;
  }
  out.status = *status;
  if (status->ok()) {
    auto record = run.Read();
    if (!record.ok()) {
      out.violations.push_back({"READ", 0, record.status().ToString()});
      return out;
    }
    *last = std::move(record).value();
    out.violations = probe(run, *last);
  } else if (item) {
    if (const Item* i = last->Find(*item)) {
      if (auto v = CheckRefusal(*last, *i, step.action, step.actor, meeting, *status, off)) out.violations.push_back(*v);
    }
  }
  return out;
}

Replay ReplaySteps(const std::string& template_db, const std::string& scratch, const std::vector<Step>& steps,
                   const Probe& probe, const std::set<std::string>& off, const std::string& rule) {
  Replay out;
  auto run = Run::Start(template_db, scratch);
  if (!run.ok()) {
    out.transcript.push_back("cannot start: " + run.status().ToString());
    return out;
  }
  auto first = (*run)->Read();
  if (!first.ok()) return out;
  Record last = std::move(first).value();
  out.refused.assign(steps.size(), false);
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    Taken t = TakeStep(**run, &last, step, probe, off);
    if (t.skipped) continue;
    out.refused[i] = !t.status.ok();
    out.transcript.push_back(Describe(step) + (t.status.ok() ? "  -> ok" : "  -> " + t.status.message()));
    for (const auto& v : t.violations) {
      if (rule.empty() || v.rule == rule) {
        out.violation = v;
        return out;
      }
    }
  }
  return out;
}

std::vector<Step> Shrink(const std::string& template_db, const std::string& scratch, std::vector<Step> steps,
                         const Probe& probe, const std::set<std::string>& off, const std::string& rule,
                         int max_replays, int* replays) {
  auto fails = [&](const std::vector<Step>& candidate) {
    if (*replays >= max_replays) return false;
    ++*replays;
    return ReplaySteps(template_db, scratch, candidate, probe, off, rule).violation.has_value();
  };
  // Refusals change no item: first drop them all (but the last step, which may be the
  // refusal that breaks the rule).
  Replay first = ReplaySteps(template_db, scratch, steps, probe, off, rule);
  ++*replays;
  std::vector<Step> accepted;
  for (size_t i = 0; i < steps.size(); ++i) {
    if (i + 1 == steps.size() || !first.refused[i]) accepted.push_back(steps[i]);
  }
  if (accepted.size() < steps.size() && fails(accepted)) steps = std::move(accepted);
  // Delta debugging on complements: drop one of n chunks while the rule still breaks.
  size_t n = 2;
  while (steps.size() >= 2 && *replays < max_replays) {
    size_t chunk = (steps.size() + n - 1) / n;
    bool reduced = false;
    for (size_t start = 0; start < steps.size(); start += chunk) {
      std::vector<Step> rest(steps.begin(), steps.begin() + start);
      rest.insert(rest.end(), steps.begin() + std::min(steps.size(), start + chunk), steps.end());
      if (fails(rest)) {
        steps = std::move(rest);
        n = std::max<size_t>(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= steps.size()) break;
      n = std::min(steps.size(), 2 * n);
    }
  }
  // Then one step at a time, until no single step can go.
  for (bool changed = true; changed && *replays < max_replays;) {
    changed = false;
    for (size_t i = steps.size(); i-- > 0;) {
      std::vector<Step> rest = steps;
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
      if (fails(rest)) {
        steps = std::move(rest);
        changed = true;
      }
    }
  }
  // Shorter waits say the same: the clock advances only where the sequence needs it (at
  // least a second, as the generator does).
  for (Step& s : steps) {
    if (s.advance_seconds <= 1) continue;
    int was = s.advance_seconds;
    s.advance_seconds = 1;
    if (!fails(steps)) s.advance_seconds = was;
  }
  return steps;
}

}  // namespace docket::testing::model
