#include "model_generator.h"

#include <algorithm>
#include <optional>
#include <set>

namespace docket::testing::model {
namespace {

const std::vector<std::pair<std::string, int>> kCreateWeights = {
    {"matter", 30}, {"meeting", 30}, {"temporary-action", 10}, {"decision", 8}, {"task", 6},
    {"communication", 4}, {"finding", 4}, {"semester-report", 3}};
const std::vector<std::string> kChoices = {"agree", "agree", "agree", "agree", "agree", "agree", "agree",
                                           "disagree", "abstain", "defer", "absent-with-opinion"};

const std::set<std::string> kWaysOut = {"withdraw", "cancel", "postpone", "close", "revoke", "reconsider",
                                        "rework", "reopen", "return", "defer"};

std::optional<std::string> StepField(const Step& s, const std::string& name) {
  for (const auto& [k, v] : s.fields) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string> ListOf(const docket::Value& v) {
  std::vector<std::string> out;
  if (v.is_list()) {
    for (const auto& e : v.as_list()) {
      if (e.is_string()) out.push_back(e.as_string());
    }
  }
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  for (size_t s = 0; s <= text.size();) {
    size_t c = text.find(", ", s);
    out.push_back(text.substr(s, c == std::string::npos ? std::string::npos : c - s));
    if (c == std::string::npos) break;
    s = c + 2;
  }
  return out;
}

std::string Joined(const std::vector<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ", ") + x;
  return out;
}

docket::Value FieldOf(const Item* i, const std::string& f) {
  if (i == nullptr) return {};
  auto it = i->fields.find(f);
  return it == i->fields.end() ? docket::Value() : it->second;
}

// The meeting a step names, else the item's.
const Item* MeetingOf(const Record& r, const Run& run, const Item* item, const Step& step) {
  if (auto text = StepField(step, "meeting"); text && text->size() > 1 && (*text)[0] == '@') {
    size_t dot = text->find('.');
    auto id = run.Resolve({std::stoi(text->substr(1, dot - 1)), std::stoi(text->substr(dot + 1))});
    return id ? r.Find(*id) : nullptr;
  }
  return r.Find(FieldOf(item, "meeting"));
}

}  // namespace

Step Generator::Next(const Record& r, const Run& run, int index) {
  Step step;
  step.index = index;
  double a = std::uniform_real_distribution<double>(0, 1)(rng_);
  // At least a second between steps: the record orders events by their times (a meeting held
  // in the same second as a temporary action is not "after" it), as people's actions are.
  step.advance_seconds = a < 0.45 ? 1 : a < 0.8 ? 60 * Uniform(1, 120) : a < 0.96 ? 3600 * Uniform(1, 48) : 86400 * Uniform(1, 20);
  std::vector<const Item*> active;
  for (const Item& i : r.items) {
    auto def = r.defs.find(i.workflow);
    if (def != r.defs.end() && !def->second->IsTerminal(i.state) && run.RefOf(i.id)) active.push_back(&i);
  }
  if (active.empty() || Chance(active.size() < 4 ? 0.5 : 0.1)) {
    Create(r, run, &step);
  } else {
    // Matters and meetings carry the rules: they are picked more often.
    std::vector<const Item*> weighted;
    for (const Item* i : active) weighted.insert(weighted.end(), i->workflow == "matter" ? 4 : i->workflow == "meeting" ? 3 : 1, i);
    const Item* item = Pick(weighted);
    if (Chance(0.04)) item = &r.items[Uniform(0, static_cast<int>(r.items.size()) - 1)];
    Act(r, run, *item, &step);
  }
  return step;
}

void Generator::Create(const Record& r, const Run& run, Step* step) {
  int total = 0, at = 0;
  for (const auto& [wf, w] : kCreateWeights) total += w;
  int x = Uniform(1, total);
  for (const auto& [wf, w] : kCreateWeights) {
    if ((at += w) >= x) {
      step->workflow = wf;
      break;
    }
  }
  double o = std::uniform_real_distribution<double>(0, 1)(rng_);
  step->org = o < 0.62 ? kSchool : o < 0.9 ? kBranch : kOther;
  step->create = true;
  const Definition& def = *r.defs.at(step->workflow);
  step->actor = Actor(r, nullptr, step->org, def.create);
  std::vector<const Item*> parents;
  for (const Item& i : r.items) {
    if ((step->workflow == "task" && i.workflow == "decision") || (step->workflow == "decision" && i.workflow == "matter")) {
      parents.push_back(&i);
    }
  }
  if (!parents.empty() && Chance(0.5)) step->parent = run.RefOf(Pick(parents)->id);
  Fields(r, run, def, def.create, nullptr, step->org, step);
}

void Generator::Act(const Record& r, const Run& run, const Item& item, Step* step) {
  const Definition& def = *r.defs.at(item.workflow);
  std::vector<const TransitionDef*> from;
  for (const auto& t : def.transitions) {
    if (t.AllowedFrom(item.state)) from.push_back(&t);
  }
  // Ways out (withdraw, cancel, ...) are taken rarely, so that sequences get deep.
  std::vector<const TransitionDef*> weighted;
  for (const TransitionDef* t : from) {
    int w = kWaysOut.count(t->name) ? 1 : 8;
    weighted.insert(weighted.end(), w, t);
  }
  const TransitionDef* t = !weighted.empty() && Chance(0.9) ? Pick(weighted) : &Pick(def.transitions);
  step->item = *run.RefOf(item.id);
  step->workflow = item.workflow;
  step->action = t->name;
  step->actor = Actor(r, &item, item.org, *t);
  Fields(r, run, def, *t, &item, item.org, step);
}

std::string Generator::Actor(const Record& r, const Item* item, const std::string& org, const TransitionDef& t) {
  double x = std::uniform_real_distribution<double>(0, 1)(rng_);
  std::vector<std::string> holders;
  for (const auto& role : t.roles) {
    for (const auto& p : r.Holders(org, role)) holders.push_back(p);
  }
  if (!t.roles_above.empty() && x < 0.7) return "msup";
  std::vector<std::string> recused = ListOf(FieldOf(item, "recused"));
  if (x < 0.72 && !holders.empty()) return Pick(holders);
  if (x < 0.8 && !recused.empty()) return Pick(recused);
  if (x < 0.87) return Pick(std::vector<std::string>{"osec", "opri", "oclerk", "bsp", "bclerk", "msec", "mpri", "mclerk"});
  if (x < 0.92) return Pick(std::vector<std::string>{"mteach", "mguest", "msup", "ms07"});
  return Pick(r.people);
}

void Generator::Fields(const Record& r, const Run& run, const Definition& def, const TransitionDef& t, const Item* item,
                       const std::string& org, Step* step) {
  std::vector<std::string> names = t.required;
  for (const auto& s : t.sets) {
    if (Chance(0.5)) names.push_back(s);
  }
  // Evidence typed where it does not belong: a ballot or attendance given to adopt or
  // reject, now and then any field to any action.
  if ((t.name == "adopt" || t.name == "reject") && Chance(0.35)) names.insert(names.begin(), "votes");
  if ((t.name == "adopt" || t.name == "reject") && Chance(0.15)) names.insert(names.begin(), "present");
  if (Chance(0.04)) names.push_back(Pick(def.fields).name);
  // Attendance before the ballot that is drawn from it.
  std::stable_sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a == "present" && b != "present"; });
  for (const auto& name : names) {
    const FieldDef* f = def.FindField(name);
    if (f == nullptr || StepField(*step, name)) continue;
    step->fields.emplace_back(name, Value(r, run, *f, item, org, *step));
  }
}

