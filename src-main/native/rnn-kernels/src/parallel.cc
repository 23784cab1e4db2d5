#include "parallel.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace rnn {
namespace {

class Pool {
 public:
  void run(int tasks, int threads, const std::function<void(int)>& fn) {
    std::lock_guard<std::mutex> turn(call_mutex_);
    int helpers = threads - 1;
    if (helpers > tasks - 1) helpers = tasks - 1;
    if (helpers <= 0) {
      for (int i = 0; i < tasks; ++i) fn(i);
      return;
    }
    grow(helpers);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = &fn;
      tasks_ = tasks;
      next_.store(0);
      active_ = helpers;
      pending_ = helpers;
      ++generation_;
    }
    work_.notify_all();
    drain();
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
    job_ = nullptr;
  }

 private:
  void drain() {
    for (int i = next_.fetch_add(1); i < tasks_; i = next_.fetch_add(1)) (*job_)(i);
  }

  void grow(int helpers) {
    while (static_cast<int>(workers_) < helpers) {
      int index = static_cast<int>(workers_++);
      // The thread must wait for the next job, even if it starts only after that job is posted.
      uint64_t seen = generation_;
      // Detached and never stopped: the pool lives as long as the process, and joining at exit
      // would race with Node's own shutdown.
      std::thread([this, index, seen] { loop(index, seen); }).detach();
    }
  }

  void loop(int index, uint64_t seen) {
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        work_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        if (index >= active_) continue;
      }
      drain();
      std::lock_guard<std::mutex> lock(mutex_);
      if (--pending_ == 0) done_.notify_one();
    }
  }

  std::mutex call_mutex_;
  std::mutex mutex_;
  std::condition_variable work_;
  std::condition_variable done_;
  const std::function<void(int)>* job_ = nullptr;
  int tasks_ = 0;
  std::atomic<int> next_{0};
  int active_ = 0;
  int pending_ = 0;
  uint64_t generation_ = 0;
  size_t workers_ = 0;
};

}  // namespace

void parallel_for(int tasks, int threads, const std::function<void(int)>& fn) {
  // Never destroyed, for the same reason the threads are never joined.
  static Pool* pool = new Pool();
  pool->run(tasks, threads, fn);
}

}  // namespace rnn

namespace rnn {

float* thread_scratch(int slot, int64_t size) {
  static thread_local std::vector<float> buffers[11];
  std::vector<float>& buffer = buffers[slot];
  if (static_cast<int64_t>(buffer.size()) < size) buffer.resize(static_cast<size_t>(size));
  return buffer.data();
}

}  // namespace rnn
