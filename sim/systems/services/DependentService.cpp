#include "systems/services/DependentService.hpp"

#include <algorithm>
#include <cassert>

#include "engine/Sleep.hpp"
#include "systems/Percentiles.hpp"

namespace fleetsim::systems::services {

// Takes a free slot at once, is rejected at once (queue full), or queues FIFO; a queued
// awaiter is resumed holding the slot its predecessor released.
struct DependentService::SlotAwaiter {
  DependentService& s;
  bool rejected = false;
  bool await_ready() {
    const auto& c = s.config_;
    if (c.slots == 0 || s.in_use_ < c.slots) {
      s.take();
      return true;
    }
    if (c.queue_limit > 0 && s.waiters_.size() >= static_cast<std::size_t>(c.queue_limit)) {
      rejected = true;
      return true;
    }
    return false;
  }
  void await_suspend(std::coroutine_handle<> h) {
    s.waiters_.push_back(h);
    s.waiting_peak_ = std::max(s.waiting_peak_, s.waiters_.size());
  }
  bool await_resume() const noexcept { return !rejected; }
};

DependentService::DependentService(engine::Scheduler& sched, DependentServiceConfig config,
                                   engine::RandomStream rng)
    : sched_(sched), config_(std::move(config)), rng_(std::move(rng)) {
  assert(config_.slots >= 0 && config_.queue_limit >= 0);
}

void DependentService::account() {
  const double now = sched_.now();
  area_ += in_use_ * (now - last_change_);
  last_change_ = now;
}

void DependentService::take() {
  account();
  ++in_use_;
  assert(config_.slots == 0 || in_use_ <= config_.slots);
}

void DependentService::release() {
  if (!waiters_.empty()) {  // the slot passes straight to the longest waiter
    auto h = waiters_.front();
    waiters_.pop_front();
    sched_.resume_at(sched_.now(), h);
    return;
  }
  account();
  --in_use_;
  assert(in_use_ >= 0);
}

double DependentService::pipe_seconds(double bytes) const {
  double t = 0;
  if (config_.max_ops_per_s > 0) t += 1 / config_.max_ops_per_s;
  if (config_.bandwidth > 0) t += bytes / config_.bandwidth;
  return t;
}

engine::Task<ServiceOp> DependentService::call(double bytes) {
  const double start = sched_.now();
  if (!co_await SlotAwaiter{*this}) {
    ++rejected_;
    co_return ServiceOp{false, 0, 0};
  }
  const double wait = sched_.now() - start;
  co_await engine::Sleep(sched_, config_.service_time.sample(rng_));
  if (const double pipe = pipe_seconds(bytes); pipe > 0) {
    const double begin = std::max(sched_.now(), pipe_free_at_);
    pipe_free_at_ = begin + pipe;
    co_await engine::Sleep(sched_, pipe_free_at_ - sched_.now());
  }
  release();
  const double latency = sched_.now() - start;
  ++completed_;
  wait_.observe(wait);
  latency_.observe(latency);
  co_return ServiceOp{true, wait, latency};
}

double DependentService::busy_slot_seconds() const {
  return area_ + in_use_ * (sched_.now() - last_change_);
}

double DependentService::utilisation() const {
  const double elapsed = sched_.now();
  if (config_.slots == 0 || elapsed <= 0) return 0;
  return busy_slot_seconds() / (config_.slots * elapsed);
}

nlohmann::ordered_json DependentService::summary() const {
  nlohmann::ordered_json j;
  j["kind"] = config_.kind;
  j["slots"] = config_.slots;
  j["ops"] = completed_;
  j["rejected"] = rejected_;
  j["utilisation"] = stats::six_figures(utilisation());
  j["busy_slot_seconds"] = stats::six_figures(busy_slot_seconds());
  j["waiting_peak"] = waiting_peak_;
  j["wait_seconds"] = percentiles(wait_);
  j["latency_seconds"] = percentiles(latency_);
  return j;
}

}  // namespace fleetsim::systems::services
