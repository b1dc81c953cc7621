// SqliteStore::GetAuditHead, ScanAudit and ScanAuditLines: the audit chain read at the
// speed of SQLite.
//
// ForEachAuditEntry decodes each row into a fresh entry and its changes through a JSON
// tree; reading two million entries that way costs more than hashing them. This scan
// steps one statement with the C API, copies each column into the same reused entry (its
// strings keep their capacity) and reads the changes with the fast reader of audit/canonical_json.h,
// which gives the same result and the same errors. ScanAuditLines, for the export, writes
// each row straight into the line, with no entry in between.
#include <sqlite3.h>

#include <charconv>
#include <memory>
#include <type_traits>

#include "audit/canonical_json.h"
#include "audit/canonical_json_internal.h"
#include "store/sqlite_store_internal.h"

namespace docket {

namespace {

// Closes the statement however the scan ends.
struct StatementCloser {
  sqlite3_stmt* stmt = nullptr;
  ~StatementCloser() { sqlite3_finalize(stmt); }
};

void Assign(sqlite3_stmt* q, int col, std::string* out) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(q, col));
  const int bytes = sqlite3_column_bytes(q, col);
  if (text == nullptr) {
    out->clear();
  } else {
    out->assign(text, static_cast<std::size_t>(bytes));
  }
}

}  // namespace

Result<AuditHead> SqliteStore::GetAuditHead(const std::string& org) {
  std::lock_guard lock(mu_);
  if (depth_ == 0) DOCKET_RETURN_IF_ERROR(RevalidateCache());
  AuditHead& head = cache_.heads[org];
  if (head.seq != 0) return head;
  Status st = Guard(Msg("read the audit head of organization '{org}'", {{"org", org}}),
                    [&]() -> Status { return ReadAuditHead(org, &head); });
  if (!st.ok()) return st;
  return head;
}

Status SqliteStore::ReadAuditHead(const std::string& org, AuditHead* head) {
  Lease q_lease(*this, "SELECT seq, hash, time FROM audit WHERE org=? ORDER BY seq DESC LIMIT 1");
  SQLite::Statement& q = *q_lease;
  q.bind(1, org);
  *head = AuditHead{};
  if (q.executeStep()) {
    head->seq = q.getColumn(0).getInt64();
    head->hash = q.getColumn(1).getString();
    head->time = q.getColumn(2).getString();
  }
  return Status::Ok();
}

namespace {

// The stored changes text is exactly what the store writes (AppendChangesJson), so that
// the hash this database's verifier recomputes covers the very bytes an export copies:
// equivalent but reformatted JSON is an integrity failure here as in an export's verifier.
Status CheckCanonicalChanges(std::string_view text, const std::vector<FieldChange>& changes, std::string* scratch) {
  scratch->clear();
  AppendChangesJson(changes, scratch);
  if (*scratch == text) return Status::Ok();
  return Status::Invalid(Msg("its changes are not in canonical form"));
}

// Steps `q` (bound to org, from, to) and passes each row, decoded into one reused entry, to
// `fn`. Throws SQLite::Exception on an SQLite error, as SQLiteCpp does.
Status ReadRows(sqlite3* db, sqlite3_stmt* q, const std::function<Status(const AuditEntry&)>& fn) {
  AuditEntry e;
  std::string canonical;  // the changes as the store writes them, to compare with the stored text
  int rc;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    // The columns are kAuditColumns: the fields in declaration order.
    int col = 0;
    Status parsed;
    ForEachAuditField(e, [&](std::string_view, auto& member) {
      using T = std::decay_t<decltype(member)>;
      const int c = col++;
      if constexpr (std::is_same_v<T, std::string>) {
        Assign(q, c, &member);
      } else if constexpr (std::is_same_v<T, std::int64_t>) {
        member = sqlite3_column_int64(q, c);
      } else {
        const auto* changes = reinterpret_cast<const char*>(sqlite3_column_text(q, c));
        const auto changes_bytes = static_cast<std::size_t>(sqlite3_column_bytes(q, c));
        const std::string_view text(changes ? changes : "", changes_bytes);
        parsed = ParseChangesText(text, &member);
        if (parsed.ok()) parsed = CheckCanonicalChanges(text, member, &canonical);
      }
    });
    if (!parsed.ok()) {
      return Status::Integrity(
          Msg("organization '{org}', entry {seq}: {why}", {{"org", e.org}, {"seq", e.seq}, {"why", parsed.msg()}}));
    }
    DOCKET_RETURN_IF_ERROR(fn(e));
  }
  if (rc != SQLITE_DONE) throw SQLite::Exception(db, rc);
  return Status::Ok();
}

