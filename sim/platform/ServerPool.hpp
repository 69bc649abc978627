// ServerPool: N identical servers taken first-come first-served (cores of a CPU, channels
// of a disk).
//
// Models: a FIFO multi-server queue on the virtual clock. `hold(seconds)` waits for a free
// server, keeps it for `seconds`, then hands it straight to the next waiter. servers == 0
// means unlimited (no waiting; still accounted).
// Units: seconds; busy_seconds() in server-seconds. Invariants: busy() <= servers() when
// servers() > 0; no server idles while a request waits.
#pragma once

#include <coroutine>
#include <deque>

#include "engine/Scheduler.hpp"
#include "engine/Task.hpp"

namespace fleetsim::platform {

class ServerPool {
 public:
  ServerPool(engine::Scheduler& sched, int servers) : sched_(sched), servers_(servers) {}

  // Waits for a server, holds it for `seconds`, releases it.
  engine::Task<void> hold(double seconds);

  int servers() const { return servers_; }
  int busy() const { return busy_; }
  std::size_t waiting() const { return waiters_.size(); }
  // Integral of busy servers over virtual time since the start, up to now.
  double busy_seconds() const { return area_ + busy_ * (sched_.now() - last_change_); }

 private:
  struct Acquire {
    ServerPool& pool;
    bool await_ready() const noexcept { return pool.try_acquire(); }
    void await_suspend(std::coroutine_handle<> h) { pool.waiters_.push_back(h); }
    void await_resume() const noexcept {}
  };
  bool try_acquire();
  void release();
  void account();

  engine::Scheduler& sched_;
  int servers_;
  int busy_ = 0;
  double area_ = 0;
  double last_change_ = 0;
  std::deque<std::coroutine_handle<>> waiters_;
};

}  // namespace fleetsim::platform
