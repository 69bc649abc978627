// Host: a machine of the platform: cores of one relative speed, a disk, background load.
//
// Models: CPU shared by the processes on a node, as a FIFO pool of cores (to first order
// Go's scheduler: a runnable goroutine waits for a free P, then runs its burst). Work is
// given in core-seconds at reference speed; on a host of speed s it holds a core for
// work / s seconds. The disk is a FIFO pool of `disk_channels` (0 = no contention) held
// for the given I/O time. Background load (other processes on the node) is a Poisson
// stream of CPU bursts averaging `background_cores`.
// Units: seconds, core-seconds, cores. Invariants: 0 <= busy_cores() <= cores(); no core
// idles while work waits.
// Why not SimGrid's exec: its processor-sharing cost grows with concurrent executions
// (shared/reference/simgrid.md); a pool on the calendar stays O(log n) per event.
#pragma once

#include <string>

#include "engine/Process.hpp"
#include "engine/RandomStream.hpp"
#include "platform/ServerPool.hpp"

namespace fleetsim::platform {

struct HostConfig {
  std::string name;
  int cores = 1;            // cores
  double speed = 1.0;       // relative to the reference core (1.0)
  double memory_bytes = 0;  // informative
  int disk_channels = 0;    // concurrent disk operations (0 = unlimited)
  // Background CPU work, in average reference cores, as Poisson bursts of
  // `background_burst` reference core-seconds: other pods on the node (compete for cores,
  // not counted in workload_core_seconds) and other processes of the measured pod (counted).
  double background_cores = 0;
  double background_burst = 0.1;
  double pod_background_cores = 0;
};

class Host {
 public:
  Host(engine::Scheduler& sched, HostConfig config);

  // Runs `work` core-seconds on one core of this host (waits FIFO for a free core).
  // Awaitable; no allocation.
  ServerPool::Hold compute(double work) {
    return cpu_.hold(work > 0 ? work / config_.speed : 0, &foreground_core_seconds_);
  }
  // Holds one disk channel for `seconds` of I/O (waits FIFO for a free channel).
  ServerPool::Hold disk_io(double seconds) { return disk_.hold(seconds > 0 ? seconds : 0); }
  // Starts the background load (needs a random stream of its own).
  void start_background(engine::RandomStream rng);

  const std::string& name() const { return config_.name; }
  const HostConfig& config() const { return config_; }
  int cores() const { return config_.cores; }
  double speed() const { return config_.speed; }
  int busy_cores() const { return cpu_.busy(); }
  std::size_t waiting() const { return cpu_.waiting(); }
  // Integral of busy cores over virtual time since the start, up to now (core-seconds),
  // background included.
  double busy_core_seconds() const { return cpu_.busy_seconds(); }
  // Core-seconds of the workload (completed computations; background only if counted).
  double workload_core_seconds() const {
    return foreground_core_seconds_ + counted_background_core_seconds_;
  }
  double disk_busy_seconds() const { return disk_.busy_seconds(); }
  // Total CPU work completed by compute(), in reference core-seconds.
  double work_done() const { return foreground_core_seconds_ * config_.speed; }

 private:
  engine::Process background(engine::RandomStream rng, double cores, bool counted);
  engine::Process background_burst(double work, bool counted);

  engine::Scheduler& sched_;
  HostConfig config_;
  ServerPool cpu_;
  ServerPool disk_;
  double foreground_core_seconds_ = 0;  // completed compute() holds
  double counted_background_core_seconds_ = 0;
};

}  // namespace fleetsim::platform
