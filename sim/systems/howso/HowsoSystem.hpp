// HowsoSystem: a Howso-style ML platform: training requests become trainee pods through
// the hub API server; running trainees train against dependent services.
//
// Models:
//  - A RequestSource of training requests (bursts: a trace, cron or rate). Each request is
//    the platform API creating a Trainee object: POST trainees on the hub (its own client,
//    unlimited); the operator watches trainees.
//  - The operator: a controller (workqueue + `workers`) with its own REST client (QPS /
//    burst). Reconciling a Trainee that has no StatefulSet yet: CPU on its host, POST the
//    StatefulSet (one replica), then `status_writes` PATCHes of the Trainee status; a call
//    that fails (429 after the retries, timeout) ends the reconcile with an error
//    (rate-limited requeue); a 409 on the POST means the StatefulSet exists. Its own status
//    write re-enqueues the Trainee (the watch); that reconcile reads its informer cache and
//    makes no call. The StatefulSet reaches the StatefulSet controller through the watch
//    (PodLauncher: pod creation through the API server, scheduling onto the tainted worker
//    pool, the autoscaler's provisioning delay, the kubelet's start).
//  - A trainee whose pod is Running trains (TrainingLoop) on its node's host; when it is
//    done its StatefulSet is scaled to zero (the pod is deleted, its node freed).
//  - An optional core service (CoreService) on the core nodes, measured for latency.
// Figures: trainee start latency (request to pod Running), time to the StatefulSet POST,
// training duration and time in service calls, all as percentiles.
// Units: seconds, core-seconds. Invariants: a trainee gets at most one StatefulSet; it is
// requested, launched, Running and finished at most once each, in that order.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/Process.hpp"
#include "engine/RandomStream.hpp"
#include "k8s/Controller.hpp"
#include "k8s/RestClient.hpp"
#include "stats/QuantileHistogram.hpp"
#include "systems/System.hpp"
#include "systems/howso/CoreService.hpp"
#include "systems/howso/HowsoConfig.hpp"
#include "systems/howso/PodLauncher.hpp"
#include "systems/howso/TrainingLoop.hpp"
#include "systems/serving/RequestSource.hpp"

namespace fleetsim::systems {
class World;
}

namespace fleetsim::systems::howso {

class HowsoSystem final : public System {
 public:
  HowsoSystem(World& world, HowsoConfig config, std::unique_ptr<PodLauncher> launcher);

  const std::string& name() const override { return config_.name; }
  void start() override;
  // Every request has arrived and every trainee has finished training (and the core
  // service's source is done).
  bool sources_done() const override;
  double progress() const override;
  bool first_pass_done() const override { return sources_done(); }
  nlohmann::ordered_json summary() const override;
  // NAME.trainees_starting (requested, pod not yet Running), NAME.trainees_running.
  void gauges(std::vector<std::pair<std::string, double>>& out) const override;

 private:
  struct Trainee {
    double requested = -1, launched = -1, running = -1, finished = -1;
    std::uint32_t workload = 0;
    bool has_workload = false, status_written = false;
  };
  engine::Process request(k8s::ObjectId id);
  engine::Task<k8s::ReconcileResult> reconcile(k8s::Key key);
  void on_statefulset(k8s::ObjectId id);
  engine::Process train(k8s::ObjectId id, platform::Host& host);

  World& world_;
  HowsoConfig config_;
  std::unique_ptr<PodLauncher> launcher_;
  k8s::ApiServer& hub_;
  k8s::KindId trainees_kind_, statefulsets_kind_;
  k8s::Controller* operator_ = nullptr;
  platform::Host* operator_host_ = nullptr;
  std::unique_ptr<k8s::RestClient> client_, platform_client_;
  engine::RandomStream rng_;
  std::unique_ptr<serving::RequestSource> source_;
  std::unique_ptr<TrainingLoop> training_;
  std::unique_ptr<CoreService> core_;
  std::deque<Trainee> trainees_;  // by id (stable references)
  std::uint64_t running_ = 0, finished_ = 0, request_failures_ = 0;
  stats::QuantileHistogram start_latency_, launch_latency_, training_seconds_, service_seconds_;
  std::uint64_t ops_ = 0, rejections_ = 0;
  std::map<std::string, int> trainee_nodes_;  // trainees started per node (host) name
};

}  // namespace fleetsim::systems::howso
