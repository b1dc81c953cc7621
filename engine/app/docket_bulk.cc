// Docket::Bulk: several use cases in one store transaction (one commit, one fsync).
#include "app/docket.h"

namespace docket {

Status Docket::Bulk(const std::function<Status()>& fn) { return store_.Transact(fn); }

}  // namespace docket
