#include "engine/Distribution.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/RandomStream.hpp"

using fleetsim::engine::Distribution;
using fleetsim::engine::RandomStream;

// Sampling tests use a fixed seed per test, so they are deterministic. Tolerances are
// 5 standard errors of the estimator (computed from the distribution's analytic standard
// deviation), so a correct sampler passes for essentially any seed (P(|N(0,1)| > 5) ~ 6e-7)
// while a wrong mean, scale or shape is caught.

namespace {

constexpr int kDraws = 200'000;
const double kInf = std::numeric_limits<double>::infinity();

// Table used by the empirical tests: values in seconds.
Distribution example_table() {
  return Distribution::empirical({{0.1, 0.01}, {0.5, 0.02}, {0.9, 0.1}, {0.99, 1.0}});
}

double sample_mean(const Distribution& d, RandomStream rng, int n = kDraws) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += d.sample(rng);
  return sum / n;
}

std::vector<double> sorted_samples(const Distribution& d, RandomStream rng, int n = kDraws) {
  std::vector<double> xs(n);
  for (double& x : xs) x = d.sample(rng);
  std::sort(xs.begin(), xs.end());
  return xs;
}

double five_standard_errors(double sd, int n = kDraws) {
  return 5.0 * sd / std::sqrt(n);
}

std::string message_of(void (*f)()) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "<no exception>";
}

}  // namespace

TEST(Distribution, DefaultIsConstantZero) {
  Distribution d;
  EXPECT_EQ(d.kind(), "constant");
  EXPECT_EQ(d.mean(), 0.0);
  EXPECT_EQ(d, Distribution::constant(0.0));
}

TEST(Distribution, FactoriesReportKindAndParameters) {
  EXPECT_EQ(Distribution::constant(2.0).kind(), "constant");
  EXPECT_EQ(Distribution::constant(2.0).as<Distribution::Constant>()->value, 2.0);

  const auto u = Distribution::uniform(1.0, 3.0);
  EXPECT_EQ(u.kind(), "uniform");
  EXPECT_EQ(u.as<Distribution::Uniform>()->lo, 1.0);
  EXPECT_EQ(u.as<Distribution::Uniform>()->hi, 3.0);
  EXPECT_EQ(u.as<Distribution::Constant>(), nullptr);

  EXPECT_EQ(Distribution::exponential(0.5).kind(), "exponential");
  EXPECT_EQ(Distribution::exponential(0.5).as<Distribution::Exponential>()->mean, 0.5);

  const auto ln = Distribution::lognormal_from_median_p99(0.1, 1.0);
  EXPECT_EQ(ln.kind(), "lognormal");
  const auto* p = ln.as<Distribution::Lognormal>();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->median, 0.1);
  EXPECT_EQ(p->p99, 1.0);
  EXPECT_DOUBLE_EQ(p->mu, std::log(0.1));
  EXPECT_DOUBLE_EQ(p->sigma, std::log(10.0) / Distribution::kZ99);

  const auto e = example_table();
  EXPECT_EQ(e.kind(), "empirical");
  EXPECT_EQ(e.as<Distribution::Empirical>()->table.size(), 4u);
  EXPECT_EQ(std::get<Distribution::Empirical>(e.params()).table.back().second, 1.0);
}

TEST(Distribution, ConstantSamplesItsValueAndDrawsNothing) {
  const auto d = Distribution::constant(0.25);
  RandomStream rng(1, "constant");
  RandomStream untouched = rng;
  for (int i = 0; i < 10; ++i) EXPECT_EQ(d.sample(rng), 0.25);
  EXPECT_EQ(rng.next(), untouched.next());
}

TEST(Distribution, UniformSampleMeanMatchesMean) {
  const auto d = Distribution::uniform(1.0, 3.0);
  EXPECT_EQ(d.mean(), 2.0);
  const double sd = 2.0 / std::sqrt(12.0);  // ~0.577 -> tolerance ~0.0065
  EXPECT_NEAR(sample_mean(d, RandomStream(1, "uniform")), d.mean(), five_standard_errors(sd));
}

TEST(Distribution, ExponentialSampleMeanMatchesMean) {
  const auto d = Distribution::exponential(0.5);
  EXPECT_EQ(d.mean(), 0.5);
  const double sd = 0.5;  // sd == mean -> tolerance ~0.0056
  EXPECT_NEAR(sample_mean(d, RandomStream(1, "exponential")), d.mean(), five_standard_errors(sd));
}