// The columns in the order of an export line's keys (kAuditKeys, AppendCanonicalEntry).
// The org is not read: the query selects the rows whose org is the one asked for.
const std::string& LineColumns() {
  static const std::string columns = [] {
    std::string out;
    for (const AuditFieldKey& k : kAuditKeys) {
      if (k.name == "org") continue;
      if (!out.empty()) out += ", ";
      out += k.name;
    }
    return out;
  }();
  return columns;
}
// The position of field `name` among LineColumns().
constexpr int LineColumn(std::string_view name) {
  const std::size_t i = AuditKeyIndex(name);
  return static_cast<int>(i > AuditKeyIndex("org") ? i - 1 : i);
}

// A text column's bytes as stored (the database is UTF-8: no conversion).
// One call into the statement, then the value's own accessors, which take no lock: about
// 15% less CPU per line than column_blob + column_bytes. (The value is "unprotected", safe
// because a statement here is only ever stepped by one thread: a scan's own connection,
// or the store's under its lock.)
std::string_view Text(sqlite3_stmt* q, int col) {
  sqlite3_value* v = sqlite3_column_value(q, col);
  const auto* bytes = static_cast<const char*>(sqlite3_value_blob(v));
  return bytes == nullptr ? std::string_view() : std::string_view(bytes, static_cast<std::size_t>(sqlite3_value_bytes(v)));
}

// One row of LineColumns(), its texts as stored (the database is UTF-8: no conversion).
struct LineRow {
  std::string_view action, actor, changes, from_state, hash, outcome, prev_hash, reason, role, time, to_state,
      workflow;
  std::int64_t item_id, item_version, seq, workflow_version;

  // Reads the current row of `q`. Each column's bytes stay valid until the next step.
  void Read(sqlite3_stmt* q) {
    static_assert(LineColumn("action") == 0 && LineColumn("actor") == 1 && LineColumn("changes") == 2 &&
                  LineColumn("from_state") == 3 && LineColumn("hash") == 4 && LineColumn("item_id") == 5 &&
                  LineColumn("item_version") == 6 && LineColumn("outcome") == 7 && LineColumn("prev_hash") == 8 &&
                  LineColumn("reason") == 9 && LineColumn("role") == 10 && LineColumn("seq") == 11 &&
                  LineColumn("time") == 12 && LineColumn("to_state") == 13 && LineColumn("workflow") == 14 &&
                  LineColumn("workflow_version") == 15 && kAuditFieldCount == 17,
                  "the columns read here are not the field table's, in key order");
    action = Text(q, 0);
    actor = Text(q, 1);
    changes = Text(q, 2);
    from_state = Text(q, 3);
    hash = Text(q, 4);
    item_id = sqlite3_column_int64(q, 5);
    item_version = sqlite3_column_int64(q, 6);
    outcome = Text(q, 7);
    prev_hash = Text(q, 8);
    reason = Text(q, 9);
    role = Text(q, 10);
    seq = sqlite3_column_int64(q, 11);
    time = Text(q, 12);
    to_state = Text(q, 13);
    workflow = Text(q, 14);
    workflow_version = sqlite3_column_int64(q, 15);
  }

  // The most bytes WriteLine writes for this row (each text escaped at worst, the
  // integers at their longest, the member names).
  std::size_t Bound(std::size_t org_member) const {
    const std::size_t texts = action.size() + actor.size() + from_state.size() + hash.size() + outcome.size() +
                              prev_hash.size() + reason.size() + role.size() + time.size() + to_state.size() +
                              workflow.size();
    return audit_json::JsonStringBound(texts) + 11 * 2 + changes.size() + org_member + 4 * 20 + 256;
  }
};

bool JsonString(std::string_view s, std::string* out) {
  AppendJsonString(s, out);
  return true;
}
bool JsonString(std::string_view s, audit_json::RawOut* out) { return audit_json::WriteJsonString(s, *out); }
template <typename Out>
void JsonInt(std::int64_t v, Out* out) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, static_cast<std::size_t>(res.ptr - buf));
}

