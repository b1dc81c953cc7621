#include "store/audit_export.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <utility>

#include "audit/canonical_json.h"
#include "audit/chain.h"
#include "audit/export_batch.h"
#include "audit/export_file.h"
#include "audit/scratch_buffer.h"
#include "core/env.h"

namespace docket {

namespace {

// Entries per chunk when several threads export: enough chunks for the threads to share
// evenly, each at most ~15 MB of lines and at least enough to pay for the connection it
// is read on (SqliteStore::ScanAudit).
constexpr std::int64_t kMinChunkEntries = 4000;
constexpr std::int64_t kMaxChunkEntries = 1 << 15;
std::int64_t ChunkEntries(std::int64_t head, int threads) {
  return std::clamp<std::int64_t>((head + threads * 4 - 1) / (threads * 4), kMinChunkEntries, kMaxChunkEntries);
}

using WorkflowVersions = std::set<std::pair<std::string, std::int64_t>>;

Status Missing(const std::string& org, std::int64_t seq, std::int64_t next) {
  Msg why = next > 0 ? Msg("missing from the stored chain (the next stored entry is {next}); run `audit verify`", {{"next", next}})
                     : Msg("missing from the stored chain; run `audit verify`");
  return Status::Integrity(Msg("organization '{org}', entry {seq}: {why}", {{"org", org}, {"seq", seq}, {"why", std::move(why)}}));
}

// Entries from..to of `org`'s chain as export lines, appended to `sink` (a function taking
// the text so far and returning Status, called after each line); the workflow versions
// they name are added to `used`. Integrity when a seq in the range is missing.
template <typename Sink>
Status EntryLines(Store& store, const std::string& org, std::int64_t from, std::int64_t to, std::string* text,
                  WorkflowVersions* used, Sink sink) {
  std::int64_t expected = from;
  std::string last_workflow;
  std::int64_t last_version = -1;
  DOCKET_RETURN_IF_ERROR(store.ScanAuditLines(org, from, to, text, [&](const AuditLineInfo& e) -> Status {
    if (e.seq != expected) return Missing(org, expected, e.seq);
    ++expected;
    if (!e.workflow.empty() && (last_version != e.workflow_version || last_workflow != e.workflow)) {
      last_workflow = e.workflow;
      last_version = e.workflow_version;
      used->emplace(last_workflow, last_version);
    }
    return sink();
  }));
  if (expected != to + 1) return Missing(org, expected, 0);
  return Status::Ok();
}

// The entries in chunks, several threads reading them (each chunk on a connection of its
// own, SqliteStore::ScanAudit) while the file takes the chunks in order.
Status ParallelEntries(Store& store, const std::string& org, std::int64_t head, int threads,
                       AtomicFileWriter& out, WorkflowVersions* used) {
  const std::int64_t chunk_entries = ChunkEntries(head, threads);
  const std::int64_t chunks = (head + chunk_entries - 1) / chunk_entries;
  std::atomic<std::int64_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::condition_variable turn;
  std::int64_t writing = 0;  // the chunk whose turn it is to be written
  Status failed;
  auto work = [&] {
    ScratchBuffer buffer;
    std::string& text = buffer.str();
    WorkflowVersions mine;
    for (std::int64_t c; (c = next++) < chunks;) {
      text.clear();
      Status st;
      if (!stop) {
        const std::int64_t from = c * chunk_entries + 1;
        const std::int64_t to = std::min(head, (c + 1) * chunk_entries);
        st = CatchAll("export", [&] { return EntryLines(store, org, from, to, &text, &mine, [] { return Status::Ok(); }); });
      }
      // Every chunk takes its turn, whatever failed or threw (CatchAll): the other threads
      // wait for it.
      std::unique_lock lock(mu);
      turn.wait(lock, [&] { return writing == c; });
      if (failed.ok()) failed = st.ok() ? CatchAll("export", [&] { return out.Append(text); }) : st;
      if (!failed.ok()) stop = true;
      ++writing;
      turn.notify_all();
    }
    std::lock_guard lock(mu);
    used->insert(mine.begin(), mine.end());
  };
  OnThreads(Env::Default(), threads, work);
  return failed;
}

}  // namespace

Result<ExportReport> ExportAudit(Store& store, const ExportOptions& options) {
  const std::string& org = options.org;
  Result<AuditHead> head = store.GetAuditHead(org);
  if (!head.ok()) return head.status();
  if (head->seq == 0) {
    DOCKET_ASSIGN_OR_RETURN(Org known, store.GetOrg(org));
  }

  AtomicFileWriter out;
  DOCKET_RETURN_IF_ERROR(out.Open(options.path, options.force));

  ExportReport report;
  ExportHeader& h = report.header;
  h.org = org;
  h.entries = head->seq;
  h.head_seq = head->seq;
  h.head_hash = head->seq == 0 ? std::string(kZeroHash) : head->hash;
  h.exported_at = options.exported_at;
  DOCKET_RETURN_IF_ERROR(out.Append(HeaderLine(h) + "\n"));

  // Entries 1 .. head, as stored; the workflow versions they name, for the definition lines.
  WorkflowVersions used;
  const int threads = options.threads > 0 ? options.threads : Env::Default().UsableCpus(4);
  if (store.ScansAuditRangesInParallel() && threads > 1 && head->seq >= 2 * kMinChunkEntries) {
    DOCKET_RETURN_IF_ERROR(ParallelEntries(store, org, head->seq, threads, out, &used));
  } else if (head->seq > 0) {
    std::string& buf = out.buffer();
    DOCKET_RETURN_IF_ERROR(EntryLines(store, org, 1, head->seq, &buf, &used, [&] { return out.MaybeFlush(); }));
  }

  for (const auto& [workflow, version] : used) {
    Result<DefinitionRecord> def = store.GetDefinition(workflow, version);
    if (!def.ok()) {
      if (def.status().code() != Code::kNotFound) return def.status();
      return Status::Integrity(
          Msg("organization '{org}': its entries name workflow '{workflow}' version {version}, which the database does not hold",
              {{"org", org}, {"workflow", workflow}, {"version", version}}));
    }
    ExportDefinition d{workflow, version, def->content_hash, def->source};
    DOCKET_RETURN_IF_ERROR(out.Append(DefinitionLine(d) + "\n"));
    d.source.clear();
    report.definitions.push_back(std::move(d));
  }
  DOCKET_ASSIGN_OR_RETURN(std::int64_t bytes, out.Commit());
  report.bytes = bytes;
  return report;
}

std::vector<Result<ExportReport>> ExportAudits(Store& store, const std::vector<ExportOptions>& exports, int threads) {
  if (!store.ScansAuditRangesInParallel()) threads = 1;
  return EachOnThreads<ExportReport>(exports.size(), threads > 0 ? threads : Env::Default().UsableCpus(4), [&](std::size_t i) {
    ExportOptions one = exports[i];
    one.threads = 1;
    return ExportAudit(store, one);
  });
}

}  // namespace docket
