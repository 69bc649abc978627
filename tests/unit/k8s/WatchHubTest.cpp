#include "k8s/WatchHub.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "engine/ManualScheduler.hpp"

using fleetsim::engine::ManualScheduler;
using namespace fleetsim::k8s;

namespace {
struct Event {
  std::string handler;
  ObjectId object;
  double at;
  bool operator==(const Event&) const = default;
};

struct WatchHubTest : ::testing::Test {
  ManualScheduler sched;
  WatchHub hub{sched, 0.25};
  std::vector<Event> log;
  void watch(KindId kind, std::string name) {
    hub.watch(kind, [this, name](ObjectId id) { log.push_back(Event{name, id, sched.now()}); });
  }
};
}  // namespace

TEST_F(WatchHubTest, EveryHandlerOfTheKindGetsTheEventAfterTheDelay) {
  watch(0, "a");
  watch(0, "b");
  watch(0, "c");
  sched.at(1.0, [&] { hub.notify(0, 42); });
  sched.run();
  const std::vector<Event> want = {{"a", 42, 1.25}, {"b", 42, 1.25}, {"c", 42, 1.25}};
  EXPECT_EQ(log, want);  // in registration order
  EXPECT_DOUBLE_EQ(hub.delay(), 0.25);
}

TEST_F(WatchHubTest, NothingIsDeliveredBeforeTheDelay) {
  watch(0, "a");
  hub.notify(0, 1);
  EXPECT_TRUE(log.empty());
  sched.run_until(0.2);
  EXPECT_TRUE(log.empty());
  sched.run_until(0.25);
  EXPECT_EQ(log.size(), 1u);
}

TEST_F(WatchHubTest, ZeroDelayStillDeliversThroughTheScheduler) {
  WatchHub now_hub(sched, 0);
  int calls = 0;
  now_hub.watch(0, [&](ObjectId) { ++calls; });
  now_hub.notify(0, 1);
  EXPECT_EQ(calls, 0);  // never re-entrant from the writer
  sched.run();
  EXPECT_EQ(calls, 1);
  EXPECT_DOUBLE_EQ(sched.now(), 0.0);
}

TEST_F(WatchHubTest, KindsAreIsolated) {
  watch(0, "pods");
  watch(1, "secrets");
  watch(3, "configmaps");
  hub.notify(1, 7);
  hub.notify(3, 8);
  sched.run();
  const std::vector<Event> want = {{"secrets", 7, 0.25}, {"configmaps", 8, 0.25}};
  EXPECT_EQ(log, want);
}

TEST_F(WatchHubTest, OneEventPerWritePerHandler) {
  watch(0, "a");
  watch(0, "b");
  hub.notify(0, 1);
  hub.notify(0, 1);  // two writes of one object: two events each
  hub.notify(0, 2);
  sched.run();
  EXPECT_EQ(log.size(), 6u);
  EXPECT_EQ(hub.events(), 3u);  // counted per write
}

TEST_F(WatchHubTest, WritesOfUnwatchedKindsAreNotCounted) {
  watch(0, "a");
  hub.notify(1, 1);
  hub.notify(9, 1);
  sched.run();
  EXPECT_TRUE(log.empty());
  EXPECT_EQ(hub.events(), 0u);
}