std::vector<std::string> Generator::Subset(const std::vector<std::string>& xs, int k) {
  std::vector<std::string> out = xs;
  std::shuffle(out.begin(), out.end(), rng_);
  out.resize(std::clamp(k, 0, static_cast<int>(out.size())));
  return out;
}

std::string Generator::Meeting(const Record& r, const Run& run, const Item* item, const std::string& org, const Step& step) {
  std::string category = item ? FieldOf(item, "category").ToText() : "";
  auto body = r.matters.find(category.empty() ? "temporary-action" : category);
  bool upcoming = step.action == "schedule";
  std::vector<const Item*> fit, here, any;
  for (const Item& g : r.items) {
    if (g.workflow != "meeting") continue;
    any.push_back(&g);
    if (g.org == org) here.push_back(&g);
    bool state_fits = upcoming ? (g.state == "planned" || g.state == "notified") : g.state != "planned" && g.state != "notified";
    if (g.org == org && state_fits && body != r.matters.end() && FieldOf(&g, "body").ToText() == body->second) fit.push_back(&g);
  }
  const Item* g = !fit.empty() && Chance(0.8)    ? Pick(fit)
                  : !here.empty() && Chance(0.7) ? Pick(here)
                  : !any.empty() && Chance(0.95) ? Pick(any)
                                                 : nullptr;
  if (g == nullptr && !r.items.empty()) g = &Pick(r.items);
  auto ref = g ? run.RefOf(g->id) : std::nullopt;
  return ref ? RefText(*ref) : "1";
}

