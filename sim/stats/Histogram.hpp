// Histogram: a Prometheus-style histogram with fixed upper bounds.
//
// Models: prometheus/client_golang's Histogram. Each finite upper bound `le` is a bucket
// holding the observations v <= le (the first bound >= v); a final +Inf bucket is
// implicit. `sum` and `count` are kept exactly. The static helpers give the bucket sets
// kube-apiserver and controller-runtime use (shared/reference/kubernetes.md).
// Units: whatever the observations are in; every bucket set here is in seconds.
// Invariants: bounds are finite and strictly increasing; cumulative counts are
// non-decreasing and the +Inf one equals count().
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace fleetsim::stats {

class Histogram {
 public:
  // `upper_bounds` must be finite and strictly increasing (+Inf is added implicitly).
  explicit Histogram(std::vector<double> upper_bounds);

  void observe(double v);
  // Adds the observations of `other`, which must have the same bounds.
  void merge(const Histogram& other);

  const std::vector<double>& bounds() const { return bounds_; }
  std::uint64_t count() const { return count_; }
  double sum() const { return sum_; }
  // Observations <= bounds()[i]; i == bounds().size() is the +Inf bucket (== count()).
  std::uint64_t cumulative_count(std::size_t i) const;
  // All cumulative counts, bounds().size() + 1 of them (the last is +Inf).
  std::vector<std::uint64_t> cumulative_counts() const;

  // Prometheus ExponentialBuckets: start, start*factor, ... (n bounds, by repeated *).
  static std::vector<double> exponential(double start, double factor, int n);
  // Prometheus DefBuckets: .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10 s.
  static std::vector<double> default_buckets();
  // controller-runtime workqueue durations: ExponentialBuckets(10e-9, 10, 12), 1e-8..1e3 s.
  static std::vector<double> workqueue_buckets();
  // controller_runtime_reconcile_time_seconds: 0.005 .. 60 s (40 bounds).
  static std::vector<double> reconcile_time_buckets();
  // apiserver_request_duration_seconds: 0.005 .. 60 s (23 bounds).
  static std::vector<double> apiserver_request_duration_buckets();

 private:
  std::vector<double> bounds_;
  std::vector<std::uint64_t> counts_;  // per bucket, not cumulative; last is +Inf
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

}  // namespace fleetsim::stats
