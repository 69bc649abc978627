#include "engine/ManualScheduler.hpp"

#include <algorithm>

#include "engine/Process.hpp"

namespace fleetsim::engine {

ManualScheduler::~ManualScheduler() {
  destroy_suspended_processes();
}

void ManualScheduler::at(Time t, Callback fn) {
  calendar_.push(std::max(t, now_), std::move(fn));
}

void ManualScheduler::resume_at(Time t, std::coroutine_handle<> h) {
  calendar_.push(std::max(t, now_), h);
}

void ManualScheduler::run_one() {
  now_ = calendar_.next_date();
  ++events_;
  calendar_.run_next();
}

bool ManualScheduler::run_until(Time t) {
  while (!calendar_.empty() && calendar_.next_date() <= t) run_one();
  now_ = std::max(now_, t);
  return !calendar_.empty();
}

std::uint64_t ManualScheduler::run() {
  const std::uint64_t before = events_;
  while (!calendar_.empty()) run_one();
  return events_ - before;
}

}  // namespace fleetsim::engine
