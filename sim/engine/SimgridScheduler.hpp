// SimgridScheduler: the production event calendar, on SimGrid kernel timers.
//
// Models: virtual time is SimGrid's clock; every event is a SimGrid kernel timer run in
// the maestro context (no actors, so no context switches: see
// shared/reference/simgrid.md for why). One SimGrid engine per process (SimGrid's rule):
// construct exactly one SimgridScheduler per process.
// Units: seconds. Invariants: as Scheduler; `events()` counts every event run.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/Scheduler.hpp"

namespace simgrid::s4u {
class Engine;
class NetZone;
}  // namespace simgrid::s4u

namespace fleetsim::engine {

class SimgridScheduler final : public Scheduler {
 public:
  SimgridScheduler();
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

 private:
  void seal_platform();

  std::unique_ptr<simgrid::s4u::Engine> engine_;
  simgrid::s4u::NetZone* zone_ = nullptr;
  bool sealed_ = false;
  std::uint64_t events_ = 0;
};

}  // namespace fleetsim::engine
