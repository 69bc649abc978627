#include "k8s/TokenBucket.hpp"

#include <gtest/gtest.h>

#include <cmath>

using fleetsim::k8s::TokenBucket;

TEST(TokenBucket, StartsFullBurstImmediate) {
  TokenBucket b(5, 10);
  EXPECT_EQ(b.tokens_at(0), 10.0);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(b.reserve(0), 0.0);
  EXPECT_DOUBLE_EQ(b.reserve(0), 0.2);  // client-go REST default: 5 qps, burst 10
}

TEST(TokenBucket, TokensGoNegativeDelayIsMinusTokensOverQps) {
  TokenBucket b(10, 1);
  EXPECT_EQ(b.reserve(0), 0.0);
  EXPECT_DOUBLE_EQ(b.reserve(0), 0.1);
  EXPECT_DOUBLE_EQ(b.reserve(0), 0.2);
  EXPECT_DOUBLE_EQ(b.tokens_at(0), -2.0);
  EXPECT_DOUBLE_EQ(b.reserve(0.05), 0.25);  // refilled 0.5 from -2: -2.5 after taking one
}

TEST(TokenBucket, TokenBucketRefillsUpToBurst) {
  TokenBucket b(2, 3);
  for (int i = 0; i < 3; ++i) b.reserve(0);
  EXPECT_DOUBLE_EQ(b.tokens_at(0.5), 1.0);
  EXPECT_DOUBLE_EQ(b.tokens_at(100), 3.0);  // capped at burst
  for (int i = 0; i < 3; ++i) EXPECT_EQ(b.reserve(100), 0.0);
  EXPECT_DOUBLE_EQ(b.reserve(100), 0.5);
}

TEST(TokenBucket, LastMovesToReservationTime) {
  TokenBucket b(1, 1);
  b.reserve(0);                           // tokens 0 at t=0
  EXPECT_DOUBLE_EQ(b.reserve(0.5), 0.5);  // refill 0.5, take 1 -> -0.5 at t=0.5
  EXPECT_DOUBLE_EQ(b.tokens_at(0.5), -0.5);
  EXPECT_DOUBLE_EQ(b.tokens_at(1.0), 0.0);
}

TEST(TokenBucket, EarlierTimeRefillsNothing) {
  TokenBucket b(1, 1);
  b.reserve(5);
  EXPECT_DOUBLE_EQ(b.reserve(4), 1.0);  // rate.advance: t before last -> elapsed 0
}

TEST(TokenBucket, NonPositiveOrInfiniteQpsIsUnlimited) {
  for (double qps : {0.0, -1.0, HUGE_VAL}) {
    TokenBucket b(qps, 1);
    EXPECT_TRUE(b.unlimited());
    for (int i = 0; i < 1000; ++i) EXPECT_EQ(b.reserve(0), 0.0);
  }
}

TEST(TokenBucket, ZeroBurstNeverGrantsAndKeepsState) {
  TokenBucket b(10, 0);
  EXPECT_TRUE(std::isinf(b.reserve(0)));
  EXPECT_TRUE(std::isinf(b.reserve(100)));
}
