// Cluster (scheduling queue, binding, kubelet), ClusterAutoscaler and WorkloadController on a
// ManualScheduler: pods queue when the pool is full, unschedulable pods are retried when
// capacity appears, the autoscaler adds nodes after its scan and removes idle ones after the
// unneeded time, StatefulSets create pods in order or in parallel, client QPS limits creation.
#include "k8s/Cluster.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "engine/ManualScheduler.hpp"
#include "k8s/ClusterAutoscaler.hpp"
#include "k8s/RateLimiterConfig.hpp"
#include "k8s/WorkloadController.hpp"

using namespace fleetsim;
using namespace fleetsim::k8s;

namespace {

ApiServerConfig api_config() {
  ApiServerConfig c;
  c.name = "hub";
  return c;
}

platform::NodePoolConfig gpu_pool(const char* name, int cores, int initial, int max_size,
                                  double provisioning, bool tainted = true) {
  platform::NodePoolConfig c;
  c.name = name;
  c.shape.cores = cores;
  c.shape.memory = 64e9 * cores / 8;
  c.shape.extended["nvidia.com/gpu"] = 1;
  if (tainted) c.shape.taints.push_back(platform::Taint{"nvidia.com/gpu", "present", "NoSchedule"});
  c.max_size = max_size;
  c.initial = initial;
  c.provisioning_delay = engine::Distribution::constant(provisioning);
  return c;
}

ClusterConfig slow_start() {
  ClusterConfig c;
  c.start_latency = engine::Distribution::constant(10);
  return c;
}

struct World {
  engine::ManualScheduler sched;
  KindRegistry kinds;
  WatchHub watch{sched, 0.05};
  ApiServer api;
  platform::NodePool pool;
  Cluster cluster;
  RestClient client{sched, RestClientConfig{0, 0, 10, 30}, nullptr, false};

  explicit World(int nodes, int max_size = 10, double provisioning = 60,
                 ClusterConfig cc = ClusterConfig{})
      : api(sched, api_config(), engine::RandomStream(1, "api"), &watch),
        pool(sched, gpu_pool("gpu", 8, nodes, max_size, provisioning),
             engine::RandomStream(1, "pool")),
        cluster(sched, cc, api, watch, kinds, engine::RandomStream(1, "cluster")) {
    cluster.add_pool(pool);
    cluster.start();
  }
  PodSpec step(double seconds) {
    PodSpec p;
    p.requests.cpu = 4;
    p.requests.extended["nvidia.com/gpu"] = 1;
    p.tolerations.push_back({"nvidia.com/gpu", "Exists", "", "NoSchedule"});
    p.run_time = engine::Distribution::constant(seconds);
    return p;
  }
  engine::Process create(PodSpec spec, Pod** out = nullptr) {
    Pod* p = co_await cluster.create_pod(client, "p", std::move(spec), nullptr);
    if (out) *out = p;
  }
};

}  // namespace

TEST(Cluster, PodsBeyondThePoolQueuePendingAndRunWhenCapacityFrees) {
  World w(2);
  for (int i = 0; i < 4; ++i) w.create(w.step(100));
  w.sched.run_until(50);
  EXPECT_EQ(w.cluster.running(), 2);
  EXPECT_EQ(w.cluster.pending(), 2);
  EXPECT_EQ(w.cluster.unschedulable().size(), 2u);
  w.sched.run_until(250);
  EXPECT_EQ(w.cluster.stats().pods_succeeded, 4u);
  // The second wave ran after the first: pending time ~ 100 s for two pods of four.
  EXPECT_NEAR(w.cluster.stats().pending_seconds.quantile(0.99), 100, 2);
  EXPECT_EQ(w.cluster.stats().pending_peak, 4);
}

TEST(Cluster, NodeReadyMovesUnschedulablePodsBackAndTheyBind) {
  World w(0);
  Pod* p = nullptr;
  w.create(w.step(10), &p);
  w.sched.run_until(5);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->unschedulable);
  w.pool.scale_up(1);  // Ready at 65 s
  w.sched.run_until(64);
  EXPECT_EQ(p->node, nullptr);
  w.sched.run_until(70);
  ASSERT_NE(p->node, nullptr);
  EXPECT_EQ(p->phase, PodPhase::kRunning);
}

