#include "sim/parallel_jobs.h"

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <new>
#include <thread>

namespace vpcreach {
namespace {

// The memory the processes share: the next job to take, how many are done, a finished flag per
// job, then the results.
struct Shared {
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
};
static_assert(std::atomic<std::size_t>::is_always_lock_free, "shared counters must be lock-free");

class Mapping {
 public:
  explicit Mapping(std::size_t bytes) : bytes_(bytes) {
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    base_ = p == MAP_FAILED ? nullptr : static_cast<std::uint8_t*>(p);
  }
  ~Mapping() {
    if (base_ != nullptr) munmap(base_, bytes_);
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  std::uint8_t* base() const { return base_; }

 private:
  std::size_t bytes_;
  std::uint8_t* base_;
};

// Takes jobs until none is left.
void Work(Shared* shared, std::atomic<std::uint8_t>* finished, std::uint8_t* results,
          std::size_t jobs, std::size_t result_bytes,
          const std::function<void(std::size_t, std::uint8_t*)>& run,
          const std::function<void(std::size_t)>& progress) {
  for (;;) {
    std::size_t i = shared->next.fetch_add(1);
    if (i >= jobs) return;
    run(i, results + i * result_bytes);
    finished[i].store(1);
    std::size_t done = shared->done.fetch_add(1) + 1;
    if (progress) progress(done);
  }
}

}  // namespace

int DefaultWorkers() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

std::vector<std::uint8_t> RunJobs(std::size_t jobs, std::size_t result_bytes, int workers,
                                  const std::function<void(std::size_t, std::uint8_t*)>& run,
                                  const std::function<void(std::size_t)>& progress) {
  std::vector<std::uint8_t> out(jobs * result_bytes, 0);
  workers = static_cast<int>(std::min<std::size_t>(std::max(workers, 1), std::max<std::size_t>(jobs, 1)));
  if (workers == 1) {
    for (std::size_t i = 0; i < jobs; ++i) {
      run(i, out.data() + i * result_bytes);
      if (progress) progress(i + 1);
    }
    return out;
  }

  std::size_t flags_at = sizeof(Shared);
  std::size_t results_at = flags_at + jobs;
  Mapping mapping(results_at + jobs * result_bytes);
  if (mapping.base() == nullptr) return RunJobs(jobs, result_bytes, 1, run, progress);
  auto* shared = new (mapping.base()) Shared;
  auto* finished = reinterpret_cast<std::atomic<std::uint8_t>*>(mapping.base() + flags_at);
  for (std::size_t i = 0; i < jobs; ++i) new (&finished[i]) std::atomic<std::uint8_t>(0);
  std::uint8_t* results = mapping.base() + results_at;

  std::vector<pid_t> children;
  for (int w = 1; w < workers; ++w) {
    pid_t pid = fork();
    if (pid == 0) {
      Work(shared, finished, results, jobs, result_bytes, run, {});
      _exit(0);  // no destructors, no atexit handlers, no flushing the parent's buffers
    }
    if (pid > 0) children.push_back(pid);
  }
  std::size_t reported = 0;  // the last count passed to progress
  std::function<void(std::size_t)> report = [&](std::size_t done) {
    if (progress && done > reported) progress(reported = done);
  };
  Work(shared, finished, results, jobs, result_bytes, run, report);
  // Wait for the copies, still reporting their progress.
  while (!children.empty()) {
    for (auto it = children.begin(); it != children.end();) {
      int status = 0;
      pid_t r = waitpid(*it, &status, WNOHANG);
      it = r == 0 ? std::next(it) : children.erase(it);
    }
    report(shared->done.load());
    if (!children.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Whatever a copy took and did not finish runs here.
  for (std::size_t i = 0; i < jobs; ++i) {
    if (finished[i].load() == 0) {
      std::memset(results + i * result_bytes, 0, result_bytes);
      run(i, results + i * result_bytes);
      report(shared->done.fetch_add(1) + 1);
    }
  }
  std::memcpy(out.data(), results, jobs * result_bytes);
  return out;
}

}  // namespace vpcreach
