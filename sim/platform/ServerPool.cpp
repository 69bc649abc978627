#include "platform/ServerPool.hpp"

#include <cassert>

#include "engine/Sleep.hpp"

namespace fleetsim::platform {

void ServerPool::account() {
  const double now = sched_.now();
  area_ += busy_ * (now - last_change_);
  last_change_ = now;
}

bool ServerPool::try_acquire() {
  if (servers_ > 0 && busy_ >= servers_) return false;
  account();
  ++busy_;
  return true;
}

void ServerPool::release() {
  if (!waiters_.empty()) {  // hand the server straight to the next waiter
    auto h = waiters_.front();
    waiters_.pop_front();
    sched_.resume_at(sched_.now(), h);
    return;
  }
  account();
  --busy_;
  assert(busy_ >= 0);
}

engine::Task<void> ServerPool::hold(double seconds) {
  co_await Acquire{*this};
  co_await engine::Sleep(sched_, seconds);
  release();
}

}  // namespace fleetsim::platform
