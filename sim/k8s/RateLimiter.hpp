// RateLimiter: client-go's workqueue.TypedRateLimiter interface.
//
// Models: a policy giving how long an item must wait before it is re-queued.
// `when` is called once per rate-limited requeue and may update per-item state (it is
// not a pure query); `forget` ends the item's failure history; `num_requeues` is how
// many failures the limiter is tracking for the item.
// Units: seconds (virtual time `now`, returned delays). Invariants: when() >= 0
// (possibly +Inf: never).
#pragma once

#include "k8s/Key.hpp"

namespace fleetsim::k8s {

class RateLimiter {
 public:
  virtual ~RateLimiter() = default;

  // Delay, in seconds from `now`, before `key` may be processed again.
  virtual double when(Key key, double now) = 0;
  // Stops tracking `key` (resets its failure count).
  virtual void forget(Key key) = 0;
  // Number of failures tracked for `key`.
  virtual int num_requeues(Key key) const = 0;
};

}  // namespace fleetsim::k8s
