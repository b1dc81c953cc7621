// The process's Env: std::thread, the machine's CPUs, a process-wide buffer pool and files
// read with POSIX read(2).
#include "core/env.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <thread>
#include <utility>

namespace docket {

namespace {

class StdThread : public Env::Thread {
 public:
  explicit StdThread(std::function<void()> fn) : thread_(std::move(fn)) {}
  void Join() override { thread_.join(); }

 private:
  std::thread thread_;
};

// "1 MiB" for whole mebibytes, else "N bytes".
Msg SizeText(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0) {
    return Msg("{n} MiB", {{"n", bytes >> 20}});
  }
  return Msg("{n} bytes", {{"n", bytes}});
}

// All of `fd`, which stays open, in chunks: one more byte than `max_bytes` is enough to know
// that the file is too large, so no more is ever asked for.
Result<std::string> ReadBounded(int fd, const Msg& name, std::size_t max_bytes) {
  std::string out;
  constexpr std::size_t kChunk = std::size_t{64} << 10;
  while (true) {
    const std::size_t want = std::min(kChunk, max_bytes + 1 - out.size());
    const std::size_t at = out.size();
    out.resize(at + want);
    const ssize_t n = ::read(fd, out.data() + at, want);
    if (n < 0) {
      if (errno == EINTR) {
        out.resize(at);
        continue;
      }
      return Status::Storage(Msg("{file}: cannot read the file: {error}", {{"file", name}, {"error", std::strerror(errno)}}));
    }
    out.resize(at + static_cast<std::size_t>(n));
    if (n == 0) return out;
    if (out.size() > max_bytes) {
      return Status::Invalid(Msg("{file}: the file is larger than {limit}; refusing to read it",
                                 {{"file", name}, {"limit", SizeText(max_bytes)}}));
    }
  }
}

class DefaultEnv : public Env {
 public:
  int Cpus() const override { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

  Result<std::string> ReadFile(const std::string& path, std::size_t max_bytes) override {
    const Msg name = Msg::Literal(path);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return Status::NotFound(Msg("{file}: no such file", {{"file", name}}));
      return Status::Storage(Msg("{file}: cannot open the file: {error}", {{"file", name}, {"error", std::strerror(errno)}}));
    }
    struct Closer {
      int fd;
      ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      return Status::Invalid(Msg("{file}: is a folder, not a file", {{"file", name}}));
    }
    return ReadBounded(fd, name, max_bytes);
  }

  Result<std::string> ReadStandardInput(std::size_t max_bytes) override {
    return ReadBounded(STDIN_FILENO, Msg("standard input"), max_bytes);
  }

  std::unique_ptr<Thread> StartThread(std::function<void()> fn) override {
    try {
      return std::make_unique<StdThread>(std::move(fn));
    } catch (const std::system_error&) {  // no thread to be had
      return nullptr;
    }
  }

  std::string TakeBuffer(std::size_t reserve) override {
    std::string out;
    {
      std::lock_guard lock(mu_);
      // The smallest that fits, so a small request does not take a large buffer; when none
      // fits, the largest, which grows the least.
      auto best = pool_.end();
      for (auto it = pool_.begin(); it != pool_.end(); ++it) {
        if (best == pool_.end()) {
          best = it;
          continue;
        }
        const bool fits = it->capacity() >= reserve, best_fits = best->capacity() >= reserve;
        if (fits ? (!best_fits || it->capacity() < best->capacity())
                 : (!best_fits && it->capacity() > best->capacity())) {
          best = it;
        }
      }
      if (best != pool_.end()) {
        out = std::move(*best);
        pool_.erase(best);
      }
    }
    // Growing a kept buffer would copy what it held: let it go first.
    if (out.capacity() < reserve) out.clear();
    out.reserve(reserve);
    return out;
  }

  void KeepBuffer(std::string buffer) override {
    if (buffer.capacity() > kPoolBufferBytes || buffer.capacity() < 4096) return;
    std::lock_guard lock(mu_);
    if (pool_.size() < kPoolBuffers) pool_.push_back(std::move(buffer));
  }

 private:
  std::mutex mu_;
  std::vector<std::string> pool_;
};

}  // namespace

Env& Env::Default() {
  static auto* env = new DefaultEnv;
  return *env;
}

}  // namespace docket
