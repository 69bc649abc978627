// kube-scheduler's filters (NodeResourcesFit, TaintToleration, nodeSelector, readiness) and
// the LeastAllocated / MostAllocated scores.
#include "k8s/PodScheduler.hpp"

#include <gtest/gtest.h>

#include "engine/ManualScheduler.hpp"
#include "platform/NodePool.hpp"

using namespace fleetsim;
using namespace fleetsim::k8s;

namespace {

constexpr double GiB = 1024.0 * 1024 * 1024;

platform::NodePoolConfig pool_config(const char* name, int cores, double mem_gib, double gpus,
                                     int initial) {
  platform::NodePoolConfig c;
  c.name = name;
  c.shape.cores = cores;
  c.shape.memory = mem_gib * GiB;
  c.shape.labels["pool"] = name;
  if (gpus > 0) {
    c.shape.extended["nvidia.com/gpu"] = gpus;
    c.shape.taints.push_back(platform::Taint{"nvidia.com/gpu", "present", "NoSchedule"});
  }
  c.initial = initial;
  return c;
}

struct Pools {
  engine::ManualScheduler sched;
  platform::NodePool cpu{sched, pool_config("cpu", 8, 32, 0, 2), engine::RandomStream(1, "cpu")};
  platform::NodePool gpu{sched, pool_config("gpu", 16, 64, 4, 1), engine::RandomStream(1, "gpu")};
  Pools() {
    cpu.start();
    gpu.start();
  }
  platform::Node& c(int i) { return *cpu.nodes()[i]; }
  platform::Node& g() { return *gpu.nodes()[0]; }
};

PodSpec pod(double cores, double mem_gib, double gpus = 0) {
  PodSpec p;
  p.requests.cpu = cores;
  p.requests.memory = mem_gib * GiB;
  if (gpus > 0) p.requests.extended["nvidia.com/gpu"] = gpus;
  return p;
}

}  // namespace

TEST(PodSchedulerFilter, NodeResourcesFitComparesRequestsWithAllocatableMinusRequested) {
  Pools p;
  EXPECT_EQ(PodScheduler::filter(pod(8, 32), p.c(0)), FilterResult::kFits);
  EXPECT_EQ(PodScheduler::filter(pod(8.5, 1), p.c(0)), FilterResult::kInsufficient);
  p.c(0).requested = pod(6, 1).requests;
  EXPECT_EQ(PodScheduler::filter(pod(2, 1), p.c(0)), FilterResult::kFits);
  EXPECT_EQ(PodScheduler::filter(pod(2.5, 1), p.c(0)), FilterResult::kInsufficient);
  EXPECT_EQ(PodScheduler::filter(pod(1, 31.5), p.c(0)), FilterResult::kInsufficient);
}

TEST(PodSchedulerFilter, ExtendedResourcesMustFitToo) {
  Pools p;
  auto gpu_pod = pod(1, 1, 1);
  gpu_pod.tolerations.push_back({"nvidia.com/gpu", "Exists", "", "NoSchedule"});
  EXPECT_EQ(PodScheduler::filter(gpu_pod, p.c(0)), FilterResult::kInsufficient);
  EXPECT_EQ(PodScheduler::filter(gpu_pod, p.g()), FilterResult::kFits);
  p.g().requested.extended["nvidia.com/gpu"] = 4;
  EXPECT_EQ(PodScheduler::filter(gpu_pod, p.g()), FilterResult::kInsufficient);
}

TEST(PodSchedulerFilter, TaintedNodeNeedsAToleration) {
  Pools p;
  EXPECT_EQ(PodScheduler::filter(pod(1, 1), p.g()), FilterResult::kTaint);
}

TEST(PodSchedulerFilter, NodeSelectorNeedsEveryLabel) {
  Pools p;
  auto sel = pod(1, 1);
  sel.node_selector = {{"pool", "gpu"}};
  EXPECT_EQ(PodScheduler::filter(sel, p.c(0)), FilterResult::kNodeSelector);
  sel.node_selector = {{"pool", "cpu"}};
  EXPECT_EQ(PodScheduler::filter(sel, p.c(0)), FilterResult::kFits);
  sel.node_selector = {{"pool", "cpu"}, {"zone", "a"}};
  EXPECT_EQ(PodScheduler::filter(sel, p.c(0)), FilterResult::kNodeSelector);
}

TEST(PodSchedulerFilter, NodeNotReadyIsFilteredOut) {
  Pools p;
  p.cpu.scale_up(1);  // provisioning, not Ready
  EXPECT_EQ(PodScheduler::filter(pod(1, 1), *p.cpu.nodes()[2]), FilterResult::kNotReady);
}

TEST(PodSchedulerScore, LeastAllocatedSpreadsMostAllocatedPacks) {
  Pools p;
  p.c(0).requested = pod(4, 16).requests;
  const auto q = pod(1, 4);
  PodScheduler least(ScoringStrategy::kLeastAllocated), most(ScoringStrategy::kMostAllocated);
  // LeastAllocated on the empty node: ((8-1)/8 + (32-4)/32) / 2 * 100 = 87.5.
  EXPECT_DOUBLE_EQ(least.score(q, p.c(1)), 87.5);
  // MostAllocated on the half-full node: (5/8 + 20/32) / 2 * 100 = 62.5.
  EXPECT_DOUBLE_EQ(most.score(q, p.c(0)), 62.5);
  std::vector<platform::Node*> nodes{&p.c(0), &p.c(1)};
  EXPECT_EQ(least.select(q, nodes), &p.c(1));
  EXPECT_EQ(most.select(q, nodes), &p.c(0));
}

TEST(PodSchedulerSelect, NoFeasibleNodeGivesNull) {
  Pools p;
  std::vector<platform::Node*> nodes{&p.c(0), &p.c(1), &p.g()};
  EXPECT_EQ(PodScheduler().select(pod(9, 1), nodes), nullptr);
}
