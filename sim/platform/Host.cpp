#include "platform/Host.hpp"

#include <cassert>

#include "engine/Sleep.hpp"

namespace fleetsim::platform {

Host::Host(engine::Scheduler& sched, HostConfig config)
    : sched_(sched),
      config_(std::move(config)),
      cpu_(sched, config_.cores),
      disk_(sched, config_.disk_channels) {
  assert(config_.cores >= 1 && config_.speed > 0);
}

engine::Process Host::background_burst(double work, bool counted) {
  co_await cpu_.hold(work / config_.speed, counted ? &counted_background_core_seconds_ : nullptr);
}

void Host::start_background(engine::RandomStream rng) {
  if (config_.background_cores > 0) background(rng.derive("node"), config_.background_cores, false);
  if (config_.pod_background_cores > 0)
    background(rng.derive("pod"), config_.pod_background_cores, true);
}

// Bursts of `background_burst` arriving as a Poisson stream whose rate makes the average
// load `cores` (rate = cores / burst, in reference core-seconds).
engine::Process Host::background(engine::RandomStream rng, double cores, bool counted) {
  const double burst = config_.background_burst;
  const double mean_gap = burst / cores;
  for (;;) {
    co_await engine::Sleep(sched_, rng.exponential(mean_gap));
    background_burst(burst, counted);
  }
}

}  // namespace fleetsim::platform
