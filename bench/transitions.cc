// bench_transitions: transitions per second through the real app layer (Docket::Act on a
// SqliteStore file, WAL) against the raw limit — the same item UPDATE with a version check,
// audit INSERT and SHA-256 chain in a tight loop of plain SQLiteCpp prepared statements.
//
//   bench_transitions [--n 2000] [--runs 3] [--batch 1000] [--dir /tmp] [--only full|normal|bulk]
//                     [--side engine|raw]   (one side only, for a profiler; its ratio is meaningless)
//
// N items, each created (not timed) and taken through the five steps of bench/workflow.yaml:
// one durable transaction per transition with synchronous=FULL, then NORMAL; then the bulk
// path, --batch transitions per transaction (Docket::Bulk vs raw BEGIN ... COMMIT around the
// same loop). Each configuration runs --runs times, engine and raw alternating; the figures
// are medians, with each side's CPU time per transition (this thread's, user and system:
// the load of other processes moves it far less than the rate). Ends with `figure: value
// unit` lines.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>

#include "app/system_clock.h"
#include "audit/chain.h"
#include "common.h"
#include "store/sqlite_store.h"

namespace docket::bench {
namespace {

using Clk = std::chrono::steady_clock;

// This thread's CPU time (user and system): the timed loops' CPU per transition, which the
// load of other processes moves far less than their wall-clock rate.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// One run of one side: transitions per second (wall clock) and CPU microseconds per transition.
struct RunFigures {
  double rate = 1.0;
  double cpu_us = 0.0;
};

struct Config {
  std::string dir;
  std::int64_t n = 2000;
  std::int64_t batch = 0;  // 0: one transaction per transition
  std::string sync = "FULL";
};

// --- Docket: the app layer --------------------------------------------------------------

RunFigures EngineRun(const Config& c) {
  const std::string path = c.dir + "/docket-bench-engine.db";
  RemoveDb(path);
  SqliteOptions opt;
  opt.synchronous = c.sync;
  auto store = SqliteStore::Open(path, opt);
  Check(store.status(), "open " + path);
  SystemClock clock;
  Docket d(**store, clock, NullLogger());
  LoadBenchSetup(d);

  auto create = [&](std::int64_t i) -> std::int64_t {
    CreateRequest req{"bench", "bench-org", std::nullopt, {{"ref", "ref-" + std::to_string(i)}}, "alice"};
    auto r = d.CreateItem(req);
    Check(r.status(), "create");
    return r->item.id;
  };
  auto act = [&](std::int64_t id, std::int64_t i, const Step& s) -> Status {
    ActRequest req;
    req.item = id;
    req.action = s.action;
    req.fields = {{s.field, std::string(s.field) + "-" + std::to_string(i)}};
    req.actor = s.actor;
    auto r = d.Act(req);
    if (!r.ok()) return r.status();
    if (r->item.state != s.to) return Status::Invalid("unexpected state " + r->item.state);
    return Status::Ok();
  };

  Clk::duration timed{};
  double cpu = 0.0;
  std::int64_t transitions = 0;
  if (c.batch == 0) {
    for (std::int64_t i = 1; i <= c.n; ++i) {
      std::int64_t id = create(i);
      for (const Step& s : kSteps) {
        auto t0 = Clk::now();
        const double c0 = ThreadCpuSeconds();
        Status st = act(id, i, s);
        cpu += ThreadCpuSeconds() - c0;
        timed += Clk::now() - t0;
        Check(st, std::string("act ") + s.action);
        ++transitions;
      }
    }
  } else {
    std::vector<std::int64_t> ids;
    for (std::int64_t from = 1; from <= c.n; from += c.batch) {
      Check(d.Bulk([&]() -> Status {
              for (std::int64_t i = from; i < from + c.batch && i <= c.n; ++i) ids.push_back(create(i));
              return Status::Ok();
            }),
            "bulk create");
    }
    std::int64_t total = c.n * 5;
    for (std::int64_t k = 0; k < total; k += c.batch) {
      auto t0 = Clk::now();
      const double c0 = ThreadCpuSeconds();
      Status st = d.Bulk([&]() -> Status {
        for (std::int64_t j = k; j < k + c.batch && j < total; ++j) {
          std::int64_t i = j / 5;
          DOCKET_RETURN_IF_ERROR(act(ids[i], i + 1, kSteps[j % 5]));
          ++transitions;
        }
        return Status::Ok();
      });
      cpu += ThreadCpuSeconds() - c0;
      timed += Clk::now() - t0;
      Check(st, "bulk act");
    }
  }
  ItemFilter done;
  done.state = "done";
  auto finished = d.ListItems(done);
  Check(finished.status(), "list");
  if (static_cast<std::int64_t>(finished->size()) != c.n || transitions != c.n * 5) {
    std::cerr << "engine run incomplete\n";
    std::exit(1);
  }
  return {transitions / Seconds(timed), cpu * 1e6 / static_cast<double>(transitions)};
}

// --- Raw: no engine ---------------------------------------------------------------------

// A JSON string literal for the plain ASCII texts this loop writes.
void AppendQuoted(std::string& out, const std::string& s) {
  out += '"';
  out += s;
  out += '"';
}

RunFigures RawRun(const Config& c) {
  const std::string path = c.dir + "/docket-bench-raw.db";
  RemoveDb(path);
  {  // The same schema as Docket's (tables, indexes, triggers), then no engine at all.
    auto store = SqliteStore::Open(path);
    Check(store.status(), "open " + path);
  }
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=" + c.sync);
  SQLite::Statement begin(db, "BEGIN IMMEDIATE");
  SQLite::Statement commit(db, "COMMIT");
  SQLite::Statement ins_item(db,
                             "INSERT INTO items(org, workflow, workflow_version, state, fields, "
                             "version, created_at, updated_at) VALUES ('bench-org','bench',1,'draft',?,1,?,?)");
  SQLite::Statement upd_item(db,
                             "UPDATE items SET state=?, fields=?, version=?, updated_at=? "
                             "WHERE id=? AND version=?");
  SQLite::Statement ins_audit(
      db,
      "INSERT INTO audit(org, seq, time, actor, role, action, outcome, item_id, workflow, "
      "workflow_version, from_state, to_state, changes, item_version, reason, prev_hash, hash) "
      "VALUES ('bench-org',?,?,?,?,?,'ok',?,'bench',1,?,?,?,?,'',?,?)");
  static const std::map<std::string, std::string> kRole = {
      {"submit", "member"}, {"schedule", "secretary"}, {"decide", "chair"}, {"start", "owner"},
      {"complete", "owner"}};

  std::int64_t seq = 0;
  std::string head = kZeroHash;
  auto run = [](SQLite::Statement& s) {
    s.reset();
    s.exec();
  };
  // One audit row: the chain link over a compact JSON of the entry, like Docket's.
  auto audit = [&](std::int64_t item, const std::string& time, const std::string& actor,
                   const std::string& role, const std::string& action, const std::string& from,
                   const std::string& to, const std::string& changes, std::int64_t version) {
    ++seq;
    std::string text;
    text.reserve(512);
    text += "{\"action\":"; AppendQuoted(text, action);
    text += ",\"actor\":"; AppendQuoted(text, actor);
    text += ",\"changes\":"; text += changes;
    text += ",\"from_state\":"; AppendQuoted(text, from);
    text += ",\"item_id\":"; text += std::to_string(item);
    text += ",\"item_version\":"; text += std::to_string(version);
    text += ",\"org\":\"bench-org\",\"outcome\":\"ok\",\"prev_hash\":"; AppendQuoted(text, head);
    text += ",\"reason\":\"\",\"role\":"; AppendQuoted(text, role);
    text += ",\"seq\":"; text += std::to_string(seq);
    text += ",\"time\":"; AppendQuoted(text, time);
    text += ",\"to_state\":"; AppendQuoted(text, to);
    text += ",\"workflow\":\"bench\",\"workflow_version\":1}";
    std::string hash = Sha256Hex(text);
    ins_audit.reset();
    ins_audit.bind(1, seq);
    ins_audit.bind(2, time);
    ins_audit.bind(3, actor);
    ins_audit.bind(4, role);
    ins_audit.bind(5, action);
    ins_audit.bind(6, item);
    ins_audit.bind(7, from);
    ins_audit.bind(8, to);
    ins_audit.bind(9, changes);
    ins_audit.bind(10, version);
    ins_audit.bind(11, head);
    ins_audit.bind(12, hash);
    ins_audit.exec();
    head = std::move(hash);
  };
  struct RawItem {
    std::int64_t id;
    std::string fields;  // JSON object without its closing brace
  };
  auto create = [&](std::int64_t i) -> RawItem {
    std::string now = FormatTime(SystemClock().Now());
    std::string ref = "ref-" + std::to_string(i);
    RawItem it{0, "{\"ref\":\"" + ref + "\""};
    ins_item.reset();
    ins_item.bind(1, it.fields + "}");
    ins_item.bind(2, now);
    ins_item.bind(3, now);
    ins_item.exec();
    it.id = db.getLastInsertRowid();
    audit(it.id, now, "alice", "member", "create", "", "draft", "{\"ref\":[null,\"" + ref + "\"]}", 1);
    return it;
  };
  // One transition: the item row with a version check, then its chained audit row.
  auto step = [&](RawItem& it, std::int64_t i, int k) {
    const Step& s = kSteps[k];
    std::string now = FormatTime(SystemClock().Now());
    std::string value = std::string(s.field) + "-" + std::to_string(i);
    it.fields += ",\"" + std::string(s.field) + "\":\"" + value + "\"";
    upd_item.reset();
    upd_item.bind(1, s.to);
    upd_item.bind(2, it.fields + "}");
    upd_item.bind(3, k + 2);
    upd_item.bind(4, now);
    upd_item.bind(5, it.id);
    upd_item.bind(6, k + 1);
    if (upd_item.exec() != 1) {
      std::cerr << "raw: version check failed\n";
      std::exit(1);
    }
    audit(it.id, now, s.actor, kRole.at(s.action), s.action, s.from, s.to,
          "{\"" + std::string(s.field) + "\":[null,\"" + value + "\"]}", k + 2);
  };

  Clk::duration timed{};
  double cpu = 0.0;
  std::int64_t transitions = 0;
  if (c.batch == 0) {
    for (std::int64_t i = 1; i <= c.n; ++i) {
      run(begin);
      RawItem it = create(i);
      run(commit);
      for (int k = 0; k < 5; ++k) {
        auto t0 = Clk::now();
        const double c0 = ThreadCpuSeconds();
        run(begin);
        step(it, i, k);
        run(commit);
        cpu += ThreadCpuSeconds() - c0;
        timed += Clk::now() - t0;
        ++transitions;
      }
    }
  } else {
    std::vector<RawItem> items;
    for (std::int64_t from = 1; from <= c.n; from += c.batch) {
      run(begin);
      for (std::int64_t i = from; i < from + c.batch && i <= c.n; ++i) items.push_back(create(i));
      run(commit);
    }
    std::int64_t total = c.n * 5;
    for (std::int64_t k = 0; k < total; k += c.batch) {
      auto t0 = Clk::now();
      const double c0 = ThreadCpuSeconds();
      run(begin);
      for (std::int64_t j = k; j < k + c.batch && j < total; ++j) {
        step(items[j / 5], j / 5 + 1, static_cast<int>(j % 5));
        ++transitions;
      }
      run(commit);
      cpu += ThreadCpuSeconds() - c0;
      timed += Clk::now() - t0;
    }
  }
  return {transitions / Seconds(timed), cpu * 1e6 / static_cast<double>(transitions)};
}

}  // namespace
}  // namespace docket::bench