TEST(Cluster, BackoffDoublesPerAttemptUpToTheMax) {
  for (const auto& [attempts, backoff] : {std::pair{3, 4.0}, std::pair{10, 10.0}}) {
    World w(0, 10, 1);
    Pod* p = nullptr;
    w.create(w.step(10), &p);
    w.sched.run_until(0.5);  // one attempt at 0.05 s (watch delay): unschedulable
    ASSERT_TRUE(p->unschedulable);
    p->attempts = attempts;  // as if this were its attempts-th failure
    w.pool.scale_up(1);      // Ready at 1.5 s: the pod waits for its backoff
    w.sched.run_until(0.05 + backoff - 0.01);
    EXPECT_EQ(p->node, nullptr) << attempts;
    w.sched.run_until(0.05 + backoff + 0.01);
    EXPECT_NE(p->node, nullptr) << attempts;
  }
}

TEST(Cluster, ClientQpsBoundsPodCreation) {
  World w(0);
  RestClient slow(w.sched, RestClientConfig{10, 1, 10, 30}, nullptr, false);
  int created = 0;
  auto make = [&]() -> engine::Process {
    Pod* p = co_await w.cluster.create_pod(slow, "p", w.step(1), nullptr);
    if (p) ++created;
  };
  for (int i = 0; i < 100; ++i) make();
  w.sched.run_until(5);
  EXPECT_NEAR(created, 51, 1);  // 1 at once + 10/s
  w.sched.run_until(11);
  EXPECT_EQ(created, 100);
}

TEST(ClusterAutoscaler, ScalesUpForUnschedulablePodsAtTheNextScan) {
  World w(1, 5, 120);
  ClusterAutoscaler ca(w.cluster, {}, engine::RandomStream(1, "ca"));
  ca.start();
  for (int i = 0; i < 4; ++i) w.create(w.step(1000));
  w.sched.run_until(9);
  EXPECT_EQ(w.pool.size(), 1);
  w.sched.run_until(10);
  EXPECT_EQ(w.pool.size(), 4);  // three more, one pod per node (1 GPU each)
  EXPECT_EQ(ca.stats().first_scale_up_at, 10);
  w.sched.run_until(129);
  EXPECT_EQ(w.cluster.running(), 1);
  w.sched.run_until(135);
  EXPECT_EQ(w.cluster.running(), 4);
}

TEST(ClusterAutoscaler, RespectsMaxSize) {
  World w(1, 3, 60);
  ClusterAutoscaler ca(w.cluster, {}, engine::RandomStream(1, "ca"));
  ca.start();
  for (int i = 0; i < 6; ++i) w.create(w.step(1000));
  w.sched.run_until(100);
  EXPECT_EQ(w.pool.size(), 3);
  EXPECT_EQ(w.cluster.pending(), 3);
}

TEST(ClusterAutoscaler, RemovesEmptyNodesAfterUnneededTimeAndDelayAfterAdd) {
  World w(1, 5, 60);
  ClusterAutoscaler ca(w.cluster, {}, engine::RandomStream(1, "ca"));
  ca.start();
  for (int i = 0; i < 3; ++i) w.create(w.step(100));
  // Scale-up at 10 s, nodes Ready at 70 s, pods done at ~170 s; empty from then.
  w.sched.run_until(200);
  EXPECT_EQ(w.pool.size(), 3);
  // The initial node ran its pod from 0 s: empty at ~100 s, unneeded from the 110 s scan,
  // removed at 110 + 600 = 710 s (after the delay after add: 10 + 600 = 610 s). The two new
  // nodes (pods ~70..170 s) are unneeded from 180 s: removed at 780 s.
  w.sched.run_until(705);
  EXPECT_EQ(w.pool.size(), 3);
  w.sched.run_until(715);
  EXPECT_EQ(w.pool.size(), 2);
  w.sched.run_until(775);
  EXPECT_EQ(w.pool.size(), 2);
  w.sched.run_until(785);
  EXPECT_EQ(w.pool.size(), 0);
  EXPECT_EQ(ca.stats().scaled_down_nodes, 3u);
}

