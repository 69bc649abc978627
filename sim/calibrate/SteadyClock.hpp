// SteadyClock: the real Clock — std::chrono::steady_clock seconds since construction.
#pragma once

#include <chrono>
#include <thread>

#include "calibrate/Clock.hpp"

namespace fleetsim::calibrate {

class SteadyClock : public Clock {
 public:
  double now() override {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  void sleep_for(double seconds) override {
    if (seconds > 0) std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace fleetsim::calibrate