// Writes `r` as an export line to `out` (a std::string, or a RawOut with r.Bound() bytes
// of room), as AppendCanonicalEntry would from the decoded entry — except the changes, which
// are the stored text as it is (the store writes it canonical, AppendChangesJson). False
// when a RawOut met text that is not UTF-8 (a std::string takes any: AppendJsonString).
// Written out member by member on purpose: a loop over a table of members (tried) costs 15%
// more CPU per line, the literals' lengths no longer known to the compiler. Each key is
// checked against the field table (CanonicalKey), and LineRow::Read's columns too.
template <typename Out>
bool WriteLine(const LineRow& r, std::string_view org_member, Out* out) {
  using audit_json::AppendLiteral;
  bool ok = true;
  AppendLiteral(out, CanonicalKey<0>("{\"action\":"));
  ok &= JsonString(r.action, out);
  AppendLiteral(out, CanonicalKey<1>(",\"actor\":"));
  ok &= JsonString(r.actor, out);
  AppendLiteral(out, CanonicalKey<2>(",\"changes\":"));
  out->append(r.changes.data(), r.changes.size());
  AppendLiteral(out, CanonicalKey<3>(",\"from_state\":"));
  ok &= JsonString(r.from_state, out);
  AppendLiteral(out, CanonicalKey<4>(",\"hash\":"));
  ok &= JsonString(r.hash, out);
  AppendLiteral(out, CanonicalKey<5>(",\"item_id\":"));
  JsonInt(r.item_id, out);
  AppendLiteral(out, CanonicalKey<6>(",\"item_version\":"));
  JsonInt(r.item_version, out);
  out->append(org_member.data(), org_member.size());
  AppendLiteral(out, CanonicalKey<8>(",\"outcome\":"));
  ok &= JsonString(r.outcome, out);
  AppendLiteral(out, CanonicalKey<9>(",\"prev_hash\":"));
  ok &= JsonString(r.prev_hash, out);
  AppendLiteral(out, CanonicalKey<10>(",\"reason\":"));
  ok &= JsonString(r.reason, out);
  AppendLiteral(out, CanonicalKey<11>(",\"role\":"));
  ok &= JsonString(r.role, out);
  AppendLiteral(out, CanonicalKey<12>(",\"seq\":"));
  JsonInt(r.seq, out);
  AppendLiteral(out, CanonicalKey<13>(",\"time\":"));
  ok &= JsonString(r.time, out);
  AppendLiteral(out, CanonicalKey<14>(",\"to_state\":"));
  ok &= JsonString(r.to_state, out);
  AppendLiteral(out, CanonicalKey<15>(",\"workflow\":"));
  ok &= JsonString(r.workflow, out);
  AppendLiteral(out, CanonicalKey<16>(",\"workflow_version\":"));
  JsonInt(r.workflow_version, out);
  AppendLiteral(out, "}\n");
  return ok;
}

// Steps `q` (LineColumns()) and appends each row as an export line to `out`. A line is
// written first into a buffer of its own with no checks on the way (RawOut: about half
// the CPU of appending piece by piece to the string), then appended whole; a row too long
// for that buffer, or with text that is not UTF-8, is appended piece by piece.
Status ReadLines(sqlite3* db, sqlite3_stmt* q, const std::string& org, std::string* out,
                 const std::function<Status(const AuditLineInfo&)>& fn) {
  std::string org_member = CanonicalKey<7>(",\"org\":");
  AppendJsonString(org, &org_member);
  constexpr std::size_t kLineBuffer = 32 << 10;
  const std::unique_ptr<char[]> line(new char[kLineBuffer]);
  LineRow r;
  int rc;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    r.Read(q);
    audit_json::RawOut raw{line.get()};
    if (r.Bound(org_member.size()) <= kLineBuffer && WriteLine(r, org_member, &raw)) {
      out->append(line.get(), static_cast<std::size_t>(raw.p - line.get()));
    } else {
      WriteLine(r, org_member, out);
    }
    DOCKET_RETURN_IF_ERROR(fn(AuditLineInfo{r.seq, r.workflow, r.workflow_version}));
  }
  if (rc != SQLITE_DONE) throw SQLite::Exception(db, rc);
  return Status::Ok();
}

// Prepares the range query for `columns` on `db`, bound to org, from_seq and to_seq.
void Prepare(sqlite3* db, const char* columns, const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
             StatementCloser* q) {
  const std::string sql =
      std::string("SELECT ") + columns + " FROM audit WHERE org=? AND seq BETWEEN ? AND ? ORDER BY seq";
  const int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &q->stmt, nullptr);
  if (rc != SQLITE_OK) throw SQLite::Exception(db, rc);
  sqlite3_bind_text(q->stmt, 1, org.data(), static_cast<int>(org.size()), SQLITE_STATIC);
  sqlite3_bind_int64(q->stmt, 2, from_seq);
  sqlite3_bind_int64(q->stmt, 3, to_seq);
}

