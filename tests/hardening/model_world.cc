#include "model_world.h"

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "app/embedded.h"
#include "support/temp_dir.h"
#include "support/paths.h"

namespace docket::testing::model {
namespace {

SqliteOptions Unsynced() {
  SqliteOptions o;
  o.synchronous = "OFF";
  return o;
}

std::shared_ptr<spdlog::logger> QuietLog() {
  return std::make_shared<spdlog::logger>("model", std::make_shared<spdlog::sinks::null_sink_st>());
}

std::string Ago(int seconds) {
  if (seconds == 0) return "";
  if (seconds % 86400 == 0) return "+" + std::to_string(seconds / 86400) + "d";
  if (seconds % 3600 == 0) return "+" + std::to_string(seconds / 3600) + "h";
  return "+" + std::to_string(seconds / 60) + "m";
}

}  // namespace

std::string RefText(const ItemRef& r) { return "@" + std::to_string(r.step) + "." + std::to_string(r.ordinal); }

std::string Describe(const Step& s) {
  std::string out = "#" + std::to_string(s.index) + " " + Ago(s.advance_seconds);
  out.resize(std::max<size_t>(out.size(), 10), ' ');
  out += s.actor + ": ";
  if (s.create) {
    out += "create " + s.workflow + " in " + s.org;
    if (s.parent) out += " parent=" + RefText(*s.parent);
  } else {
    out += RefText(s.item) + " (" + s.workflow + ") " + s.action;
  }
  for (const auto& [k, v] : s.fields) out += " " + k + "=" + v;
  return out;
}

const Item* Record::Find(std::int64_t id) const {
  auto it = std::lower_bound(items.begin(), items.end(), id, [](const Item& i, std::int64_t x) { return i.id < x; });
  return it != items.end() && it->id == id ? &*it : nullptr;
}

const std::vector<AuditEntry>& Record::HistoryOf(std::int64_t id) const {
  static const std::vector<AuditEntry> kNone;
  auto it = history.find(id);
  return it == history.end() || !it->second ? kNone : *it->second;
}

bool Record::Holds(const std::string& person, const std::string& org, const std::string& role) const {
  auto p = roles.find(person);
  if (p == roles.end()) return false;
  auto o = p->second.find(org);
  return o != p->second.end() && o->second.count(role) > 0;
}

std::vector<std::string> Record::Holders(const std::string& org, const std::string& role) const {
  std::vector<std::string> out;
  for (const auto& person : people) {
    if (Holds(person, org, role)) out.push_back(person);
  }
  return out;
}

const Body* Record::BodyOf(const std::string& org, const std::string& body) const {
  auto o = orgs.find(org);
  return o == orgs.end() ? nullptr : o->second.FindBody(body);
}

Status MakeTemplate(const std::string& path) {
  FixedClock clock{*ParseTime("2026-03-01T08:00:00Z")};
  auto store = SqliteStore::Open(path, Unsynced());
  if (!store.ok()) return store.status();
  Docket d(**store, clock, QuietLog());
  if (auto m = d.InitMode(/*simulation=*/true); !m.ok()) return m.status();  // the clock is fixed
  std::string org = FileText(std::string(DOCKET_SOURCE_DIR) + "/tests/hardening/model_data/org.yaml");
  if (org.empty()) return Status::Invalid("tests/hardening/model_data/org.yaml is missing");
  if (auto r = d.LoadOrgs(org, "model_data/org.yaml"); !r.ok()) return r.status();
  for (const auto& wf : ShippedWorkflows()) {
    if (auto r = d.LoadWorkflow(wf.text, std::string(wf.path)); !r.ok()) return r.status();
  }
  if (auto r = d.LoadTable(FindShipped("workflows/lists/decision-matters.yaml")->text, "decision-matters.yaml"); !r.ok()) {
    return r.status();
  }
  return d.LoadCalendar(FindShipped("workflows/examples/calendar.yaml")->text, "calendar.yaml");
}

Result<std::unique_ptr<Run>> Run::Start(const std::string& template_db, const std::string& path) {
  std::error_code ec;
  std::filesystem::remove(path + "-wal", ec);
  std::filesystem::remove(path + "-shm", ec);
  std::filesystem::copy_file(template_db, path, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) return Status::Invalid("cannot copy the template: " + ec.message());
  std::unique_ptr<Run> run(new Run());
  run->clock_.Set(*ParseTime("2026-03-02T09:00:00Z"));
  auto store = SqliteStore::Open(path, Unsynced());
  if (!store.ok()) return store.status();
  run->store_ = std::move(store).value();
  run->docket_ = std::make_unique<Docket>(*run->store_, run->clock_, QuietLog());
  Record& c = run->config_;
  auto orgs = run->docket_->ListOrgs();
  if (!orgs.ok()) return orgs.status();
  for (auto& o : *orgs) c.orgs[o.id] = o;
  auto people = run->docket_->ListPeople();
  if (!people.ok()) return people.status();
  for (const auto& p : *people) {
    c.people.push_back(p.id);
    c.roles[p.id];
    for (const auto& g : p.roles) c.roles[p.id][g.org].insert(g.role);
  }
  auto table = run->docket_->GetTable("decision-matters");
  if (!table.ok()) return table.status();
  c.matters = *table;
  auto wfs = run->docket_->ListWorkflows();
  if (!wfs.ok()) return wfs.status();
  for (const auto& w : *wfs) {
    auto def = run->docket_->GetDefinition(w.workflow, std::nullopt);
    if (!def.ok()) return def.status();
    c.defs[w.workflow] = *def;
  }
  auto items = run->docket_->ListItems({});
  if (!items.ok()) return items.status();
  for (const auto& i : *items) run->max_id_ = std::max(run->max_id_, i.id);
  return run;
}

Run::~Run() {
  docket_.reset();
  store_.reset();
}

std::optional<std::int64_t> Run::Resolve(const ItemRef& ref) const {
  auto it = produced_.find(ref.step);
  if (it == produced_.end() || ref.ordinal >= static_cast<int>(it->second.size())) return std::nullopt;
  return it->second[ref.ordinal];
}

std::optional<ItemRef> Run::RefOf(std::int64_t id) const {
  auto it = refs_.find(id);
  return it == refs_.end() ? std::nullopt : std::optional(it->second);
}

std::optional<std::string> Run::ResolveText(const std::string& text) const {
  if (text.empty() || text[0] != '@') return text;
  size_t dot = text.find('.');
  ItemRef ref{std::stoi(text.substr(1, dot - 1)), std::stoi(text.substr(dot + 1))};
  auto id = Resolve(ref);
  return id ? std::optional(std::to_string(*id)) : std::nullopt;
}

std::optional<Status> Run::Apply(const Step& step) {
  FieldTexts fields;
  for (const auto& [k, v] : step.fields) {
    auto text = ResolveText(v);
    if (!text) return std::nullopt;
    fields.emplace_back(k, *text);
  }
  clock_.Advance(std::chrono::seconds(step.advance_seconds));
  Status status;
  if (step.create) {
    std::optional<std::int64_t> parent;
    if (step.parent && !(parent = Resolve(*step.parent))) return std::nullopt;
    auto r = docket_->CreateItem({step.workflow, step.org, parent, fields, step.actor});
    status = r.status();
  } else {
    auto id = Resolve(step.item);
    if (!id) return std::nullopt;
    auto r = docket_->Act({*id, step.action, fields, std::nullopt, step.actor});
    status = r.status();
  }
  if (status.ok()) {
    // What the step produced: the items created by it, spawned children included.
    for (std::int64_t id = max_id_ + 1; docket_->GetItem(id).ok(); ++id) {
      refs_[id] = ItemRef{step.index, static_cast<int>(produced_[step.index].size())};
      produced_[step.index].push_back(id);
      max_id_ = id;
    }
  }
  return status;
}

Result<Record> Run::Read() {
  Record r = config_;
  auto items = docket_->ListItems({});
  if (!items.ok()) return items.status();
  r.items = std::move(items).value();
  std::sort(r.items.begin(), r.items.end(), [](const Item& a, const Item& b) { return a.id < b.id; });
  for (const Item& i : r.items) {
    auto& cached = cache_[i.id];
    if (cached.first != i.version) {
      auto h = docket_->History(i.id);
      if (!h.ok()) return h.status();
      auto accepted = std::make_shared<std::vector<AuditEntry>>();
      for (auto& e : *h) {
        if (e.outcome == "ok") accepted->push_back(std::move(e));
      }
      cached = {i.version, std::move(accepted)};
    }
    r.history[i.id] = cached.second;
  }
  return r;
}

}  // namespace docket::testing::model
