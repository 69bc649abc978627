#include "engine/ManualScheduler.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "engine/Process.hpp"
#include "engine/Sleep.hpp"
#include "engine/Task.hpp"
#include "engine/WaitList.hpp"

using namespace fleetsim::engine;

TEST(ManualScheduler, RunsEventsInDateOrderAndEqualDatesFifo) {
  ManualScheduler s;
  std::vector<int> order;
  s.at(2.0, [&] { order.push_back(3); });
  s.at(1.0, [&] { order.push_back(1); });
  s.at(1.0, [&] { order.push_back(2); });
  EXPECT_EQ(s.run(), 3u);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
  EXPECT_DOUBLE_EQ(s.now(), 2.0);
}

TEST(ManualScheduler, PastDatesAreClampedToNow) {
  ManualScheduler s;
  s.run_until(5.0);
  double seen = -1;
  s.at(1.0, [&] { seen = s.now(); });
  s.run();
  EXPECT_DOUBLE_EQ(seen, 5.0);
}

namespace {
Task<int> add_later(Scheduler& s, int a, int b) {
  co_await Sleep(s, 1.5);
  co_return a + b;
}
Process outer(Scheduler& s, int* out, double* when) {
  int v = co_await add_later(s, 2, 3);
  co_await Sleep(s, 0.5);
  *out = v;
  *when = s.now();
}
Process waiter(WaitList& w, std::vector<int>& log, int id) {
  co_await w.wait();
  log.push_back(id);
}
}  // namespace

TEST(Coroutines, TaskReturnsValueAfterVirtualDelay) {
  ManualScheduler s;
  int out = 0;
  double when = 0;
  outer(s, &out, &when);
  s.run();
  EXPECT_EQ(out, 5);
  EXPECT_DOUBLE_EQ(when, 2.0);
}

TEST(Coroutines, WaitListWakesFifo) {
  ManualScheduler s;
  WaitList w(s);
  std::vector<int> log;
  waiter(w, log, 1);
  waiter(w, log, 2);
  EXPECT_TRUE(w.wake_one());
  s.run();
  EXPECT_EQ(log, (std::vector<int>{1}));
  EXPECT_TRUE(w.wake_one());
  EXPECT_FALSE(w.wake_one());
  s.run();
  EXPECT_EQ(log, (std::vector<int>{1, 2}));
}

TEST(Calendar, FarAndNearEventsRunInDateOrder) {
  ManualScheduler s;
  std::vector<int> order;
  s.at(7200.0, [&] { order.push_back(3); });  // hours ahead: the far heap
  s.at(0.5, [&] { order.push_back(1); });
  s.at(61.0, [&] { order.push_back(2); });
  s.run();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(Calendar, EqualDatesAcrossNearAndFarRunFirstInFirstOut) {
  ManualScheduler s;
  std::vector<int> order;
  s.at(100.0, [&] { order.push_back(1); });  // pushed at t = 0: far
  s.at(50.0, [&] {
    s.at(100.0, [&] { order.push_back(2); });  // pushed at t = 50: near, same date, later
  });
  s.run();
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}
