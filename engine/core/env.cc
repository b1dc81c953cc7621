// The process's Env: std::thread, the machine's CPUs and a process-wide buffer pool.
#include "core/env.h"

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

class DefaultEnv : public Env {
 public:
  int Cpus() const override { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

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
