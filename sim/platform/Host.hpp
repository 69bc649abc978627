// Host: a machine of the platform with a number of cores of one relative speed.
//
// Models: CPU shared by the processes on a node, as a FIFO pool of cores (to first order
// Go's scheduler: a runnable goroutine waits for a free P, then runs its burst). Work is
// given in core-seconds at reference speed; on a host of speed s it holds a core for
// work / s seconds. Cores may be taken away by background load (other processes).
// Units: seconds, core-seconds, cores. Invariants: 0 <= busy_cores() <= cores();
// a waiter is served only when no core is free (no core idles while work waits).
// Why not SimGrid's exec: its processor-sharing cost grows with concurrent executions
// (shared/reference/simgrid.md); a pool on the calendar stays O(log n) per event.
#pragma once

#include <cstdint>
#include <deque>
#include <string>

#include "engine/Scheduler.hpp"
#include "engine/Task.hpp"
#include "engine/WaitList.hpp"

namespace fleetsim::platform {

struct HostConfig {
  std::string name;
  int cores = 1;       // cores
  double speed = 1.0;  // relative to the reference core (1.0)
  double memory_bytes = 0;
};

class Host {
 public:
  Host(engine::Scheduler& sched, HostConfig config);

  // Runs `work` core-seconds on one core of this host (waits FIFO for a free core).
  engine::Task<void> compute(double work);

  const std::string& name() const { return config_.name; }
  int cores() const { return config_.cores; }
  double speed() const { return config_.speed; }
  int busy_cores() const { return busy_; }
  std::size_t waiting() const { return waiters_.size(); }
  // Integral of busy cores over virtual time since the start, up to now (core-seconds).
  double busy_core_seconds() const;
  // Total CPU work completed, in reference core-seconds.
  double work_done() const { return work_done_; }

 private:
  struct Acquire {
    Host& host;
    bool await_ready() const noexcept { return host.try_acquire(); }
    void await_suspend(std::coroutine_handle<> h) { host.waiters_.push_back(h); }
    void await_resume() const noexcept {}
  };
  bool try_acquire();
  void release();
  void account();

  engine::Scheduler& sched_;
  HostConfig config_;
  int busy_ = 0;
  double area_ = 0;  // busy-core-seconds up to last_change_
  double last_change_ = 0;
  double work_done_ = 0;
  std::deque<std::coroutine_handle<>> waiters_;
};

}  // namespace fleetsim::platform
