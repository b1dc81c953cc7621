#include "store/audit_verify.h"

#include <algorithm>
#include <atomic>
#include <future>
#include <limits>
#include <thread>
#include <map>
#include <set>
#include <utility>

#include "audit/chain.h"
#include "core/env.h"
#include "audit/json_value.h"
#include "audit/replay.h"
#include "audit/time_order.h"
#include "store/audit_attachments.h"
#include "store/audit_hash_check.h"
#include "store/audit_item_facts.h"

namespace docket {

namespace {

std::string Show(const Value& v) { return DumpJson(ValueToJson(v)); }

Msg Show(const FieldMap& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? Msg("absent") : Msg::Literal(Show(it->second));
}

FieldMap WithoutNulls(const FieldMap& fields) {
  FieldMap out;
  for (const auto& [k, v] : fields) {
    if (!v.is_null()) out.emplace(k, v);
  }
  return out;
}

class OrgVerifier {
 public:
  OrgVerifier(Store& store, std::string org) : store_(store), org_(std::move(org)) {}

  // Checks the chain and replays it; returns the first mismatch. On a long chain in a store
  // that reads ranges in parallel, the hashes are recomputed on other threads meanwhile
  // (audit_hash_check.h) and the first problem is still the one a single pass would find.
  // `head`, when known, spares reading it again.
  Status CheckChain(std::int64_t* entries, std::optional<AuditHead> head = std::nullopt) {
    const int threads = Env::Default().UsableCpus(8);
    std::atomic<std::int64_t> hash_up_to{std::numeric_limits<std::int64_t>::max()};
    std::future<Result<std::int64_t>> hashes;
    if (store_.ScansAuditRangesInParallel() && threads >= 2) {
      if (!head) {
        DOCKET_ASSIGN_OR_RETURN(AuditHead read, store_.GetAuditHead(org_));
        head = read;
      }
      if (head->seq >= 2 * kHashCheckChunk) {
        hashed_elsewhere_up_to_ = head->seq;
        hashes = std::async(std::launch::async, [this, &hash_up_to, head = head->seq, threads] {
          return FirstBadHash(store_, org_, head, threads - 1, hash_up_to);
        });
      }
    }
    // Every stored entry, whatever its seq (one moved to 0 or below must still be seen).
    Status st = store_.ScanAudit(org_, std::numeric_limits<std::int64_t>::min(),
                                 std::numeric_limits<std::int64_t>::max(),
                                 [&](const AuditEntry& e) { return Visit(e); });
    *entries = count_;
    if (hashes.valid()) {
      if (!st.ok()) hash_up_to = fail_seq_;  // only an earlier bad hash matters now
      Result<std::int64_t> checked = hashes.get();
      // A row that does not read (changes not canonical) fails this pass at its entry too.
      if (!checked.ok() && !st.ok() && checked.status().code() == Code::kIntegrity) return st;
      if (!checked.ok()) return checked.status();
      const std::int64_t bad = *checked;
      // A single pass checks an entry's seq and org, then its hash, then its link.
      if (bad > 0 && (st.ok() || bad < fail_seq_ || (bad == fail_seq_ && fail_after_hash_))) {
        return Status::Integrity(EntryWhere(bad, Msg("hash does not match its content")));
      }
    }
    if (!st.ok()) return st;
    return replay_error_;
  }

  // Compares every stored item of the org with its replay, then looks for entries that
  // name items the org does not have.
  Status CheckItems(const std::vector<Item>& items) {
    std::set<std::int64_t> present;
    for (const Item& item : items) {
      present.insert(item.id);
      DOCKET_RETURN_IF_ERROR(Compare(item));
    }
    for (const auto& [id, seq] : referenced_) {
      if (present.count(id)) continue;
      Result<Item> other = store_.GetItem(id);
      if (other.ok()) {
        return Status::Integrity(EntryWhere(
            seq, Msg("references item {id} of organization '{other}'", {{"id", id}, {"other", other->org}})));
      }
      if (other.status().code() != Code::kNotFound) return other.status();
      return Status::Integrity(EntryWhere(seq, Msg("references item {id}, which does not exist", {{"id", id}})));
    }
    DOCKET_RETURN_IF_ERROR(CompareFirings(store_, org_, replay_.firings()));
    return CompareAttachments(store_, org_, replay_.attachments());
  }

