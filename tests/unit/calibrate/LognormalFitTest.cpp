// The lognormal fit to bucket counts: maximum likelihood for interval-censored data, its
// standard errors, and the cut+mean and mean fallbacks.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "calibrate/HistogramFit.hpp"
#include "stats/Histogram.hpp"

namespace fleetsim::calibrate {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double cdf(double x, double mu, double sigma) {
  return 0.5 * std::erfc(-(std::log(x) - mu) / (sigma * std::sqrt(2.0)));
}

// Expected cumulative counts of n draws (no sampling noise) at `bounds`, then +Inf.
std::vector<PromBucket> exact(const std::vector<double>& bounds, double mu, double sigma,
                              double n) {
  std::vector<PromBucket> b;
  for (const double u : bounds) b.push_back({u, n * cdf(u, mu, sigma)});
  b.push_back({kInf, n});
  return b;
}

double mean_of(double mu, double sigma) {
  return std::exp(mu + sigma * sigma / 2);
}

TEST(LognormalFit, RecoversExactParametersFromFineBuckets) {
  const double mu = std::log(0.12), sigma = 0.9;
  const auto f = HistogramFit::fit_lognormal(
      exact(stats::Histogram::reconcile_time_buckets(), mu, sigma, 1e5), 1e5 * mean_of(mu, sigma));
  EXPECT_EQ(f.method, "mle");
  EXPECT_NEAR(f.mu, mu, 1e-6);
  EXPECT_NEAR(f.sigma, sigma, 1e-6);
}

TEST(LognormalFit, RecoversExactParametersFromDecadeBuckets) {
  // workqueue buckets are a factor 10 apart: fewer buckets, the same (consistent) estimate.
  const double mu = std::log(0.03), sigma = 1.1;
  const auto f =
      HistogramFit::fit_lognormal(exact(stats::Histogram::workqueue_buckets(), mu, sigma, 1e5), 0);
  EXPECT_EQ(f.method, "mle");
  EXPECT_NEAR(f.mu, mu, 1e-6);
  EXPECT_NEAR(f.sigma, sigma, 1e-6);
}

TEST(LognormalFit, StandardErrorOfFineBucketsApproachesTheUncensoredOne) {
  // Without bucketing, se(mu) = sigma / sqrt(n); fine buckets lose little information.
  const double mu = std::log(0.5), sigma = 0.8, n = 1e4;
  const auto f = HistogramFit::fit_lognormal(
      exact(stats::Histogram::reconcile_time_buckets(), mu, sigma, n), 0);
  const double uncensored = sigma / std::sqrt(n);
  EXPECT_GE(f.se_mu, uncensored * 0.999);
  EXPECT_LE(f.se_mu, uncensored * 1.2);
  EXPECT_NEAR(f.se_sigma, sigma / std::sqrt(2 * n), sigma / std::sqrt(2 * n) * 0.3);
}

TEST(LognormalFit, CoarserBucketsGiveLargerStandardErrors) {
  const double mu = std::log(0.5), sigma = 0.8, n = 1e4;
  const auto fine = HistogramFit::fit_lognormal(
      exact(stats::Histogram::reconcile_time_buckets(), mu, sigma, n), 0);
  const auto coarse =
      HistogramFit::fit_lognormal(exact(stats::Histogram::workqueue_buckets(), mu, sigma, n), 0);
  EXPECT_GT(coarse.se_mu, fine.se_mu * 1.2);
  EXPECT_GT(coarse.se_log_quantile(0.99), fine.se_log_quantile(0.99));
}

TEST(LognormalFit, TwoNonEmptyBucketsUseTheCutAndTheMean) {
  // All draws of a 20 ms lognormal fall below 1 s; P(X <= 50 ms) and the mean fix mu, sigma.
  const double mu = std::log(0.02), sigma = 0.5, n = 1000;
  std::vector<PromBucket> b = {{0.05, n * cdf(0.05, mu, sigma)}, {1, n}, {kInf, n}};
  const auto f = HistogramFit::fit_lognormal(b, n * mean_of(mu, sigma));
  EXPECT_EQ(f.method, "cut+mean");
  EXPECT_NEAR(f.mu, mu, 1e-9);
  EXPECT_NEAR(f.sigma, sigma, 1e-9);
  EXPECT_TRUE(std::isnan(f.se_log_quantile(0.5)));
}

TEST(LognormalFit, OneNonEmptyBucketGivesOnlyTheMean) {
  const auto f = HistogramFit::fit_lognormal({{0.05, 100}, {0.1, 100}, {kInf, 100}}, 1.5);
  EXPECT_EQ(f.method, "mean");
  EXPECT_EQ(f.nonempty_buckets, 1);
  EXPECT_DOUBLE_EQ(f.median(), 0.015);
  EXPECT_DOUBLE_EQ(f.p99(), 0.015);
}

TEST(LognormalFit, NoObservationsOrNoInfBucketGivesNoFit) {
  EXPECT_EQ(HistogramFit::fit_lognormal({{1, 0}, {kInf, 0}}, 0).method, "none");
  EXPECT_EQ(HistogramFit::fit_lognormal({{1, 5}, {2, 10}}, 12).method, "none");
  EXPECT_TRUE(std::isnan(HistogramFit::fit_lognormal({}, 0).median()));
}

TEST(LognormalFit, ObservationsAtOrBelowZeroFoldIntoTheFirstPositiveBucket) {
  const double mu = std::log(0.3), sigma = 0.6, n = 1e4;
  auto b = exact({0.1, 0.2, 0.5, 1, 2}, mu, sigma, n);
  b.insert(b.begin(), PromBucket{0, 0});
  const auto f = HistogramFit::fit_lognormal(b, 0);
  EXPECT_NEAR(f.mu, mu, 1e-6);
}

TEST(HistogramStats, DescribeGivesMeanFromSumAndQuantilesFromBuckets) {
  const auto s = HistogramFit::describe({{1, 10}, {2, 30}, {4, 40}, {kInf, 40}}, 60, 40);
  EXPECT_DOUBLE_EQ(s.mean, 1.5);
  EXPECT_DOUBLE_EQ(s.p50, 1.5);
  EXPECT_DOUBLE_EQ(s.p90, 3.2);
  EXPECT_EQ(s.lognormal.method, "mle");
}

}  // namespace
}  // namespace fleetsim::calibrate