std::vector<std::string> Generator::Attendance(const Record& r, const Item* item, const std::string& org, const Step& step) {
  const Body* body = nullptr;
  std::vector<std::string> at_meeting;
  if (item && item->workflow == "meeting") {
    body = r.BodyOf(org, FieldOf(item, "body").ToText());
  } else if (const Item* g = r.Find(FieldOf(item, "meeting"))) {
    body = r.BodyOf(g->org, FieldOf(g, "body").ToText());
    at_meeting = ListOf(FieldOf(g, "present"));
  }
  if (body == nullptr) body = r.BodyOf(org, "party-meeting");
  if (body == nullptr) return {};
  std::vector<std::string> out;
  int n = static_cast<int>(body->members.size());
  if (!at_meeting.empty() && Chance(0.75)) {
    out = Chance(0.6) ? at_meeting : Subset(at_meeting, static_cast<int>(at_meeting.size()) - Uniform(1, 2));
  } else {
    out = Subset(body->members, Chance(0.75) ? Uniform(n / 2, n) : Uniform(0, n));
  }
  if (Chance(0.1)) out.push_back(Pick(body->members));
  if (Chance(0.05)) out.push_back(Pick(r.people));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  (void)step;
  return out;
}

std::string Generator::Ballot(const Record& r, const Item* item, const std::string& org, const Step& step) {
  std::vector<std::string> present;
  if (auto text = StepField(step, "present")) {
    present = Split(*text);
  } else {
    // No attendance given: the topic's, else the meeting's that it defaults to.
    present = ListOf(FieldOf(item, "present"));
    if (present.empty()) present = ListOf(FieldOf(r.Find(FieldOf(item, "meeting")), "present"));
    if (present.empty()) present = Attendance(r, item, org, step);
  }
  std::vector<std::string> recused = ListOf(FieldOf(item, "recused"));
  if (auto text = StepField(step, "recused")) {
    for (const auto& p : Split(*text)) recused.push_back(p);
  }
  if (Chance(0.08)) present.push_back(Pick(r.people));
  std::shuffle(present.begin(), present.end(), rng_);
  if (Chance(0.8)) {
    std::stable_partition(present.begin(), present.end(), [&](const auto& p) { return !r.Holds(p, org, "secretary"); });
  }
  std::vector<std::string> positions;
  for (const auto& p : present) {
    if (p.empty()) continue;
    bool is_recused = std::find(recused.begin(), recused.end(), p) != recused.end();
    // Mostly in favour, so that matters reach adoption and its rules are exercised too.
    positions.push_back(p + ":" + (is_recused && Chance(0.85) ? std::string("recused")
                                   : Chance(0.6)              ? std::string("agree")
                                                              : Pick(kChoices)));
  }
  if (positions.empty()) positions.push_back(Pick(r.people) + ":agree");
  return Joined(positions);
}

