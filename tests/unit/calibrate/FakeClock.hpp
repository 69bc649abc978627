// FakeClock: a Clock whose sleeps advance time at once (thread-safe), for unit tests.
#pragma once

#include <mutex>

#include "calibrate/Clock.hpp"

namespace fleetsim::calibrate {

class FakeClock : public Clock {
 public:
  double now() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return now_;
  }
  void sleep_for(double seconds) override { advance(seconds); }
  void advance(double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (seconds > 0) now_ += seconds;
  }

 private:
  std::mutex mutex_;
  double now_ = 0;
};

}  // namespace fleetsim::calibrate
