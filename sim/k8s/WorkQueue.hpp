// WorkQueue: client-go's rate-limiting, delaying workqueue, driven by the virtual clock.
//
// Models: workqueue.Typed (queue/dirty/processing sets), its delaying layer (AddAfter)
// and rate-limiting layer (AddRateLimited/Forget/NumRequeues), with the
// workqueue_* metrics of shared/reference/kubernetes.md. No threads: Get is the
// non-blocking try_get(); a controller learns that work arrived through set_on_ready().
// Units: seconds (virtual time from the injected Scheduler).
// Invariants: every key in the FIFO is dirty and not processing; a key is at most once
// in the FIFO and at most once processing (never two workers on one key); a waiting key
// has exactly one live ready time (the earliest asked for).
// Memory: 29 bytes per key seen (flags + three times + a processing-list slot), plus
// 4 bytes per FIFO entry and what the rate limiter keeps.
// Lifetime: the queue must outlive the scheduler events it posts (delayed adds).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/Scheduler.hpp"
#include "k8s/Key.hpp"
#include "k8s/RateLimiter.hpp"
#include "stats/Histogram.hpp"
#include "stats/QuantileHistogram.hpp"

namespace fleetsim::k8s {

struct WorkQueueMetrics {
  std::uint64_t adds_total = 0;     // workqueue_adds_total
  std::uint64_t retries_total = 0;  // workqueue_retries_total
  std::uint64_t depth = 0;          // workqueue_depth gauge: +1 per counted add, -1 per get
  std::uint64_t depth_peak = 0;     // highest value of `depth`
  stats::Histogram queue_duration{stats::Histogram::workqueue_buckets()};  // seconds
  stats::Histogram work_duration{stats::Histogram::workqueue_buckets()};   // seconds
  stats::QuantileHistogram queue_wait;  // same observations as queue_duration
  stats::QuantileHistogram work_time;   // same observations as work_duration
};

class WorkQueue {
 public:
  WorkQueue(engine::Scheduler& scheduler, std::string name, std::unique_ptr<RateLimiter> limiter);
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // Add: dedup while dirty; if processing, only marks dirty (pushed again at done()).
  void add(Key key);
  // Non-blocking Get: false if the FIFO is empty; else pops its head into `out`.
  bool try_get(Key& out);
  // Done: the worker finished `key` (must be processing); re-queued if added meanwhile.
  void done(Key key);
  // AddAfter: counts a retry on every call; delay <= 0 adds now; else waits, keeping
  // only the earliest ready time per key. delay == +Inf waits forever.
  void add_after(Key key, double delay);
  // AddRateLimited: add_after(key, limiter.when(key, now)), the wait marked as a retry.
  void add_rate_limited(Key key);
  // Forget: resets the limiter's failure history for `key` only.
  void forget(Key key);
  int num_requeues(Key key) const;

  std::size_t len() const { return fifo_.size(); }
  std::size_t processing_count() const { return processing_.size(); }
  std::size_t waiting_count() const { return waiting_; }
  std::size_t waiting_retry_count() const { return waiting_retry_; }

  // Called once each time a key is pushed onto the FIFO (after the queue is updated).
  void set_on_ready(std::function<void()> fn) { on_ready_ = std::move(fn); }

  // Sum over processing keys of the time since their get (workqueue_unfinished_work_seconds).
  double unfinished_work_seconds() const;
  // Longest time since get of a processing key (workqueue_longest_running_processor_seconds).
  double longest_running_processor_seconds() const;

  const WorkQueueMetrics& metrics() const { return metrics_; }
  const std::string& name() const { return name_; }
  const RateLimiter& rate_limiter() const { return *limiter_; }

 private:
  enum Flag : std::uint8_t { kDirty = 1, kProcessing = 2, kWaiting = 4, kWaitRetry = 8 };

  bool has(Key key, Flag f) const { return key < flags_.size() && (flags_[key] & f); }
  void ensure(Key key);
  void push(Key key);
  void delay_add(Key key, double delay, bool retry);
  void wait_until(Key key, double ready, bool retry);
  void on_ready_time(Key key, double ready);
  void stop_waiting(Key key);
  void add_processing(Key key);
  void remove_processing(Key key);

  engine::Scheduler& scheduler_;
  std::string name_;
  std::unique_ptr<RateLimiter> limiter_;
  std::function<void()> on_ready_;
  WorkQueueMetrics metrics_;

  std::deque<Key> fifo_;
  std::vector<Key> processing_;  // keys being processed, in no particular order
  std::size_t waiting_ = 0;
  std::size_t waiting_retry_ = 0;

  // Per-key state, indexed by Key.
  std::vector<std::uint8_t> flags_;
  std::vector<double> first_add_;         // valid while dirty
  std::vector<double> work_start_;        // valid while processing
  std::vector<double> ready_at_;          // valid while waiting
  std::vector<std::uint32_t> proc_slot_;  // index in processing_, valid while processing
};

}  // namespace fleetsim::k8s
