// Docket's item use cases: create, act, read. Each write is one store transaction that
// reads, decides (core), writes the item and appends the audit entry — or, when the core
// refuses, appends only the refusal.
#include <algorithm>
#include <map>
#include <set>

#include "app/docket.h"
#include "app/report_source.h"
#include "core/condition.h"
#include "core/condition_needs.h"
#include "core/field.h"
#include "core/transition.h"

namespace docket {
namespace {

// An audit entry about `item`, to be completed with what happened.
AuditEntry EntryAbout(const Item& item) {
  AuditEntry e;
  e.org = item.org;
  e.item_id = item.id;
  e.workflow = item.workflow;
  e.workflow_version = item.workflow_version;
  return e;
}

bool IsRefusal(const Status& st) {
  return st.code() == Code::kInvalid || st.code() == Code::kForbidden || st.code() == Code::kRefused;
}

}  // namespace

Result<Actor> Docket::ResolveActor(const std::string& person_id, const std::string& org_id) {
  if (person_id.empty()) {
    return Status::Invalid("no acting person: give --as PERSON (or set DOCKET_USER)");
  }
  auto person = store_.GetPerson(person_id);
  if (!person.ok()) return Status::NotFound("no person '" + person_id + "'");
  auto lineage = store_.OrgAncestry(org_id);
  if (!lineage.ok()) return Status::NotFound("no organization '" + org_id + "'");
  const std::vector<std::string> above(lineage->begin() + 1, lineage->end());
  Actor actor;
  actor.id = person_id;
  for (const auto& g : person->roles) {
    if (g.org == org_id) actor.roles.push_back(g.role);
    if (std::find(above.begin(), above.end(), g.org) != above.end()) actor.roles_above.push_back(g.role);
  }
  if (actor.roles.empty() && actor.roles_above.empty()) {
    return Status::Forbidden("'" + person_id + "' holds no role in organization '" + org_id +
                             "' or in an organization above it");
  }
  return actor;
}

Result<FieldMap> Docket::ParseFields(const Definition& def, const FieldTexts& texts) {
  FieldMap out;
  for (const auto& [name, text] : texts) {
    const FieldDef* f = def.FindField(name);
    if (f == nullptr) {
      std::string known;
      for (const auto& fd : def.fields) known += (known.empty() ? "" : ", ") + fd.name;
      return Status::Invalid("workflow '" + def.id + "' has no field '" + name + "' (fields: " + known + ")");
    }
    auto v = ParseFieldText(*f, text);
    if (!v.ok()) return v.status();
    out[name] = std::move(v).value();
  }
  return out;
}

Result<ItemFacts> Docket::GatherFacts(const Definition& def, const Item& item, const FieldMap& submitted,
                                     bool for_checks, FactsCache* cache) {
  ItemFacts facts;
  FieldMap fields = item.fields;
  for (const auto& [k, v] : submitted) fields[k] = v;
  const ConditionNeeds needs = NeedsOf(def, for_checks, item.state, fields);
  if (needs.children) {
    auto kids = store_.ListChildren(item.id);
    if (!kids.ok()) return kids.status();
    for (const auto& kid : *kids) {
      auto kid_def = GetDefinition(kid.workflow, kid.workflow_version);
      if (!kid_def.ok()) return kid_def.status();
      facts.children.push_back({kid.id, kid.workflow, kid.state, (*kid_def)->IsTerminal(kid.state)});
    }
  }
  if (needs.refs) {
    for (std::int64_t ref : ReferencedItems(def, fields)) {
      if (cache != nullptr) {
        auto seen = cache->refs.find(ref);
        if (seen != cache->refs.end()) {
          if (seen->second) facts.refs[ref] = *seen->second;
          continue;
        }
      }
      auto other = store_.GetItem(ref);
      std::optional<RefFact> fact;
      if (other.ok()) fact = RefFact{other->workflow, other->state, other->fields};
      if (fact) facts.refs[ref] = *fact;
      if (cache != nullptr) cache->refs.emplace(ref, std::move(fact));
    }
  }
  DOCKET_RETURN_IF_ERROR(GatherOrgFacts(def, item.org, fields, &facts, for_checks, cache, item.state));
  if (!needs.history) return facts;
  auto history = store_.ItemHistory(item.id);
  if (!history.ok()) return history.status();
  for (const auto& e : *history) {
    if (e.outcome != "ok") continue;
    facts.actors_by_transition[e.action].insert(e.actor);
    facts.history.push_back({ParseTime(e.time).value_or(TimePoint{}), e.actor, e.action, e.from_state, e.to_state});
  }
  return facts;
}

Status Docket::GatherOrgFacts(const Definition& def, const std::string& org, const FieldMap& fields,
                              ItemFacts* facts, bool for_checks, FactsCache* cache, const std::string& state) {
  const ConditionNeeds needs = NeedsOf(def, for_checks, state, fields);
  if (needs.calendar) {
    std::shared_ptr<const Calendar> calendar = cache != nullptr ? cache->calendar : nullptr;
    if (!calendar) {
      auto loaded = LoadedCalendar();
      if (!loaded.ok()) return loaded.status();
      calendar = std::move(loaded).value();
      if (cache != nullptr) cache->calendar = calendar;
    }
    facts->calendar = std::move(calendar);
  }
  if (needs.bodies) {
    auto seen = cache != nullptr ? cache->bodies.find(org) : FactsCache::Bodies::iterator{};
    if (cache == nullptr || seen == cache->bodies.end()) {
      auto o = store_.GetOrg(org);
      if (!o.ok()) return o.status();
      std::map<std::string, Body> bodies;
      for (const Body& b : o->bodies) bodies[b.id] = b;
      if (cache == nullptr) {
        facts->bodies = std::move(bodies);
      } else {
        seen = cache->bodies.emplace(org, std::move(bodies)).first;
      }
    }
    if (cache != nullptr) facts->bodies = seen->second;
  }
  for (const std::string& name : needs.tables) {
    if (cache != nullptr) {
      if (auto seen = cache->tables.find(name); seen != cache->tables.end()) {
        if (seen->second) facts->tables[name] = *seen->second;
        continue;
      }
    }
    auto table = store_.GetTable(name);
    std::optional<LookupTable> found;
    if (table.ok()) {
      found = std::move(table).value();
    } else if (table.status().code() != Code::kNotFound) {
      return table.status();
    }
    if (found) facts->tables[name] = *found;
    if (cache != nullptr) cache->tables.emplace(name, std::move(found));
  }
  // Only the persons with a position in the ballots concerned: an org may have thousands.
  for (const auto& [role, ballots] : needs.role_ballots) {
    std::set<std::string>& holders = facts->role_holders[role];
    for (const std::string& ballot : ballots) {
      auto it = fields.find(ballot);
      if (it == fields.end() || !it->second.is_list()) continue;
      for (const Value& pos : it->second.as_list()) {
        if (!pos.is_list() || pos.as_list().empty() || !pos.as_list()[0].is_string()) continue;
        const std::string& person = pos.as_list()[0].as_string();
        std::optional<Person> p;
        if (auto seen = cache != nullptr ? cache->people.find(person) : FactsCache::People::iterator{};
            cache != nullptr && seen != cache->people.end()) {
          p = seen->second;
        } else {
          auto got = store_.GetPerson(person);
          if (got.ok()) p = std::move(got).value();
          if (cache != nullptr) cache->people.emplace(person, p);
        }
        if (!p) continue;
        for (const RoleGrant& g : p->roles) {
          if (g.org == org && g.role == role) holders.insert(person);
        }
      }
    }
  }
  return Status::Ok();
}

Result<AuditEntry> Docket::RecordAction(const Item& item, const ActionRecord& rec) {
  AuditEntry e = EntryAbout(item);
  e.time = FormatTime(rec.time);
  e.actor = rec.actor;
  e.role = rec.role;
  e.action = rec.action;
  e.outcome = "ok";
  e.from_state = rec.from_state;
  e.to_state = rec.to_state;
  e.changes = rec.changes;
  e.item_version = rec.item_version;
  return store_.AppendAudit(std::move(e));
}

Status Docket::RecordRefusal(const Item& item, const std::string& actor, const std::string& action,
                             const Status& why) {
  AuditEntry e = EntryAbout(item);
  e.time = FormatTime(clock_.Now());
  e.actor = actor;
  e.action = action;
  e.outcome = "refused";
  e.from_state = item.state;
  e.to_state = item.state;
  e.item_version = item.version;
  e.reason = std::string(CodeName(why.code())) + ": " + why.message();
  log_->info("refused {} by {} on item #{}: {}", action, actor, item.id, why.message());
  auto appended = store_.AppendAudit(std::move(e));
  return appended.ok() ? Status::Ok() : appended.status();
}

Status Docket::SpawnChildren(const Item& parent, const std::vector<SpawnRequest>& spawns,
                             const std::string& actor, int depth) {
  constexpr int kMaxSpawnDepth = 8;
  for (const auto& spawn : spawns) {
    const std::string what = "item #" + std::to_string(parent.id) + " spawning '" + spawn.workflow + "'";
    if (depth >= kMaxSpawnDepth) {
      return Status::Invalid(what + ": children spawn children more than " + std::to_string(kMaxSpawnDepth) +
                             " levels deep");
    }
    auto def = GetDefinition(spawn.workflow, std::nullopt);
    if (!def.ok()) return Status(def.status().code(), what + ": " + def.status().message());
    FieldMap fields;
    for (const auto& [name, value] : spawn.values) {
      const FieldDef* f = (*def)->FindField(name);
      if (f == nullptr) return Status::Invalid(what + ": workflow '" + spawn.workflow + "' has no field '" + name + "'");
      auto v = NormalizeFieldValue(*f, value);
      if (!v.ok()) return Status::Invalid(what + ": " + v.status().message());
      fields[name] = std::move(v).value();
    }
    auto parsed = ParseFields(**def, spawn.texts);
    if (!parsed.ok()) return Status::Invalid(what + ": " + parsed.status().message());
    for (auto& [name, value] : *parsed) fields[name] = std::move(value);
    Actor system{actor, {}, {}, true};
    auto out = Create(**def, parent.org, Request{"create", system, fields, clock_.Now()});
    if (!out.ok()) return Status(out.status().code(), what + ": " + out.status().message());
    out->item.parent = parent.id;
    auto written = WriteOutcome(std::move(out).value(), std::nullopt, actor, depth + 1);
    if (!written.ok()) return written.status();
  }
  return Status::Ok();
}

Result<ActResult> Docket::WriteOutcome(Outcome out, std::optional<std::int64_t> expected_version,
                                       const std::string& actor, int depth) {
  if (expected_version) {
    DOCKET_RETURN_IF_ERROR(store_.UpdateItem(out.item, *expected_version));
  } else {
    auto id = store_.InsertItem(out.item);
    if (!id.ok()) return id.status();
    out.item.id = *id;
  }
  auto entry = RecordAction(out.item, out.record);
  if (!entry.ok()) return entry.status();
  DOCKET_RETURN_IF_ERROR(SpawnChildren(out.item, out.spawns, actor, depth));
  return ActResult{std::move(out.item), std::move(entry).value()};
}

Result<ActResult> Docket::CreateItem(const CreateRequest& req) {
  auto def = GetDefinition(req.workflow, std::nullopt);
  if (!def.ok()) return def.status();
  if (!store_.GetOrg(req.org).ok()) return Status::NotFound("no organization '" + req.org + "'");
  Status refusal;
  ActResult result;
  Status st = store_.Transact([&]() -> Status {
    Item blank;
    blank.org = req.org;
    blank.workflow = (*def)->id;
    blank.workflow_version = (*def)->version;
    auto refuse = [&](const Status& why) {
      refusal = why;
      return RecordRefusal(blank, req.actor, "create", why);
    };
    auto actor = ResolveActor(req.actor, req.org);
    if (!actor.ok()) return actor.status().code() == Code::kForbidden ? refuse(actor.status()) : actor.status();
    if (req.parent && !store_.GetItem(*req.parent).ok()) {
      return Status::NotFound("no parent item #" + std::to_string(*req.parent));
    }
    auto fields = ParseFields(**def, req.fields);
    if (!fields.ok()) return refuse(fields.status());
    Request core_req{"create", *actor, *fields, clock_.Now()};
    auto out = Create(**def, req.org, core_req);
    if (!out.ok()) return IsRefusal(out.status()) ? refuse(out.status()) : out.status();
    out->item.parent = req.parent;
    auto written = WriteOutcome(std::move(out).value(), std::nullopt, req.actor, 0);
    if (!written.ok()) return written.status();
    result = std::move(written).value();
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!refusal.ok()) return refusal;
  log_->info("created item #{} ({}) in {}", result.item.id, result.item.workflow, result.item.org);
  return result;
}

Result<ActResult> Docket::Act(const ActRequest& req) {
  if (definitions_.empty()) {
    // The first action of this Docket (every CLI process): the stored definition is read,
    // hashed and parsed before the write lock is taken, not while other writers wait.
    // Inside the transaction the item is read again and its definition found cached.
    if (auto item = store_.GetItem(req.item); item.ok()) (void)GetDefinition(item->workflow, item->workflow_version);
  }
  Status refusal;
  ActResult result;
  Status st = store_.Transact([&]() -> Status {
    auto item = store_.GetItem(req.item);
    if (!item.ok()) return item.status();
    if (req.expect_version && *req.expect_version != item->version) {
      return Status::Conflict("item #" + std::to_string(item->id) + " is at version " +
                              std::to_string(item->version) + ", not " + std::to_string(*req.expect_version) +
                              ": someone changed it first; show it again and retry");
    }
    auto def = GetDefinition(item->workflow, item->workflow_version);
    if (!def.ok()) return def.status();
    auto refuse = [&](const Status& why) {
      refusal = why;
      return RecordRefusal(*item, req.actor, req.action, why);
    };
    auto actor = ResolveActor(req.actor, item->org);
    if (!actor.ok()) return actor.status().code() == Code::kForbidden ? refuse(actor.status()) : actor.status();
    auto fields = ParseFields(**def, req.fields);
    if (!fields.ok()) return refuse(fields.status());
    auto facts = GatherFacts(**def, *item, *fields);
    if (!facts.ok()) return facts.status();
    Request core_req{req.action, *actor, *fields, clock_.Now()};
    auto out = Apply(**def, *item, core_req, *facts);
    if (!out.ok()) return IsRefusal(out.status()) ? refuse(out.status()) : out.status();
    // $report: once the action is allowed, the report derived for the item is hashed into
    // its field and kept (report_submit.cc).
    auto derived = DeriveReport(*this, store_, **def, *item, req.action, clock_.Now());
    if (!derived.ok()) return derived.status();
    if (*derived && !(*derived)->unavailable.empty()) {
      log_->warn("item #{} {}: no report hash recorded: {}", item->id, req.action, (*derived)->unavailable);
    } else if (*derived) {
      facts->report_hash = (*derived)->hash;
      out = Apply(**def, *item, core_req, *facts);
      if (!out.ok()) return out.status();
      DOCKET_RETURN_IF_ERROR(store_.PutDocument((*derived)->hash, (*derived)->content, FormatTime(clock_.Now())));
    }
    auto written = WriteOutcome(std::move(out).value(), item->version, req.actor, 0);
    if (!written.ok()) return written.status();
    result = std::move(written).value();
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!refusal.ok()) return refusal;
  log_->info("item #{} {} -> {} by {}", result.item.id, req.action, result.item.state, req.actor);
  return result;
}

Result<Item> Docket::GetItem(std::int64_t id) { return store_.GetItem(id); }

Result<std::vector<Item>> Docket::ListItems(const ItemFilter& filter) { return store_.ListItems(filter); }

Result<std::vector<AuditEntry>> Docket::History(std::int64_t id) {
  auto item = store_.GetItem(id);
  if (!item.ok()) return item.status();
  return store_.ItemHistory(id);
}

}  // namespace docket
