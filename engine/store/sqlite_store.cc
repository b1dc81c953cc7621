// SqliteStore: opening, configuring and migrating the file; transactions; error mapping.
// The record and item/audit methods live in sqlite_store_records.cc and
// sqlite_store_items.cc.
#include "store/sqlite_store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <random>
#include <string_view>
#include <thread>
#include <utility>

#include "store/migrations.h"
#include "store/sqlite_store_internal.h"

namespace docket {

namespace {

// The contexts of an exception caught in a transaction's body, made once (not per write).
const std::string kTransactionAborted = "transaction aborted by an exception";
const std::string kWriteAborted = "write aborted by an exception";

// Once per process, before SQLite is first used: no count of SQLite's memory, which takes a
// process-wide lock at every allocation (nothing here reads sqlite3_memory_used). When SQLite
// was already started by other code (a test's raw connection), it stays as it is.
void TuneSqlite() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// The busy handler: SQLite's own sleeps grow to 100 ms and favour no one, so under twenty
// writers one could sleep through its whole timeout while the others took turns. This one
// sleeps a random half to whole of a step that doubles from 1 ms to 32 ms — a waiting
// writer looks again soon, in no fixed order — until *arg (busy_timeout_ms) of sleep in all
// for this lock; then the statement fails with SQLITE_BUSY (Storage). A connection is used
// by one thread at a time, and one wait happens within one call on it: the sleep so far is
// the thread's.
int BusyWait(void* arg, int count) {
  thread_local std::int64_t slept_us = 0;
  thread_local std::minstd_rand random(static_cast<unsigned>(::getpid()) ^
                                       static_cast<unsigned>(std::hash<std::thread::id>{}(std::this_thread::get_id())));
  if (count == 0) slept_us = 0;
  const std::int64_t limit_us = std::int64_t{*static_cast<const int*>(arg)} * 1000;
  if (slept_us >= limit_us) return 0;
  const std::int64_t step_us = std::int64_t{1000} << std::min(count, 5);
  std::int64_t us = step_us / 2 + static_cast<std::int64_t>(random() % static_cast<unsigned>(step_us / 2 + 1));
  us = std::min(us, limit_us - slept_us);
  std::this_thread::sleep_for(std::chrono::microseconds(us));
  slept_us += us;
  return 1;
}

// Makes the database file at `path` if it is missing, readable and writable by its owner
// only; SQLite gives its -wal and -shm files the same mode. An existing file keeps its own.
Status CreateOwnerOnlyFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return Status::Ok();
  }
  if (errno == EEXIST) return Status::Ok();
  return Status::Storage(Msg("database '{db}': cannot create the file: {error}", {{"db", path}, {"error", std::strerror(errno)}}));
}

Status NoDatabase(const std::string& path) {
  return Status::NotFound(Msg("database '{db}' does not exist (or holds no Docket data); create it with: docket --db {db} init",
                              {{"db", path}}));
}

}  // namespace

SqliteStore::SqliteStore(std::string path, SqliteOptions options,
                         std::unique_ptr<SQLite::Database> db)
    : path_(std::move(path)),
      options_(std::move(options)),
      db_(std::move(db)),
      scan_connections_(std::make_unique<ScanConnections>()) {}

SqliteStore::~SqliteStore() = default;