int main(int argc, char** argv) {
  using namespace docket::bench;
  Config base;
  base.dir = Arg(argc, argv, "--dir", "/tmp");
  base.n = IntArg(argc, argv, "--n", 2000);
  const std::int64_t runs = IntArg(argc, argv, "--runs", 3);
  const std::int64_t batch = IntArg(argc, argv, "--batch", 1000);
  const std::string only = Arg(argc, argv, "--only", "");
  const std::string side = Arg(argc, argv, "--side", "");  // engine or raw: only that one (profiling)

  struct Mode {
    std::string name;
    std::string sync;
    std::int64_t batch;
  };
  std::vector<Mode> modes = {{"full", "FULL", 0}, {"normal", "NORMAL", 0}, {"bulk", "FULL", batch}};
  std::printf("# n=%lld items x 5 transitions, %lld runs, dir %s\n", static_cast<long long>(base.n),
              static_cast<long long>(runs), base.dir.c_str());
  for (const Mode& m : modes) {
    if (!only.empty() && only != m.name) continue;
    Config c = base;
    c.sync = m.sync;
    c.batch = m.batch;
    std::vector<double> eng, raw, eng_cpu, raw_cpu;
    for (std::int64_t r = 0; r < runs; ++r) {
      const RunFigures fe = side == "raw" ? RunFigures{} : EngineRun(c);
      const RunFigures fr = side == "engine" ? RunFigures{} : RawRun(c);
      eng.push_back(fe.rate);
      raw.push_back(fr.rate);
      eng_cpu.push_back(fe.cpu_us);
      raw_cpu.push_back(fr.cpu_us);
      std::printf("# %s run %lld: docket %.0f/s raw %.0f/s; CPU per transition docket %.1f us raw %.1f us\n",
                  m.name.c_str(), static_cast<long long>(r + 1), fe.rate, fr.rate, fe.cpu_us, fr.cpu_us);
      std::fflush(stdout);
    }
    double e = Median(eng), w = Median(raw);
    Figure("docket_" + m.name, e, "transitions/s");
    Figure("raw_" + m.name, w, "transitions/s");
    Figure("ratio_vs_raw_" + m.name, e / w, "x", 2);
    // CPU against CPU: what the wall-clock ratio comes to on an idle machine without fsync waits.
    Figure("cpu_per_transition_docket_" + m.name, Median(eng_cpu), "us", 1);
    Figure("cpu_per_transition_raw_" + m.name, Median(raw_cpu), "us", 1);
    if (Median(eng_cpu) > 0) Figure("cpu_ratio_vs_raw_" + m.name, Median(raw_cpu) / Median(eng_cpu), "x", 2);
  }
  Figure("peak_rss_transitions", static_cast<double>(PeakRssKib()), "KiB");
  return 0;
}
