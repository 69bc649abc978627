// ClusterPodLauncher: the PodLauncher of the Howso system on the cluster parts.
//
// Models: a trainee workload is a StatefulSet of one replica (podManagementPolicy
// OrderedReady), a core service a ReplicaSet (a Deployment), both with their pod template
// (requests, tolerations, nodeSelector), handed to kube-controller-manager's
// WorkloadController, which creates the pods through the API server; kube-scheduler binds
// them to nodes of the pools (taints, capacity), the cluster autoscaler adds nodes, the
// kubelet starts them. A pod is reported Running when the owner's informer sees it Running
// (the kubelet's status write, after the watch delay); the workload is stopped by scaling
// it to zero replicas.
// Simplification: the launcher has its own WorkloadController (kube-controller-manager's
// settings from `cluster.controller_manager`, statefulset workers for both kinds); a scenario
// that also has `workloads` gets a second one with its own client token bucket.
// Units: none. Invariants: on_running is called at most once per pod.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "k8s/Pod.hpp"
#include "k8s/WorkloadController.hpp"
#include "systems/howso/PodLauncher.hpp"

namespace fleetsim::systems::howso {

class ClusterPodLauncher final : public PodLauncher {
 public:
  // `controller` runs kube-controller-manager's StatefulSet / ReplicaSet syncs with `client`.
  ClusterPodLauncher(k8s::Controller& controller, k8s::Cluster& cluster,
                     k8s::RestClientConfig client, k8s::PodSpec trainee, k8s::PodSpec core);

  std::uint32_t launch(Role role, const std::string& name, int replicas,
                       OnRunning on_running) override;
  void stop(std::uint32_t workload) override;

 private:
  void on_pod_event(k8s::Key key, k8s::Pod& pod);

  k8s::WorkloadController workloads_;
  k8s::PodSpec trainee_, core_;
  std::map<k8s::Key, OnRunning> running_callbacks_;
  std::map<k8s::Key, int> started_;   // pods reported Running per workload
  std::set<k8s::ObjectId> reported_;  // pod ids reported Running
};

}  // namespace fleetsim::systems::howso
