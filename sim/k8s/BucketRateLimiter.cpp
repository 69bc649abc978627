#include "k8s/BucketRateLimiter.hpp"

namespace fleetsim::k8s {

BucketRateLimiter::BucketRateLimiter(double qps, int burst) : bucket_(qps, burst) {}

double BucketRateLimiter::when(Key /*key*/, double now) {
  return bucket_.reserve(now);
}

void BucketRateLimiter::forget(Key /*key*/) {}

int BucketRateLimiter::num_requeues(Key /*key*/) const {
  return 0;
}

}  // namespace fleetsim::k8s