TEST(ClusterAutoscaler, MinSizeIsKept) {
  World w(0);
  auto cfg = gpu_pool("keep", 8, 3, 5, 60);
  cfg.min_size = 2;
  platform::NodePool keep(w.sched, cfg, engine::RandomStream(1, "keep"));
  w.cluster.add_pool(keep);
  keep.start();
  ClusterAutoscaler ca(w.cluster, {}, engine::RandomStream(1, "ca"));
  ca.start();
  w.sched.run_until(605);
  EXPECT_EQ(keep.size(), 3);  // idle, but not yet unneeded for 10 min
  w.sched.run_until(2000);
  EXPECT_EQ(keep.size(), 2);  // one removed, min size 2 kept
  EXPECT_EQ(ca.stats().scaled_down_nodes, 1u);
}

TEST(ClusterAutoscaler, LeastWastePicksTheTighterPool) {
  World w(0, 5, 60);
  platform::NodePool big(w.sched, gpu_pool("big", 64, 0, 5, 60, false),
                         engine::RandomStream(1, "big"));
  w.cluster.add_pool(big);
  ClusterAutoscalerConfig c;
  c.expander = Expander::kLeastWaste;
  ClusterAutoscaler ca(w.cluster, c, engine::RandomStream(1, "ca"));
  ca.start();
  w.create(w.step(100));
  w.sched.run_until(11);
  EXPECT_EQ(w.pool.size(), 1);
  EXPECT_EQ(big.size(), 0);
}

namespace {
struct Workloads : World {
  Controller controller{sched, "statefulset", 5, RateLimiterConfig{}.make()};
  WorkloadController workloads{controller, cluster, RestClientConfig{20, 30, 10, 30}};
  Workloads() : World(4, 4, 60, slow_start()) { controller.start(); }
};
}  // namespace

TEST(WorkloadController, OrderedReadyCreatesPodIPlusOneAfterPodIIsReady) {
  Workloads w;
  PodSpec s = w.step(0);
  s.run_time.reset();
  const Key k = w.workloads.add(
      {"trainee", WorkloadKind::kStatefulSet, 3, PodManagementPolicy::kOrderedReady, s});
  w.sched.run_until(5);
  EXPECT_EQ(w.cluster.pods().size(), 1u);
  w.sched.run_until(40);
  const auto& wl = w.workloads.workload(k);
  ASSERT_EQ(wl.pods.size(), 3u);
  // Each pod starts 10 s after binding; the next is created only then.
  EXPECT_GT(wl.pods[1]->created, wl.pods[0]->running);
  EXPECT_GT(wl.pods[2]->created, wl.pods[1]->running);
  EXPECT_EQ(wl.ready(), 3);
  EXPECT_GT(wl.all_ready_at, 30);
}

TEST(WorkloadController, ParallelCreatesEveryPodAtOnce) {
  Workloads w;
  PodSpec s = w.step(0);
  s.run_time.reset();
  const Key k = w.workloads.add(
      {"trainee", WorkloadKind::kStatefulSet, 3, PodManagementPolicy::kParallel, s});
  w.sched.run_until(15);
  const auto& wl = w.workloads.workload(k);
  EXPECT_EQ(wl.ready(), 3);
  EXPECT_LT(wl.all_ready_at, 12);
}

TEST(WorkloadController, ReplicaSetScalesDownUnboundPodsFirst) {
  Workloads w;
  PodSpec s = w.step(0);
  s.run_time.reset();
  const Key k = w.workloads.add({"web", WorkloadKind::kReplicaSet, 6, {}, s});
  w.sched.run_until(30);
  EXPECT_EQ(w.workloads.workload(k).ready(), 4);
  EXPECT_EQ(w.cluster.pending(), 2);
  w.workloads.scale(k, 4);
  w.sched.run_until(40);
  EXPECT_EQ(w.cluster.pending(), 0);
  EXPECT_EQ(w.workloads.workload(k).ready(), 4);
}

