#include "k8s/ItemExponentialFailureRateLimiter.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace fleetsim::k8s {

ItemExponentialFailureRateLimiter::ItemExponentialFailureRateLimiter(double base_delay,
                                                                     double max_delay)
    : base_(base_delay), max_(max_delay) {
  assert(base_delay >= 0 && max_delay >= 0);
}

double ItemExponentialFailureRateLimiter::when(Key key, double /*now*/) {
  if (key >= failures_.size()) failures_.resize(static_cast<std::size_t>(key) + 1, 0);
  std::uint32_t exp = failures_[key];
  if (exp < std::numeric_limits<std::uint32_t>::max()) failures_[key] = exp + 1;
  // ldexp saturates to +Inf instead of overflowing (client-go: backoff > MaxInt64 -> max).
  double backoff = std::ldexp(base_, static_cast<int>(std::min<std::uint32_t>(exp, 4096)));
  return backoff > max_ ? max_ : backoff;
}

void ItemExponentialFailureRateLimiter::forget(Key key) {
  if (key < failures_.size()) failures_[key] = 0;
}

int ItemExponentialFailureRateLimiter::num_requeues(Key key) const {
  if (key >= failures_.size()) return 0;
  auto f = failures_[key];
  return f > static_cast<std::uint32_t>(std::numeric_limits<int>::max())
             ? std::numeric_limits<int>::max()
             : static_cast<int>(f);
}

}  // namespace fleetsim::k8s
