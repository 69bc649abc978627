// ManualScheduler: a self-contained event calendar for unit tests (no SimGrid engine).
//
// Models: the same contract as Scheduler. Events are kept in a binary heap ordered by
// (date, insertion sequence), so equal-date events run first-in first-out.
// Units: seconds. Invariants: now() only increases; run_until(t) leaves now() == t
// unless the calendar empties earlier (then now() is the date of the last event run).
#pragma once

#include <cstdint>
#include <queue>
#include <vector>

#include "engine/Scheduler.hpp"

namespace fleetsim::engine {

class ManualScheduler final : public Scheduler {
 public:
  Time now() const override { return now_; }
  void at(Time t, Callback fn) override;
  void resume_at(Time t, std::coroutine_handle<> h) override;

  // Runs every event dated <= t, then sets now() to t. True while events remain.
  bool run_until(Time t) override;
  std::uint64_t events() const override { return events_; }
  // Runs until the calendar is empty. Returns the number of events run.
  std::uint64_t run();
  bool empty() const { return heap_.empty(); }

 private:
  struct Event {
    Time date;
    std::uint64_t seq;
    Callback fn;
    std::coroutine_handle<> handle;
  };
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      return a.date != b.date ? a.date > b.date : a.seq > b.seq;
    }
  };
  bool run_one();

  Time now_ = 0;
  std::uint64_t seq_ = 0;
  std::uint64_t events_ = 0;
  std::priority_queue<Event, std::vector<Event>, Later> heap_;
};

}  // namespace fleetsim::engine
