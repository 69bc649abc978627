// ServerPool: N identical servers taken first-come first-served (cores of a CPU, channels
// of a disk).
//
// Models: a FIFO multi-server queue on the virtual clock. `co_await pool.hold(seconds)`
// waits for a free server, keeps it for `seconds`, then hands it straight to the next
// waiter. servers == 0 means unlimited (no waiting; still accounted).
// Cost: one calendar event per hold and no allocation (the awaiter lives in the caller's
// frame); a waiter is resumed once, at the end of its own hold.
// Units: seconds; busy_seconds() in server-seconds. Invariants: busy() <= servers() when
// servers() > 0; no server idles while a request waits.
#pragma once

#include <coroutine>
#include <deque>

#include "engine/Scheduler.hpp"

namespace fleetsim::platform {

class ServerPool {
 public:
  ServerPool(engine::Scheduler& sched, int servers) : sched_(sched), servers_(servers) {}

  class Hold {
   public:
    // When the hold completes, `*tally += seconds` (if tally is given).
    Hold(ServerPool& pool, double seconds, double* tally = nullptr)
        : pool_(pool), seconds_(seconds), tally_(tally) {}
    // A hold of no time takes no server and does not suspend.
    bool await_ready() const noexcept { return seconds_ <= 0; }
    void await_suspend(std::coroutine_handle<> h) { pool_.start(h, seconds_); }
    // Runs when the hold is over: frees the server (or passes it on).
    void await_resume() const {
      if (seconds_ <= 0) return;
      pool_.release();
      if (tally_) *tally_ += seconds_;
    }

   private:
    ServerPool& pool_;
    double seconds_;
    double* tally_;
  };
  // Waits for a server, holds it for `seconds`, releases it.
  Hold hold(double seconds, double* tally = nullptr) { return Hold(*this, seconds, tally); }

  int servers() const { return servers_; }
  int busy() const { return busy_; }
  std::size_t waiting() const { return waiters_.size(); }
  // Integral of busy servers over virtual time since the start, up to now.
  double busy_seconds() const { return area_ + busy_ * (sched_.now() - last_change_); }

 private:
  struct Waiter {
    std::coroutine_handle<> handle;
    double seconds;
  };
  void start(std::coroutine_handle<> h, double seconds);
  void release();
  void account();

  engine::Scheduler& sched_;
  int servers_;
  int busy_ = 0;
  double area_ = 0;
  double last_change_ = 0;
  std::deque<Waiter> waiters_;
};

}  // namespace fleetsim::platform
