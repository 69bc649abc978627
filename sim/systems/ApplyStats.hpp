// ApplyStats: every resource apply a system made, and how long each took.
//
// Models: "an apply" is the unit of work a fleet controller exists for (Hive: one
// resource of a SyncSet pushed to a spoke). Seconds run from the start of the apply's
// first step (client build, GET) to the end of its last (PATCH/POST answered).
#pragma once

#include <cstdint>

#include "stats/QuantileHistogram.hpp"

namespace fleetsim::systems {

struct ApplyStats {
  std::uint64_t total = 0;
  std::uint64_t failed = 0;
  stats::QuantileHistogram seconds;
  void record(double s, bool ok) {
    ++total;
    if (!ok) ++failed;
    seconds.observe(s);
  }
};

}  // namespace fleetsim::systems
