#include "stats/QuantileHistogram.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cfloat>
#include <cmath>

namespace fleetsim::stats {

namespace {
// 52 mantissa bits, the top 6 of which select one of 64 sub-buckets of a power of two.
constexpr int kShift = 52 - 6;

constexpr std::uint32_t raw_index(double v) {
  return static_cast<std::uint32_t>(std::bit_cast<std::uint64_t>(v) >> kShift);
}
constexpr std::uint32_t kMinIndex = raw_index(QuantileHistogram::kMinTracked);
constexpr std::uint32_t kMaxIndex = raw_index(QuantileHistogram::kMaxTracked);
}  // namespace

std::uint32_t QuantileHistogram::index_of(double v) {
  return std::clamp(raw_index(v), kMinIndex, kMaxIndex);
}

double QuantileHistogram::representative(std::uint32_t index) {
  double lo = std::bit_cast<double>(static_cast<std::uint64_t>(index) << kShift);
  double hi = std::bit_cast<double>(static_cast<std::uint64_t>(index + 1) << kShift);
  return 0.5 * (lo + hi);
}

void QuantileHistogram::ensure_range(std::uint32_t lo, std::uint32_t hi) {
  if (counts_.empty()) {
    offset_ = lo;
    counts_.assign(hi - lo + 1, 0);
    return;
  }
  if (lo < offset_) {
    counts_.insert(counts_.begin(), offset_ - lo, 0);
    offset_ = lo;
  }
  if (hi >= offset_ + counts_.size()) counts_.resize(hi - offset_ + 1, 0);
}

void QuantileHistogram::observe(double v) {
  assert(std::isfinite(v) && v >= 0);
  if (count_ == 0) {
    min_ = max_ = v;
  } else {
    min_ = std::min(min_, v);
    max_ = std::max(max_, v);
  }
  ++count_;
  sum_ += v;
  if (v == 0) {
    ++zeros_;
    return;
  }
  std::uint32_t i = index_of(v);
  if (i < offset_ || i >= offset_ + counts_.size()) ensure_range(i, i);
  ++counts_[i - offset_];
}

void QuantileHistogram::merge(const QuantileHistogram& other) {
  if (other.count_ == 0) return;
  if (!other.counts_.empty()) {
    auto other_hi = other.offset_ + static_cast<std::uint32_t>(other.counts_.size()) - 1;
    ensure_range(other.offset_, other_hi);
    for (std::size_t i = 0; i < other.counts_.size(); ++i)
      counts_[other.offset_ - offset_ + i] += other.counts_[i];
  }
  min_ = count_ ? std::min(min_, other.min_) : other.min_;
  max_ = count_ ? std::max(max_, other.max_) : other.max_;
  zeros_ += other.zeros_;
  count_ += other.count_;
  sum_ += other.sum_;
}

double QuantileHistogram::quantile(double q) const {
  assert(q >= 0 && q <= 1);
  if (count_ == 0) return 0.0;
  // ceil(q*n), shaved by a few ulps so that e.g. 0.07*100 = 7.000000000000001 gives 7.
  double x = q * static_cast<double>(count_);
  double r = std::ceil(x - x * 4 * DBL_EPSILON);
  std::uint64_t rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(r));
  // The extreme ranks are known exactly (and are values of their buckets).
  if (rank <= zeros_ || rank == 1) return min_;
  if (rank >= count_) return max_;
  std::uint64_t seen = zeros_;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      double rep = representative(offset_ + static_cast<std::uint32_t>(i));
      return std::clamp(rep, min_, max_);
    }
  }
  return max_;
}

}  // namespace fleetsim::stats