// Ranges at least this long are read on a connection of the scan's own.
constexpr std::uint64_t kOwnConnectionFrom = 1024;

// A scan connection for the length of one scan: one kept from an earlier scan, or a new
// one. Given back at the end when the scan left it clean (no statement, no transaction)
// and fewer than kMaxIdle are kept; closed otherwise.
class ScanConnection {
 public:
  ScanConnection(SqliteStore::ScanConnections& pool, const std::string& path, int busy_timeout_ms) : pool_(pool) {
    {
      std::lock_guard lock(pool_.mu);
      if (!pool_.idle.empty()) {
        db_ = pool_.idle.back();
        pool_.idle.pop_back();
        return;
      }
      ++pool_.opened;
    }
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      sqlite3_close_v2(db_);
      db_ = nullptr;
      return;
    }
    sqlite3_busy_timeout(db_, busy_timeout_ms);
  }
  ~ScanConnection() {
    if (db_ == nullptr) return;
    if (sqlite3_next_stmt(db_, nullptr) == nullptr && sqlite3_get_autocommit(db_) != 0) {
      std::lock_guard lock(pool_.mu);
      if (pool_.idle.size() < SqliteStore::ScanConnections::kMaxIdle) {
        pool_.idle.push_back(db_);
        return;
      }
    }
    sqlite3_close_v2(db_);
  }
  ScanConnection(const ScanConnection&) = delete;
  ScanConnection& operator=(const ScanConnection&) = delete;

  sqlite3* get() const { return db_; }

 private:
  SqliteStore::ScanConnections& pool_;
  sqlite3* db_ = nullptr;
};

}  // namespace

std::int64_t SqliteStore::ScanConnectionsOpened() const {
  std::lock_guard lock(scan_connections_->mu);
  return scan_connections_->opened;
}

bool SqliteStore::ScansAuditRangesInParallel() const {
  return path_ != ":memory:" && path_.rfind("file:", 0) != 0;
}

Status SqliteStore::OnScanConnection(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                                     const std::function<Status(sqlite3*)>& read) {
  // A long scan outside any transaction reads on a read-only connection of its own (one kept
  // from an earlier scan when there is one: ScanConnection), without the store's lock (and without SQLite's per-call mutex): scans of disjoint ranges then
  // run on several threads at once (export and verification do), and the store stays
  // usable meanwhile. Outside a transaction this connection sees what that one would: what
  // is committed. Inside one (this thread's), the scan must see its uncommitted writes.
  const bool long_scan = to_seq >= from_seq && static_cast<std::uint64_t>(to_seq) -
                                                         static_cast<std::uint64_t>(from_seq) >=
                                                     kOwnConnectionFrom;
  const Msg op("read audit log of organization '{org}'", {{"org", org}});
  if (long_scan && ScansAuditRangesInParallel()) {
    // The lock is recursive: if this thread is inside Transact, try_lock succeeds and
    // depth_ says so; if it fails, another thread holds it and this one is in none.
    bool outside_transaction = false;
    {
      std::unique_lock lock(mu_, std::try_to_lock);
      outside_transaction = !lock.owns_lock() || depth_ == 0;
    }
    if (outside_transaction) {
      ScanConnection own(*scan_connections_, path_, options_.busy_timeout_ms);
      if (own.get() != nullptr) return Guard(op, [&]() -> Status { return read(own.get()); });
    }
  }
  std::lock_guard lock(mu_);
  return Guard(op, [&]() -> Status { return read(db_->getHandle()); });
}

Status SqliteStore::ScanAudit(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                              const std::function<Status(const AuditEntry&)>& fn) {
  return OnScanConnection(org, from_seq, to_seq, [&](sqlite3* db) {
    StatementCloser q;
    Prepare(db, kAuditColumns, org, from_seq, to_seq, &q);
    return ReadRows(db, q.stmt, fn);
  });
}

Status SqliteStore::ScanAuditLines(const std::string& org, std::int64_t from_seq, std::int64_t to_seq,
                                   std::string* out, const std::function<Status(const AuditLineInfo&)>& fn) {
  return OnScanConnection(org, from_seq, to_seq, [&](sqlite3* db) {
    StatementCloser q;
    Prepare(db, LineColumns().c_str(), org, from_seq, to_seq, &q);
    return ReadLines(db, q.stmt, org, out, fn);
  });
}

}  // namespace docket
