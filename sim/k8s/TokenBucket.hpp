// TokenBucket: golang.org/x/time/rate.Limiter, as client-go's BucketRateLimiter and the
// REST client's QPS/burst throttle use it (Reserve().Delay()).
//
// Models: tokens refill continuously at `qps` per second up to `burst`; each
// reservation takes one token, immediately, even if that makes the count negative; the
// caller must then wait -tokens/qps. The bucket starts full. qps <= 0 or +Inf means
// unlimited (every delay 0, no state change). With a finite qps and burst 0 no
// reservation can succeed: the delay is +Inf and the state is unchanged (rate's
// InfDuration).
// Units: seconds (now, delays), tokens, tokens/second.
// Invariants: tokens <= burst; the reservation time `last` never moves backwards for a
// non-decreasing clock.
#pragma once

namespace fleetsim::k8s {

class TokenBucket {
 public:
  TokenBucket(double qps, int burst);

  // Takes one token at `now`; returns the delay (seconds) before the caller may act.
  double reserve(double now);
  // Tokens there would be at `now` (may be negative); does not change the bucket.
  double tokens_at(double now) const;

  double qps() const { return qps_; }
  int burst() const { return burst_; }
  bool unlimited() const { return unlimited_; }

 private:
  double advance(double now) const;

  double qps_;
  int burst_;
  bool unlimited_;
  double tokens_;
  double last_ = 0;
};

}  // namespace fleetsim::k8s
