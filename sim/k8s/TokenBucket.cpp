#include "k8s/TokenBucket.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace fleetsim::k8s {

TokenBucket::TokenBucket(double qps, int burst)
    : qps_(qps),
      burst_(burst),
      unlimited_(!(qps > 0) || std::isinf(qps)),
      tokens_(static_cast<double>(burst)) {
  assert(burst >= 0);
}

// rate.Limiter.advance: refill for the time elapsed since `last`, capped at burst.
double TokenBucket::advance(double now) const {
  double elapsed = std::max(0.0, now - last_);
  return std::min(tokens_ + elapsed * qps_, static_cast<double>(burst_));
}

double TokenBucket::reserve(double now) {
  if (unlimited_) return 0.0;
  if (burst_ < 1) return std::numeric_limits<double>::infinity();  // n > burst: !ok
  double tokens = advance(now) - 1.0;
  last_ = now;
  tokens_ = tokens;
  return tokens < 0 ? -tokens / qps_ : 0.0;
}

double TokenBucket::tokens_at(double now) const {
  if (unlimited_) return static_cast<double>(burst_);
  return advance(now);
}

}  // namespace fleetsim::k8s
