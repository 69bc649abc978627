#include "platform/Host.hpp"

#include <cassert>

#include "engine/Sleep.hpp"

namespace fleetsim::platform {

Host::Host(engine::Scheduler& sched, HostConfig config)
    : sched_(sched), config_(std::move(config)) {
  assert(config_.cores >= 1 && config_.speed > 0);
}

void Host::account() {
  double now = sched_.now();
  area_ += busy_ * (now - last_change_);
  last_change_ = now;
}

double Host::busy_core_seconds() const {
  return area_ + busy_ * (sched_.now() - last_change_);
}

bool Host::try_acquire() {
  if (busy_ >= config_.cores) return false;
  account();
  ++busy_;
  return true;
}

void Host::release() {
  if (!waiters_.empty()) {  // hand the core straight to the next waiter
    auto h = waiters_.front();
    waiters_.pop_front();
    sched_.resume_at(sched_.now(), h);
    return;
  }
  account();
  --busy_;
  assert(busy_ >= 0);
}

engine::Task<void> Host::compute(double work) {
  if (work <= 0) co_return;
  co_await Acquire{*this};
  co_await engine::Sleep(sched_, work / config_.speed);
  work_done_ += work;
  release();
}

}  // namespace fleetsim::platform
