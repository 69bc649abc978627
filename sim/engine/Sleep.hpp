// Sleep: an awaitable that suspends the current coroutine for a span of virtual time.
//
// Units: seconds. A delay <= 0 does not suspend at all (no event is scheduled).
#pragma once

#include <coroutine>

#include "engine/Scheduler.hpp"

namespace fleetsim::engine {

class Sleep {
 public:
  Sleep(Scheduler& s, Time delay) : s_(s), delay_(delay) {}
  bool await_ready() const noexcept { return delay_ <= 0; }
  void await_suspend(std::coroutine_handle<> h) { s_.resume_at(s_.now() + delay_, h); }
  void await_resume() const noexcept {}

 private:
  Scheduler& s_;
  Time delay_;
};

}  // namespace fleetsim::engine