TEST(Cluster, UnschedulablePodsAreRetriedAfterFiveMinutesWithoutAnEvent) {
  World w(1);
  PodSpec server = w.step(0);
  server.run_time.reset();
  Pod* p = nullptr;
  w.create(server);
  w.create(server, &p);
  w.sched.run_until(10);
  ASSERT_TRUE(p->unschedulable);
  // Capacity appears without any event the scheduler listens to.
  w.pool.nodes()[0]->requested = platform::Resources{};
  // Last attempt at 0.05 s; the 30 s flush at 330 s is the first to find it > 300 s old.
  w.sched.run_until(329);
  EXPECT_EQ(p->node, nullptr);
  w.sched.run_until(331);
  EXPECT_NE(p->node, nullptr);
}

TEST(Cluster, CpuWorkRunsOnTheNodeCoresAtTheNodeSpeed) {
  World w(0);
  auto cfg = gpu_pool("fast", 8, 1, 1, 0, false);
  cfg.shape.speed = 2;
  platform::NodePool fast(w.sched, cfg, engine::RandomStream(1, "fast"));
  w.cluster.add_pool(fast);
  fast.start();
  PodSpec s;
  s.requests.cpu = 4;
  s.cpu_work = engine::Distribution::constant(80);  // 4 threads x 20 core-s at speed 2: 10 s
  Pod* a = nullptr;
  Pod* b = nullptr;
  w.create(s, &a);
  w.create(s, &b);
  w.sched.run_until(100);
  ASSERT_EQ(a->phase, PodPhase::kSucceeded);
  EXPECT_NEAR(a->finished - a->running, 10, 0.05);
  // Two pods of 4 threads share the 8 cores without waiting for each other.
  EXPECT_NEAR(b->finished - b->running, 10, 0.05);
  EXPECT_NEAR(fast.nodes()[0]->host().work_done(), 160, 1e-6);
}

TEST(Cluster, CpuWorkThreadsBeyondTheCoresQueueForThem) {
  World w(0);
  platform::NodePool small(w.sched, gpu_pool("small", 4, 1, 1, 0, false),
                           engine::RandomStream(1, "small"));
  w.cluster.add_pool(small);
  small.start();
  PodSpec s;
  s.requests.cpu = 1;
  s.limits.cpu = 8;  // 8 threads on a 4-core node: two rounds
  s.cpu_work = engine::Distribution::constant(80);
  Pod* a = nullptr;
  w.create(s, &a);
  w.sched.run_until(100);
  ASSERT_EQ(a->phase, PodPhase::kSucceeded);
  EXPECT_NEAR(a->finished - a->running, 20, 0.05);
}

TEST(WorkloadController, CreateAndRemoveGoThroughTheApiServer) {
  Workloads w;
  PodSpec s = w.step(0);
  s.run_time.reset();
  std::optional<Key> key;
  const WorkloadSpec spec{"trainee", WorkloadKind::kStatefulSet, 2,
                          PodManagementPolicy::kParallel, s};
  auto op = [&]() -> engine::Process {
    auto k = co_await w.workloads.create(w.client, spec);
    key = k;
  };
  op();
  w.sched.run_until(0.005);
  EXPECT_TRUE(w.cluster.pods().empty());
  w.sched.run_until(20);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(w.workloads.workload(*key).ready(), 2);
  EXPECT_TRUE(w.api.store().exists(w.kinds.id("statefulsets"), *key));
  bool removed = false;
  auto rm = [&]() -> engine::Process {
    const bool ok = co_await w.workloads.remove(w.client, *key);
    removed = ok;
  };
  rm();
  w.sched.run_until(25);
  EXPECT_TRUE(removed);
  EXPECT_FALSE(w.api.store().exists(w.kinds.id("statefulsets"), *key));
  EXPECT_EQ(w.cluster.running(), 0);
  for (const auto& p : w.cluster.pods()) EXPECT_TRUE(p->deleted);
}
