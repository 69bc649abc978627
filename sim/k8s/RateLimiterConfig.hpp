// RateLimiterConfig: the parameters of controller-runtime's default workqueue limiter.
//
// Models: MaxOf(ItemExponentialFailureRateLimiter(base_delay, max_delay),
// BucketRateLimiter(qps, burst)). Units: seconds, items per second.
#pragma once

#include <memory>
#include <vector>

#include "k8s/BucketRateLimiter.hpp"
#include "k8s/ItemExponentialFailureRateLimiter.hpp"
#include "k8s/MaxOfRateLimiter.hpp"

namespace fleetsim::k8s {

struct RateLimiterConfig {
  double base_delay = 0.005;  // seconds
  double max_delay = 1000;    // seconds
  double qps = 10;            // items per second
  int burst = 100;            // items

  std::unique_ptr<RateLimiter> make() const {
    std::vector<std::unique_ptr<RateLimiter>> parts;
    parts.push_back(std::make_unique<ItemExponentialFailureRateLimiter>(base_delay, max_delay));
    parts.push_back(std::make_unique<BucketRateLimiter>(qps, burst));
    return std::make_unique<MaxOfRateLimiter>(std::move(parts));
  }
};

}  // namespace fleetsim::k8s
