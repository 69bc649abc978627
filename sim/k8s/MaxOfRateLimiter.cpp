#include "k8s/MaxOfRateLimiter.hpp"

#include <algorithm>
#include <cassert>

#include "k8s/BucketRateLimiter.hpp"
#include "k8s/ItemExponentialFailureRateLimiter.hpp"

namespace fleetsim::k8s {

MaxOfRateLimiter::MaxOfRateLimiter(std::vector<std::unique_ptr<RateLimiter>> limiters)
    : limiters_(std::move(limiters)) {
  for ([[maybe_unused]] const auto& l : limiters_) assert(l != nullptr);
}

double MaxOfRateLimiter::when(Key key, double now) {
  double ret = 0.0;
  for (auto& l : limiters_) ret = std::max(ret, l->when(key, now));
  return ret;
}

void MaxOfRateLimiter::forget(Key key) {
  for (auto& l : limiters_) l->forget(key);
}

int MaxOfRateLimiter::num_requeues(Key key) const {
  int ret = 0;
  for (const auto& l : limiters_) ret = std::max(ret, l->num_requeues(key));
  return ret;
}

std::unique_ptr<RateLimiter> default_controller_rate_limiter() {
  std::vector<std::unique_ptr<RateLimiter>> v;
  v.push_back(std::make_unique<ItemExponentialFailureRateLimiter>(0.005, 1000.0));
  v.push_back(std::make_unique<BucketRateLimiter>(10.0, 100));
  return std::make_unique<MaxOfRateLimiter>(std::move(v));
}

}  // namespace fleetsim::k8s
