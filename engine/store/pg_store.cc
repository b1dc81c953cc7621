// PgStore: connecting, migrations, transactions and errors.
#include <optional>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/migrations.h"
#include "store/pg_store_internal.h"

namespace docket {

namespace {

// Any number: the advisory lock migrations take, so that servers starting together apply
// each migration once.
constexpr std::int64_t kMigrationLock = 0x646f636b6574;  // "docket"

}  // namespace

std::string WithoutPassword(const std::string& url) {
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

bool IsPostgresUrl(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

PgStore::PgStore(std::string url, std::string name, PgOptions options)
    : url_(std::move(url)), name_(std::move(name)), options_(std::move(options)) {}

PgStore::~PgStore() = default;

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& url, const PgOptions& options) {
  if (!IsPostgresUrl(url)) return Status::Invalid(Msg("not a PostgreSQL URL: '{db}'", {{"db", WithoutPassword(url)}}));
  PgOptions unhooked = options;
  unhooked.fault_hook = nullptr;
  std::unique_ptr<PgStore> store(new PgStore(url, WithoutPassword(url), std::move(unhooked)));
  DOCKET_RETURN_IF_ERROR(store->Connect());
  DOCKET_RETURN_IF_ERROR(store->Migrate());
  store->versioned_ = true;  // every migration this program knows is applied, 003 with them
  store->options_.fault_hook = options.fault_hook;
  return store;
}

Status PgStore::Connect() {
  try {
    conn_ = std::make_unique<Connection>(url_);
  } catch (const std::exception& e) {
    return Status::Storage(Msg("database '{db}': open failed: {error}", {{"db", name_}, {"error", e.what()}}));
  }
  return Status::Ok();
}

Status PgStore::StorageError(const Msg& op, const std::exception& e) {
  std::string what = e.what();
  while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
  std::vector<Msg::Arg> args = {{"db", name_}, {"op", op}, {"error", what}};
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    return Status::Storage(Msg("database '{db}': {op} failed: {error} (the connection to the server is lost)", std::move(args)));
  }
  if (dynamic_cast<const pqxx::transaction_rollback*>(&e) != nullptr) {
    return Status::Storage(
        Msg("database '{db}': {op} failed: {error} (another transaction got in the way; try again)", std::move(args)));
  }
  return Status::Storage(Msg("database '{db}': {op} failed: {error}", std::move(args)));
}

Status PgStore::Migrate() {
  auto migrations = PgMigrations();
  std::lock_guard lock(mu_);
  // What is applied, read without writing: a database with exactly the migrations this
  // program knows is not written to on open, so a read-only hot standby opens too.
  DOCKET_ASSIGN_OR_RETURN(std::optional<std::vector<int>> applied,
                          Guard(Msg("read the file"), [&]() -> Result<std::optional<std::vector<int>>> {
                            if (!Exec("SELECT to_regclass('schema_migrations') IS NOT NULL")[0][0].as<bool>()) {
                              return std::optional<std::vector<int>>();
                            }
                            std::vector<int> versions;
                            for (const auto& row : Exec("SELECT version FROM schema_migrations ORDER BY version")) {
                              versions.push_back(row[0].as<int>());
                            }
                            return std::optional<std::vector<int>>(std::move(versions));
                          }));
  // Without the schema and not asked to create it: nothing is written.
  if (!applied && !options_.create) {
    return Status::NotFound(Msg("database '{db}' does not exist (or holds no Docket data); create it with: docket --db {db} init",
                                {{"db", name_}}));
  }
  if (applied) {
    std::vector<int> known;
    for (const Migration& m : migrations) known.push_back(m.number);
    if (*applied == known) return Status::Ok();
  }
  return Transact([&]() -> Status {
    return Guard(Msg("apply migrations"), [&]() -> Status {
      Exec("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
      Exec("SET LOCAL client_min_messages = warning");
      Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
           " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      std::vector<int> applied;
      for (const auto& row : Exec("SELECT version FROM schema_migrations ORDER BY version")) {
        applied.push_back(row[0].as<int>());
      }
      const int newest_known = migrations.empty() ? 0 : migrations.back().number;
      for (int n : applied) {
        if (n > newest_known) {
          return Status::Storage(Msg("database '{db}' has migration {number}, newer than this program knows ({known})",
                                     {{"db", name_}, {"number", n}, {"known", newest_known}}));
        }
      }
      for (const Migration& m : migrations) {
        bool done = false;
        for (int n : applied) done = done || n == m.number;
        if (done) continue;
        conn_->tx.exec(m.sql);
        Exec("INSERT INTO schema_migrations(version, name, applied_at) "
             "VALUES ($1, $2, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
             m.number, std::string(m.name));
      }
      return Status::Ok();
    });
  });
}

Result<std::vector<int>> PgStore::AppliedMigrations() {
  std::lock_guard lock(mu_);
  return Guard(Msg("read schema_migrations"), [&]() -> Result<std::vector<int>> {
    std::vector<int> out;
    for (const auto& row : Exec("SELECT version FROM schema_migrations ORDER BY version")) out.push_back(row[0].as<int>());
    return out;
  });
}

Status PgStore::Hook(const char* point) {
  if (!options_.fault_hook) return Status::Ok();
  Status st = CatchAll(std::string("fault at ") + point, [&] { return options_.fault_hook(point); });
  if (!st.ok() && aborted_.ok()) aborted_ = st;
  return st;
}

Status PgStore::Transact(const std::function<Status()>& fn) {
  std::lock_guard lock(mu_);
  if (depth_ > 0) return Nested(fn);
  DOCKET_RETURN_IF_ERROR(Guard(Msg("begin transaction"), [&]() -> Status {
    Begin();
    return Status::Ok();
  }));
  depth_ = 1;
  aborted_ = Status::Ok();
  failed_ = Status::Ok();
  held_.clear();
  holds_heads_ = false;
  Status result = CatchAll("transaction aborted by an exception", fn);
  if (result.ok()) result = aborted_;
  if (result.ok()) result = failed_;
  if (result.ok()) result = Hook("before_commit");
  if (result.ok()) {
    result = Guard(Msg("commit"), [&]() -> Status {
      Control("COMMIT");  // releases a pending savepoint with the rest
      return Status::Ok();
    });
  }
  depth_ = 0;
  held_.clear();
  holds_heads_ = false;
  pending_release_.clear();
  deferred_.clear();  // savepoints with nothing sent in them, releases COMMIT makes anyway
  if (!result.ok()) {
    try {
      Control("ROLLBACK");
    } catch (const std::exception&) {
      // The connection is gone or the COMMIT already ended the transaction.
    }
  }
  aborted_ = Status::Ok();
  failed_ = Status::Ok();
  return result;
}

Status PgStore::InTransaction(const std::function<Status()>& fn) {
  std::lock_guard lock(mu_);
  if (depth_ == 0) return Transact(fn);
  return CatchAll("write aborted by an exception", fn);
}

Status PgStore::Nested(const std::function<Status()>& fn) {
  const std::string name = "docket_sp" + std::to_string(depth_);
  const std::string opening = "SAVEPOINT " + name;
  // Not sent yet: the savepoint (and the previous one's RELEASE) ride with the first
  // statement made in it (Flush; the head lock prepends them to its own query), so a change
  // whose first statement locks its chain's head opens its savepoint in the same round trip.
  if (!pending_release_.empty()) deferred_.push_back("RELEASE SAVEPOINT " + pending_release_);
  pending_release_.clear();
  deferred_.push_back(opening);
  ++depth_;
  const Status outer_failed = failed_;
  failed_ = Status::Ok();
  Status result = CatchAll("transaction aborted by an exception", fn);
  if (result.ok()) result = failed_;
  --depth_;
  failed_ = outer_failed;
  if (!deferred_.empty() && deferred_.back() == opening) {
    // Nothing was sent in it: the savepoint was never made, and there is nothing to undo
    // (the previous one's RELEASE, if any, still waits for the next statement).
    deferred_.pop_back();
    return result;
  }
  if (!result.ok()) {
    // Undoes the savepoint's writes, and lifts the doom of a statement that failed in it.
    held_.clear();
    // A savepoint still to be released, or still to be made, came after this one: the
    // rollback ends it too (and RELEASE would be refused while a failed statement dooms the
    // savepoint).
    pending_release_.clear();
    deferred_.clear();
    Guard(Msg("savepoint"), [&]() -> Status {
      Control("ROLLBACK TO SAVEPOINT " + name);
      return Status::Ok();
    });
  }
  // Released with the next SAVEPOINT, or by COMMIT: statements until then run inside it,
  // which changes nothing (its writes are the enclosing transaction's either way).
  pending_release_ = name;
  return result;
}

void PgStore::Flush() {
  if (deferred_.empty()) return;
  std::string sql;
  for (const std::string& s : deferred_) sql += (sql.empty() ? "" : "; ") + s;
  deferred_.clear();
  Control(sql);
}

}  // namespace docket
