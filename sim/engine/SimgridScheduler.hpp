// SimgridScheduler: the production event calendar of a run, on SimGrid.
//
// Models: virtual time; SimGrid holds the platform (hosts with cores and speed) and the
// clock. Two ways to dispatch model events (docs/performance.md has the measurements):
// - kCalendar (default): fleetsim's own Calendar dispatches events in (date, insertion)
//   order; SimGrid's clock is brought to each run_until() date. SimGrid's main loop costs
//   ~2,000 instructions per distinct event date, more than the model's own work, so this
//   mode is several times faster for identical virtual results.
// - kSimgridTimers: every event is a SimGrid kernel timer run in the maestro context (no
//   actors), SimGrid's clock is the model's clock at every event.
// One SimGrid engine per process (SimGrid's rule): construct one SimgridScheduler per
// process. Units: seconds. Invariants: as Scheduler; events() counts every event run.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/Calendar.hpp"
#include "engine/Scheduler.hpp"

namespace simgrid::s4u {
class Engine;
class NetZone;
}  // namespace simgrid::s4u

namespace fleetsim::engine {

class SimgridScheduler final : public Scheduler {
 public:
  enum class Dispatch { kCalendar, kSimgridTimers };

  explicit SimgridScheduler(Dispatch dispatch = Dispatch::kCalendar);
  ~SimgridScheduler() override;
  SimgridScheduler(const SimgridScheduler&) = delete;
  SimgridScheduler& operator=(const SimgridScheduler&) = delete;

  Time now() const override;
  void at(Time t, Callback fn) override;
  void resume_at(Time t, std::coroutine_handle<> h) override;

  // Declares a host of the platform (SimGrid keeps platform apart from deployment).
  // Must be called before the first run_until. Speed is relative (1.0 = reference core).
  void declare_host(const std::string& name, int cores, double speed);
  // Runs every event dated <= t. Returns false when the calendar is empty.
  bool run_until(Time t) override;
  std::uint64_t events() const override { return events_; }
  Dispatch dispatch() const { return dispatch_; }

 private:
  void seal_platform();

  Dispatch dispatch_;
  std::unique_ptr<simgrid::s4u::Engine> engine_;
  simgrid::s4u::NetZone* zone_ = nullptr;
  bool sealed_ = false;
  std::uint64_t events_ = 0;
  Calendar calendar_;
  Time now_ = 0;
};

}  // namespace fleetsim::engine
