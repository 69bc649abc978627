// MaxOfRateLimiter: client-go's combination of rate limiters (the worst one wins).
//
// Models: workqueue.TypedMaxOfRateLimiter. when() calls EVERY limiter (so each one
// updates its state: failures counted, tokens spent) and returns the largest delay;
// num_requeues is the largest count; forget is forwarded to all. Also provides
// client-go's DefaultControllerRateLimiter, which controller-runtime uses by default.
// Units: seconds. Invariants: when() >= each limiter's delay; 0 with no limiters.
#pragma once

#include <memory>
#include <vector>

#include "k8s/RateLimiter.hpp"

namespace fleetsim::k8s {

class MaxOfRateLimiter final : public RateLimiter {
 public:
  explicit MaxOfRateLimiter(std::vector<std::unique_ptr<RateLimiter>> limiters);

  double when(Key key, double now) override;
  void forget(Key key) override;
  int num_requeues(Key key) const override;

  const std::vector<std::unique_ptr<RateLimiter>>& limiters() const { return limiters_; }

 private:
  std::vector<std::unique_ptr<RateLimiter>> limiters_;
};

// client-go DefaultControllerRateLimiter: MaxOf(ItemExponentialFailureRateLimiter(5 ms,
// 1000 s), BucketRateLimiter(10 qps, burst 100)).
std::unique_ptr<RateLimiter> default_controller_rate_limiter();

}  // namespace fleetsim::k8s
