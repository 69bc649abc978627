// histogram_quantile exactly as PromQL's bucketQuantile: one test per rule.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "calibrate/HistogramFit.hpp"

namespace fleetsim::calibrate {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
using B = std::vector<PromBucket>;

double hq(double q, B b) {
  return HistogramFit::quantile(q, std::move(b));
}

TEST(HistogramQuantile, QuantileNaNGivesNaN) {
  EXPECT_TRUE(std::isnan(hq(std::nan(""), {{1, 1}, {kInf, 1}})));
}

TEST(HistogramQuantile, QuantileBelowZeroGivesMinusInfAboveOneGivesPlusInf) {
  EXPECT_EQ(hq(-0.1, {{1, 1}, {kInf, 1}}), -kInf);
  EXPECT_EQ(hq(1.1, {{1, 1}, {kInf, 1}}), kInf);
}

TEST(HistogramQuantile, WithoutInfBucketGivesNaN) {
  EXPECT_TRUE(std::isnan(hq(0.5, {{1, 10}, {2, 20}})));
}

TEST(HistogramQuantile, FewerThanTwoBucketsGivesNaN) {
  EXPECT_TRUE(std::isnan(hq(0.5, {{kInf, 10}})));
}

TEST(HistogramQuantile, NoObservationsGivesNaN) {
  EXPECT_TRUE(std::isnan(hq(0.5, {{1, 0}, {2, 0}, {kInf, 0}})));
}

TEST(HistogramQuantile, InterpolatesLinearlyWithinTheBucket) {
  // rank 20 falls in (1, 2] holding 20 (10 .. 30): 1 + 1 * 10/20.
  EXPECT_DOUBLE_EQ(hq(0.5, {{1, 10}, {2, 30}, {4, 40}, {kInf, 40}}), 1.5);
  // rank 36 in (2, 4] holding 10 (30 .. 40): 2 + 2 * 6/10.
  EXPECT_DOUBLE_EQ(hq(0.9, {{1, 10}, {2, 30}, {4, 40}, {kInf, 40}}), 3.2);
}

TEST(HistogramQuantile, LowestBucketStartsAtZeroWhenItsUpperBoundIsPositive) {
  // rank 5 in (0, 1] holding 10: 0 + 1 * 5/10.
  EXPECT_DOUBLE_EQ(hq(0.25, {{1, 10}, {2, 20}, {kInf, 20}}), 0.5);
}

TEST(HistogramQuantile, LowestBucketWithUpperBoundAtOrBelowZeroGivesThatBound) {
  EXPECT_DOUBLE_EQ(hq(0.25, {{-1, 10}, {1, 20}, {kInf, 20}}), -1);
  EXPECT_DOUBLE_EQ(hq(0.25, {{0, 10}, {1, 20}, {kInf, 20}}), 0);
}

TEST(HistogramQuantile, RankInTheInfBucketGivesTheHighestFiniteUpperBound) {
  // rank 27 > 20 observations <= 2: the +Inf bucket.
  EXPECT_DOUBLE_EQ(hq(0.9, {{1, 10}, {2, 20}, {kInf, 30}}), 2);
}

TEST(HistogramQuantile, QuantileOneEndsAtTheLastNonEmptyFiniteBucket) {
  EXPECT_DOUBLE_EQ(hq(1, {{1, 10}, {2, 20}, {kInf, 20}}), 2);
}

TEST(HistogramQuantile, QuantileZeroWithAnEmptyFirstBucketIsZeroOverZero) {
  // rank 0: the first bucket (count 0 >= 0); 0 + 1 * 0/0, as Go computes it.
  EXPECT_TRUE(std::isnan(hq(0, {{1, 0}, {2, 10}, {kInf, 10}})));
}

TEST(HistogramQuantile, BucketsAreSortedByUpperBound) {
  EXPECT_DOUBLE_EQ(hq(0.5, {{kInf, 40}, {4, 40}, {1, 10}, {2, 30}}), 1.5);
}

TEST(HistogramQuantile, BucketsWithEqualUpperBoundsAreMergedByAddingCounts) {
  EXPECT_DOUBLE_EQ(hq(0.5, {{1, 5}, {1, 5}, {2, 30}, {4, 40}, {kInf, 40}}), 1.5);
}

TEST(HistogramQuantile, DecreasingCountsAreRaisedToThePreviousCount) {
  // (2: 8) becomes 10, so rank 12 falls in (2, 3] holding 10: 2 + 2/10 (not 2 + 4/12).
  EXPECT_DOUBLE_EQ(hq(0.6, {{1, 10}, {2, 8}, {3, 20}, {kInf, 20}}), 2.2);
}

TEST(HistogramQuantile, NumericallyInsignificantDifferencesAreIgnored) {
  // 1e6 + 1e-7 differs from 1e6 by 5e-14 relative (< 1e-12): taken as 1e6, so rank
  // 1e6 + 5e-8 is beyond it and lands at the start of (2, 3], not in the middle of (1, 2].
  const double v = hq(0.5 + 2.5e-14, {{1, 1e6}, {2, 1e6 + 1e-7}, {3, 2e6}, {kInf, 2e6}});
  EXPECT_NEAR(v, 2.0, 1e-9);
}

}  // namespace
}  // namespace fleetsim::calibrate