std::unique_ptr<Store> SqliteStore::OpenReader() {
  if (!ScansAuditRangesInParallel()) return nullptr;  // in memory: no second connection sees it
  {
    // Inside a transaction of this thread, another connection would not see its writes.
    std::unique_lock lock(mu_, std::try_to_lock);
    if (lock.owns_lock() && depth_ > 0) return nullptr;
  }
  SqliteOptions options = options_;
  options.read_only = true;
  auto reader = Open(path_, options);
  if (!reader.ok()) return nullptr;
  return std::move(reader).value();
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       const SqliteOptions& options) {
  const std::string& sync = options.synchronous;
  if (sync != "FULL" && sync != "NORMAL" && sync != "OFF") {
    return Status::Invalid(Msg("synchronous must be FULL, NORMAL or OFF, not '{value}'", {{"value", sync}}));
  }
  if (options.busy_timeout_ms < 0) return Status::Invalid(Msg("busy_timeout_ms must be >= 0"));
  if (path.empty()) return Status::Invalid(Msg("the database path is empty"));

  const bool in_memory = path == ":memory:";
  const bool create = options.create && !options.read_only;
  if (!in_memory) {
    struct stat st {};
    if (create) {
      DOCKET_RETURN_IF_ERROR(CreateOwnerOnlyFile(path));
    } else if (::stat(path.c_str(), &st) != 0 && errno == ENOENT) {
      return NoDatabase(path);
    }
  }
  TuneSqlite();
  std::unique_ptr<SQLite::Database> db;
  try {
    int flags = options.read_only ? SQLite::OPEN_READONLY
                                  : (create ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE : SQLite::OPEN_READWRITE);
    // Every use of the connection is under mu_: SQLite's own per-call lock is not needed.
    flags |= SQLite::OPEN_NOMUTEX;
    db = std::make_unique<SQLite::Database>(path, flags, options.busy_timeout_ms);
  } catch (const std::exception& e) {
    return Status::Storage(Msg("database '{db}': open failed: {error}", {{"db", path}, {"error", e.what()}}));
  }
  // Faults are for the caller's writes, not for opening: the hook is armed afterwards.
  SqliteOptions unhooked = options;
  unhooked.fault_hook = nullptr;
  std::unique_ptr<SqliteStore> store(new SqliteStore(path, std::move(unhooked), std::move(db)));
  // options_ is declared before db_: it outlives the connection that points at it.
  sqlite3_busy_handler(store->db_->getHandle(), &BusyWait, &store->options_.busy_timeout_ms);
  if (!create && !options.read_only) {
    // Asked before anything is written: switching to WAL would write to an empty file.
    DOCKET_RETURN_IF_ERROR(store->Guard(Msg("read the file"), [&]() -> Status {
      return store->db_->tableExists("schema_migrations") ? Status::Ok() : NoDatabase(path);
    }));
  }
  DOCKET_RETURN_IF_ERROR(store->Configure());
  DOCKET_RETURN_IF_ERROR(store->Migrate());
  store->options_.fault_hook = options.fault_hook;
  return store;
}

Status SqliteStore::StorageError(const Msg& op, const std::exception& e) const {
  std::vector<Msg::Arg> args = {{"db", path_}, {"op", op}, {"error", e.what()}};
  if (const auto* se = dynamic_cast<const SQLite::Exception*>(&e)) {
    switch (se->getErrorCode()) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        args.emplace_back("ms", options_.busy_timeout_ms);
        return Status::Storage(
            Msg("database '{db}': {op} failed: {error} (another connection holds the lock; waited {ms} ms)", std::move(args)));
      case SQLITE_READONLY:
        return Status::Storage(options_.read_only
                                   ? Msg("database '{db}': {op} failed: {error} (opened read-only)", std::move(args))
                                   : Msg("database '{db}': {op} failed: {error} (the file is not writable)", std::move(args)));
      case SQLITE_NOTADB:
        return Status::Storage(Msg("database '{db}': {op} failed: {error} (is this a Docket database?)", std::move(args)));
      default:
        break;
    }
  }
  return Status::Storage(Msg("database '{db}': {op} failed: {error}", std::move(args)));
}

