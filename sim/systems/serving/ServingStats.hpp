// ServingStats: what the users of a service see: latency, throughput, queueing, replicas.
//
// Models: per-request latency (arrival to completion, queueing included) as percentiles;
// the time the service spent above its latency targets, judged per window of `window`
// seconds of completions (a window counts whole when the p50, or p99, of the requests
// completed in it exceeds the target; exact percentiles, nearest rank); makespan of a
// finite workload (last completion - first arrival); the peak of requests waiting for a
// worker; replicas (spec and ready) over time.
// Units: seconds, requests. Invariants: completed() <= arrivals; timeline times increase.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "stats/QuantileHistogram.hpp"

namespace fleetsim::systems::serving {

class ServingStats {
 public:
  ServingStats(double target_p50, double target_p99, double window);

  void arrived(double now, std::uint64_t waiting);
  void completed(double arrival, double now);
  void batch(std::size_t size) {
    ++batches_;
    batched_requests_ += size;
  }
  void replicas(double now, int spec, int ready);
  std::uint64_t completed() const { return completed_; }
  // Figures at `now`; makespan only when `finished` (a finite workload all completed).
  nlohmann::ordered_json summary(double now, bool finished) const;

 private:
  struct Window {
    double p50_seconds = 0, p99_seconds = 0;  // time above each target
    double worst_p99 = 0;
  };
  void close_window(std::vector<double>& lat, double span, Window& w) const;

  double target_p50_, target_p99_, window_;
  stats::QuantileHistogram latency_;
  std::uint64_t arrivals_ = 0, completed_ = 0, waiting_peak_ = 0;
  std::uint64_t batches_ = 0, batched_requests_ = 0;
  double first_arrival_ = -1, last_completion_ = -1, completion_sum_ = 0;
  std::vector<double> window_latencies_;
  double window_start_ = 0;
  Window windows_;
  struct Point {
    double time;
    int spec, ready;
  };
  std::vector<Point> timeline_;
};

}  // namespace fleetsim::systems::serving