TEST(Distribution, LognormalSampleMeanMatchesMean) {
  const auto d = Distribution::lognormal_from_median_p99(0.1, 1.0);
  const double sigma = d.as<Distribution::Lognormal>()->sigma;
  EXPECT_DOUBLE_EQ(d.mean(), 0.1 * std::exp(0.5 * sigma * sigma));
  // sd = mean * sqrt(exp(sigma^2) - 1) ~ 0.21 -> tolerance ~0.0024 (1.5% of the mean). With
  // sigma ~ 1 the tail is moderate and the sample mean is close to normal at n = 2e5.
  const double sd = d.mean() * std::sqrt(std::exp(sigma * sigma) - 1.0);
  EXPECT_NEAR(sample_mean(d, RandomStream(1, "lognormal")), d.mean(), five_standard_errors(sd));
}

TEST(Distribution, EmpiricalSampleMeanMatchesMean) {
  const auto d = example_table();
  // Second moment of the piecewise-linear inverse CDF: a segment from (q0, a) to (q1, b)
  // contributes (q1 - q0) (a^2 + ab + b^2) / 3; flat ends contribute q0 a^2 and (1-q1) b^2.
  const double m2 = 0.1 * 0.01 * 0.01 + 0.4 * (1e-4 + 2e-4 + 4e-4) / 3 +
                    0.4 * (4e-4 + 2e-3 + 1e-2) / 3 + 0.09 * (0.01 + 0.1 + 1.0) / 3 + 0.01 * 1.0;
  const double sd = std::sqrt(m2 - d.mean() * d.mean());  // ~0.19 -> tolerance ~0.0022
  EXPECT_NEAR(sample_mean(d, RandomStream(1, "empirical")), d.mean(), five_standard_errors(sd));
}

TEST(Distribution, LognormalSampleMedianAndP99MatchParameters) {
  const auto d = Distribution::lognormal_from_median_p99(0.2, 3.0);
  const auto xs = sorted_samples(d, RandomStream(7, "lognormal-quantiles"));
  const double n = static_cast<double>(xs.size());
  // Fraction of samples at or below the true quantile x_p is Binomial(n, p)/n:
  // SE = sqrt(p (1-p) / n): 1.1e-3 at p = 0.5, 2.2e-4 at p = 0.99.
  const double below_median = std::upper_bound(xs.begin(), xs.end(), 0.2) - xs.begin();
  const double below_p99 = std::upper_bound(xs.begin(), xs.end(), 3.0) - xs.begin();
  EXPECT_NEAR(below_median / n, 0.5, 5 * std::sqrt(0.25 / n));
  EXPECT_NEAR(below_p99 / n, 0.99, 5 * std::sqrt(0.99 * 0.01 / n));
  // Equivalently on the value scale: the relative SE of a sample quantile of a lognormal is
  // sigma sqrt(p (1-p) / n) / phi(z_p): ~0.5% at the median, ~1.5% at p99 for sigma ~ 1.16.
  EXPECT_NEAR(xs[xs.size() / 2], 0.2, 0.2 * 0.025);
  EXPECT_NEAR(xs[static_cast<std::size_t>(0.99 * n)], 3.0, 3.0 * 0.075);
}

TEST(Distribution, LognormalWithP99EqualToMedianIsConstant) {
  const auto d = Distribution::lognormal_from_median_p99(0.3, 0.3);
  EXPECT_EQ(d.kind(), "constant");
  EXPECT_EQ(d.mean(), 0.3);
}

TEST(Distribution, EmpiricalQuantileInterpolatesAndIsFlatAtTheEnds) {
  const auto d = example_table();
  EXPECT_DOUBLE_EQ(d.quantile(0.0), 0.01);  // below the first q: first value
  EXPECT_DOUBLE_EQ(d.quantile(0.05), 0.01);
  EXPECT_DOUBLE_EQ(d.quantile(0.1), 0.01);   // on a point
  EXPECT_DOUBLE_EQ(d.quantile(0.3), 0.015);  // halfway between (0.1, 0.01) and (0.5, 0.02)
  EXPECT_DOUBLE_EQ(d.quantile(0.5), 0.02);
  EXPECT_DOUBLE_EQ(d.quantile(0.7), 0.06);
  EXPECT_NEAR(d.quantile(0.945), 0.55, 1e-12);  // 0.945 - 0.9 is inexact in binary
  EXPECT_DOUBLE_EQ(d.quantile(0.99), 1.0);
  EXPECT_DOUBLE_EQ(d.quantile(0.995), 1.0);  // above the last q: last value
  EXPECT_DOUBLE_EQ(d.quantile(1.0), 1.0);
}

