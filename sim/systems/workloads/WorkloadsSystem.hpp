// WorkloadsSystem: Deployments and StatefulSets of a scenario, reconciled by
// kube-controller-manager's statefulset and replicaset controllers (WorkloadController),
// whose pods are created through the API server and run on the cluster's node pools.
//
// Models: every workload appears at t = 0; the controllers' RestClient (kube-controller-
// manager --kube-api-qps 20 / --kube-api-burst 30 by default) and the scheduler's bindings
// bound how fast pods are created and placed. A workload is done once all its replicas were
// Running and Ready at the same time.
// Units: seconds. Invariants: the controllers exist only for kinds in use; every workload's
// progress is ready / replicas.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "k8s/WorkloadController.hpp"
#include "systems/System.hpp"

namespace fleetsim::systems {
class World;
}

namespace fleetsim::systems::workloads {

struct WorkloadsConfig {
  std::vector<k8s::WorkloadSpec> workloads;
  k8s::RestClientConfig client{20, 30, 10, 30};  // kube-controller-manager
  int statefulset_workers = 5;                   // --concurrent-statefulset-syncs
  int replicaset_workers = 5;                    // --concurrent-replicaset-syncs
};

class WorkloadsSystem final : public System {
 public:
  WorkloadsSystem(World& world, WorkloadsConfig config);

  const std::string& name() const override { return name_; }
  void start() override;
  // Every workload has been fully Ready once.
  bool sources_done() const override;
  double progress() const override;
  bool first_pass_done() const override { return sources_done(); }
  nlohmann::ordered_json summary() const override;
  void gauges(std::vector<std::pair<std::string, double>>& out) const override;

 private:
  struct Entry {
    k8s::WorkloadController* controller;
    k8s::Key key;
  };
  k8s::WorkloadController& controller_for(k8s::WorkloadKind kind);

  std::string name_ = "workloads";
  World& world_;
  WorkloadsConfig config_;
  std::unique_ptr<k8s::WorkloadController> statefulsets_, replicasets_;
  std::vector<Entry> entries_;
};

}  // namespace fleetsim::systems::workloads
