#include "k8s/WorkQueue.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace fleetsim::k8s {

WorkQueue::WorkQueue(engine::Scheduler& scheduler, std::string name,
                     std::unique_ptr<RateLimiter> limiter)
    : scheduler_(scheduler), name_(std::move(name)), limiter_(std::move(limiter)) {
  assert(limiter_ != nullptr);
}

void WorkQueue::ensure(Key key) {
  if (key < flags_.size()) return;
  std::size_t n = static_cast<std::size_t>(key) + 1;
  flags_.resize(n, 0);
  first_add_.resize(n, 0.0);
  work_start_.resize(n, 0.0);
  ready_at_.resize(n, 0.0);
  proc_slot_.resize(n, 0);
}

void WorkQueue::push(Key key) {
  fifo_.push_back(key);
  if (on_ready_) on_ready_();
}

void WorkQueue::add(Key key) {
  ensure(key);
  std::uint8_t& f = flags_[key];
  if (f & kDirty) return;
  // metrics.add: adds+1, depth+1, remember the first add time.
  ++metrics_.adds_total;
  metrics_.depth_peak = std::max(metrics_.depth_peak, ++metrics_.depth);
  first_add_[key] = scheduler_.now();
  f |= kDirty;
  if (f & kProcessing) return;
  push(key);
}

bool WorkQueue::try_get(Key& out) {
  if (fifo_.empty()) return false;
  Key key = fifo_.front();
  fifo_.pop_front();
  assert(has(key, kDirty) && !has(key, kProcessing));
  // metrics.get: depth-1, queue duration since the first add, start the work clock.
  double now = scheduler_.now();
  --metrics_.depth;
  double waited = now - first_add_[key];
  metrics_.queue_duration.observe(waited);
  metrics_.queue_wait.observe(waited);
  flags_[key] &= static_cast<std::uint8_t>(~kDirty);
  add_processing(key);
  out = key;
  return true;
}

void WorkQueue::done(Key key) {
  assert(has(key, kProcessing));
  double worked = scheduler_.now() - work_start_[key];
  metrics_.work_duration.observe(worked);
  metrics_.work_time.observe(worked);
  remove_processing(key);
  if (flags_[key] & kDirty) push(key);
}

void WorkQueue::add_processing(Key key) {
  flags_[key] |= kProcessing;
  work_start_[key] = scheduler_.now();
  proc_slot_[key] = static_cast<std::uint32_t>(processing_.size());
  processing_.push_back(key);
}

void WorkQueue::remove_processing(Key key) {
  std::uint32_t slot = proc_slot_[key];
  assert(slot < processing_.size() && processing_[slot] == key);
  Key last = processing_.back();
  processing_[slot] = last;
  proc_slot_[last] = slot;
  processing_.pop_back();
  flags_[key] &= static_cast<std::uint8_t>(~kProcessing);
}

void WorkQueue::add_after(Key key, double delay) {
  delay_add(key, delay, false);
}

void WorkQueue::add_rate_limited(Key key) {
  delay_add(key, limiter_->when(key, scheduler_.now()), true);
}

// delayingType.AddAfter: retries+1 on every call; a non-positive delay adds now.
void WorkQueue::delay_add(Key key, double delay, bool retry) {
  ++metrics_.retries_total;
  if (!(delay > 0)) {
    add(key);
    return;
  }
  wait_until(key, scheduler_.now() + delay, retry);
}

void WorkQueue::wait_until(Key key, double ready, bool retry) {
  ensure(key);
  std::uint8_t& f = flags_[key];
  if (retry && !(f & kWaitRetry)) {
    f |= kWaitRetry;
    ++waiting_retry_;
  }
  if (f & kWaiting) {
    if (ready_at_[key] <= ready) return;  // the ready time only ever moves earlier
  } else {
    f |= kWaiting;
    ++waiting_;
  }
  ready_at_[key] = ready;
  if (std::isinf(ready)) return;  // rate.InfDuration: never ready
  scheduler_.at(ready, [this, key, ready] { on_ready_time(key, ready); });
}

void WorkQueue::on_ready_time(Key key, double ready) {
  // Superseded by an earlier ready time (or already fired): a stale event.
  if (!has(key, kWaiting) || ready_at_[key] != ready) return;
  stop_waiting(key);
  add(key);
}

void WorkQueue::stop_waiting(Key key) {
  std::uint8_t& f = flags_[key];
  --waiting_;
  if (f & kWaitRetry) --waiting_retry_;
  f &= static_cast<std::uint8_t>(~(kWaiting | kWaitRetry));
}

void WorkQueue::forget(Key key) {
  limiter_->forget(key);
}

int WorkQueue::num_requeues(Key key) const {
  return limiter_->num_requeues(key);
}

double WorkQueue::unfinished_work_seconds() const {
  double now = scheduler_.now();
  double total = 0.0;
  for (Key k : processing_) total += now - work_start_[k];
  return total;
}

double WorkQueue::longest_running_processor_seconds() const {
  double now = scheduler_.now();
  double oldest = 0.0;
  for (Key k : processing_) oldest = std::max(oldest, now - work_start_[k]);
  return oldest;
}

}  // namespace fleetsim::k8s
