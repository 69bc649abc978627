#include "platform/ServerPool.hpp"

#include <cassert>

namespace fleetsim::platform {

void ServerPool::account() {
  const double now = sched_.now();
  area_ += busy_ * (now - last_change_);
  last_change_ = now;
}

void ServerPool::start(std::coroutine_handle<> h, double seconds) {
  if (servers_ > 0 && busy_ >= servers_) {
    waiters_.push_back(Waiter{h, seconds});
    return;
  }
  account();
  ++busy_;
  sched_.resume_at(sched_.now() + seconds, h);
}

void ServerPool::release() {
  if (!waiters_.empty()) {  // the server passes straight to the next waiter
    const Waiter w = waiters_.front();
    waiters_.pop_front();
    sched_.resume_at(sched_.now() + w.seconds, w.handle);
    return;
  }
  account();
  --busy_;
  assert(busy_ >= 0);
}

}  // namespace fleetsim::platform
