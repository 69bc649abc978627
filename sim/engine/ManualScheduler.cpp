#include "engine/ManualScheduler.hpp"

#include <algorithm>

namespace fleetsim::engine {

void ManualScheduler::at(Time t, Callback fn) {
  heap_.push(Event{std::max(t, now_), seq_++, std::move(fn), {}});
}

void ManualScheduler::resume_at(Time t, std::coroutine_handle<> h) {
  heap_.push(Event{std::max(t, now_), seq_++, {}, h});
}

bool ManualScheduler::run_one() {
  Event ev = heap_.top();
  heap_.pop();
  now_ = ev.date;
  ++events_;
  if (ev.handle)
    ev.handle.resume();
  else
    ev.fn();
  return true;
}

bool ManualScheduler::run_until(Time t) {
  while (!heap_.empty() && heap_.top().date <= t) run_one();
  now_ = std::max(now_, t);
  return !heap_.empty();
}

std::uint64_t ManualScheduler::run() {
  std::uint64_t n = 0;
  while (!heap_.empty()) n += run_one();
  return n;
}

}  // namespace fleetsim::engine