  const ReplayedConfig& config() const { return replay_.config(); }

 private:
  Msg EntryWhere(std::int64_t seq, Msg why) const {
    return Msg("organization '{org}', entry {seq}: {why}", {{"org", org_}, {"seq", seq}, {"why", std::move(why)}});
  }
  Msg ItemWhere(std::int64_t id, Msg why) const {
    return Msg("organization '{org}', item {id}: {why}", {{"org", org_}, {"id", id}, {"why", std::move(why)}});
  }

  Status Visit(const AuditEntry& e) {
    ++count_;
    auto fail = [&](bool after_hash, Msg why) {
      fail_seq_ = e.seq;
      fail_after_hash_ = after_hash;
      return Status::Integrity(EntryWhere(e.seq, std::move(why)));
    };
    const std::int64_t expected = last_seq_ + 1;
    if (e.seq > expected) {
      Msg missing = e.seq == expected + 1
                        ? Msg("entry {seq} missing", {{"seq", expected}})
                        : Msg("entries {from} to {to} missing", {{"from", expected}, {"to", e.seq - 1}});
      return fail(false, Msg("sequence jumps from {from} to {to} ({missing})",
                             {{"from", last_seq_}, {"to", e.seq}, {"missing", std::move(missing)}}));
    }
    if (e.seq < expected) return fail(false, Msg("sequence goes back from {from}", {{"from", last_seq_}}));
    if (e.org != org_) return fail(false, Msg("belongs to organization '{other}'", {{"other", e.org}}));
    if (e.seq < 1 || e.seq > hashed_elsewhere_up_to_) {
      char digest[64];
      EntryHashInto(e, &scratch_, digest);
      if (std::string_view(digest, 64) != e.hash) return fail(false, Msg("hash does not match its content"));
    }
    Msg link = ChainLinkProblem(e.seq, e.prev_hash, last_hash_, LinkWording::kDatabase);
    if (!link.empty()) return fail(true, std::move(link));
    if (Msg back = time_order_.Next(e); !back.empty()) return fail(true, std::move(back));
    last_seq_ = e.seq;
    last_hash_ = e.hash;
    if (replay_error_.ok()) replay_error_ = Replay(e);
    return Status::Ok();
  }

  Status Replay(const AuditEntry& e) {
    if (e.outcome == "refused" ? e.item_id != 0 : e.item_id > 0) referenced_.emplace(e.item_id, e.seq);
    Status st = replay_.Apply(e);
    if (!st.ok()) return Status::Integrity(EntryWhere(e.seq, st.msg()));
    return Status::Ok();
  }

  Status Compare(const Item& item) {
    auto bad = [&](Msg why) { return Status::Integrity(ItemWhere(item.id, std::move(why))); };
    const ReplayedItem* found = replay_.Find(item.id);
    if (found == nullptr) return bad(Msg("has no audit entries"));
    const ReplayedItem& r = *found;
    if (item.workflow != r.workflow || item.workflow_version != r.workflow_version) {
      return bad(Msg("workflow is '{workflow}' version {version} but its audit log gives '{logged}' version {logged_version}",
                     {{"workflow", item.workflow},
                      {"version", item.workflow_version},
                      {"logged", r.workflow},
                      {"logged_version", r.workflow_version}}));
    }
    if (item.state != r.state) {
      return bad(Msg("state is '{state}' but its audit log gives '{logged}'", {{"state", item.state}, {"logged", r.state}}));
    }
    FieldMap stored = WithoutNulls(item.fields);
    std::set<std::string> names;
    for (const auto& [k, v] : stored) names.insert(k);
    for (const auto& [k, v] : r.fields) names.insert(k);
    for (const std::string& name : names) {
      auto a = stored.find(name);
      auto b = r.fields.find(name);
      if (a == stored.end() || b == r.fields.end() || !(a->second == b->second)) {
        return bad(Msg("field '{field}' is {value} but its audit log gives {logged}",
                       {{"field", name}, {"value", Show(stored, name)}, {"logged", Show(r.fields, name)}}));
      }
    }
    if (item.version != r.version) {
      return bad(Msg("version is {version} but its audit log gives {logged}", {{"version", item.version}, {"logged", r.version}}));
    }
    if (Status facts = CompareItemFacts(item, r); !facts.ok()) return bad(facts.msg());
    return Status::Ok();
  }

