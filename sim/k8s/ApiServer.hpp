// ApiServer: a Kubernetes API server (the hub's, or a spoke cluster's).
//
// Models: a request takes a seat (API Priority and Fairness: the hub's controllers share
// one flow of the workload-low level, so one FIFO in front of `seats` seats); it waits
// for a seat at most `max_queue_wait`, then gets 429 with Retry-After (1 s, doubling up
// to 32 s while rejections keep coming within the current Retry-After). Seated, it is
// served in a latency drawn from its verb's distribution, multiplied by the load curve
// at the number of requests in flight. Effects on objects follow ObjectStore; successful
// writes are published to the WatchHub, if any.
// Units: seconds. Invariants: in_flight() <= seats (when seats > 0); a queued request is
// either seated or rejected, exactly once.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/Distribution.hpp"
#include "engine/RandomStream.hpp"
#include "engine/Scheduler.hpp"
#include "engine/Task.hpp"
#include "k8s/ApiRequest.hpp"
#include "k8s/ObjectStore.hpp"
#include "k8s/WatchHub.hpp"
#include "stats/Histogram.hpp"
#include "stats/QuantileHistogram.hpp"

namespace fleetsim::k8s {

struct ApiServerConfig {
  std::string name;
  int seats = 245;              // concurrent requests served (0 = unlimited)
  double max_queue_wait = 15;   // seconds a request may wait for a seat, then 429
  double retry_after_min = 1;   // seconds
  double retry_after_max = 32;  // seconds
  std::array<engine::Distribution, kVerbCount> latency{
      engine::Distribution::constant(0.01), engine::Distribution::constant(0.01),
      engine::Distribution::constant(0.01), engine::Distribution::constant(0.01),
      engine::Distribution::constant(0.01), engine::Distribution::constant(0.01)};
  // (requests in flight, latency factor) points; linear between, flat outside; empty = 1.
  std::vector<std::pair<double, double>> load_curve;
};

struct ApiServerStats {
  std::uint64_t requests_total = 0;
  std::uint64_t rejected_429_total = 0;
  int in_flight_peak = 0;
  stats::QuantileHistogram latency;  // seconds, arrival to answer, every request
};

class ApiServer {
 public:
  ApiServer(engine::Scheduler& sched, ApiServerConfig config, engine::RandomStream rng,
            WatchHub* watch = nullptr);

  engine::Task<ApiResponse> handle(ApiRequest r);

  const std::string& name() const { return config_.name; }
  const ApiServerConfig& config() const { return config_; }
  int in_flight() const { return in_flight_; }
  std::size_t queued() const { return queue_.size(); }
  ObjectStore& store() { return store_; }
  const ApiServerStats& stats() const { return stats_; }
  // apiserver_request_duration_seconds{verb, resource}: histogram per (kind, verb), or
  // nullptr if no request of that pair was seen.
  const stats::Histogram* duration_histogram(KindId kind, Verb verb) const;
  double load_factor(int in_flight) const;
  // The load curve's factor at `in_flight` requests: linear between points, flat outside,
  // 1 for an empty curve (also used by the emulated spoke, sim/spoke).
  static double load_factor(const std::vector<std::pair<double, double>>& curve, int in_flight);

 private:
  struct Waiter {
    std::coroutine_handle<> handle;
    bool seated = false;
    bool rejected = false;
  };
  struct SeatAwaiter;
  void release_seat();
  double next_retry_after();
  void observe(const ApiRequest& r, double seconds);

  engine::Scheduler& sched_;
  ApiServerConfig config_;
  engine::RandomStream rng_;
  WatchHub* watch_;
  ObjectStore store_;
  int in_flight_ = 0;
  std::deque<std::shared_ptr<Waiter>> queue_;
  double retry_after_ = 0;
  double last_reject_ = -1e300;
  ApiServerStats stats_;
  std::vector<std::unique_ptr<stats::Histogram>> durations_;  // [kind * kVerbCount + verb]
};

}  // namespace fleetsim::k8s
