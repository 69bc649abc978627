// QuantileHistogram: a deterministic, mergeable recorder of non-negative values for
// percentiles (p50/p99 of latencies, waits, ...).
//
// Models: a log-linear histogram (HdrHistogram-like). Each power of two is split into
// 64 equal sub-buckets, so a bucket's midpoint is within 0.79 % of every value in it.
// The bucket index is the top bits of the IEEE-754 representation (exponent and 6
// mantissa bits), a few ns per observe. Values of exactly 0 are counted separately;
// positive values outside [1e-9, 1e7] fall into the edge buckets (min/max stay exact).
// Only the range of buckets actually touched is allocated (at most ~3,400 counters).
// Units: whatever the observations are in (seconds for durations).
// Invariants: count() == zeros + sum of bucket counts; min() <= quantile(q) <= max();
// results depend only on the multiset of observations (merge order does not matter).
#pragma once

#include <cstdint>
#include <vector>

namespace fleetsim::stats {

class QuantileHistogram {
 public:
  static constexpr double kMinTracked = 1e-9;
  static constexpr double kMaxTracked = 1e7;
  static constexpr double kMaxRelativeError = 1.0 / 128;

  // `v` must be finite and >= 0.
  void observe(double v);
  void merge(const QuantileHistogram& other);

  std::uint64_t count() const { return count_; }
  double sum() const { return sum_; }
  double mean() const { return count_ ? sum_ / static_cast<double>(count_) : 0.0; }
  double min() const { return count_ ? min_ : 0.0; }
  double max() const { return count_ ? max_ : 0.0; }
  // q in [0, 1]: a representative of the bucket holding rank ceil(q*count) (at least 1),
  // clamped to [min, max]; rank 1 gives min() and rank count() gives max() exactly.
  // 0 if empty.
  double quantile(double q) const;

 private:
  static std::uint32_t index_of(double v);
  static double representative(std::uint32_t index);
  void ensure_range(std::uint32_t lo, std::uint32_t hi);

  std::vector<std::uint64_t> counts_;  // counts_[i] is bucket offset_ + i
  std::uint32_t offset_ = 0;
  std::uint64_t zeros_ = 0;
  std::uint64_t count_ = 0;
  double sum_ = 0;
  double min_ = 0;
  double max_ = 0;
};

}  // namespace fleetsim::stats
