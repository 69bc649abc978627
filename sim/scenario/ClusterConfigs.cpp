#include "scenario/ClusterConfigs.hpp"

namespace fleetsim::scenario {

k8s::RestClientConfig client_config(const Json& j) {
  return k8s::RestClientConfig{j["qps"].get<double>(), j["burst"].get<int>(),
                               j["max_retries"].get<int>(), duration_value(j["timeout"])};
}

k8s::RateLimiterConfig rate_limiter_config(const Json& rl) {
  return {duration_value(rl["base_delay"]), duration_value(rl["max_delay"]),
          rl["qps"].get<double>(), rl["burst"].get<int>()};
}

platform::Resources resources_value(const Json& j) {
  platform::Resources r;
  r.cpu = cpu_value(j["cpu"]);
  r.memory = memory_value(j["memory"]);
  for (const auto& [k, v] : j["extended"].items()) r.extended[k] = v.get<double>();
  return r;
}

std::map<std::string, std::string> labels_value(const Json& j) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : j.items()) out[k] = v.get<std::string>();
  return out;
}

k8s::PodSpec pod_spec(const Json& j) {
  k8s::PodSpec p;
  p.requests = resources_value(j["requests"]);
  p.limits = resources_value(j["limits"]);
  for (const auto& t : j["tolerations"])
    p.tolerations.push_back({t["key"].get<std::string>(), t["operator"].get<std::string>(),
                             t["value"].get<std::string>(), t["effect"].get<std::string>()});
  p.node_selector = labels_value(j["node_selector"]);
  if (j.contains("run_time")) p.run_time = distribution_value(j["run_time"]);
  if (j.contains("cpu_work")) p.cpu_work = distribution_value(j["cpu_work"]);
  return p;
}

platform::NodePoolConfig node_pool_config(const std::string& name, const Json& j) {
  platform::NodePoolConfig c;
  c.name = name;
  c.shape.cores = j["cores"].get<int>();
  c.shape.speed = j["speed"].get<double>();
  c.shape.memory = memory_value(j["memory"]);
  for (const auto& [k, v] : j["extended"].items()) c.shape.extended[k] = v.get<double>();
  c.shape.labels = labels_value(j["labels"]);
  for (const auto& t : j["taints"])
    c.shape.taints.push_back({t["key"].get<std::string>(), t["value"].get<std::string>(),
                              t["effect"].get<std::string>()});
  c.initial = j["initial"].get<int>();
  c.min_size = j["min_size"].get<int>();
  c.max_size = j["max_size"].get<int>();
  c.provisioning_delay = distribution_value(j["provisioning_delay"]);
  return c;
}

k8s::ClusterConfig cluster_config(const Json& j) {
  k8s::ClusterConfig c;
  const Json& sc = j["scheduler"];
  c.scoring = sc["scoring"] == "MostAllocated" ? k8s::ScoringStrategy::kMostAllocated
                                               : k8s::ScoringStrategy::kLeastAllocated;
  c.cycle_time = duration_value(sc["cycle_time"]);
  c.pod_initial_backoff = duration_value(sc["pod_initial_backoff"]);
  c.pod_max_backoff = duration_value(sc["pod_max_backoff"]);
  c.pod_max_unschedulable = duration_value(sc["pod_max_in_unschedulable_pods_duration"]);
  c.scheduler_client = client_config(sc["client"]);
  c.start_latency = distribution_value(j["kubelet"]["start_latency"]);
  c.kubelet_client = client_config(j["kubelet"]["client"]);
  return c;
}

k8s::ClusterAutoscalerConfig autoscaler_config(const Json& a) {
  k8s::ClusterAutoscalerConfig ca;
  ca.scan_interval = duration_value(a["scan_interval"]);
  ca.expander =
      a["expander"] == "least-waste" ? k8s::Expander::kLeastWaste : k8s::Expander::kRandom;
  ca.scale_down_enabled = a["scale_down_enabled"].get<bool>();
  ca.scale_down_utilization_threshold = a["scale_down_utilization_threshold"].get<double>();
  ca.scale_down_gpu_utilization_threshold = a["scale_down_gpu_utilization_threshold"].get<double>();
  ca.scale_down_unneeded_time = duration_value(a["scale_down_unneeded_time"]);
  ca.scale_down_delay_after_add = duration_value(a["scale_down_delay_after_add"]);
  ca.scale_down_delay_after_delete = duration_value(a["scale_down_delay_after_delete"]);
  ca.max_nodes_total = a["max_nodes_total"].get<int>();
  ca.max_empty_bulk_delete = a["max_empty_bulk_delete"].get<int>();
  ca.new_pod_scale_up_delay = duration_value(a["new_pod_scale_up_delay"]);
  ca.gpu_resource = a["gpu_resource"].get<std::string>();
  return ca;
}

systems::workloads::WorkloadsConfig workloads_config(const Json& root) {
  const Json& cm = root["cluster"]["controller_manager"];
  systems::workloads::WorkloadsConfig c;
  c.client = client_config(cm["client"]);
  c.statefulset_workers = cm["concurrent_statefulset_syncs"].get<int>();
  c.replicaset_workers = cm["concurrent_replicaset_syncs"].get<int>();
  for (const auto& [name, j] : root["workloads"].items()) {
    k8s::WorkloadSpec s;
    s.name = name;
    s.kind = j["kind"] == "StatefulSet" ? k8s::WorkloadKind::kStatefulSet
                                        : k8s::WorkloadKind::kReplicaSet;
    s.replicas = j["replicas"].get<int>();
    s.policy = j["pod_management_policy"] == "Parallel" ? k8s::PodManagementPolicy::kParallel
                                                        : k8s::PodManagementPolicy::kOrderedReady;
    s.pod = pod_spec(j["pod"]);
    c.workloads.push_back(std::move(s));
  }
  return c;
}

}  // namespace fleetsim::scenario
