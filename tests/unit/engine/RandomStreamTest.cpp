#include "engine/RandomStream.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

using fleetsim::engine::RandomStream;

// Every statistical test below uses a fixed seed, so it is deterministic (never flaky).
// Tolerances are still chosen from theory (about 5 standard errors) so that a correct
// generator passes for essentially any seed, and a change of seed does not break them.

namespace {

std::vector<std::uint64_t> draw(RandomStream s, int n) {
  std::vector<std::uint64_t> out;
  for (int i = 0; i < n; ++i) out.push_back(s.next());
  return out;
}

}  // namespace

TEST(RandomStream, SameSeedAndNameGiveSameSequence) {
  EXPECT_EQ(draw(RandomStream(7, "apiserver/hub"), 100),
            draw(RandomStream(7, "apiserver/hub"), 100));
}

TEST(RandomStream, DifferentNamesGiveDifferentSequences) {
  EXPECT_NE(draw(RandomStream(7, "apiserver/hub"), 10),
            draw(RandomStream(7, "controller/syncsetinstance"), 10));
  EXPECT_NE(draw(RandomStream(7, "a"), 10), draw(RandomStream(7, "b"), 10));
}

TEST(RandomStream, DifferentSeedsGiveDifferentSequences) {
  EXPECT_NE(draw(RandomStream(7, "apiserver/hub"), 10), draw(RandomStream(8, "apiserver/hub"), 10));
}

TEST(RandomStream, CopyContinuesTheSameSequence) {
  RandomStream a(3, "x");
  a.next();
  RandomStream b = a;
  EXPECT_EQ(draw(a, 20), draw(b, 20));
}

TEST(RandomStream, DeriveIsIndependentOfValuesAlreadyDrawn) {
  RandomStream fresh(11, "platform/hub");
  RandomStream used(11, "platform/hub");
  for (int i = 0; i < 1000; ++i) used.next();
  used.standard_normal();  // leaves a cached spare behind; must not leak into the child
  EXPECT_EQ(draw(fresh.derive("cluster-17"), 50), draw(used.derive("cluster-17"), 50));
  EXPECT_EQ(fresh.derive("cluster-17").key(), used.derive("cluster-17").key());
}

TEST(RandomStream, DerivedStreamsDifferFromParentAndSiblings) {
  RandomStream parent(11, "platform/hub");
  EXPECT_NE(draw(parent.derive("a"), 10), draw(parent.derive("b"), 10));
  EXPECT_NE(draw(parent.derive("a"), 10), draw(parent, 10));
  // A child is not the same as a root stream of the child's name.
  EXPECT_NE(draw(parent.derive("a"), 10), draw(RandomStream(11, "a"), 10));
}

TEST(RandomStream, HashNameIsFnv1a64) {
  static_assert(RandomStream::hash_name("") == 0xcbf29ce484222325ULL);
  EXPECT_EQ(RandomStream::hash_name("a"), 0xaf63dc4c8601ec8cULL);
}

// Golden values: computed by an independent (Python) implementation of the documented
// algorithm (key = mix64(mix64(seed) ^ fnv1a64(name)), splitmix64 seeding, xoshiro256**).
// If this fails, the algorithm changed and every scenario's results will change too.
TEST(RandomStream, GoldenOutputsForFixedSeed) {
  RandomStream s(42, "controller/syncsetinstance");
  const std::array<std::uint64_t, 4> expected = {12594892723759830595ULL, 7360684273729053451ULL,
                                                 13922552143468477613ULL, 6353532951720040279ULL};
  for (std::uint64_t e : expected) EXPECT_EQ(s.next(), e);

  RandomStream empty(0, "");
  EXPECT_EQ(empty.next(), 7156377511206089458ULL);
  EXPECT_EQ(empty.next(), 9740431099348554966ULL);

  RandomStream child = RandomStream(42, "apiserver/hub").derive("child");
  EXPECT_EQ(child.next(), 16183129949104473394ULL);
  EXPECT_EQ(child.next(), 2456732789888824175ULL);

  RandomStream u(42, "controller/syncsetinstance");
  EXPECT_EQ(u.uniform01(), 0.6827705026661139);
}

