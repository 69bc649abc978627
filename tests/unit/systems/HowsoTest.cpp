#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "engine/ManualScheduler.hpp"
#include "engine/Process.hpp"
#include "engine/Sleep.hpp"
#include "systems/World.hpp"
#include "systems/howso/HowsoSystem.hpp"
#include "systems/howso/TrainingLoop.hpp"

using fleetsim::engine::Distribution;
using fleetsim::engine::ManualScheduler;
using fleetsim::engine::Process;
using fleetsim::engine::RandomStream;
using fleetsim::platform::Host;
using fleetsim::platform::HostConfig;
namespace howso = fleetsim::systems::howso;
namespace services = fleetsim::systems::services;

namespace {

services::DependentServiceConfig db_config(int slots, double service, int queue_limit = 0) {
  return {"db", "database", slots, Distribution::constant(service), queue_limit, 0, 0};
}

howso::TraineeSpec trainee(int iterations, double work, int threads,
                           std::vector<howso::ServiceCallSpec> calls) {
  howso::TraineeSpec t;
  t.iterations = iterations;
  t.iteration_work = Distribution::constant(work);
  t.threads = threads;
  t.calls = std::move(calls);
  return t;
}

Process train(howso::TrainingLoop& loop, Host& host, RandomStream& rng,
              std::vector<howso::TrainingResult>* out) {
  out->push_back(co_await loop.run(host, rng));
}

// A launcher whose pods are Running `delay` after the workload appears, on one host.
class FixedLauncher final : public howso::PodLauncher {
 public:
  FixedLauncher(ManualScheduler& s, Host& host, double delay) : s_(s), host_(host), delay_(delay) {}
  std::uint32_t launch(Role, const std::string&, int replicas, OnRunning on_running) override {
    for (int i = 0; i < replicas; ++i)
      s_.after(delay_, [this, i, on_running] { on_running(i, host_); });
    return launched_++;
  }
  void stop(std::uint32_t) override { ++stopped_; }
  int stopped_ = 0;

 private:
  ManualScheduler& s_;
  Host& host_;
  double delay_;
  std::uint32_t launched_ = 0;
};

}  // namespace

// 3 iterations of 4 core-seconds over 4 threads on 4 cores (1 s each), then 2 database
// writes of 0.5 s each (1 s): 3 x 2 s.
TEST(TrainingLoopTest, IterationsAlternateParallelCpuAndSequentialServiceCalls) {
  ManualScheduler sched;
  Host host(sched, HostConfig{"node", 4, 1.0, 0});
  services::DependentService db(sched, db_config(1, 0.5), RandomStream(1, "db"));
  const auto spec = trainee(3, 4.0, 4, {{"db", 2, 0}});
  howso::TrainingLoop loop(sched, spec, {&db});
  RandomStream rng(1, "t");
  std::vector<howso::TrainingResult> out;
  train(loop, host, rng, &out);
  sched.run();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_DOUBLE_EQ(out[0].seconds, 6.0);
  EXPECT_DOUBLE_EQ(out[0].service_seconds, 3.0);
  EXPECT_EQ(out[0].ops, 6u);
  EXPECT_DOUBLE_EQ(host.work_done(), 12.0);
}

// Two trainees on their own nodes call one database at once: with one slot the second
// waits a whole service time per operation; with two slots neither waits.
TEST(TrainingLoopTest, TooFewServiceSlotsStretchTraining) {
  for (int slots : {1, 2}) {
    ManualScheduler sched;
    Host a(sched, HostConfig{"a", 1, 1.0, 0}), b(sched, HostConfig{"b", 1, 1.0, 0});
    services::DependentService db(sched, db_config(slots, 1.0), RandomStream(1, "db"));
    const auto spec = trainee(1, 0, 1, {{"db", 3, 0}});
    howso::TrainingLoop loop(sched, spec, {&db});
    RandomStream rng(1, "t");
    std::vector<howso::TrainingResult> out;
    train(loop, a, rng, &out);
    train(loop, b, rng, &out);
    sched.run();
    ASSERT_EQ(out.size(), 2u);
    // One slot: the two alternate (FIFO): 5 s and 6 s; two slots: 3 s each.
    EXPECT_DOUBLE_EQ(out[0].seconds, slots == 1 ? 5.0 : 3.0);
    EXPECT_DOUBLE_EQ(out[1].seconds, slots == 1 ? 6.0 : 3.0);
    EXPECT_DOUBLE_EQ(out[0].service_wait + out[1].service_wait, slots == 1 ? 5.0 : 0.0);
  }
}

TEST(TrainingLoopTest, RejectedOperationIsRetriedAfterTheDelay) {
  ManualScheduler sched;
  Host a(sched, HostConfig{"a", 1, 1.0, 0}), b(sched, HostConfig{"b", 1, 1.0, 0}),
      c(sched, HostConfig{"c", 1, 1.0, 0});
  services::DependentService db(sched, db_config(1, 1.0, 1), RandomStream(1, "db"));
  auto spec = trainee(1, 0, 1, {{"db", 1, 0}});
  spec.retry_delay = 5;
  howso::TrainingLoop loop(sched, spec, {&db});
  RandomStream rng(1, "t");
  std::vector<howso::TrainingResult> out;
  for (Host* h : {&a, &b, &c}) train(loop, *h, rng, &out);
  sched.run();
  ASSERT_EQ(out.size(), 3u);
  // a: 0-1, b waits then 1-2; c is rejected at 0 and retries at 5: 5-6.
  EXPECT_DOUBLE_EQ(out[0].seconds, 1.0);
  EXPECT_DOUBLE_EQ(out[1].seconds, 2.0);
  EXPECT_DOUBLE_EQ(out[2].seconds, 6.0);
  EXPECT_EQ(out[2].rejections, 1u);
}

// The operator's client (1 QPS, burst 1, one worker) makes 2 calls per trainee (POST the
// StatefulSet, PATCH the status): 10 trainees requested at once start 2 s apart; the
// last one 18 s + the API latencies after its request.
TEST(HowsoSystemTest, OperatorClientQpsPacesTraineeStarts) {
  ManualScheduler sched;
  fleetsim::systems::World world(sched, 1);
  fleetsim::k8s::ApiServerConfig api;
  api.name = "hub";
  world.add_api_server(api, 0);
  auto& node = world.add_host(HostConfig{"node", 64, 1.0, 0});
  howso::HowsoConfig c;
  c.name = "howso";
  c.requests.kind = "trace";
  c.requests.trace = {{0, 10}};
  c.op.workers = 1;
  c.op.client = {1, 1, 10, 30};
  c.op.status_writes = 1;
  c.trainee = trainee(1, 1.0, 1, {});
  auto launcher = std::make_unique<FixedLauncher>(sched, node, 0);
  auto* l = launcher.get();
  world.add_system(std::make_unique<howso::HowsoSystem>(world, c, std::move(launcher)));
  world.start();
  sched.run_until(100);
  auto& sys = *world.systems()[0];
  EXPECT_TRUE(sys.sources_done());
  const auto s = sys.summary();
  EXPECT_EQ(s["trainees"]["finished"], 10);
  EXPECT_EQ(l->stopped_, 10);
  // Request POST (10 ms), then POST i at 0.01 + 2i, answered 10 ms later.
  EXPECT_NEAR(s["start_latency_seconds"]["max"].get<double>(), 18.02, 1e-9);
  EXPECT_NEAR(s["training_seconds"]["max"].get<double>(), 1.0, 1e-9);
}
