// PgStore: the directory kept between transactions (pg_store.h, DirectoryCache), and the
// round trips that open, end and mark transactions.
#include "store/pg_store_internal.h"

namespace docket {

void PgStore::DirectoryCache::Clear() {
  people.clear();
  orgs.clear();
  ancestry.clear();
  role_labels.reset();
  latest.clear();
  versions.clear();
}

pqxx::result PgStore::Control(const std::string& sql) {
  control_.fetch_add(1, std::memory_order_relaxed);
  return conn_->tx.exec(sql);
}

void PgStore::Begin() {
  if (!versioned_) {  // migrations not applied yet: nothing is kept
    Control("BEGIN");
    return;
  }
  // One round trip: the simple protocol runs both and answers with the last one's rows. The
  // version is read in this transaction's first snapshot; a directory change committed
  // later is seen by the next transaction's BEGIN.
  const pqxx::result r = Control("BEGIN; SELECT version FROM directory_version WHERE id = 1");
  const std::int64_t version = r.empty() ? -1 : Int(r[0][0]);
  if (version != cache_.version || version < 0) {
    cache_.Clear();
    cache_.version = version;
  }
}

void PgStore::SawDirectoryVersion(std::int64_t version) {
  if (version != cache_.version || version < 0) {
    cache_.Clear();
    cache_.version = version;
  }
  fresh_at_ = RoundTrips();
}

bool PgStore::FreshOutside() const { return depth_ == 0 && cache_.version >= 0 && fresh_at_ == RoundTrips(); }

void PgStore::ForgetDirectory() {
  cache_.Clear();
  cache_.version = -1;  // until the next BEGIN reads the version this change moved
}

}  // namespace docket
