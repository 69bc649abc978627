#include "output/Sampler.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "engine/ManualScheduler.hpp"
#include "engine/Task.hpp"
#include "k8s/RateLimiterConfig.hpp"
#include "systems/World.hpp"

using fleetsim::engine::ManualScheduler;
using fleetsim::engine::Task;
using fleetsim::k8s::Key;
using fleetsim::k8s::RateLimiterConfig;
using fleetsim::k8s::ReconcileResult;
using fleetsim::output::Sampler;
using fleetsim::platform::Host;
using fleetsim::platform::HostConfig;
using fleetsim::systems::World;

namespace {

Task<ReconcileResult> burn(Host* host, double work) {
  co_await host->compute(work);
  co_return ReconcileResult::success();
}

// A world with one host (1 core) and one controller (1 worker) whose reconcile burns
// 0.5 core-seconds on that host.
struct SamplerTest : ::testing::Test {
  ManualScheduler sched;
  World world{sched, 1};
  Host& host = world.add_host(HostConfig{"node", 1, 1.0, 0});
  fleetsim::k8s::Controller& controller =
      world.add_controller("ctl", 1, RateLimiterConfig{}.make());

  void SetUp() override {
    controller.set_reconciler([this](Key) { return burn(&host, 0.5); });
    world.start();
  }
  // Samples at each of `times` (driving the world in between).
  void sample_at(Sampler& s, const std::vector<double>& times) {
    for (double t : times) {
      sched.run_until(t);
      s.sample(t);
    }
  }
};

}  // namespace

TEST_F(SamplerTest, RowsCoverTheIntervalSinceTheLastSample) {
  Sampler s(world, 1.0);
  sample_at(s, {1, 2, 2.5});
  ASSERT_EQ(s.rows().size(), 3u);
  EXPECT_DOUBLE_EQ(s.rows()[0].time, 1.0);
  EXPECT_DOUBLE_EQ(s.rows()[0].span, 1.0);
  EXPECT_DOUBLE_EQ(s.rows()[2].time, 2.5);
  EXPECT_DOUBLE_EQ(s.rows()[2].span, 0.5);  // the last row may be shorter
  EXPECT_DOUBLE_EQ(s.next_due(), 3.5);
}

TEST_F(SamplerTest, SampleNotAfterTheLastIsIgnored) {
  Sampler s(world, 1.0);
  s.sample(0);  // nothing to cover yet
  sample_at(s, {1});
  s.sample(1);
  s.sample(0.5);
  EXPECT_EQ(s.rows().size(), 1u);
}

TEST_F(SamplerTest, RowsCountReconcilesAndReportQueueState) {
  for (Key k = 0; k < 4; ++k) controller.queue().add(k);  // done at 0.5, 1, 1.5, 2
  Sampler s(world, 1.0);
  sample_at(s, {0.75, 1.75, 2.75});
  ASSERT_EQ(s.rows().size(), 3u);
  EXPECT_EQ(s.column_reconciles(0), (std::vector<double>{1, 2, 1}));
  EXPECT_EQ(s.rows()[0].depth, (std::vector<double>{2}));  // keys 2, 3 queued
  EXPECT_EQ(s.rows()[1].depth, (std::vector<double>{0}));
  EXPECT_EQ(s.rows()[0].active, (std::vector<double>{1}));
  EXPECT_EQ(s.rows()[2].active, (std::vector<double>{0}));
  EXPECT_EQ(s.rows()[2].waiting, (std::vector<double>{0}));
}

TEST_F(SamplerTest, RowsReportCoreSecondsUsedPerInterval) {
  for (Key k = 0; k < 4; ++k) controller.queue().add(k);  // 0.5 s each, host busy 0..2
  Sampler s(world, 1.0);
  sample_at(s, {1, 2, 3});
  EXPECT_EQ(s.column_busy(0), (std::vector<double>{1.0, 1.0, 0.0}));
}

TEST_F(SamplerTest, RowsCountAppliesPerInterval) {
  Sampler s(world, 1.0);
  sched.at(0.5, [&] { world.applies().record(0.1, true); });
  sched.at(1.5, [&] {
    world.applies().record(0.1, true);
    world.applies().record(0.1, false);
  });
  sample_at(s, {1, 2, 3});
  EXPECT_EQ(s.column_applies(), (std::vector<double>{1, 2, 0}));
}

TEST_F(SamplerTest, PeakRateIsTheBestSlidingWindowOfWholeRows) {
  Sampler s(world, 1.0);
  sample_at(s, {1, 2, 3, 4, 5});
  // Windows of 2 rows: 6/2, 8/2, 3/2, 2/2.
  EXPECT_DOUBLE_EQ(s.peak_rate({1, 5, 3, 0, 2}, 2.0), 4.0);
}

TEST_F(SamplerTest, PeakRateWithAOneRowWindowIsTheLargestRow) {
  Sampler s(world, 1.0);
  sample_at(s, {1, 2, 3, 4, 5});
  EXPECT_DOUBLE_EQ(s.peak_rate({1, 5, 3, 0, 2}, 1.0), 5.0);
}

TEST_F(SamplerTest, PeakRateNeverUsesPartialRows) {
  Sampler s(world, 1.0);
  sample_at(s, {1, 2, 3});
  // 1.5 s needs two whole rows: 4/2, never 4/1.5.
  EXPECT_DOUBLE_EQ(s.peak_rate({0, 4, 0}, 1.5), 2.0);
}

TEST_F(SamplerTest, PeakRateOfARunShorterThanTheWindowUsesEverything) {
  Sampler s(world, 1.0);
  sample_at(s, {1, 2, 3, 4, 5});
  EXPECT_DOUBLE_EQ(s.peak_rate({1, 5, 3, 0, 2}, 60.0), 11.0 / 5.0);
}

TEST_F(SamplerTest, PeakRateDividesByTheSpanOfTheRowsItUses) {
  Sampler s(world, 1.0);
  sample_at(s, {1, 2, 2.5});  // spans 1, 1, 0.5
  // Windows: rows 0-1 (4/2); rows 1-2 cover only 1.5 s, so rows 0-2 (7/2.5).
  EXPECT_DOUBLE_EQ(s.peak_rate({2, 2, 3}, 2.0), 2.8);
}

TEST_F(SamplerTest, PeakRateOfNoRowsIsZero) {
  Sampler s(world, 1.0);
  EXPECT_DOUBLE_EQ(s.peak_rate({}, 10.0), 0.0);
}

TEST_F(SamplerTest, PeakRateOfSampledReconciles) {
  for (Key k = 0; k < 4; ++k) controller.queue().add(k);  // done at 0.5, 1, 1.5, 2
  Sampler s(world, 1.0);
  sample_at(s, {0.75, 1.75, 2.75, 3.75});
  // Rows: 1, 2, 1, 0 reconciles over 0.75, 1, 1, 1 s.
  EXPECT_DOUBLE_EQ(s.peak_rate(s.column_reconciles(0), 1.0), 2.0);
  EXPECT_DOUBLE_EQ(s.peak_rate(s.column_reconciles(0), 2.0), 3.0 / 2.0);
}
