// RunMetrics: the metrics side of one run: metrics.om, the live endpoint, the pace.
//
// Models: a Prometheus server attached to the simulated hub. At every sample interval of
// the run (a new Sampler row) it takes a MetricsSnapshot, adds it to the history written
// as metrics.om and, when serving, publishes it to the MetricsServer. With a pace
// FACTOR > 0 it holds the simulation back so that virtual time advances at FACTOR x wall
// time (60 = one virtual minute per second); pacing only delays, it never changes results.
// Units: seconds (virtual and wall).
#pragma once

#include <chrono>
#include <memory>
#include <ostream>
#include <string>

#include "cli/MetricsServer.hpp"
#include "output/MetricsHistory.hpp"
#include "output/Sampler.hpp"
#include "systems/World.hpp"

namespace fleetsim::cli {

class RunMetrics {
 public:
  // `server` may be null (no live endpoint); pace <= 0 runs at full speed.
  RunMetrics(const systems::World& world, const output::Sampler& sampler, std::string scenario,
             double pace, std::unique_ptr<MetricsServer> server);

  // For simulate()'s on_step: snapshots a new sample, waits for the pace; false once a
  // stop signal arrived (serving only).
  bool on_step(double virtual_time);
  // After the run: snapshots the last sample if it is new.
  void finish();
  // metrics.om.
  void write(std::ostream& out) const;
  // When serving: keeps serving the final state until SIGINT or SIGTERM.
  void serve_until_stopped();

 private:
  void snapshot();

  const systems::World& world_;
  const output::Sampler& sampler_;
  std::string scenario_;
  double pace_;
  std::unique_ptr<MetricsServer> server_;
  output::MetricsHistory history_;
  std::size_t rows_seen_ = 0;
  std::chrono::steady_clock::time_point wall0_ = std::chrono::steady_clock::now();
};

}  // namespace fleetsim::cli
