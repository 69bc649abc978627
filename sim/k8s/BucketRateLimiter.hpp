// BucketRateLimiter: client-go's overall (not per-item) token-bucket rate limiter.
//
// Models: workqueue.TypedBucketRateLimiter{Limiter: rate.NewLimiter(qps, burst)}.
// when() is Limiter.Reserve().Delay(): it spends a token on EVERY call, whatever the
// key; num_requeues is always 0 and forget does nothing.
// Units: seconds, tokens/second. Invariants: as TokenBucket.
#pragma once

#include "k8s/RateLimiter.hpp"
#include "k8s/TokenBucket.hpp"

namespace fleetsim::k8s {

class BucketRateLimiter final : public RateLimiter {
 public:
  BucketRateLimiter(double qps, int burst);

  double when(Key key, double now) override;
  void forget(Key key) override;
  int num_requeues(Key key) const override;

  const TokenBucket& bucket() const { return bucket_; }

 private:
  TokenBucket bucket_;
};

}  // namespace fleetsim::k8s