TEST(Distribution, EmpiricalMeanIntegratesTheInverseCdf) {
  // 0.1*0.01 + 0.4*0.015 + 0.4*0.06 + 0.09*0.55 + 0.01*1.0
  EXPECT_DOUBLE_EQ(example_table().mean(), 0.0905);
  EXPECT_DOUBLE_EQ(Distribution::empirical({{0.0, 0.0}, {1.0, 2.0}}).mean(), 1.0);
  EXPECT_DOUBLE_EQ(Distribution::empirical({{0.5, 4.0}}).mean(), 4.0);
}

TEST(Distribution, EmpiricalSamplesStayInTheTableRange) {
  const auto d = example_table();
  RandomStream rng(3, "empirical-range");
  int at_first = 0;
  for (int i = 0; i < 100'000; ++i) {
    const double x = d.sample(rng);
    ASSERT_GE(x, 0.01);
    ASSERT_LE(x, 1.0);
    if (x == 0.01) ++at_first;
  }
  // The flat lower end holds probability 0.1: Binomial SE sqrt(0.09/1e5) ~ 9.5e-4.
  EXPECT_NEAR(at_first / 100'000.0, 0.1, 5 * 9.5e-4);
}

TEST(Distribution, QuantileOfEachKindMatchesKnownValues) {
  EXPECT_EQ(Distribution::constant(4.0).quantile(0.3), 4.0);

  const auto u = Distribution::uniform(1.0, 3.0);
  EXPECT_DOUBLE_EQ(u.quantile(0.0), 1.0);
  EXPECT_DOUBLE_EQ(u.quantile(0.25), 1.5);
  EXPECT_DOUBLE_EQ(u.quantile(1.0), 3.0);

  const auto e = Distribution::exponential(2.0);
  EXPECT_EQ(e.quantile(0.0), 0.0);
  EXPECT_DOUBLE_EQ(e.quantile(0.5), 2.0 * std::log(2.0));
  EXPECT_DOUBLE_EQ(e.quantile(0.99), 2.0 * std::log(100.0));
  EXPECT_EQ(e.quantile(1.0), kInf);

  const auto ln = Distribution::lognormal_from_median_p99(0.1, 1.0);
  EXPECT_DOUBLE_EQ(ln.quantile(0.5), 0.1);
  EXPECT_NEAR(ln.quantile(0.99), 1.0, 1e-14);
  // z_0.975 = 1.959963984540054: exp(ln 0.1 + sigma z).
  const double sigma = std::log(10.0) / Distribution::kZ99;
  EXPECT_NEAR(ln.quantile(0.975), 0.1 * std::exp(sigma * 1.959963984540054), 1e-14);
  EXPECT_EQ(ln.quantile(0.0), 0.0);
  EXPECT_EQ(ln.quantile(1.0), kInf);
}

TEST(Distribution, InverseNormalCdfMatchesReferenceValues) {
  // Reference values from Python's statistics.NormalDist().inv_cdf.
  EXPECT_EQ(Distribution::inverse_normal_cdf(0.5), 0.0);
  EXPECT_NEAR(Distribution::inverse_normal_cdf(0.99), Distribution::kZ99, 1e-15);
  EXPECT_NEAR(Distribution::inverse_normal_cdf(0.975), 1.9599639845400536, 1e-15);
  EXPECT_NEAR(Distribution::inverse_normal_cdf(0.3), -0.5244005127080407, 1e-15);
  EXPECT_NEAR(Distribution::inverse_normal_cdf(0.9999), 3.7190164854557084, 1e-14);
  EXPECT_NEAR(Distribution::inverse_normal_cdf(1e-10), -6.361340902404056, 1e-13);
  EXPECT_NEAR(Distribution::inverse_normal_cdf(1e-300), -37.0470962993612, 1e-12);
  EXPECT_EQ(Distribution::inverse_normal_cdf(0.0), -kInf);
  EXPECT_EQ(Distribution::inverse_normal_cdf(1.0), kInf);
  EXPECT_DOUBLE_EQ(Distribution::inverse_normal_cdf(0.2), -Distribution::inverse_normal_cdf(0.8));
}

TEST(Distribution, ScaledMultipliesEveryValue) {
  EXPECT_EQ(Distribution::constant(2.0).scaled(3.0), Distribution::constant(6.0));
  EXPECT_EQ(Distribution::uniform(1.0, 2.0).scaled(0.5), Distribution::uniform(0.5, 1.0));
  EXPECT_EQ(Distribution::exponential(2.0).scaled(0.25), Distribution::exponential(0.5));

  const auto ln = Distribution::lognormal_from_median_p99(0.1, 1.0).scaled(10.0);
  EXPECT_EQ(ln, Distribution::lognormal_from_median_p99(1.0, 10.0));
  EXPECT_NEAR(ln.quantile(0.99), 10.0, 1e-13);
  EXPECT_NEAR(ln.mean(), 10.0 * Distribution::lognormal_from_median_p99(0.1, 1.0).mean(), 1e-13);

  const auto e = example_table().scaled(2.0);
  EXPECT_EQ(e.kind(), "empirical");
  EXPECT_DOUBLE_EQ(e.quantile(0.3), 0.03);
  EXPECT_DOUBLE_EQ(e.mean(), 2.0 * 0.0905);
  EXPECT_EQ(e.as<Distribution::Empirical>()->table.front().first, 0.1);  // q unchanged
}

TEST(Distribution, ScaledByZeroIsConstantZero) {
  EXPECT_EQ(Distribution::lognormal_from_median_p99(0.1, 1.0).scaled(0.0),
            Distribution::constant(0.0));
  EXPECT_EQ(example_table().scaled(0.0), Distribution::constant(0.0));
}

TEST(Distribution, SampleIsDeterministicForAStream) {
  const auto d = Distribution::lognormal_from_median_p99(0.1, 1.0);
  RandomStream a(99, "same"), b(99, "same");
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(d.sample(a), d.sample(b));
}

TEST(Distribution, BadParametersThrowWithShortMessages) {
  EXPECT_EQ(message_of([] { Distribution::constant(-1.0); }), "constant value must be >= 0");
  EXPECT_EQ(message_of([] { Distribution::constant(kInf); }), "constant value must be finite");
  EXPECT_EQ(message_of([] { Distribution::uniform(-1.0, 1.0); }), "uniform lo must be >= 0");
  EXPECT_EQ(message_of([] { Distribution::uniform(2.0, 1.0); }), "uniform hi must be >= lo");
  EXPECT_EQ(message_of([] { Distribution::exponential(0.0); }), "exponential mean must be > 0");
  EXPECT_EQ(message_of([] { Distribution::exponential(std::nan("")); }),
            "exponential mean must be finite");
  EXPECT_EQ(message_of([] { Distribution::lognormal_from_median_p99(0.0, 1.0); }),
            "median must be > 0");
  EXPECT_EQ(message_of([] { Distribution::lognormal_from_median_p99(1.0, 0.5); }),
            "p99 must be >= median");
  EXPECT_EQ(message_of([] { Distribution::empirical({}); }), "table must not be empty");
  EXPECT_EQ(message_of([] {
              Distribution::empirical({{0.5, 1.0}, {0.5, 2.0}});
            }),
            "table q must increase");
  EXPECT_EQ(message_of([] {
              Distribution::empirical({{0.5, 1.0}, {0.4, 2.0}});
            }),
            "table q must increase");
  EXPECT_EQ(message_of([] {
              Distribution::empirical({{0.5, 1.0}, {1.5, 2.0}});
            }),
            "table q must be in [0,1]");
  EXPECT_EQ(message_of([] {
              Distribution::empirical({{0.1, 2.0}, {0.9, 1.0}});
            }),
            "table values must not decrease");
  EXPECT_EQ(message_of([] {
              Distribution::empirical({{0.1, -1.0}});
            }),
            "table values must be >= 0");
  EXPECT_EQ(message_of([] { Distribution::constant(1.0).scaled(-2.0); }),
            "scale factor must be >= 0");
  EXPECT_EQ(message_of([] { Distribution::constant(1.0).quantile(1.5); }),
            "quantile q must be in [0,1]");
}
