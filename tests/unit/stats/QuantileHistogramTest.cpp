#include "stats/QuantileHistogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

using fleetsim::stats::QuantileHistogram;

namespace {
// Exact nearest-rank quantile: the value of rank ceil(q*n) (at least 1).
double exact(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size()) - 1e-9));
  return v[std::max<std::size_t>(rank, 1) - 1];
}
}  // namespace

TEST(QuantileHistogram, EmptyIsAllZero) {
  QuantileHistogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.quantile(0.5), 0.0);
  EXPECT_EQ(h.mean(), 0.0);
  EXPECT_EQ(h.min(), 0.0);
  EXPECT_EQ(h.max(), 0.0);
}

TEST(QuantileHistogram, CountSumMeanMinMaxAreExact) {
  QuantileHistogram h;
  for (double v : {3.0, 1.0, 2.0, 10.0}) h.observe(v);
  EXPECT_EQ(h.count(), 4u);
  EXPECT_DOUBLE_EQ(h.sum(), 16.0);
  EXPECT_DOUBLE_EQ(h.mean(), 4.0);
  EXPECT_EQ(h.min(), 1.0);
  EXPECT_EQ(h.max(), 10.0);
}

TEST(QuantileHistogram, QuantileWithinOnePercentOverWholeRange) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> exponent(-9.0, 7.0);
  std::vector<double> values;
  QuantileHistogram h;
  for (int i = 0; i < 100000; ++i) {
    double v = std::pow(10.0, exponent(rng));
    values.push_back(v);
    h.observe(v);
  }
  for (double q : {0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1.0}) {
    double want = exact(values, q);
    EXPECT_LE(std::abs(h.quantile(q) - want), 0.01 * want) << "q=" << q;
  }
}

TEST(QuantileHistogram, EveryRepresentativeWithinOnePercentOfItsValue) {
  for (double v = 1e-9; v < 1e7; v *= 1.0007) {
    QuantileHistogram h;
    h.observe(v);
    h.observe(2 * v);  // so that clamping to [min, max] does not hide the error
    EXPECT_LE(std::abs(h.quantile(0.5) - v), QuantileHistogram::kMaxRelativeError * v);
  }
}

TEST(QuantileHistogram, RankIsCeilOfQTimesCount) {
  QuantileHistogram h;
  for (int i = 1; i <= 100; ++i) h.observe(i);
  EXPECT_NEAR(h.quantile(0.07), 7.0, 0.07);  // 0.07*100 is 7.000000000000001 in double
  EXPECT_NEAR(h.quantile(0.5), 50.0, 0.5);
  EXPECT_NEAR(h.quantile(0.991), 100.0, 1.0);
  EXPECT_EQ(h.quantile(1.0), 100.0);
  EXPECT_EQ(h.quantile(0.0), 1.0);
}

TEST(QuantileHistogram, ZerosAreCountedSeparately) {
  QuantileHistogram h;
  for (int i = 0; i < 9; ++i) h.observe(0.0);
  h.observe(5.0);
  EXPECT_EQ(h.quantile(0.9), 0.0);
  EXPECT_EQ(h.quantile(0.95), 5.0);
  EXPECT_EQ(h.min(), 0.0);
}

TEST(QuantileHistogram, OutOfRangeValuesClampToMinMax) {
  QuantileHistogram h;
  h.observe(1e-12);
  h.observe(1e9);
  EXPECT_EQ(h.quantile(0.0), 1e-12);
  EXPECT_EQ(h.quantile(1.0), 1e9);
}

TEST(QuantileHistogram, MergeEqualsObservingEverything) {
  QuantileHistogram a, b, all;
  for (int i = 0; i < 1000; ++i) {
    double v = 1e-3 * (i + 1);
    ((i % 3) ? a : b).observe(v);
    all.observe(v);
  }
  b.observe(1e5);
  all.observe(1e5);
  a.merge(b);
  EXPECT_EQ(a.count(), all.count());
  EXPECT_DOUBLE_EQ(a.sum(), all.sum());
  EXPECT_EQ(a.min(), all.min());
  EXPECT_EQ(a.max(), all.max());
  for (double q : {0.0, 0.1, 0.5, 0.9, 0.99, 1.0}) EXPECT_EQ(a.quantile(q), all.quantile(q));
}

TEST(QuantileHistogram, MergeIntoEmptyAndFromEmpty) {
  QuantileHistogram a, b, empty;
  b.observe(2.0);
  a.merge(b);
  a.merge(empty);
  EXPECT_EQ(a.count(), 1u);
  EXPECT_EQ(a.min(), 2.0);
  EXPECT_EQ(a.quantile(0.5), 2.0);
}
