#include "systems/services/DependentService.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "engine/ManualScheduler.hpp"
#include "engine/Process.hpp"
#include "engine/Sleep.hpp"

using fleetsim::engine::Distribution;
using fleetsim::engine::ManualScheduler;
using fleetsim::engine::Process;
using fleetsim::engine::RandomStream;
using fleetsim::engine::Sleep;
using fleetsim::systems::services::DependentService;
using fleetsim::systems::services::DependentServiceConfig;
using fleetsim::systems::services::ServiceOp;

namespace {

struct Done {
  double at;
  ServiceOp op;
};

Process op_at(ManualScheduler& s, DependentService& svc, double at, double bytes,
              std::vector<Done>* log) {
  co_await Sleep(s, at);
  const ServiceOp r = co_await svc.call(bytes);
  log->push_back(Done{s.now(), r});
}

std::vector<double> ends(const std::vector<Done>& log) {
  std::vector<double> v;
  for (const auto& d : log) v.push_back(d.at);
  return v;
}

DependentServiceConfig config(int slots, double service, int queue_limit = 0) {
  DependentServiceConfig c;
  c.name = "db";
  c.kind = "database";
  c.slots = slots;
  c.service_time = Distribution::constant(service);
  c.queue_limit = queue_limit;
  return c;
}

}  // namespace

// D/D/1: one slot, 1 s per operation, an arrival every 0.5 s: the n-th (from 0) waits
// n x 0.5 s and ends at n + 1.
TEST(DependentServiceTest, OneSlotDeterministicArrivalsWaitExactly) {
  ManualScheduler sched;
  DependentService db(sched, config(1, 1.0), RandomStream(1, "db"));
  std::vector<Done> log;
  for (int i = 0; i < 4; ++i) op_at(sched, db, 0.5 * i, 0, &log);
  sched.run();
  ASSERT_EQ(log.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_DOUBLE_EQ(log[i].at, i + 1.0);
    EXPECT_DOUBLE_EQ(log[i].op.wait, 0.5 * i);
    EXPECT_DOUBLE_EQ(log[i].op.latency, 1.0 + 0.5 * i);
  }
  EXPECT_EQ(db.completed(), 4u);
  EXPECT_DOUBLE_EQ(db.busy_slot_seconds(), 4.0);
  EXPECT_DOUBLE_EQ(db.utilisation(), 1.0);  // busy from 0 to 4
}

TEST(DependentServiceTest, SlotsServeInParallelAndTheNextWaitsFifo) {
  ManualScheduler sched;
  DependentService db(sched, config(2, 1.0), RandomStream(1, "db"));
  std::vector<Done> log;
  for (int i = 0; i < 5; ++i) op_at(sched, db, 0, 0, &log);
  sched.run_until(0);
  EXPECT_EQ(db.in_use(), 2);
  EXPECT_EQ(db.waiting(), 3u);
  sched.run();
  EXPECT_EQ(ends(log), (std::vector<double>{1, 1, 2, 2, 3}));
  EXPECT_EQ(db.in_use(), 0);
}

TEST(DependentServiceTest, FullQueueRejectsAtOnceWithoutService) {
  ManualScheduler sched;
  DependentService db(sched, config(1, 1.0, 1), RandomStream(1, "db"));
  std::vector<Done> log;
  for (int i = 0; i < 3; ++i) op_at(sched, db, 0, 0, &log);
  sched.run();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_FALSE(log[0].op.ok);  // the third arrival: 1 in service, 1 waiting
  EXPECT_DOUBLE_EQ(log[0].at, 0.0);
  EXPECT_TRUE(log[1].op.ok);
  EXPECT_TRUE(log[2].op.ok);
  EXPECT_EQ(db.rejected(), 1u);
  EXPECT_EQ(db.completed(), 2u);
}

TEST(DependentServiceTest, BandwidthCapSerialisesTransfers) {
  ManualScheduler sched;
  auto c = config(0, 0);  // unlimited slots, no service time: only the pipe
  c.bandwidth = 100;      // bytes/s
  DependentService store(sched, c, RandomStream(1, "s3"));
  std::vector<Done> log;
  for (int i = 0; i < 3; ++i) op_at(sched, store, 0, 100, &log);
  sched.run();
  EXPECT_EQ(ends(log), (std::vector<double>{1, 2, 3}));
}

TEST(DependentServiceTest, OpsPerSecondCapSpacesCompletions) {
  ManualScheduler sched;
  auto c = config(0, 0.1);
  c.max_ops_per_s = 2;
  DependentService bus(sched, c, RandomStream(1, "bus"));
  std::vector<Done> log;
  for (int i = 0; i < 4; ++i) op_at(sched, bus, 0, 0, &log);
  sched.run();
  ASSERT_EQ(log.size(), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(log[i].at, 0.1 + 0.5 * (i + 1), 1e-12);
}

// M/M/c: Poisson arrivals (lambda = 3/s) at c = 4 slots with exponential service (mean
// 1 s): the mean wait for a slot is Erlang C's C(c, a) / (c mu - lambda), a = 3.
TEST(DependentServiceTest, MmcMeanWaitMatchesErlangC) {
  const int c = 4;
  const double lambda = 3, a = 3;
  double sum = 0, term = 1;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double top = term * c / (c - a);  // a^c / c! x c / (c - a)
  const double erlang_c = top / (sum + top);
  const double expected = erlang_c / (c * 1.0 - lambda);  // 0.5094 s
  ManualScheduler sched;
  auto cfg = config(c, 0);
  cfg.service_time = Distribution::exponential(1.0);
  DependentService db(sched, cfg, RandomStream(7, "db"));
  RandomStream arrivals(7, "arrivals");
  std::vector<Done> log;
  const int n = 200000;
  double t = 0;
  for (int i = 0; i < n; ++i) {
    t += arrivals.exponential(1 / lambda);
    op_at(sched, db, t, 0, &log);
  }
  sched.run();
  ASSERT_EQ(db.completed(), static_cast<std::uint64_t>(n));
  // 200,000 customers: the batch-means standard error of the mean wait is ~1.5 %.
  EXPECT_NEAR(db.wait_seconds().mean(), expected, 0.05 * expected);
  EXPECT_NEAR(db.utilisation(), lambda / c, 0.01);
}
