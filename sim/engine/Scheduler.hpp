// Scheduler: the virtual clock and event calendar every model part is driven by.
//
// Models: a discrete-event calendar. `now()` is virtual time in seconds since the start
// of the simulation; `at(t, fn)` runs `fn` once when virtual time reaches `t`.
// Units: seconds (double).
// Invariants: time never goes backwards; an event is never run before its date; events
// with equal dates run in an order that depends only on the sequence of calls made
// (never on wall-clock time or addresses), so runs are reproducible.
//
// Two implementations: SimgridScheduler (SimGrid kernel timers; the production engine)
// and ManualScheduler (a plain heap; unit tests run model parts without an engine).
#pragma once

#include <coroutine>
#include <cstdint>
#include <functional>

namespace fleetsim::engine {

using Time = double;  // virtual seconds

class Scheduler {
 public:
  using Callback = std::function<void()>;

  virtual ~Scheduler() = default;

  virtual Time now() const = 0;

  // Runs `fn` at virtual time `t` (clamped to now() if earlier).
  virtual void at(Time t, Callback fn) = 0;

  // Resumes coroutine `h` at virtual time `t` (clamped to now() if earlier).
  virtual void resume_at(Time t, std::coroutine_handle<> h) = 0;

  void after(Time delay, Callback fn) { at(now() + delay, std::move(fn)); }

  // Runs every event dated <= t. Returns true while events remain in the calendar.
  virtual bool run_until(Time t) = 0;
  // Events run so far.
  virtual std::uint64_t events() const = 0;
};

}  // namespace fleetsim::engine
