// Sampler: the time series of a run, one row per sample interval of virtual time.
//
// Models: what a Prometheus scrape of the simulated hub would see every interval: per
// controller queue depth, reconciles/s over the interval, active workers; applies/s;
// cores used per host by the workload (core-seconds of computations completed in the
// interval / interval; background load excluded); per dependent service, slots in use,
// operations waiting and operations completed; gauges of the cluster and the systems
// (pods pending, nodes per pool, replicas) at the end of the interval. Observes the
// World only (nothing in the model depends on it).
// Units: seconds, per second, cores. Invariant: rows are in increasing time; the last row
// may cover a shorter interval (the end of the run).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "systems/World.hpp"

namespace fleetsim::output {

struct SampleRow {
  double time = 0;                                // end of the interval, seconds
  double span = 0;                                // length of the interval, seconds
  std::vector<double> depth, reconciles, active;  // per controller (reconciles: count)
  std::vector<double> waiting;                    // per controller: delayed items
  double applies = 0;                             // count in the interval
  std::vector<double> busy;                       // per host: busy core-seconds
  std::vector<double> svc_in_use, svc_waiting;    // per dependent service, at the sample
  std::vector<double> svc_ops;                    // per dependent service: completed, count
  std::vector<double> gauges;                     // World::gauges values at the row's end
};

class Sampler {
 public:
  Sampler(const systems::World& world, double interval);

  // Takes a row covering (last sample time, now].
  void sample(double now);
  double interval() const { return interval_; }
  double next_due() const { return last_ + interval_; }
  const std::vector<SampleRow>& rows() const { return rows_; }

  // Peak over windows of whole rows covering at least `window` seconds: sum(values) / the
  // rows' total span (a run shorter than `window` gives its overall average).
  double peak_rate(const std::vector<double>& per_row, double window) const;
  std::vector<double> column_reconciles(std::size_t controller) const;
  std::vector<double> column_applies() const;
  std::vector<double> column_busy(std::size_t host) const;
  // Names of the gauge columns (World::gauges), fixed at the first sample.
  const std::vector<std::string>& gauge_names() const { return gauge_names_; }

 private:
  const systems::World& world_;
  double interval_;
  double last_ = 0;
  std::vector<std::uint64_t> last_reconciles_;
  std::uint64_t last_applies_ = 0;
  std::vector<double> last_busy_;
  std::vector<std::uint64_t> last_svc_ops_;
  std::vector<SampleRow> rows_;
  std::vector<std::string> gauge_names_;
};

}  // namespace fleetsim::output
