// Files for the portable proofs: a new file written whole or not at all (small files are
// read back through Env::ReadFile, core/env.h). Errors name the path; nothing here throws.
#pragma once

#include <string>
#include <string_view>

#include "audit/scratch_buffer.h"
#include "core/status.h"

namespace docket {

// Writes a file beside `path` under a temporary name and moves it into place on Commit, so
// that a reader never sees half a file and a failure leaves nothing behind. Appends are
// buffered (1 MiB). Not thread-safe.
class AtomicFileWriter {
 public:
  AtomicFileWriter() = default;
  ~AtomicFileWriter();  // removes the temporary file unless committed
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  // Starts the file. Invalid when `path` exists and !force (or is a folder); Storage when
  // its folder cannot be written.
  Status Open(const std::string& path, bool force);
  // Appends `data`; Storage when the disk refuses (the error sticks).
  Status Append(std::string_view data);
  // The buffer, to append to directly (no copy); call MaybeFlush after each append.
  std::string& buffer() { return buffer_.str(); }
  Status MaybeFlush() { return buffer_.str().size() >= kFlushAt ? Flush() : Status::Ok(); }
  // Flushes, syncs and moves the file into place (refusing, without force, if a file
  // appeared at `path` meanwhile). Returns the bytes written.
  Result<std::int64_t> Commit();

 private:
  static constexpr std::size_t kFlushAt = 1 << 20;
  Status Flush();
  Status Write(std::string_view data);
  Status Fail(Msg why);

  std::string path_;
  std::string temp_;
  bool force_ = false;
  int fd_ = -1;
  ScratchBuffer buffer_;  // from the pool: no fresh pages per file
  std::int64_t written_ = 0;
  Status error_;
};

}  // namespace docket