Status SqliteStore::Configure() {
  // The first statement reads the file, so "not a database" surfaces here.
  DOCKET_RETURN_IF_ERROR(Guard(Msg("read the file"), [&]() -> Status {
    db_->execAndGet("SELECT count(*) FROM sqlite_master");
    return Status::Ok();
  }));
  if (!options_.read_only) {
    DOCKET_RETURN_IF_ERROR(Guard(Msg("switch to WAL journal"), [&]() -> Status {
      std::string mode = db_->execAndGet("PRAGMA journal_mode=WAL").getString();
      if (mode == "wal") return Status::Ok();
      return Status::Storage(Msg("database '{db}': cannot switch to WAL journal ({mode})", {{"db", path_}, {"mode", mode}}));
    }));
  }
  return Guard(Msg("configure"), [&]() -> Status {
    db_->exec("PRAGMA synchronous=" + options_.synchronous);
    db_->exec("PRAGMA foreign_keys=ON");
    db_->exec("PRAGMA temp_store=MEMORY");
    if (options_.max_page_count > 0) {
      db_->execAndGet("PRAGMA max_page_count=" + std::to_string(options_.max_page_count));
    }
    return Status::Ok();
  });
}

Status SqliteStore::Migrate() {
  auto migrations = Migrations();
  return Guard(Msg("apply migrations"), [&]() -> Status {
    bool have_table = db_->tableExists("schema_migrations");
    if (!have_table && options_.read_only) {
      return Status::Storage(Msg("database '{db}' is opened read-only and has no Docket schema", {{"db", path_}}));
    }
    if (!have_table) {
      db_->exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    }
    DOCKET_ASSIGN_OR_RETURN(std::vector<int> applied, AppliedMigrations());
    int newest_known = migrations.empty() ? 0 : migrations.back().number;
    for (int n : applied) {
      if (n > newest_known) {
        return Status::Storage(Msg("database '{db}' has migration {number}, newer than this program knows ({known})",
                                   {{"db", path_}, {"number", n}, {"known", newest_known}}));
      }
    }
    for (const Migration& m : migrations) {
      bool done = false;
      for (int n : applied) done = done || n == m.number;
      if (done) continue;
      if (options_.read_only) {
        return Status::Storage(
            Msg("database '{db}' is opened read-only and lacks migration {name}", {{"db", path_}, {"name", m.name}}));
      }
      Status st = Transact([&]() -> Status {
        // Another process may have applied it while we waited for the write lock.
        SQLite::Statement check(*db_, "SELECT 1 FROM schema_migrations WHERE version=?");
        check.bind(1, m.number);
        if (check.executeStep()) return Status::Ok();
        return Guard(Msg("migration {name}", {{"name", m.name}}), [&]() -> Status {
          db_->exec(m.sql);
          SQLite::Statement ins(*db_,
                                "INSERT INTO schema_migrations(version, name, applied_at) "
                                "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
          ins.bind(1, m.number);
          ins.bind(2, m.name);
          ins.exec();
          return Status::Ok();
        });
      });
      if (!st.ok()) return st;
    }
    return Status::Ok();
  });
}

Result<std::vector<int>> SqliteStore::AppliedMigrations() {
  std::lock_guard lock(mu_);
  return Guard(Msg("read schema_migrations"), [&]() -> Result<std::vector<int>> {
    std::vector<int> out;
    SQLite::Statement q(*db_, "SELECT version FROM schema_migrations ORDER BY version");
    while (q.executeStep()) out.push_back(q.getColumn(0).getInt());
    return out;
  });
}

Result<std::string> SqliteStore::JournalMode() {
  std::lock_guard lock(mu_);
  return Guard(Msg("read journal mode"), [&]() -> Result<std::string> {
    return db_->execAndGet("PRAGMA journal_mode").getString();
  });
}

Status SqliteStore::Hook(const char* point) {
  if (!options_.fault_hook) return Status::Ok();
  Status st = CatchAll(std::string("fault at ") + point, [&] { return options_.fault_hook(point); });
  if (!st.ok() && aborted_.ok()) aborted_ = st;
  return st;
}

Status SqliteStore::Transact(const std::function<Status()>& fn) {
  std::lock_guard lock(mu_);
  if (depth_ > 0) return Nested(fn);

  DOCKET_RETURN_IF_ERROR(GuardLazy([] { return Msg("begin transaction"); }, [&]() -> Status {
    Lease begin(*this, "BEGIN IMMEDIATE");
    begin->exec();
    return Status::Ok();
  }));
  depth_ = 1;
  aborted_ = Status::Ok();
  Status result = RevalidateCache();
  if (result.ok()) result = CatchAll(kTransactionAborted, fn);
  if (result.ok()) result = aborted_;
  if (result.ok()) result = Hook("before_commit");
  if (result.ok()) {
    result = GuardLazy([] { return Msg("commit"); }, [&]() -> Status {
      Lease commit(*this, "COMMIT");
      commit->exec();
      return Status::Ok();
    });
  }
  // After a failed COMMIT SQLite may already have rolled back; ROLLBACK then just fails.
  if (!result.ok()) {
    db_->tryExec("ROLLBACK");
    cache_.Clear();
  }
  depth_ = 0;
  aborted_ = Status::Ok();
  return result;
}

std::size_t SqliteStore::SqlHash::operator()(const std::string& sql) const noexcept {
  const std::size_t n = sql.size();
  if (n < 32) return std::hash<std::string_view>()(sql);
  // The first, last and three middle 8-byte pieces, with the length.
  std::uint64_t h = n * 0x9E3779B97F4A7C15ULL;
  for (const std::size_t at : {std::size_t{0}, n / 4, n / 2, n * 3 / 4, n - 8}) {
    std::uint64_t piece;
    std::memcpy(&piece, sql.data() + at, sizeof piece);
    h = (h ^ piece) * 0x100000001B3ULL;
    h ^= h >> 29;
  }
  return static_cast<std::size_t>(h);
}

Status SqliteStore::RevalidateCache() {
  return GuardLazy([] { return Msg("read the data version"); }, [&]() -> Status {
    Lease q(*this, "PRAGMA data_version");
    if (!q->executeStep()) {
      return Status::Storage(Msg("database '{db}': PRAGMA data_version gave no row", {{"db", path_}}));
    }
    const std::int64_t version = q->getColumn(0).getInt64();
    if (version != cache_.data_version) {
      cache_.Clear();
      cache_.data_version = version;
    }
    return Status::Ok();
  });
}

Status SqliteStore::InTransaction(const std::function<Status()>& fn) {
  std::lock_guard lock(mu_);
  if (depth_ == 0) return Transact(fn);
  return CatchAll(kWriteAborted, fn);
}

std::int64_t SqliteStore::KeptChanges() const {
  return sqlite3_total_changes64(db_->getHandle()) - undone_changes_;
}

Status SqliteStore::TransactChecked(const std::function<Status(bool bare)>& fn) {
  std::lock_guard lock(mu_);
  if (depth_ == 0) return Transact([&] { return fn(false); });
  const std::int64_t before = KeptChanges();
  Status result = CatchAll(kWriteAborted, [&] { return fn(true); });
  if (!result.ok() && KeptChanges() != before) {
    // Written and not undone by a savepoint of fn's own: only the whole transaction can be.
    cache_.Clear();
    if (aborted_.ok()) aborted_ = result;
  }
  return result;
}

Status SqliteStore::Nested(const std::function<Status()>& fn) {
  const std::string name = "docket_sp" + std::to_string(depth_);
  DOCKET_RETURN_IF_ERROR(Guard(Msg("savepoint"), [&]() -> Status {
    Lease savepoint(*this, "SAVEPOINT " + name);
    savepoint->exec();
    return Status::Ok();
  }));
  const std::int64_t before = sqlite3_total_changes64(db_->getHandle());
  ++depth_;
  Status result = CatchAll(kTransactionAborted, fn);
  --depth_;
  if (!result.ok()) {
    db_->tryExec("ROLLBACK TO " + name);
    undone_changes_ += sqlite3_total_changes64(db_->getHandle()) - before;
    cache_.Clear();
  }
  Guard(Msg("release savepoint"), [&]() -> Status {
    Lease release(*this, "RELEASE " + name);
    release->tryExecuteStep();
    return Status::Ok();
  });
  return result;
}

}  // namespace docket
