// PodLauncher: how the Howso platform's workloads become running pods.
//
// Models: the cluster side as the platform sees it (StatefulSet and Deployment
// controllers, kube-scheduler, node pools, cluster autoscaler, kubelets): a workload object
// appears in the controllers' informer and, later, each of its pods is Running on a node
// whose host runs the pod's CPU work. The Howso system only depends on this interface; the
// implementation on the cluster parts is ClusterPodLauncher.
// Units: none. Invariants: on_running is called at most once per pod ordinal.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "platform/Host.hpp"

namespace fleetsim::systems::howso {

class PodLauncher {
 public:
  // Which pod template: trainees (worker pool) or the platform's core services.
  enum class Role { kTrainee, kCore };
  using OnRunning = std::function<void(int ordinal, platform::Host& host)>;

  virtual ~PodLauncher() = default;
  // The workload `name` of `replicas` pods (role's template) appears; `on_running` is called
  // once per pod when it is Running. Returns the workload's handle.
  virtual std::uint32_t launch(Role role, const std::string& name, int replicas,
                               OnRunning on_running) = 0;
  // Scales the workload to zero: its pods are deleted and their node resources freed.
  virtual void stop(std::uint32_t workload) = 0;
};

}  // namespace fleetsim::systems::howso
