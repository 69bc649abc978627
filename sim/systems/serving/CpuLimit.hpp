// CpuLimit: the cores a container may use at once (its CPU limit), as a counting semaphore.
//
// Models: the CFS quota of a pod: at most `cores` of its threads run at the same time; a
// thread that would exceed it waits (FIFO) for one of the pod's running threads to stop.
// Units: cores. Invariants: 0 <= in_use() <= cores(); a released core goes straight to the
// longest waiter; peak() is the highest in_use() seen.
#pragma once

#include <algorithm>
#include <coroutine>
#include <deque>

#include "engine/Scheduler.hpp"

namespace fleetsim::systems::serving {

class CpuLimit {
 public:
  CpuLimit(engine::Scheduler& sched, int cores) : sched_(sched), cores_(cores) {}

  struct Acquire {
    CpuLimit& limit;
    bool await_ready() {
      if (limit.in_use_ >= limit.cores_) return false;
      limit.take();
      return true;
    }
    void await_suspend(std::coroutine_handle<> h) { limit.waiters_.push_back(h); }
    void await_resume() const noexcept {}
  };
  // Waits for a core of the limit.
  Acquire acquire() { return Acquire{*this}; }
  void release() {
    if (waiters_.empty()) {
      --in_use_;
      return;
    }
    auto h = waiters_.front();  // the core passes on: in_use_ unchanged
    waiters_.pop_front();
    sched_.resume_at(sched_.now(), h);
  }
  int cores() const { return cores_; }
  int in_use() const { return in_use_; }
  int peak() const { return peak_; }

 private:
  void take() {
    ++in_use_;
    peak_ = std::max(peak_, in_use_);
  }

  engine::Scheduler& sched_;
  int cores_;
  int in_use_ = 0;
  int peak_ = 0;
  std::deque<std::coroutine_handle<>> waiters_;
};

}  // namespace fleetsim::systems::serving
