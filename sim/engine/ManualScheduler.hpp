// ManualScheduler: a self-contained event calendar for unit tests (no SimGrid engine).
//
// Models: the same contract as Scheduler, on the same Calendar the production scheduler
// uses: equal-date events run first-in first-out.
// Units: seconds. Invariants: now() only increases; run_until(t) leaves now() == t.
#pragma once

#include <cstdint>

#include "engine/Calendar.hpp"
#include "engine/Scheduler.hpp"

namespace fleetsim::engine {

class ManualScheduler final : public Scheduler {
 public:
  ManualScheduler() = default;
  ManualScheduler(const ManualScheduler&) = delete;
  ManualScheduler& operator=(const ManualScheduler&) = delete;
  // Processes still suspended can never run: destroyed (destroy_suspended_processes).
  ~ManualScheduler() override;

  Time now() const override { return now_; }
  void at(Time t, Callback fn) override;
  void resume_at(Time t, std::coroutine_handle<> h) override;

  // Runs every event dated <= t, then sets now() to t. True while events remain.
  bool run_until(Time t) override;
  std::uint64_t events() const override { return events_; }
  // Runs until the calendar is empty. Returns the number of events run.
  std::uint64_t run();
  bool empty() const { return calendar_.empty(); }

 private:
  void run_one();

  Time now_ = 0;
  std::uint64_t events_ = 0;
  Calendar calendar_;
};

}  // namespace fleetsim::engine
