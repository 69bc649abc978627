// SweepCommand: `fleetsim sweep` — capacity planning over a grid of scenario variants
// (docs/sweeps.md): run a sweep (full grid, search, or one shard), emit a Kubernetes
// Indexed Job that runs the shards, merge shard outputs.
#pragma once

#include <string>
#include <vector>

namespace fleetsim::cli {

// Exit code: 0 ok, 2 bad input or usage, 1 a run failed or internal error.
int sweep_command(const std::vector<std::string>& args);
// `fleetsim validate SWEEP`: checks a sweep file (every parameter value against its base
// scenario) without running it; prints "FILE: ok (sweep: ...)". Throws InputError.
void validate_sweep(const std::string& file);
// True when `file` holds a sweep (a JSON object with "base" and "parameters").
bool is_sweep_file(const std::string& file);
// The usage text of `fleetsim sweep`.
std::string sweep_usage();

}  // namespace fleetsim::cli
