// ItemExponentialFailureRateLimiter: client-go's per-item exponential backoff.
//
// Models: workqueue.ItemExponentialFailureRateLimiter. when(k) returns
// base * 2^failures(k), with failures counted BEFORE this call's increment, capped at
// `max` (also when 2^failures overflows); forget(k) resets failures(k) to 0.
// Units: seconds. Invariants: 0 < delay <= max (for base > 0); num_requeues(k) is the
// number of when(k) calls since the last forget(k). Memory: 4 bytes per key seen.
#pragma once

#include <cstdint>
#include <vector>

#include "k8s/RateLimiter.hpp"

namespace fleetsim::k8s {

class ItemExponentialFailureRateLimiter final : public RateLimiter {
 public:
  ItemExponentialFailureRateLimiter(double base_delay, double max_delay);

  double when(Key key, double now) override;
  void forget(Key key) override;
  int num_requeues(Key key) const override;

  double base_delay() const { return base_; }
  double max_delay() const { return max_; }

 private:
  double base_;
  double max_;
  std::vector<std::uint32_t> failures_;  // indexed by Key, grown on demand
};

}  // namespace fleetsim::k8s
