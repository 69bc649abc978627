// Join: waits until `parts` concurrent activities have each reported done.
//
// Models: the end of a fork-join (a batch split over threads ends when its last part
// ends). Each part calls part_done() once; the awaiting coroutine is resumed through the
// scheduler, at the virtual time of the last part_done(). Invariant: part_done() is called
// at most `parts` times; awaiting a join whose parts are all done does not suspend.
#pragma once

#include <coroutine>

#include "engine/Scheduler.hpp"

namespace fleetsim::engine {

struct Join {
  Scheduler& sched;
  int left;
  std::coroutine_handle<> parent{};
  bool await_ready() const noexcept { return left == 0; }
  void await_suspend(std::coroutine_handle<> h) noexcept { parent = h; }
  void await_resume() const noexcept {}
  void part_done() {
    if (--left == 0 && parent) sched.resume_at(sched.now(), parent);
  }
};

}  // namespace fleetsim::engine
