// ServingSystem: a request-serving service on Kubernetes (inference server, workflow runtime).
//
// Models: a RequestSource sends requests to a Service, which balances them over the ready
// replicas: `round-robin` (kube-proxy: the next replica in turn, blind to load), `random`,
// `least-connections` (fewest requests sent and not completed; ties in turn), or `queue`
// (one shared queue that every replica's idle workers pull from). Replicas (Replica) are
// placed on the least-allocated host of `hosts` (CPU requests / cores, kube-scheduler's
// LeastAllocated), become ready after the start-up delay, and may be scaled by a
// HorizontalPodAutoscaler on their CPU utilisation (usage / request over the last sync
// period). Scaling down drains the newest replicas. Requests arriving while no replica is
// ready wait at the service.
// Units: seconds, core-seconds, cores. Invariants: active replicas == the last scale
// decision; every request arrives once and completes once.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/RandomStream.hpp"
#include "k8s/HorizontalPodAutoscaler.hpp"
#include "systems/System.hpp"
#include "systems/serving/Replica.hpp"
#include "systems/serving/RequestQueue.hpp"
#include "systems/serving/RequestSource.hpp"
#include "systems/serving/ServingConfig.hpp"
#include "systems/serving/ServingStats.hpp"

namespace fleetsim::systems {
class World;
}

namespace fleetsim::systems::serving {

class ServingSystem final : public System {
 public:
  ServingSystem(World& world, ServingConfig config);

  const std::string& name() const override { return config_.name; }
  void start() override;
  // The source is exhausted and every request it sent has completed.
  bool sources_done() const override;
  double progress() const override;
  bool first_pass_done() const override { return sources_done(); }
  nlohmann::ordered_json summary() const override;
  void gauges(std::vector<std::pair<std::string, double>>& out) const override;

 private:
  void arrive();
  void route(double arrival);
  Replica* pick();
  void add_replica();
  void scale_to(int n);
  void on_ready(Replica& r);
  void on_done(Replica& r, const Batch& b);
  void record_replicas();
  k8s::HpaObservation observe();
  platform::Host& place();

  World& world_;
  ServingConfig config_;
  engine::RandomStream work_rng_, balance_rng_;
  std::unique_ptr<RequestSource> source_;
  std::unique_ptr<RequestQueue> shared_;
  std::vector<std::unique_ptr<RequestQueue>> queues_;  // per replica (push policies)
  std::vector<std::unique_ptr<Replica>> replicas_;     // every replica ever created
  std::vector<Replica*> active_;                       // not draining, oldest first
  std::vector<Replica*> ready_;                        // active and ready
  std::deque<double> pending_;                         // arrivals with no ready replica
  std::map<platform::Host*, double> allocated_;        // CPU requests per host
  std::vector<platform::Host*> hosts_;
  std::vector<double> last_cpu_;
  double last_sync_ = 0;
  std::uint64_t turn_ = 0;
  std::unique_ptr<k8s::HorizontalPodAutoscaler> hpa_;
  ServingStats stats_;
};

}  // namespace fleetsim::systems::serving
