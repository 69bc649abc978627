// SampleStats: type-7 quantiles and the lognormal MLE on known samples, and recovery of
// a known lognormal from a large sample.
#include "calibrate/SampleStats.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/Distribution.hpp"
#include "engine/RandomStream.hpp"

namespace fleetsim::calibrate {
namespace {

TEST(SampleStats, Type7QuantilesMatchNumpyLinear) {
  const std::vector<double> x{10, 1, 9, 2, 8, 3, 7, 4, 6, 5};  // 1..10 shuffled
  // numpy.quantile(range(1, 11), q): 5.5, 9.1, 9.91, 9.991
  const Quantiles q = SampleStats::quantiles(x);
  EXPECT_DOUBLE_EQ(q.p50, 5.5);
  EXPECT_NEAR(q.p90, 9.1, 1e-12);
  EXPECT_NEAR(q.p99, 9.91, 1e-12);
  EXPECT_NEAR(q.p999, 9.991, 1e-12);
  EXPECT_DOUBLE_EQ(SampleStats::quantile({3}, 0.99), 3);
  EXPECT_DOUBLE_EQ(SampleStats::quantile(x, 0), 1);
  EXPECT_DOUBLE_EQ(SampleStats::quantile(x, 1), 10);
  EXPECT_THROW(SampleStats::quantile({}, 0.5), std::invalid_argument);
}

TEST(SampleStats, LognormalMleOnKnownSample) {
  // ln x = -1, 0, 1: mu = 0, sigma = sqrt(2/3) (the MLE divides by n).
  const LognormalMle f = SampleStats::lognormal({std::exp(-1.0), 1.0, std::exp(1.0)});
  EXPECT_NEAR(f.mu, 0, 1e-12);
  EXPECT_NEAR(f.sigma, std::sqrt(2.0 / 3.0), 1e-12);
  EXPECT_NEAR(f.median(), 1, 1e-12);
  EXPECT_NEAR(f.p99(), std::exp(engine::Distribution::kZ99 * std::sqrt(2.0 / 3.0)), 1e-12);
  EXPECT_THROW(SampleStats::lognormal({1, 0}), std::invalid_argument);
}

TEST(SampleStats, RecoversAKnownLognormal) {
  // median 20 ms, p99 60 ms: sigma = ln 3 / z99 = 0.472. With n = 20000 the standard error
  // of mu is 0.472 / sqrt(n) = 0.0033, of sigma 0.472 / sqrt(2n) = 0.0024: 1 % is > 3 SE.
  const auto d = engine::Distribution::lognormal_from_median_p99(0.020, 0.060);
  engine::RandomStream rng(1, "sample-stats-test");
  std::vector<double> x;
  for (int i = 0; i < 20000; ++i) x.push_back(d.sample(rng));
  const LognormalMle f = SampleStats::lognormal(x);
  EXPECT_NEAR(f.median(), 0.020, 0.020 * 0.01);
  EXPECT_NEAR(f.p99(), 0.060, 0.060 * 0.02);
  EXPECT_NEAR(SampleStats::quantile(x, 0.5), 0.020, 0.020 * 0.02);
}

}  // namespace
}  // namespace fleetsim::calibrate
