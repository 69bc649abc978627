// NodePool: initial nodes Ready at once, scale-up capped at max size with each node Ready
// after its provisioning delay, removal never below min size, node-seconds accounting.
#include "platform/NodePool.hpp"

#include <gtest/gtest.h>

#include "engine/ManualScheduler.hpp"

using namespace fleetsim;
using namespace fleetsim::platform;

namespace {
NodePoolConfig config(int initial, int min_size, int max_size, double delay) {
  NodePoolConfig c;
  c.name = "gpu";
  c.shape.cores = 8;
  c.shape.extended["nvidia.com/gpu"] = 4;
  c.initial = initial;
  c.min_size = min_size;
  c.max_size = max_size;
  c.provisioning_delay = engine::Distribution::constant(delay);
  return c;
}
}  // namespace

TEST(NodePool, InitialNodesAreReadyAtOnceWithTheShape) {
  engine::ManualScheduler s;
  NodePool p(s, config(2, 0, 5, 60), engine::RandomStream(1, "p"));
  p.start();
  EXPECT_EQ(p.ready_count(), 2);
  EXPECT_EQ(p.nodes()[1]->name(), "gpu-1");
  EXPECT_EQ(p.nodes()[0]->host().cores(), 8);
  EXPECT_DOUBLE_EQ(p.nodes()[0]->allocatable().get("nvidia.com/gpu"), 4);
}

TEST(NodePool, ScaleUpIsCappedAtMaxAndNodesAreReadyAfterTheDelay) {
  engine::ManualScheduler s;
  NodePool p(s, config(1, 0, 3, 60), engine::RandomStream(1, "p"));
  int ready_calls = 0;
  p.set_on_ready([&](Node&) { ++ready_calls; });
  p.start();
  EXPECT_EQ(p.scale_up(5), 2);
  EXPECT_EQ(p.size(), 3);
  EXPECT_EQ(p.provisioning(), 2);
  s.run_until(59.9);
  EXPECT_EQ(p.ready_count(), 1);
  s.run_until(60);
  EXPECT_EQ(p.ready_count(), 3);
  EXPECT_EQ(ready_calls, 3);
  EXPECT_EQ(p.scale_up(1), 0);
}

TEST(NodePool, RemoveKeepsMinSizeAndAccountsNodeSeconds) {
  engine::ManualScheduler s;
  NodePool p(s, config(3, 2, 3, 0), engine::RandomStream(1, "p"));
  p.start();
  s.run_until(100);
  EXPECT_TRUE(p.remove(*p.nodes()[0]));
  EXPECT_FALSE(p.remove(*p.nodes()[1]));  // min size 2
  EXPECT_FALSE(p.remove(*p.nodes()[0]));  // already gone
  EXPECT_TRUE(p.nodes()[0]->deleted());
  s.run_until(200);
  EXPECT_DOUBLE_EQ(p.node_seconds(), 3 * 100 + 2 * 100);
  EXPECT_EQ(p.removed_total(), 1);
}
