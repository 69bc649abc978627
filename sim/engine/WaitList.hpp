// WaitList: a FIFO of suspended coroutines waiting for a condition another part signals.
//
// Models: a condition variable in virtual time. `wake_one()` resumes the longest waiter
// at the current virtual time (through the scheduler, never re-entrantly).
// Invariant: each waiter is woken at most once per wait.
#pragma once

#include <coroutine>
#include <deque>

#include "engine/Scheduler.hpp"

namespace fleetsim::engine {

class WaitList {
 public:
  explicit WaitList(Scheduler& s) : s_(s) {}

  struct Awaiter {
    WaitList& list;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) { list.waiters_.push_back(h); }
    void await_resume() const noexcept {}
  };
  // Suspends until woken.
  Awaiter wait() { return Awaiter{*this}; }

  // Wakes the longest waiter; returns false if nobody waits.
  bool wake_one() {
    if (waiters_.empty()) return false;
    auto h = waiters_.front();
    waiters_.pop_front();
    s_.resume_at(s_.now(), h);
    return true;
  }
  std::size_t size() const { return waiters_.size(); }
  bool empty() const { return waiters_.empty(); }

 private:
  Scheduler& s_;
  std::deque<std::coroutine_handle<>> waiters_;
};

}  // namespace fleetsim::engine
