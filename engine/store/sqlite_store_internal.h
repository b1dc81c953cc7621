// Internals shared by the sqlite_store*.cc files; not part of the store's interface.
//
// Guard is the one place where SQLiteCpp's exceptions turn into Status: every public
// method of SqliteStore runs its SQL inside it.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <exception>
#include <string>

#include "store/sqlite_store.h"

namespace docket {

template <typename F>
auto SqliteStore::Guard(const std::string& op, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return StorageError(op, e);
  } catch (...) {
    return Status::Storage("database '" + path_ + "': " + op + " failed: unknown exception");
  }
}

// "'text'" for messages.
inline std::string Quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace docket
