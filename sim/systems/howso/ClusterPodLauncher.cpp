#include "systems/howso/ClusterPodLauncher.hpp"

namespace fleetsim::systems::howso {

ClusterPodLauncher::ClusterPodLauncher(k8s::Controller& controller, k8s::Cluster& cluster,
                                       k8s::RestClientConfig client, k8s::PodSpec trainee,
                                       k8s::PodSpec core)
    : workloads_(controller, cluster, client),
      trainee_(std::move(trainee)),
      core_(std::move(core)) {
  workloads_.set_on_pod_event([this](k8s::Key key, k8s::Pod& pod) { on_pod_event(key, pod); });
}

std::uint32_t ClusterPodLauncher::launch(Role role, const std::string& name, int replicas,
                                         OnRunning on_running) {
  k8s::WorkloadSpec spec;
  spec.name = name;
  spec.replicas = replicas;
  if (role == Role::kTrainee) {
    spec.kind = k8s::WorkloadKind::kStatefulSet;
    spec.policy = k8s::PodManagementPolicy::kOrderedReady;
    spec.pod = trainee_;
  } else {
    spec.kind = k8s::WorkloadKind::kReplicaSet;
    spec.pod = core_;
  }
  const k8s::Key key = workloads_.add(std::move(spec));
  running_callbacks_[key] = std::move(on_running);
  return key;
}

void ClusterPodLauncher::stop(std::uint32_t workload) {
  running_callbacks_.erase(workload);
  workloads_.scale(workload, 0);
}

void ClusterPodLauncher::on_pod_event(k8s::Key key, k8s::Pod& pod) {
  if (pod.terminated() || pod.phase != k8s::PodPhase::kRunning || !pod.node) return;
  const auto it = running_callbacks_.find(key);
  if (it == running_callbacks_.end() || !reported_.insert(pod.id).second) return;
  it->second(started_[key]++, pod.node->host());
}

}  // namespace fleetsim::systems::howso
