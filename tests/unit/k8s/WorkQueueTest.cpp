#include "k8s/WorkQueue.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <vector>

#include "engine/ManualScheduler.hpp"
#include "k8s/BucketRateLimiter.hpp"
#include "k8s/ItemExponentialFailureRateLimiter.hpp"
#include "k8s/MaxOfRateLimiter.hpp"

using fleetsim::engine::ManualScheduler;
using namespace fleetsim::k8s;

namespace {
// A limiter with a settable delay that counts when/forget calls.
class StubLimiter final : public RateLimiter {
 public:
  explicit StubLimiter(double* delay) : delay_(delay) {}
  double when(Key, double) override {
    ++failures;
    return *delay_;
  }
  void forget(Key) override { failures = 0; }
  int num_requeues(Key) const override { return failures; }
  int failures = 0;

 private:
  double* delay_;
};

struct Fixture : ::testing::Test {
  ManualScheduler sched;
  double stub_delay = 1.0;
  WorkQueue q{sched, "test", std::make_unique<StubLimiter>(&stub_delay)};

  Key get() {
    Key k = 999;
    EXPECT_TRUE(q.try_get(k));
    return k;
  }
};
}  // namespace

using WorkQueueTest = Fixture;

TEST_F(WorkQueueTest, AddThenGetIsFifo) {
  q.add(3);
  q.add(1);
  q.add(2);
  EXPECT_EQ(q.len(), 3u);
  EXPECT_EQ(get(), 3u);
  EXPECT_EQ(get(), 1u);
  EXPECT_EQ(get(), 2u);
  Key k;
  EXPECT_FALSE(q.try_get(k));
  EXPECT_EQ(q.name(), "test");
}

TEST_F(WorkQueueTest, AddDedupsWhileDirty) {
  q.add(5);
  q.add(5);
  q.add(5);
  EXPECT_EQ(q.len(), 1u);
  EXPECT_EQ(q.metrics().adds_total, 1u);
  EXPECT_EQ(q.metrics().depth, 1u);
}

TEST_F(WorkQueueTest, AddDuringProcessingRequeuesAtDone) {
  q.add(5);
  get();
  q.add(5);
  EXPECT_EQ(q.len(), 0u);  // only marked dirty
  EXPECT_EQ(q.metrics().adds_total, 2u);
  EXPECT_EQ(q.metrics().depth, 1u);  // workqueue_depth counts it
  q.add(5);                          // dirty: dedup
  EXPECT_EQ(q.metrics().adds_total, 2u);
  q.done(5);
  EXPECT_EQ(q.len(), 1u);
  EXPECT_EQ(get(), 5u);
}

TEST_F(WorkQueueTest, DoneWithoutReaddLeavesQueueEmpty) {
  q.add(5);
  get();
  EXPECT_EQ(q.processing_count(), 1u);
  q.done(5);
  EXPECT_EQ(q.processing_count(), 0u);
  EXPECT_EQ(q.len(), 0u);
}

TEST_F(WorkQueueTest, NeverTwoWorkersOnOneKey) {
  q.add(5);
  q.add(6);
  EXPECT_EQ(get(), 5u);
  q.add(5);
  EXPECT_EQ(get(), 6u);
  Key k;
  EXPECT_FALSE(q.try_get(k));  // 5 is dirty but still processing
  EXPECT_EQ(q.processing_count(), 2u);
}

TEST_F(WorkQueueTest, SetOnReadyCalledOncePerPush) {
  int calls = 0;
  q.set_on_ready([&] { ++calls; });
  q.add(1);
  q.add(1);  // dedup: no push
  EXPECT_EQ(calls, 1);
  get();
  q.add(1);  // processing: no push
  EXPECT_EQ(calls, 1);
  q.done(1);  // pushed back
  EXPECT_EQ(calls, 2);
}

TEST_F(WorkQueueTest, OnReadySeesUpdatedQueue) {
  Key seen = 999;
  q.set_on_ready([&] { EXPECT_TRUE(q.try_get(seen)); });
  q.add(4);
  EXPECT_EQ(seen, 4u);
  EXPECT_EQ(q.processing_count(), 1u);
}

