#include "platform/Host.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/ManualScheduler.hpp"
#include "engine/Process.hpp"

using fleetsim::engine::ManualScheduler;
using fleetsim::engine::Process;
using fleetsim::platform::Host;
using fleetsim::platform::HostConfig;

namespace {

struct Finished {
  int id;
  double done;
  bool operator==(const Finished&) const = default;
};

Process compute(ManualScheduler& s, Host& h, double work, int id, std::vector<Finished>* log) {
  co_await h.compute(work);
  log->push_back(Finished{id, s.now()});
}

HostConfig config(int cores, double speed = 1.0) {
  return HostConfig{"node", cores, speed, 0};
}

}  // namespace

TEST(HostTest, CCoresRunCComputationsInParallelAndTheNextWaits) {
  ManualScheduler sched;
  Host host(sched, config(2));
  std::vector<Finished> log;
  for (int i = 0; i < 3; ++i) compute(sched, host, 1.0, i, &log);
  EXPECT_EQ(host.busy_cores(), 2);
  EXPECT_EQ(host.waiting(), 1u);
  sched.run();
  EXPECT_EQ(log, (std::vector<Finished>{{0, 1.0}, {1, 1.0}, {2, 2.0}}));
  EXPECT_EQ(host.busy_cores(), 0);
  EXPECT_EQ(host.waiting(), 0u);
}

TEST(HostTest, WaitersAreServedFirstInFirstOut) {
  ManualScheduler sched;
  Host host(sched, config(1));
  std::vector<Finished> log;
  compute(sched, host, 1.0, 0, &log);
  compute(sched, host, 2.0, 1, &log);
  compute(sched, host, 0.5, 2, &log);  // short, but behind 1
  sched.at(0.5, [&] { compute(sched, host, 0.25, 3, &log); });
  sched.run();
  EXPECT_EQ(log, (std::vector<Finished>{{0, 1.0}, {1, 3.0}, {2, 3.5}, {3, 3.75}}));
}

TEST(HostTest, FreedCoreGoesToTheWaiterNotToANewcomer) {
  ManualScheduler sched;
  Host host(sched, config(1));
  std::vector<Finished> log;
  compute(sched, host, 1.0, 0, &log);
  compute(sched, host, 1.0, 1, &log);
  sched.run_until(0.5);
  // While the core passes from 0 to 1 it never counts as free.
  sched.at(1.0, [&] {
    EXPECT_EQ(host.busy_cores(), 1);
    compute(sched, host, 1.0, 2, &log);
  });
  sched.run();
  EXPECT_EQ(log, (std::vector<Finished>{{0, 1.0}, {1, 2.0}, {2, 3.0}}));
}

TEST(HostTest, SpeedScalesTheTimeAComputationTakes) {
  ManualScheduler sched;
  Host fast(sched, HostConfig{"fast", 1, 2.0, 0});
  Host slow(sched, HostConfig{"slow", 1, 0.5, 0});
  std::vector<Finished> log;
  compute(sched, fast, 3.0, 0, &log);
  compute(sched, slow, 3.0, 1, &log);
  sched.run();
  EXPECT_EQ(log, (std::vector<Finished>{{0, 1.5}, {1, 6.0}}));
  EXPECT_DOUBLE_EQ(fast.work_done(), 3.0);  // reference core-seconds
  EXPECT_DOUBLE_EQ(slow.work_done(), 3.0);
}

TEST(HostTest, BusyCoreSecondsIsTheExactIntegralOfBusyCores) {
  ManualScheduler sched;
  Host host(sched, config(2));
  std::vector<Finished> log;
  compute(sched, host, 1.0, 0, &log);                          // core A: 0..1
  compute(sched, host, 3.0, 1, &log);                          // core B: 0..3
  sched.at(0.5, [&] { compute(sched, host, 1.0, 2, &log); });  // waits, core A: 1..2
  sched.run_until(0.5);
  EXPECT_DOUBLE_EQ(host.busy_core_seconds(), 1.0);
  sched.run_until(2.5);
  EXPECT_DOUBLE_EQ(host.busy_core_seconds(), 4.5);
  sched.run();
  EXPECT_DOUBLE_EQ(host.busy_core_seconds(), 5.0);
  sched.run_until(10);  // idle: no more area
  EXPECT_DOUBLE_EQ(host.busy_core_seconds(), 5.0);
}

TEST(HostTest, BusyCoreSecondsCountsHeldTimeNotWork) {
  ManualScheduler sched;
  Host host(sched, config(1, 4.0));
  std::vector<Finished> log;
  compute(sched, host, 2.0, 0, &log);
  sched.run();
  EXPECT_DOUBLE_EQ(host.busy_core_seconds(), 0.5);
  EXPECT_DOUBLE_EQ(host.work_done(), 2.0);
}

TEST(HostTest, WorkDoneCountsCompletedComputationsOnly) {
  ManualScheduler sched;
  Host host(sched, config(2));
  std::vector<Finished> log;
  compute(sched, host, 1.0, 0, &log);
  compute(sched, host, 4.0, 1, &log);
  sched.run_until(2.0);
  EXPECT_DOUBLE_EQ(host.work_done(), 1.0);
  sched.run();
  EXPECT_DOUBLE_EQ(host.work_done(), 5.0);
}

TEST(HostTest, NonPositiveWorkTakesNoCoreAndNoTime) {
  ManualScheduler sched;
  Host host(sched, config(1));
  std::vector<Finished> log;
  compute(sched, host, 5.0, 0, &log);
  compute(sched, host, 0.0, 1, &log);  // does not queue behind 0
  EXPECT_EQ(host.waiting(), 0u);
  sched.run();
  EXPECT_EQ(log, (std::vector<Finished>{{1, 0.0}, {0, 5.0}}));
  EXPECT_DOUBLE_EQ(host.busy_core_seconds(), 5.0);
  EXPECT_DOUBLE_EQ(host.work_done(), 5.0);
}

TEST(HostTest, ReportsItsConfiguration) {
  ManualScheduler sched;
  Host host(sched, HostConfig{"worker-1", 8, 1.25, 1e9});
  EXPECT_EQ(host.name(), "worker-1");
  EXPECT_EQ(host.cores(), 8);
  EXPECT_DOUBLE_EQ(host.speed(), 1.25);
  EXPECT_EQ(host.busy_cores(), 0);
  EXPECT_DOUBLE_EQ(host.busy_core_seconds(), 0.0);
}