std::string Generator::Value(const Record& r, const Run& run, const FieldDef& f, const Item* item, const std::string& org,
                             const Step& step) {
  const std::string& n = f.name;
  std::vector<std::string> in_org;
  for (const auto& p : r.people) {
    if (r.roles.at(p).count(org)) in_org.push_back(p);
  }
  if (in_org.empty()) in_org = r.people;
  std::vector<std::string> owners = r.Holders(org, "principal");
  for (const auto& p : r.Holders(org, "vice_principal")) owners.push_back(p);
  if (owners.empty()) owners = in_org;
  TimePoint now = run.now() + std::chrono::seconds(step.advance_seconds);
  if (f.type == FieldType::kItem) return Meeting(r, run, item, org, step);
  if (n == "present") return Joined(Attendance(r, item, org, step));
  if (n == "votes") return Ballot(r, item, org, step);
  if (n == "recused") {
    const Item* g = MeetingOf(r, run, item, step);
    const Body* body = g ? r.BodyOf(g->org, FieldOf(g, "body").ToText()) : r.BodyOf(org, "party-meeting");
    std::vector<std::string> now_recused = ListOf(FieldOf(item, "recused"));
    double x = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (x < 0.45 || now_recused.empty()) {
      if (body) now_recused.push_back(Pick(body->members));
    } else if (x < 0.7) {
      now_recused.erase(now_recused.begin() + Uniform(0, static_cast<int>(now_recused.size()) - 1));
    } else {
      now_recused = body ? Subset(body->members, Uniform(1, 2)) : now_recused;
    }
    std::sort(now_recused.begin(), now_recused.end());
    now_recused.erase(std::unique(now_recused.begin(), now_recused.end()), now_recused.end());
    return now_recused.empty() ? Pick(in_org) : Joined(now_recused);
  }
  if (n == "owners") return Joined(Subset(owners, Uniform(1, 2)));
  if (n == "owner") return Pick(owners);
  if (n == "category" && f.type != FieldType::kEnum) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : r.matters) keys.push_back(k);
    return Pick(keys);
  }
  if (n == "body") {
    double x = std::uniform_real_distribution<double>(0, 1)(rng_);
    return x < 0.55 ? "party-meeting" : x < 0.8 ? "office-meeting" : "staff-congress";
  }
  if (n == "progress") return Chance(0.55) ? "100" : std::to_string(Uniform(0, 110));
  if (n == "semester") return "2026-spring";
  std::vector<std::string> texts{"样例", "会议事项", "Item text", "办理情况"};
  switch (f.type == FieldType::kList ? f.element : f.type) {
    case FieldType::kInteger: return std::to_string(Uniform(0, 100));
    case FieldType::kNumber: return "1.5";
    case FieldType::kMoney: return std::to_string(Uniform(1, 900) * 1000) + ".00";
    case FieldType::kDate: return FormatDate(now + std::chrono::hours(24 * Uniform(-3, 40)));
    case FieldType::kDateTime: return FormatTime(now + std::chrono::hours(Uniform(0, 200)));
    case FieldType::kEnum: return Pick(f.values);
    case FieldType::kBool: return Chance(0.5) ? "true" : "false";
    case FieldType::kPerson:
      return f.type == FieldType::kList ? Joined(Subset(in_org, Uniform(1, 3))) : Pick(in_org);
    case FieldType::kBallot: return Ballot(r, item, org, step);
    default: return f.type == FieldType::kList ? Pick(texts) + ", " + Pick(texts) : Pick(texts) + " " + std::to_string(Uniform(1, 99));
  }
}

}  // namespace docket::testing::model
