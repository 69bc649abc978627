// Summary: the key figures of a run, as written to summary.json.
//
// Every field is documented in docs/results-format.md. Figures are rounded to 6
// significant digits; everything outside `run` is deterministic for a scenario and seed.
#pragma once

#include <nlohmann/json.hpp>

#include "output/RunInfo.hpp"
#include "output/Sampler.hpp"
#include "systems/World.hpp"

namespace fleetsim::output {

// Rounds to 6 significant digits (readable, and stable across libm versions).
double fig(double v);

nlohmann::ordered_json build_summary(const systems::World& world, const Sampler& sampler,
                                     const RunInfo& run);

}  // namespace fleetsim::output
