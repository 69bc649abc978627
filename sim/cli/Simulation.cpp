#include "cli/Simulation.hpp"

#include <algorithm>
#include <chrono>

namespace fleetsim::cli {

namespace {
using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}
}  // namespace

output::RunInfo simulate(engine::Scheduler& sched, systems::World& world, output::Sampler& sampler,
                         const scenario::RunSettings& s,
                         const std::function<void(const Progress&)>& on_progress,
                         const std::function<bool(double)>& on_step) {
  const auto wall0 = Clock::now();
  double last_report = 0;
  output::RunInfo info;
  sched.at(0, [&world] { world.start(); });
  double next_check = 0, t = 0;
  for (;;) {
    next_check = std::min(next_check + s.check_interval, s.horizon);
    const double target = std::min(next_check, sampler.next_due());
    const bool more = sched.run_until(target);
    t = target;
    if (t >= sampler.next_due() - 1e-9) sampler.sample(sampler.next_due());
    if (on_step && !on_step(t)) {
      info.stop_reason = "interrupted";
      break;
    }
    if (t < next_check - 1e-9) {  // stopped for a sample only
      next_check -= s.check_interval;
      continue;
    }
    if (s.stop_when == "drained" && world.drained()) info.stop_reason = "drained";
    if (s.stop_when == "first_pass" && world.first_pass_done()) info.stop_reason = "first_pass";
    if (info.stop_reason.empty() && !more) info.stop_reason = "idle";
    if (info.stop_reason.empty() && t >= s.horizon - 1e-9) info.stop_reason = "horizon";
    if (!info.stop_reason.empty()) break;
    const double wall = seconds_since(wall0);
    if (on_progress && wall - last_report >= 0.25) {
      last_report = wall;
      const double share = s.stop_when == "horizon" ? t / s.horizon : world.progress();
      on_progress(Progress{t, share, wall > 0 ? sched.events() / wall : 0});
    }
  }
  sampler.sample(t);
  info.virtual_seconds = t;
  info.complete = info.stop_reason != "interrupted";
  info.wall_seconds = seconds_since(wall0);
  info.events = sched.events();
  return info;
}

}  // namespace fleetsim::cli
