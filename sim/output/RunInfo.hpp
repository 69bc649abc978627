// RunInfo: how a run went: the only wall-clock figures of the results, kept apart.
//
// Units: seconds (wall), bytes. stop_reason is one of: drained, first_pass, horizon,
// idle (nothing left to simulate), interrupted.
#pragma once

#include <cstdint>
#include <string>

namespace fleetsim::output {

struct RunInfo {
  std::string scenario;
  std::uint64_t seed = 0;
  double virtual_seconds = 0;
  bool complete = false;
  std::string stop_reason;
  double wall_seconds = 0;
  std::uint64_t events = 0;
  std::uint64_t peak_rss_bytes = 0;
};

}  // namespace fleetsim::output
