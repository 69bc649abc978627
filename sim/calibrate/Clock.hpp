// Clock: wall time for the calibration (seconds, monotonic), injected so that the QPS cap
// and Retry-After waits are unit-tested with a fake clock.
// Invariants: now() never decreases; sleep_for(s) returns after at least s seconds of
// now() (s <= 0 returns at once). Implementations are safe to call from several threads.
#pragma once

namespace fleetsim::calibrate {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual double now() = 0;
  virtual void sleep_for(double seconds) = 0;
};

}  // namespace fleetsim::calibrate
