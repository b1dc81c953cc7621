// MemoryStore: opening, and transactions as an undo log (memory_store_internal.h). The
// items and the audit chain live in memory_store_items.cc, the rest in
// memory_store_records.cc.
#include "store/memory_store.h"

#include <utility>

#include "store/memory_store_internal.h"

namespace docket {

MemoryStore::MemoryStore(MemoryOptions options, std::shared_ptr<MemoryDatabase> db)
    : options_(std::move(options)), db_(std::move(db)) {
  options_.database = nullptr;  // db_ holds it
}

MemoryStore::~MemoryStore() = default;

Result<std::unique_ptr<MemoryStore>> MemoryStore::Open(MemoryOptions options) {
  std::shared_ptr<MemoryDatabase> db = options.database ? options.database : std::make_shared<MemoryDatabase>();
  return std::unique_ptr<MemoryStore>(new MemoryStore(std::move(options), std::move(db)));
}

Status MemoryStore::Hook(const char* point) {
  if (!options_.fault_hook) return Status::Ok();
  Status st = CatchAll(std::string("fault at ") + point, [&] { return options_.fault_hook(point); });
  if (!st.ok() && db_->aborted.ok()) db_->aborted = st;
  return st;
}

Status MemoryStore::Transact(const std::function<Status()>& fn) {
  std::lock_guard lock(db_->mu);
  if (db_->depth > 0) return Nested(fn);
  db_->depth = 1;
  db_->aborted = Status::Ok();
  db_->undo.clear();
  Status result = CatchAll("transaction aborted by an exception", fn);
  if (result.ok()) result = db_->aborted;
  if (result.ok()) result = Hook("before_commit");
  if (!result.ok()) db_->RollBackTo(0);
  db_->undo.clear();
  db_->depth = 0;
  db_->aborted = Status::Ok();
  return result;
}

Status MemoryStore::Nested(const std::function<Status()>& fn) {
  const std::size_t mark = db_->undo.size();
  ++db_->depth;
  Status result = CatchAll("transaction aborted by an exception", fn);
  --db_->depth;
  if (!result.ok()) db_->RollBackTo(mark);
  return result;
}


}  // namespace docket
