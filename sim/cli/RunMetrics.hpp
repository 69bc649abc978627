// RunMetrics: the metrics side of one run: a MetricsSnapshot at every sample, metrics.om.
//
// Models: a Prometheus server attached to the simulated hub. At every sample interval of
// the run (a new Sampler row) it takes a MetricsSnapshot and adds it to the history
// written as metrics.om. Units: seconds (virtual).
#pragma once

#include <ostream>
#include <string>

#include "output/MetricsHistory.hpp"
#include "output/Sampler.hpp"
#include "systems/World.hpp"

namespace fleetsim::cli {

class RunMetrics {
 public:
  RunMetrics(const systems::World& world, const output::Sampler& sampler, std::string scenario);

  // For simulate()'s on_step: snapshots a new sample; always true (never stops the run).
  bool on_step(double virtual_time);
  // After the run: snapshots the last sample if it is new.
  void finish();
  // metrics.om.
  void write(std::ostream& out) const;

 private:
  void snapshot();

  const systems::World& world_;
  const output::Sampler& sampler_;
  std::string scenario_;
  output::MetricsHistory history_;
  std::size_t rows_seen_ = 0;
};

}  // namespace fleetsim::cli
