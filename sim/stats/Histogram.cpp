#include "stats/Histogram.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace fleetsim::stats {

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)), counts_(bounds_.size() + 1, 0) {
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    assert(std::isfinite(bounds_[i]));
    assert(i == 0 || bounds_[i - 1] < bounds_[i]);
  }
}

void Histogram::observe(double v) {
  assert(!std::isnan(v));
  // Prometheus: sort.SearchFloat64s finds the first bound >= v.
  auto it = std::lower_bound(bounds_.begin(), bounds_.end(), v);
  ++counts_[static_cast<std::size_t>(it - bounds_.begin())];
  ++count_;
  sum_ += v;
}

void Histogram::merge(const Histogram& other) {
  assert(bounds_ == other.bounds_);
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
}

std::uint64_t Histogram::cumulative_count(std::size_t i) const {
  assert(i < counts_.size());
  std::uint64_t c = 0;
  for (std::size_t j = 0; j <= i; ++j) c += counts_[j];
  return c;
}

std::vector<std::uint64_t> Histogram::cumulative_counts() const {
  std::vector<std::uint64_t> out(counts_.size());
  std::uint64_t c = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) out[i] = c += counts_[i];
  return out;
}

std::vector<double> Histogram::exponential(double start, double factor, int n) {
  assert(n >= 1 && start > 0 && factor > 1);
  std::vector<double> b(static_cast<std::size_t>(n));
  for (auto& x : b) {
    x = start;
    start *= factor;
  }
  return b;
}

std::vector<double> Histogram::default_buckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

std::vector<double> Histogram::workqueue_buckets() {
  return exponential(10e-9, 10, 12);
}

std::vector<double> Histogram::reconcile_time_buckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1,  0.15, 0.2,  0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6,
          0.7,   0.8,  0.9,   1.0,  1.25, 1.5,  1.75, 2.0,  2.5, 3.0,  3.5, 4.0,  4.5, 5,
          6,     7,    8,     9,    10,   15,   20,   25,   30,  40,   50,  60};
}

std::vector<double> Histogram::apiserver_request_duration_buckets() {
  return {0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2,
          3,     4,     5,    6,   8,   10,  15,  20,  30,  45,   60};
}

}  // namespace fleetsim::stats
