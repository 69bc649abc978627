// Simulation: one run of a scenario on the SimGrid engine, from t = 0 to its stop.
//
// Models: the run loop. Virtual time advances in chunks of the stop check interval; the
// stop condition (drained / first_pass / horizon) is checked between chunks, the time
// series sampled at every sample interval, and a progress line drawn on a terminal.
// One Simulation per process (SimGrid allows one engine per process).
#pragma once

#include <functional>
#include <string>

#include "output/RunInfo.hpp"
#include "output/Sampler.hpp"
#include "scenario/Builder.hpp"
#include "systems/World.hpp"

namespace fleetsim::cli {

struct Progress {
  double virtual_time = 0;
  double share_done = 0;
  double events_per_second = 0;
};

// Runs `world` (already built) to its stop; samples into `sampler`. Returns the run info
// (without peak RSS). `on_progress` is called about 4 times a second of wall time.
// `on_step`, if given, is called with the virtual time after every chunk (and sample);
// returning false stops the run (stop_reason "interrupted", complete false).
output::RunInfo simulate(engine::Scheduler& sched, systems::World& world, output::Sampler& sampler,
                         const scenario::RunSettings& settings,
                         const std::function<void(const Progress&)>& on_progress,
                         const std::function<bool(double)>& on_step = {});

}  // namespace fleetsim::cli