  Store& store_;
  std::string org_;
  std::int64_t count_ = 0;
  std::int64_t last_seq_ = 0;
  std::string last_hash_ = kZeroHash;
  std::string scratch_;  // the canonical text of the entry being hashed
  std::int64_t hashed_elsewhere_up_to_ = 0;  // entries 1..this are hashed by FirstBadHash
  std::int64_t fail_seq_ = 0;                // where Visit failed, and whether after the
  bool fail_after_hash_ = false;             // point where it checks the hash
  Status replay_error_;
  AuditReplay replay_;
  ChainTimeOrder time_order_;
  std::map<std::int64_t, std::int64_t> referenced_;  // item id -> first entry naming it
};

// One organization with a long chain, in a store that reads ranges in parallel: its items
// are read on another thread while its chain is checked (the head is read first, as the
// item read holds the store's connection meanwhile).
Result<VerifyReport> VerifyLongChain(Store& store, const std::string& org, const AuditHead& head) {
  ItemFilter filter;
  filter.org = org;
  auto items = std::async(std::launch::async, [&] { return store.ListItems(filter); });
  OrgVerifier verifier(store, org);
  std::int64_t entries = 0;
  Status chain = verifier.CheckChain(&entries, head);
  Result<std::vector<Item>> listed = items.get();
  DOCKET_RETURN_IF_ERROR(chain);
  if (!listed.ok()) return listed.status();
  DOCKET_RETURN_IF_ERROR(verifier.CheckItems(*listed));
  VerifyReport report;
  report.orgs.push_back(org);
  report.entries = entries;
  report.items = static_cast<std::int64_t>(listed->size());
  report.configs[org] = verifier.config();
  return report;
}

}  // namespace

Result<VerifyReport> VerifyAudit(Store& store, const std::optional<std::string>& org) {
  Result<std::vector<std::string>> chain_orgs = store.AuditOrgs();
  if (!chain_orgs.ok()) return chain_orgs.status();
  if (org && store.ScansAuditRangesInParallel() && Env::Default().Cpus() >= 2 &&
      std::find(chain_orgs->begin(), chain_orgs->end(), *org) != chain_orgs->end()) {
    DOCKET_ASSIGN_OR_RETURN(AuditHead head, store.GetAuditHead(*org));
    if (head.seq >= 2 * kHashCheckChunk) return VerifyLongChain(store, *org, head);
  }
  ItemFilter filter;
  filter.org = org;
  DOCKET_ASSIGN_OR_RETURN(std::vector<Item> all_items, store.ListItems(filter));
  std::map<std::string, std::vector<Item>> items_by_org;
  for (Item& item : all_items) items_by_org[item.org].push_back(std::move(item));
  std::set<std::string> orgs;
  if (org) {
    orgs.insert(*org);
    bool has_chain = false;
    for (const std::string& o : *chain_orgs) has_chain = has_chain || o == *org;
    if (!has_chain && items_by_org.empty()) {
      DOCKET_ASSIGN_OR_RETURN(Org known, store.GetOrg(*org));
    }
  } else {
    orgs.insert(chain_orgs->begin(), chain_orgs->end());
    for (const auto& [o, items] : items_by_org) orgs.insert(o);
  }

  VerifyReport report;
  for (const std::string& o : orgs) {
    OrgVerifier verifier(store, o);
    std::int64_t entries = 0;
    DOCKET_RETURN_IF_ERROR(verifier.CheckChain(&entries));
    const std::vector<Item>& items = items_by_org[o];
    DOCKET_RETURN_IF_ERROR(verifier.CheckItems(items));
    report.orgs.push_back(o);
    report.entries += entries;
    report.items += static_cast<std::int64_t>(items.size());
    report.configs[o] = verifier.config();
  }
  return report;
}

}  // namespace docket
