#include "stats/Histogram.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

using fleetsim::stats::Histogram;

TEST(Histogram, BucketUpperBoundsAreInclusive) {
  Histogram h({1.0, 2.0});
  h.observe(1.0);  // le="1"
  h.observe(1.5);  // le="2"
  h.observe(2.0);  // le="2"
  h.observe(3.0);  // +Inf
  EXPECT_EQ(h.cumulative_counts(), (std::vector<std::uint64_t>{1, 3, 4}));
  EXPECT_EQ(h.cumulative_count(0), 1u);
  EXPECT_EQ(h.cumulative_count(2), 4u);
}

TEST(Histogram, CountsAndSumsEveryObservation) {
  Histogram h({0.5});
  h.observe(0.25);
  h.observe(0.75);
  h.observe(-1.0);
  EXPECT_EQ(h.count(), 3u);
  EXPECT_DOUBLE_EQ(h.sum(), 0.0);
  EXPECT_EQ(h.cumulative_count(1), h.count());
}

TEST(Histogram, MergeAddsBucketsCountAndSum) {
  Histogram a({1.0, 10.0}), b({1.0, 10.0});
  a.observe(0.5);
  b.observe(5.0);
  b.observe(50.0);
  a.merge(b);
  EXPECT_EQ(a.cumulative_counts(), (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_DOUBLE_EQ(a.sum(), 55.5);
}

TEST(Histogram, ExponentialMultipliesRepeatedly) {
  EXPECT_EQ(Histogram::exponential(1, 2, 4), (std::vector<double>{1, 2, 4, 8}));
}

TEST(Histogram, WorkqueueBucketsAre1e8To1e3TimesTen) {
  auto b = Histogram::workqueue_buckets();
  ASSERT_EQ(b.size(), 12u);
  double expect = 1e-8;
  for (double x : b) {
    EXPECT_NEAR(x, expect, expect * 1e-12);
    expect *= 10;
  }
  EXPECT_NEAR(b.back(), 1e3, 1e-9);
}

TEST(Histogram, ReconcileTimeBucketsMatchControllerRuntime) {
  auto b = Histogram::reconcile_time_buckets();
  ASSERT_EQ(b.size(), 40u);
  EXPECT_EQ(b.front(), 0.005);
  EXPECT_EQ(b[17], 1.0);
  EXPECT_EQ(b[18], 1.25);
  EXPECT_EQ(b.back(), 60.0);
  Histogram h(b);  // strictly increasing (asserted)
}

TEST(Histogram, ApiserverRequestDurationBucketsMatchKubeApiserver) {
  auto b = Histogram::apiserver_request_duration_buckets();
  EXPECT_EQ(b, (std::vector<double>{0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2,
                                    3,     4,     5,    6,   8,   10,  15,  20,  30,  45,   60}));
}

TEST(Histogram, DefaultBucketsArePrometheusDefBuckets) {
  EXPECT_EQ(Histogram::default_buckets(),
            (std::vector<double>{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}));
}
