// SweepCommand: `fleetsim sweep` — capacity planning over a grid of scenario variants
// (docs/sweeps.md): run a sweep (full grid, search, or one shard), emit a Kubernetes
// Indexed Job that runs the shards, merge shard outputs.
#pragma once

#include <string>
#include <vector>

namespace fleetsim::cli {

// Exit code: 0 ok, 2 bad input or usage, 1 a run failed or internal error.
int sweep_command(const std::vector<std::string>& args);
// The usage text of `fleetsim sweep`.
std::string sweep_usage();

}  // namespace fleetsim::cli
