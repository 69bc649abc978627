// The Howso system on the cluster parts (node pools, kube-scheduler, StatefulSet
// controller, kubelets) through ClusterPodLauncher, on a ManualScheduler.
#include <gtest/gtest.h>

#include <memory>

#include "engine/ManualScheduler.hpp"
#include "k8s/Cluster.hpp"
#include "k8s/RateLimiterConfig.hpp"
#include "systems/World.hpp"
#include "systems/howso/ClusterPodLauncher.hpp"
#include "systems/howso/HowsoSystem.hpp"

using namespace fleetsim;
namespace howso = fleetsim::systems::howso;

namespace {

platform::NodePoolConfig pool(const char* name, int cores, int nodes, const char* taint) {
  platform::NodePoolConfig c;
  c.name = name;
  c.shape.cores = cores;
  c.shape.memory = 4e9 * cores;
  c.shape.taints.push_back(platform::Taint{"dedicated", taint, "NoSchedule"});
  c.initial = nodes;
  c.min_size = nodes;
  c.max_size = nodes;
  return c;
}

k8s::PodSpec pod(double cpu, const char* toleration) {
  k8s::PodSpec p;
  p.requests.cpu = cpu;
  p.tolerations.push_back({"dedicated", "Equal", toleration, "NoSchedule"});
  return p;
}

struct Platform {
  engine::ManualScheduler sched;
  systems::World world{sched, 3};
  platform::NodePool core, workers;
  std::unique_ptr<k8s::Cluster> cluster;

  Platform()
      : core(sched, pool("core", 8, 1, "core"), engine::RandomStream(1, "core")),
        workers(sched, pool("workers", 32, 2, "trainee"), engine::RandomStream(1, "workers")) {
    k8s::ApiServerConfig api;
    api.name = "hub";
    world.add_api_server(api, 0.05);
    k8s::ClusterConfig cc;
    cc.start_latency = engine::Distribution::constant(10);
    cluster =
        std::make_unique<k8s::Cluster>(sched, cc, world.api_server("hub"), world.watch_hub("hub"),
                                       world.kinds(), engine::RandomStream(1, "cluster"));
    cluster->add_pool(core);
    cluster->add_pool(workers);
  }
};

}  // namespace

// Three trainees of 30 cores for two 32-core tainted workers and a core node they do not
// tolerate: two start after the kubelet's 10 s; the third waits until a trainee is done
// and its pod deleted, and never lands on the core node.
TEST(HowsoClusterTest, TraineesRunOnTheirTaintedPoolAndQueueForCapacity) {
  Platform p;
  auto& kcm = p.world.add_controller("kcm", 5, k8s::RateLimiterConfig{}.make());
  auto launcher = std::make_unique<howso::ClusterPodLauncher>(
      kcm, *p.cluster, k8s::RestClientConfig{20, 30, 10, 30}, pod(30, "trainee"), pod(1, "core"));
  howso::HowsoConfig c;
  c.name = "howso";
  c.requests.kind = "trace";
  c.requests.trace = {{0, 3}};
  c.trainee.cpu = 30;
  c.trainee.threads = 30;
  c.trainee.iterations = 2;
  c.trainee.iteration_work = engine::Distribution::constant(30);  // 1 s per iteration
  p.world.add_system(std::make_unique<howso::HowsoSystem>(p.world, c, std::move(launcher)));
  p.cluster->start();
  p.world.start();
  p.sched.run_until(600);
  const auto s = p.world.systems()[0]->summary();
  EXPECT_EQ(s["trainees"]["finished"], 3);
  EXPECT_EQ(s["trainee_nodes"].size(), 2u);
  for (const auto& [node, n] : s["trainee_nodes"].items()) EXPECT_EQ(node.rfind("workers-", 0), 0u);
  const auto& start = s["start_latency_seconds"];
  EXPECT_GT(start["p50"].get<double>(), 10.0);
  EXPECT_LT(start["p50"].get<double>(), 11.0);
  // The third: after the first training (>= 10 + 2 s), the pod deletion, a backoff and 10 s.
  EXPECT_GT(start["max"].get<double>(), 22.0);
  EXPECT_LT(start["max"].get<double>(), 40.0);
  EXPECT_NEAR(s["training_seconds"]["max"].get<double>(), 2.0, 1e-9);
}
