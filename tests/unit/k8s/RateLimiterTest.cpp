#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "k8s/BucketRateLimiter.hpp"
#include "k8s/ItemExponentialFailureRateLimiter.hpp"
#include "k8s/MaxOfRateLimiter.hpp"

using namespace fleetsim::k8s;

namespace {
// A limiter returning a fixed delay and counting its calls.
class FixedLimiter final : public RateLimiter {
 public:
  FixedLimiter(double d, int requeues) : d_(d), requeues_(requeues) {}
  double when(Key, double) override {
    ++calls;
    return d_;
  }
  void forget(Key) override { ++forgets; }
  int num_requeues(Key) const override { return requeues_; }
  int calls = 0;
  int forgets = 0;

 private:
  double d_;
  int requeues_;
};
}  // namespace

TEST(ItemExponential, ExponentialDoublesFromBaseAndCaps) {
  ItemExponentialFailureRateLimiter r(0.005, 1000);
  double expect = 0.005;
  for (int i = 0; i < 18; ++i, expect *= 2) EXPECT_DOUBLE_EQ(r.when(1, 0), expect) << i;
  // 0.005 * 2^18 = 1310.72 > 1000
  EXPECT_EQ(r.when(1, 0), 1000.0);
  EXPECT_EQ(r.num_requeues(1), 19);
}

TEST(ItemExponential, FirstDelayIsBaseFailuresCountedBeforeIncrement) {
  ItemExponentialFailureRateLimiter r(0.001, 1);
  EXPECT_EQ(r.num_requeues(7), 0);
  EXPECT_EQ(r.when(7, 0), 0.001);
  EXPECT_EQ(r.num_requeues(7), 1);
}

TEST(ItemExponential, OverflowSafeCapsAtMax) {
  ItemExponentialFailureRateLimiter r(1.0, 5.0);
  for (int i = 0; i < 5000; ++i) r.when(0, 0);
  EXPECT_EQ(r.when(0, 0), 5.0);
}

TEST(ItemExponential, FailuresArePerItem) {
  ItemExponentialFailureRateLimiter r(1, 100);
  r.when(1, 0);
  r.when(1, 0);
  EXPECT_EQ(r.when(2, 0), 1.0);
  EXPECT_EQ(r.when(1, 0), 4.0);
}

TEST(ItemExponential, ForgetResetsFailuresOnly) {
  ItemExponentialFailureRateLimiter r(1, 100);
  r.when(1, 0);
  r.when(1, 0);
  r.when(2, 0);
  r.forget(1);
  EXPECT_EQ(r.num_requeues(1), 0);
  EXPECT_EQ(r.num_requeues(2), 1);
  EXPECT_EQ(r.when(1, 0), 1.0);
}

TEST(BucketLimiter, BucketSpendsTokenOnEveryWhen) {
  BucketRateLimiter r(10, 2);
  EXPECT_EQ(r.when(1, 0), 0.0);
  EXPECT_EQ(r.when(1, 0), 0.0);         // same key again: still a token
  EXPECT_DOUBLE_EQ(r.when(2, 0), 0.1);  // any key draws on the one bucket
  EXPECT_DOUBLE_EQ(r.bucket().tokens_at(0), -1.0);
}

TEST(BucketLimiter, BucketBurstThenQpsSpacing) {
  BucketRateLimiter r(10, 100);
  for (Key k = 0; k < 100; ++k) EXPECT_EQ(r.when(k, 0), 0.0);
  for (int i = 1; i <= 50; ++i) EXPECT_NEAR(r.when(1000 + i, 0), 0.1 * i, 1e-9);
}

TEST(BucketLimiter, NumRequeuesZeroForgetNoOp) {
  BucketRateLimiter r(1, 1);
  r.when(3, 0);
  r.when(3, 0);
  EXPECT_EQ(r.num_requeues(3), 0);
  r.forget(3);
  EXPECT_DOUBLE_EQ(r.when(3, 0), 2.0);  // the bucket was not refilled by forget
}

TEST(MaxOfLimiter, MaxOfTakesLargest) {
  std::vector<std::unique_ptr<RateLimiter>> v;
  v.push_back(std::make_unique<FixedLimiter>(1.0, 3));
  v.push_back(std::make_unique<FixedLimiter>(2.0, 1));
  MaxOfRateLimiter m(std::move(v));
  EXPECT_EQ(m.when(0, 0), 2.0);
  EXPECT_EQ(m.num_requeues(0), 3);
}

TEST(MaxOfLimiter, CallsEveryLimiterAndForwardsForget) {
  std::vector<std::unique_ptr<RateLimiter>> v;
  v.push_back(std::make_unique<FixedLimiter>(5.0, 0));
  v.push_back(std::make_unique<FixedLimiter>(1.0, 0));
  MaxOfRateLimiter m(std::move(v));
  m.when(0, 0);
  m.forget(0);
  for (const auto& l : m.limiters()) {
    auto& f = static_cast<const FixedLimiter&>(*l);
    EXPECT_EQ(f.calls, 1);
    EXPECT_EQ(f.forgets, 1);
  }
}

TEST(MaxOfLimiter, EmptyGivesZero) {
  MaxOfRateLimiter m({});
  EXPECT_EQ(m.when(0, 0), 0.0);
  EXPECT_EQ(m.num_requeues(0), 0);
}

TEST(DefaultControllerRateLimiter, ExponentialFiveMsThenBucketTenQpsBurstHundred) {
  auto r = default_controller_rate_limiter();
  EXPECT_EQ(r->when(0, 0), 0.005);
  EXPECT_EQ(r->when(0, 0), 0.010);
  EXPECT_EQ(r->num_requeues(0), 2);
  // 98 more tokens of the burst of 100 are left; then the bucket dominates.
  for (Key k = 1; k <= 98; ++k) EXPECT_EQ(r->when(k, 0), 0.005);
  EXPECT_NEAR(r->when(500, 0), 0.1, 1e-12);
  r->forget(0);
  EXPECT_EQ(r->num_requeues(0), 0);
}

TEST(DefaultControllerRateLimiter, ExponentialCapsAtThousandSeconds) {
  auto r = default_controller_rate_limiter();
  double last = 0;
  for (int i = 0; i < 40; ++i) last = r->when(0, 1e6 * i);  // far apart: bucket full
  EXPECT_EQ(last, 1000.0);
}