TEST_F(WorkQueueTest, GetObservesQueueDurationSinceFirstAdd) {
  q.add(1);
  sched.run_until(2.0);
  q.add(1);  // dedup: does not reset the first-add time
  sched.run_until(3.0);
  get();
  EXPECT_EQ(q.metrics().queue_duration.count(), 1u);
  EXPECT_DOUBLE_EQ(q.metrics().queue_duration.sum(), 3.0);
  EXPECT_NEAR(q.metrics().queue_wait.quantile(0.5), 3.0, 0.03);
}

TEST_F(WorkQueueTest, ReaddDuringProcessingTimedFromThatAdd) {
  q.add(1);
  get();
  sched.run_until(1.0);
  q.add(1);
  sched.run_until(4.0);
  q.done(1);
  get();
  EXPECT_DOUBLE_EQ(q.metrics().queue_duration.sum(), 3.0);  // 0 + (4 - 1)
}

TEST_F(WorkQueueTest, DoneObservesWorkDuration) {
  q.add(1);
  sched.run_until(1.0);
  get();
  sched.run_until(1.5);
  q.done(1);
  EXPECT_EQ(q.metrics().work_duration.count(), 1u);
  EXPECT_DOUBLE_EQ(q.metrics().work_duration.sum(), 0.5);
  EXPECT_DOUBLE_EQ(q.metrics().work_time.max(), 0.5);
}

TEST_F(WorkQueueTest, GetDecrementsDepthAndPeakIsKept) {
  q.add(1);
  q.add(2);
  get();
  EXPECT_EQ(q.metrics().depth, 1u);
  EXPECT_EQ(q.metrics().depth_peak, 2u);
}

TEST_F(WorkQueueTest, UnfinishedWorkAndLongestRunningProcessor) {
  q.add(1);
  q.add(2);
  get();
  sched.run_until(2.0);
  get();
  sched.run_until(3.0);
  EXPECT_DOUBLE_EQ(q.unfinished_work_seconds(), 3.0 + 1.0);
  EXPECT_DOUBLE_EQ(q.longest_running_processor_seconds(), 3.0);
  q.done(1);
  EXPECT_DOUBLE_EQ(q.unfinished_work_seconds(), 1.0);
  EXPECT_DOUBLE_EQ(q.longest_running_processor_seconds(), 1.0);
  q.done(2);
  EXPECT_EQ(q.unfinished_work_seconds(), 0.0);
}

TEST_F(WorkQueueTest, AddAfterCountsRetryOnEveryCall) {
  q.add_after(1, 5);
  q.add_after(1, 6);  // ignored (later) but still counted
  q.add_after(1, 0);
  EXPECT_EQ(q.metrics().retries_total, 3u);
}

TEST_F(WorkQueueTest, AddAfterNonPositiveAddsNow) {
  q.add_after(1, 0);
  q.add_after(2, -1);
  EXPECT_EQ(q.len(), 2u);
  EXPECT_EQ(q.waiting_count(), 0u);
  EXPECT_EQ(q.metrics().adds_total, 2u);
}

TEST_F(WorkQueueTest, AddAfterWaitsThenAdds) {
  q.add_after(1, 2.0);
  EXPECT_EQ(q.len(), 0u);
  EXPECT_EQ(q.waiting_count(), 1u);
  EXPECT_EQ(q.metrics().adds_total, 0u);
  sched.run_until(1.999);
  EXPECT_EQ(q.len(), 0u);
  sched.run_until(2.0);
  EXPECT_EQ(q.len(), 1u);
  EXPECT_EQ(q.waiting_count(), 0u);
  get();
  EXPECT_DOUBLE_EQ(q.metrics().queue_duration.sum(), 0.0);  // timed from the add at 2
}

TEST_F(WorkQueueTest, AddAfterKeepsEarliestReadyTime) {
  q.add_after(1, 5.0);
  q.add_after(1, 2.0);  // moves earlier
  q.add_after(1, 3.0);  // later than 2: ignored
  EXPECT_EQ(q.waiting_count(), 1u);
  sched.run_until(2.0);
  EXPECT_EQ(q.len(), 1u);
  get();
  q.done(1);
  sched.run();  // the stale events at 3 and 5 do nothing
  EXPECT_EQ(q.len(), 0u);
  EXPECT_EQ(q.metrics().adds_total, 1u);
}