TEST(RandomStream, Uniform01IsInHalfOpenUnitInterval) {
  RandomStream s(1, "uniform01");
  const int n = 1'000'000;
  double lo = 1.0, hi = 0.0, sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform01();
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    sum += u;
  }
  EXPECT_GE(lo, 0.0);
  EXPECT_LT(hi, 1.0);
  EXPECT_LT(lo, 1e-4);  // with 1e6 draws the extremes come close to the ends
  EXPECT_GT(hi, 1.0 - 1e-4);
  // Standard error of the mean: sqrt(1/12)/sqrt(n) ~ 2.9e-4; 5 SE ~ 1.5e-3.
  EXPECT_NEAR(sum / n, 0.5, 1.5e-3);
}

TEST(RandomStream, UniformRespectsBounds) {
  RandomStream s(1, "uniform");
  for (int i = 0; i < 100'000; ++i) {
    const double x = s.uniform(2.5, 4.0);
    ASSERT_GE(x, 2.5);
    ASSERT_LE(x, 4.0);
  }
}

TEST(RandomStream, BelowCoversRangeAndIsUnbiasedOnSmallN) {
  RandomStream s(2024, "below");
  constexpr std::uint64_t k = 7;
  constexpr int n = 70'000;
  std::array<int, k> counts{};
  for (int i = 0; i < n; ++i) {
    const std::uint64_t x = s.below(k);
    ASSERT_LT(x, k);
    ++counts[x];
  }
  const double expected = static_cast<double>(n) / k;
  double chi2 = 0.0;
  for (int c : counts) {
    EXPECT_GT(c, 0);
    chi2 += (c - expected) * (c - expected) / expected;
  }
  // Chi-square with k-1 = 6 degrees of freedom: mean 6, sd sqrt(12) ~ 3.5. 6 + 5 sd ~ 23;
  // P(chi2_6 > 24) ~ 5e-4. A biased generator (e.g. plain modulo of a small word) would
  // blow far past this.
  EXPECT_LT(chi2, 24.0);
}

TEST(RandomStream, BelowHandlesEdgeSizes) {
  RandomStream s(5, "below-edges");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(s.below(1), 0u);
  EXPECT_THROW(s.below(0), std::invalid_argument);
  // n just above 2^63: about half of the raw words are rejected; results stay < n and
  // both halves of the range show up.
  const std::uint64_t big = (std::uint64_t{1} << 63) + 1;
  int upper = 0;
  for (int i = 0; i < 10'000; ++i) {
    const std::uint64_t x = s.below(big);
    ASSERT_LT(x, big);
    if (x >= big / 2) ++upper;
  }
  // Binomial(10000, 0.5): sd 50; 5 sd = 250.
  EXPECT_NEAR(upper, 5000, 250);
}

TEST(RandomStream, ExponentialIsNonNegativeWithTheRightMean) {
  RandomStream s(9, "exponential");
  const int n = 200'000;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = s.exponential(2.0);
    ASSERT_GE(x, 0.0);
    ASSERT_TRUE(std::isfinite(x));
    sum += x;
  }
  // sd = mean = 2; SE = 2/sqrt(2e5) ~ 4.5e-3; 5 SE ~ 0.022.
  EXPECT_NEAR(sum / n, 2.0, 0.022);
}

TEST(RandomStream, StandardNormalHasZeroMeanAndUnitVariance) {
  RandomStream s(13, "normal");
  const int n = 200'000;
  double sum = 0.0, sum2 = 0.0;
  int below_z99 = 0;
  for (int i = 0; i < n; ++i) {
    const double z = s.standard_normal();
    sum += z;
    sum2 += z * z;
    if (z < 2.3263478740408408) ++below_z99;
  }
  const double mean = sum / n;
  const double var = sum2 / n - mean * mean;
  // SE(mean) = 1/sqrt(n) ~ 2.2e-3 -> 0.011; SE(var) = sqrt(2/n) ~ 3.2e-3 -> 0.016.
  EXPECT_NEAR(mean, 0.0, 0.011);
  EXPECT_NEAR(var, 1.0, 0.016);
  // Fraction below z_0.99: SE = sqrt(0.99*0.01/n) ~ 2.2e-4 -> 1.1e-3.
  EXPECT_NEAR(static_cast<double>(below_z99) / n, 0.99, 1.1e-3);
}

TEST(RandomStream, StandardNormalReturnsTheCachedSpareSecond) {
  // The polar method produces values in pairs: after an odd number of normals the stream
  // holds a spare, and the next normal consumes no raw output.
  RandomStream a(21, "spare");
  a.standard_normal();
  RandomStream a_after_first = a;
  a.standard_normal();  // the spare: no raw draw
  EXPECT_EQ(a.next(), a_after_first.next());
}
