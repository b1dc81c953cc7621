#include "audit/export_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace docket {

namespace {

std::string ErrnoText() { return std::strerror(errno); }

}  // namespace

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

Status AtomicFileWriter::Fail(Msg why) {
  error_ = Status::Storage(Msg("{file}: {why}", {{"file", path_}, {"why", std::move(why)}}));
  return error_;
}

Status AtomicFileWriter::Open(const std::string& path, bool force) {
  path_ = path;
  force_ = force;
  if (path.empty()) return Status::Invalid(Msg("no output file given"));
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Status::Invalid(Msg("{file}: is a folder, not a file", {{"file", path}}));
    if (!force) return Status::Invalid(Msg("{file}: the file exists; pass --force to replace it", {{"file", path}}));
  }
  static std::atomic<int> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string temp = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    fd_ = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0) {
      temp_ = temp;
      buffer_.str().reserve(kFlushAt + (64 << 10));
      return Status::Ok();
    }
    if (errno != EEXIST) return Fail(Msg("cannot create the file: {error}", {{"error", ErrnoText()}}));
  }
  return Fail(Msg("cannot create a temporary file beside it"));
}

Status AtomicFileWriter::Append(std::string_view data) {
  if (!error_.ok()) return error_;
  if (buffer_.str().size() + data.size() < kFlushAt) {
    buffer_.str().append(data);
    return Status::Ok();
  }
  DOCKET_RETURN_IF_ERROR(Flush());
  return Write(data);  // large: straight to the file, not through the buffer
}

Status AtomicFileWriter::Flush() {
  DOCKET_RETURN_IF_ERROR(Write(buffer_.str()));
  buffer_.str().clear();
  return Status::Ok();
}

Status AtomicFileWriter::Write(std::string_view data) {
  if (!error_.ok()) return error_;
  if (fd_ < 0) return Fail(Msg("not open"));
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(Msg("cannot write the file: {error}", {{"error", ErrnoText()}}));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
    written_ += n;
  }
  return Status::Ok();
}

Result<std::int64_t> AtomicFileWriter::Commit() {
  DOCKET_RETURN_IF_ERROR(Flush());
  if (::fsync(fd_) != 0) return Fail(Msg("cannot sync the file: {error}", {{"error", ErrnoText()}}));
  if (::close(fd_) != 0) {
    fd_ = -1;
    return Fail(Msg("cannot close the file: {error}", {{"error", ErrnoText()}}));
  }
  fd_ = -1;
  if (force_) {
    if (::rename(temp_.c_str(), path_.c_str()) != 0) {
      return Fail(Msg("cannot replace the file: {error}", {{"error", ErrnoText()}}));
    }
  } else {
    // link() refuses an existing destination: no file that appeared meanwhile is replaced.
    if (::link(temp_.c_str(), path_.c_str()) != 0) {
      if (errno == EEXIST) {
        error_ = Status::Invalid(Msg("{file}: the file exists; pass --force to replace it", {{"file", path_}}));
        return error_;
      }
      return Fail(Msg("cannot create the file: {error}", {{"error", ErrnoText()}}));
    }
    ::unlink(temp_.c_str());
  }
  temp_.clear();
  return written_;
}

}  // namespace docket