TEST_F(WorkQueueTest, ReadyKeyIsAddedWithNormalDedup) {
  q.add_after(1, 1.0);
  q.add(1);
  sched.run_until(1.0);
  EXPECT_EQ(q.len(), 1u);
  EXPECT_EQ(q.metrics().adds_total, 1u);
}

TEST_F(WorkQueueTest, ReadyWhileProcessingRequeuesAtDone) {
  q.add(1);
  get();
  q.add_after(1, 1.0);
  sched.run_until(1.0);
  EXPECT_EQ(q.len(), 0u);
  q.done(1);
  EXPECT_EQ(get(), 1u);
}

TEST_F(WorkQueueTest, AddRateLimitedUsesLimiterDelay) {
  stub_delay = 0.5;
  q.add_rate_limited(1);
  EXPECT_EQ(q.num_requeues(1), 1);
  EXPECT_EQ(q.metrics().retries_total, 1u);
  EXPECT_EQ(q.waiting_retry_count(), 1u);
  sched.run_until(0.49);
  EXPECT_EQ(q.len(), 0u);
  sched.run_until(0.5);
  EXPECT_EQ(q.len(), 1u);
  EXPECT_EQ(q.waiting_retry_count(), 0u);
}

TEST_F(WorkQueueTest, AddRateLimitedZeroDelayAddsNow) {
  stub_delay = 0.0;
  q.add_rate_limited(1);
  EXPECT_EQ(q.len(), 1u);
  EXPECT_EQ(q.metrics().retries_total, 1u);
}

TEST_F(WorkQueueTest, WaitingRetryCountsOnlyRateLimitedWaits) {
  q.add_after(1, 1.0);
  q.add_rate_limited(2);
  EXPECT_EQ(q.waiting_count(), 2u);
  EXPECT_EQ(q.waiting_retry_count(), 1u);
  sched.run();
  EXPECT_EQ(q.waiting_count(), 0u);
  EXPECT_EQ(q.waiting_retry_count(), 0u);
}

TEST_F(WorkQueueTest, InfiniteDelayWaitsForever) {
  stub_delay = HUGE_VAL;
  q.add_rate_limited(1);
  EXPECT_TRUE(sched.empty());
  EXPECT_EQ(q.waiting_count(), 1u);
  q.add_after(1, 1.0);  // an earlier ready time still wins
  sched.run();
  EXPECT_EQ(q.len(), 1u);
  EXPECT_EQ(q.waiting_count(), 0u);
}

TEST_F(WorkQueueTest, ForgetResetsFailuresOnly) {
  q.add_rate_limited(1);
  q.add_rate_limited(1);
  EXPECT_EQ(q.num_requeues(1), 2);
  q.forget(1);
  EXPECT_EQ(q.num_requeues(1), 0);
  EXPECT_EQ(q.waiting_count(), 1u);  // the pending wait is untouched
  EXPECT_EQ(q.metrics().retries_total, 2u);
}

TEST(WorkQueueDefaultLimiter, RetryBackoffDoublesPerFailure) {
  ManualScheduler sched;
  WorkQueue q(sched, "ctl", default_controller_rate_limiter());
  std::vector<double> ready;
  q.set_on_ready([&] { ready.push_back(sched.now()); });
  for (int i = 0; i < 3; ++i) {
    q.add_rate_limited(7);
    sched.run();
    Key k;
    ASSERT_TRUE(q.try_get(k));
    q.done(k);
  }
  ASSERT_EQ(ready.size(), 3u);
  EXPECT_NEAR(ready[0], 0.005, 1e-12);
  EXPECT_NEAR(ready[1] - ready[0], 0.010, 1e-12);
  EXPECT_NEAR(ready[2] - ready[1], 0.020, 1e-12);
}

TEST(WorkQueueMemory, PerKeyStateIsFlat) {
  ManualScheduler sched;
  WorkQueue q(sched, "mem", std::make_unique<BucketRateLimiter>(0, 1));
  for (Key k = 0; k < 100000; ++k) q.add(k);
  EXPECT_EQ(q.len(), 100000u);
  Key k;
  std::size_t n = 0;
  while (q.try_get(k)) {
    q.done(k);
    ++n;
  }
  EXPECT_EQ(n, 100000u);
  EXPECT_EQ(q.metrics().queue_duration.count(), 100000u);
}
